/**
 * The entity schemas (zod 4): each file exports its schema and inferred type. Schemas hold data fields only;
 * storage adds `id`, `rev`, `createdAt`, `updatedAt` and `deleted`. References to other records are `...Id`.
 *
 * The pattern, for every entity:
 * - `<name>Schema` is a plain `z.object` (no refinement on it), so `.pick()`, `.omit()`, `.extend()` and
 *   `.partial()` work. Parse a whole record (a create) with it; its defaults fill in.
 * - A patch (an update) is parsed with `patchSchemaOf(<name>Schema)`: every field optional and NO default
 *   filled in. zod 4's `.partial()` still applies defaults, so a patch `{ title }` would come back with
 *   `status: 'open'` and reopen a converted lead when merged.
 * - A cross-field rule (a lost lead or opportunity names its lost reason, a rejected raw contact its reason, a
 *   quote's `validUntil` / a contract's `endDate` not before its start) is an exported `refine<Name>(value, ctx)`
 *   next to the schema. It judges a whole record: apply it as `<name>Schema.superRefine(refine<Name>)` to a
 *   create, and to the merged record (stored + patch) of an update; a patch alone cannot be judged.
 * - `withCustomFields(schema, definitions)` swaps in the configured `custom` object with `.safeExtend()`, which
 *   keeps a refinement already applied.
 */
export * from './common.js';
export { toValidationIssues, parseWith, failField } from './validate.js';
export { patchSchemaOf, type PatchShape } from './patch.js';
export * from './enums.js';
export { rawContactSchema, screeningStatusSchema, refineRawContact, type RawContact } from './raw-contact.js';
export { leadSchema, leadStatusSchema, bantSchema, bantAnswerSchema, refineLead, type Lead, type Bant } from './lead.js';
export { contactSchema, contactPhoneSchema, type Contact } from './contact.js';
export { companySchema, taxCodeSchema, type Company } from './company.js';
export { opportunitySchema, opportunityStatusSchema, stageVisitSchema, refineOpportunity, type Opportunity, type StageVisit } from './opportunity.js';
export { documentLineSchema, documentTotalsSchema, type DocumentLine, type DocumentTotals } from './document-line.js';
export { quoteSchema, quoteStateSchema, refineQuote, type Quote } from './quote.js';
export { orderSchema, paymentMethodSchema, type Order } from './order.js';
export { contractSchema, refineContract, type Contract } from './contract.js';
export { caseSchema, caseStatusSchema, type Case } from './case.js';
export { activitySchema, activityRelatedSchema, type Activity } from './activity.js';
export { activityTypeSchema, type ActivityType } from './activity-type.js';
export { salesTeamSchema, type SalesTeam } from './sales-team.js';
export { stageSchema, type Stage } from './stage.js';
export { tagSchema, type Tag } from './tag.js';
export { lostReasonSchema, type LostReason } from './lost-reason.js';
export { userSchema, type User } from './user.js';
export {
  customFieldDefinitionSchema,
  refineCustomFieldDefinition,
  buildCustomFieldsSchema,
  withCustomFields,
  type CustomFieldDefinition,
  type WithCustomShape,
} from './custom-field.js';
export { productSchema, productUnitSchema, productAttributeSchema, packagingSchema, type Product } from './product.js';
export { priceListSchema, priceListItemSchema, priceTargetSchema, taxOrFeeSchema, priceListAssignmentSchema, type PriceList } from './price-list.js';
export { promotionSchema, rewardSchema, type Promotion, type Reward } from './promotion.js';
export { couponSchema, type Coupon } from './coupon.js';
export { routeSchema, routeMemberSchema, visitPlanSchema, visitFrequencySchema, participationChangeSchema, type Route, type RouteMember, type VisitPlan } from './route.js';
export { routeAssignmentSchema, type RouteAssignment } from './route-assignment.js';
export { interactionSchema, callStatusSchema, type Interaction } from './interaction.js';
export { messageTemplateSchema, type MessageTemplate } from './message-template.js';
export { notificationSchema, type Notification } from './notification.js';
