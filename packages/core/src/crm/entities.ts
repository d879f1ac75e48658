import type { z } from 'zod';
import { activitySchema } from '../schema/activity.js';
import { activityTypeSchema } from '../schema/activity-type.js';
import { caseSchema } from '../schema/case.js';
import { companySchema } from '../schema/company.js';
import { contactSchema } from '../schema/contact.js';
import { contractSchema, refineContract } from '../schema/contract.js';
import { couponSchema } from '../schema/coupon.js';
import { interactionSchema } from '../schema/interaction.js';
import { leadSchema, refineLead } from '../schema/lead.js';
import { lostReasonSchema } from '../schema/lost-reason.js';
import { opportunitySchema, refineOpportunity } from '../schema/opportunity.js';
import { orderSchema } from '../schema/order.js';
import { priceListSchema } from '../schema/price-list.js';
import { productSchema } from '../schema/product.js';
import { promotionSchema } from '../schema/promotion.js';
import { quoteSchema, refineQuote } from '../schema/quote.js';
import { rawContactSchema, refineRawContact } from '../schema/raw-contact.js';
import { routeSchema } from '../schema/route.js';
import { routeAssignmentSchema } from '../schema/route-assignment.js';
import { salesTeamSchema } from '../schema/sales-team.js';
import { stageSchema } from '../schema/stage.js';
import { tagSchema } from '../schema/tag.js';
import { userSchema } from '../schema/user.js';
import { sequenceSchema } from './sequence.js';
import { messageTemplateSchema } from '../schema/message-template.js';
import { notificationSchema } from '../schema/notification.js';
import { mergeRecordSchema } from '../dedup/merge-record.js';
import { greetingRecordSchema } from '../greetings/greeting-record.js';

/** How crmkit stores and guards one entity. */
export interface EntityDefinition<S extends z.ZodType = z.ZodType> {
  /** The entity's name in storage and errors (e.g. `lead`). */
  entity: string;
  /** The schema every input is parsed with. */
  schema: S;
  /** Indexed fields (see `EntityStoreDefinition.indexes`). */
  indexes: readonly string[];
  /** Configuration (read by all, changed by managers) rather than owned business records. */
  config: boolean;
  /** Whether user-defined custom fields may extend it (in its `custom` object). */
  customFields: boolean;
}

function define<S extends z.ZodType>(entity: string, schema: S, indexes: readonly string[], options: { config?: boolean; customFields?: boolean } = {}): EntityDefinition<S> {
  return { entity, schema, indexes, config: options.config ?? false, customFields: options.customFields ?? false };
}

const OWNED = ['ownerId', 'teamId', 'updatedAt'] as const;

/**
 * Every entity crmkit stores, keyed by the name of its service on the facade (`crm.leads`, ...). The indexes
 * are what services query by; adding one means a new storage schema version. Cross-field rules (a lost
 * opportunity needs a lost reason, ...) are applied here, on whole records: services validate the merged
 * record of an update, never a patch alone.
 */
export const entityDefinitions = {
  rawContacts: define('rawContact', rawContactSchema.superRefine(refineRawContact), [...OWNED, 'screeningStatus', 'source', 'collectedFrom', 'leadId'], { customFields: true }),
  leads: define('lead', leadSchema.superRefine(refineLead), [...OWNED, 'status', 'salespersonId', 'salesTeamId', '*tagIds', 'channel', 'campaign', 'salesRegion', 'email', 'convertedContactId', 'convertedCompanyId'], { customFields: true }),
  contacts: define('contact', contactSchema, [...OWNED, 'fullName', 'companyId', 'kind', '*tagIds', 'address.province'], { customFields: true }),
  companies: define('company', companySchema, [...OWNED, 'name', 'status', 'taxCode', '*tagIds'], { customFields: true }),
  opportunities: define('opportunity', opportunitySchema.superRefine(refineOpportunity), [...OWNED, 'stageId', 'status', 'companyId', 'contactId', 'salespersonId', 'salesTeamId', 'expectedCloseDate', 'leadId', '*tagIds'], { customFields: true }),
  quotes: define('quote', quoteSchema.superRefine(refineQuote), [...OWNED, 'opportunityId', 'number', 'state', 'companyId', 'contactId']),
  orders: define('order', orderSchema, [...OWNED, 'opportunityId', 'quoteId', 'number', 'status', 'companyId', 'contactId', 'date', '*promotionIds']),
  contracts: define('contract', contractSchema.superRefine(refineContract), [...OWNED, 'opportunityId', 'number', 'status', 'companyId', 'contactId']),
  cases: define('case', caseSchema, [...OWNED, 'status', 'priority', 'contactId', 'companyId', 'orderId'], { customFields: true }),
  activities: define('activity', activitySchema, [...OWNED, 'assigneeId', 'status', 'dueAt', 'typeId', 'related.id']),
  activityTypes: define('activityType', activityTypeSchema, ['name'], { config: true }),
  salesTeams: define('salesTeam', salesTeamSchema, ['name', '*memberIds', 'leaderId'], { config: true }),
  stages: define('stage', stageSchema, ['sequence'], { config: true }),
  tags: define('tag', tagSchema, ['name'], { config: true }),
  lostReasons: define('lostReason', lostReasonSchema, ['name'], { config: true }),
  users: define('user', userSchema, ['email', 'role', '*teamIds'], { config: true }),
  products: define('product', productSchema, ['code', 'groupId'], { config: true }),
  priceLists: define('priceList', priceListSchema, ['status'], { config: true }),
  promotions: define('promotion', promotionSchema, ['code', 'status'], { config: true }),
  coupons: define('coupon', couponSchema, ['code', 'issuedToCustomerId', 'status']),
  routes: define('route', routeSchema, ['status', 'region', '*customerIds'], { config: true }),
  routeAssignments: define('routeAssignment', routeAssignmentSchema, ['routeId', 'userId'], { config: true }),
  interactions: define('interaction', interactionSchema, [...OWNED, 'customerId', 'userId', 'routeId', 'at']),
  sequences: define('sequence', sequenceSchema, ['name'], { config: true }),
  messageTemplates: define('messageTemplate', messageTemplateSchema, ['name', 'entity', 'channel'], { config: true }),
  notifications: define('notification', notificationSchema, ['userId', 'read']),
  // a merge and the snapshots that undo it (crm.duplicates)
  merges: define('merge', mergeRecordSchema, ['entity', 'survivorId', 'at']),
  // one log record per greeting (date + recipient), so the daily greetings job sends nothing twice (crm.greetings)
  greetingLog: define('greeting', greetingRecordSchema, ['date', 'recipient.id', 'status']),
} as const;

/** The facade's service names (`leads`, `contacts`, ...). */
export type CollectionName = keyof typeof entityDefinitions;

/** Looks an entity's definition up by its storage name (`lead`). */
export function definitionOf(entity: string): EntityDefinition | undefined {
  return Object.values(entityDefinitions).find((definition) => definition.entity === entity);
}
