/**
 * The entity schemas (zod 4): each file exports its schema and inferred type. Schemas hold data fields only;
 * storage adds `id`, `rev`, `createdAt`, `updatedAt` and `deleted`. Cross-field rules (a lost opportunity needs
 * a lost reason, dates not reversed) are `superRefine`s on the object, so extend such a schema with
 * `.safeExtend()` (as custom fields do), not `.extend()`.
 */
export * from './common.js';
export { toValidationIssues, parseWith, failField } from './validate.js';
export * from './enums.js';
export { rawContactSchema, screeningStatusSchema, type RawContact } from './raw-contact.js';
export { leadSchema, leadStatusSchema, bantSchema, bantAnswerSchema, type Lead, type Bant } from './lead.js';
export { contactSchema, contactPhoneSchema, type Contact } from './contact.js';
export { companySchema, taxCodeSchema, type Company } from './company.js';
export { opportunitySchema, opportunityStatusSchema, stageVisitSchema, type Opportunity, type StageVisit } from './opportunity.js';
export { documentLineSchema, documentTotalsSchema, type DocumentLine, type DocumentTotals } from './document-line.js';
export { quoteSchema, quoteStateSchema, type Quote } from './quote.js';
export { orderSchema, paymentMethodSchema, type Order } from './order.js';
export { contractSchema, type Contract } from './contract.js';
export { caseSchema, caseStatusSchema, type Case } from './case.js';
export { activitySchema, activityRelatedSchema, type Activity } from './activity.js';
export { activityTypeSchema, type ActivityType } from './activity-type.js';
export { salesTeamSchema, type SalesTeam } from './sales-team.js';
export { stageSchema, type Stage } from './stage.js';
export { tagSchema, type Tag } from './tag.js';
export { lostReasonSchema, type LostReason } from './lost-reason.js';
export { userSchema, type User } from './user.js';
export { customFieldDefinitionSchema, buildCustomFieldsSchema, withCustomFields, type CustomFieldDefinition } from './custom-field.js';
export { productSchema, productUnitSchema, productAttributeSchema, packagingSchema, type Product } from './product.js';
export { priceListSchema, priceListItemSchema, priceTargetSchema, taxOrFeeSchema, priceListAssignmentSchema, type PriceList } from './price-list.js';
export { promotionSchema, rewardSchema, type Promotion, type Reward } from './promotion.js';
export { couponSchema, type Coupon } from './coupon.js';
export { routeSchema, routeMemberSchema, visitPlanSchema, visitFrequencySchema, participationChangeSchema, type Route, type RouteMember, type VisitPlan } from './route.js';
export { routeAssignmentSchema, type RouteAssignment } from './route-assignment.js';
export { interactionSchema, callStatusSchema, type Interaction } from './interaction.js';
export { messageTemplateSchema, type MessageTemplate } from './message-template.js';
export { notificationSchema, type Notification } from './notification.js';
