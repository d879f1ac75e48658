import type { z } from 'zod';
import type { Actor } from './access/actor.js';
import { createAccessPolicy, type AccessPolicy } from './access/policy.js';
import type { CrmContext } from './crm/context.js';
import { entityDefinitions, type CollectionName, type EntityDefinition } from './crm/entities.js';
import { EntityService, type ServiceOf } from './crm/entity-service.js';
import { customFieldDefinitionSchema, withCustomFields, type CustomFieldDefinition } from './schema/custom-field.js';
import { parseWith } from './schema/validate.js';
import type { ChangeListener, StorageAdapter } from './storage/contract.js';
import { CrmValidationError } from './errors.js';
import { PricingService } from './pricing/pricing-service.js';
import { FieldSalesService, type FieldSalesOptions } from './routes/field-sales-service.js';
import { CommunicationsService, type CommunicationsOptions } from './communications/communications-service.js';
import { PipelineService } from './pipeline/pipeline-service.js';
import { wonStageGuard } from './pipeline/won-stage-guard.js';
import type { PricingOptions } from './pricing/engine.js';
import { DuplicatesService, parseDuplicatesOptions, type DuplicatesOptions, type ResolvedDuplicatesOptions } from './dedup/duplicates-service.js';
import { ImportService } from './import/import-service.js';
import { LiveDuplicateIndexes } from './dedup/live-indexes.js';
import { salesCycleServices, type SalesCycleOptions, type SalesCycleServices } from './sales/sales-cycle-services.js';

/** Options of {@link createCrm}. */
export interface CrmOptions {
  /** Where records live: `createMemoryAdapter`, `createDexieAdapter`, `createIdbAdapter`, or your own. */
  storage: StorageAdapter;
  /** Who is acting; every change is recorded under this actor and checked against the access rules. */
  actor: Actor;
  /** User-defined custom fields, validated like built-in ones (each names the entity it extends). */
  customFields?: readonly CustomFieldDefinition[];
  /** The access rules; crmkit's defaults when omitted (see `createAccessPolicy`). */
  access?: AccessPolicy;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** The id source; `crypto.randomUUID` by default. */
  newId?: () => string;
  /** Pricing options (the coupon code generator). */
  pricing?: PricingOptions;
  /** Field-sales options (the check-in radius). */
  fieldSales?: FieldSalesOptions;
  /** The host's message transport and telephony bridge. */
  communications?: CommunicationsOptions;
  /** Duplicate rules, field maps and cross-entity checks; Vietnamese defaults when omitted (see `DEFAULT_DEDUP_SETTINGS`). */
  duplicates?: DuplicatesOptions;
  /** The sales cycle: the lead step on or off, document sequences and quote validity, the greeting sender. */
  salesCycle?: SalesCycleOptions;
}

/** One service per entity, named like the collection (`crm.leads`, `crm.contacts`, ...). */
export type CrmServices = { [K in CollectionName]: ServiceOf<(typeof entityDefinitions)[K]['schema']> };

/**
 * The domain services: workflows that span entities (each in its domain folder), on the same store and actor.
 * The sales cycle's (prospecting, documents, activityPlanner, teams, support, greetings, reports) come from
 * {@link SalesCycleServices}.
 */
export interface CrmDomainServices extends SalesCycleServices {
  /** Prices carts, quotes and orders; places orders with their coupons; guards product codes and combos. */
  pricing: PricingService;
  /** Sales routes and field visits: members in/out of route, stop order and optimisation, assignment, visits. */
  fieldSales: FieldSalesService;
  /** Messages from templates through the host's transport, reminders, notifications, calls. */
  communications: CommunicationsService;
  /** Stage moves with history, won and lost (with a lost reason), reopening. */
  pipeline: PipelineService;
  /** Duplicate check as you type and on save, find duplicates, scans into clusters, merge with preview and undo. */
  duplicates: DuplicatesService;
  /** Bulk import from CSV and Excel: mapping, validation, duplicate policies, dry run, chunked commits. */
  imports: ImportService;
}

/** The crmkit facade: a service per entity and the domain services, over one store, as one actor. */
export type Crm = CrmServices & CrmDomainServices & {
  /** The context services are built on (store, actor, access rules, clock). */
  readonly context: CrmContext;
  /** Calls `listener` once per commit (this tab's or another's). Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  /** The same crm acting as another actor (e.g. after a login switch). */
  as(actor: Actor): Crm;
};

/**
 * Creates the crmkit facade over a store. Every input is validated with the entity's schema (plus custom
 * fields), access is enforced in the services, and every change lands in the audit trail.
 *
 * @example
 * const storage = await createMemoryAdapter({ schema: crmStorageSchema });
 * const crm = createCrm({ storage, actor: { id: 'u1', role: 'salesperson' } });
 * const lead = await crm.leads.create({ title: 'Gói cước Y', contactName: 'Nguyễn Văn An' });
 */
export function createCrm(options: CrmOptions): Crm {
  const customFields = (options.customFields ?? []).map((definition, i) => parseWith(customFieldDefinitionSchema, definition, `customFields.${i}`));
  const byEntity = new Map<string, EntityDefinition>();
  for (const definition of Object.values(entityDefinitions) as EntityDefinition[]) {
    const own = customFields.filter((field) => field.entity === definition.entity);
    if (own.length > 0 && !definition.customFields) {
      throw new CrmValidationError([{ path: 'customFields', message: `${definition.entity} does not take custom fields`, code: 'invalid_value' }]);
    }
    const schema = own.length > 0 ? (withCustomFields(definition.schema as never, own) as z.ZodType) : definition.schema;
    byEntity.set(definition.entity, { ...definition, schema });
  }
  const unknownEntity = customFields.find((field) => !byEntity.has(field.entity));
  if (unknownEntity) {
    throw new CrmValidationError([{ path: 'customFields', message: `unknown entity "${unknownEntity.entity}"`, code: 'invalid_value' }]);
  }
  const access =
    options.access ??
    createAccessPolicy({ configEntities: new Set([...byEntity.values()].filter((definition) => definition.config).map((definition) => definition.entity)) });
  const duplicates = parseDuplicatesOptions(options.duplicates);
  // one set of duplicate indexes per store: every actor's crm (`crm.as`) checks against the same ones
  const indexes = new LiveDuplicateIndexes({ storage: options.storage, settings: duplicates.settings, fieldMaps: duplicates.fieldMaps, index: duplicates.index });
  return build(options, access, byEntity, duplicates, indexes);
}

function build(options: CrmOptions, access: AccessPolicy, byEntity: Map<string, EntityDefinition>, duplicates: ResolvedDuplicatesOptions, indexes: LiveDuplicateIndexes): Crm {
  const context: CrmContext = {
    storage: options.storage,
    actor: options.actor,
    access,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => globalThis.crypto.randomUUID()),
    saveGuards: [],
    definition(entity) {
      const definition = byEntity.get(entity);
      if (!definition) throw new CrmValidationError([{ path: 'entity', message: `unknown entity "${entity}"`, code: 'unknown_entity' }]);
      return definition;
    },
  };
  const services = Object.fromEntries(
    (Object.keys(entityDefinitions) as CollectionName[]).map((name) => [name, new EntityService(context, entityDefinitions[name].entity)]),
  ) as unknown as CrmServices;
  // domain services: each registers its save guards on the context as it is built
  context.saveGuards.push(wonStageGuard(context));
  const dedup = duplicateServices(context, duplicates, indexes);
  const domain: CrmDomainServices = {
    pricing: new PricingService(context, options.pricing),
    fieldSales: new FieldSalesService(context, options.fieldSales),
    communications: new CommunicationsService(context, options.communications, dedup.duplicates),
    pipeline: new PipelineService(context),
    ...dedup,
    // the sales cycle (leads → conversion → documents, activities, teams, cases, greetings, reports)
    ...salesCycleServices(context, options.salesCycle, dedup.duplicates),
  };
  return {
    ...services,
    ...domain,
    context,
    subscribe: (listener) => options.storage.subscribe(listener),
    as: (actor) => build({ ...options, actor }, access, byEntity, duplicates, indexes),
  };
}

function duplicateServices(context: CrmContext, options: ResolvedDuplicatesOptions, indexes: LiveDuplicateIndexes): Pick<CrmDomainServices, 'duplicates' | 'imports'> {
  const duplicates = new DuplicatesService(context, options, indexes);
  return { duplicates, imports: new ImportService(context, duplicates) };
}
