/**
 * `@crmkit/core`: crmkit's framework-agnostic core — entity schemas, CRM rules and services, the storage
 * contract and the in-memory store. No DOM, no Lit: it runs in browsers, workers and Node.
 * @packageDocumentation
 */
export {
  CrmError,
  CrmValidationError,
  CrmConflictError,
  CrmNotFoundError,
  CrmStorageError,
  CrmPermissionError,
  CrmRuleError,
  type CrmErrorCode,
  type CrmValidationIssue,
} from './errors.js';
export * from './storage/index.js';
export * from './schema/index.js';
export { systemActor, createAccessPolicy, type Actor, type Role, type AccessPolicy, type AccessPolicyOptions, type AccessAction } from './access/index.js';
export { diffRecords, toAuditEntries, type FieldChange, type AuditEntry, type AuditMeta } from './audit/index.js';
export { createCrm, type Crm, type CrmOptions, type CrmServices, type CrmDomainServices } from './crm.js';
export { crmStorageSchema } from './crm/storage-schema.js';
export { entityDefinitions, definitionOf, type EntityDefinition, type CollectionName } from './crm/entities.js';
export { EntityService, type ListOptions, type ListPage, type ServiceOf } from './crm/entity-service.js';
export { WriteSet, dataOf } from './crm/write-set.js';
export { sequenceSchema, type Sequence } from './crm/sequence.js';
export type { CrmContext, SaveEvent, SaveGuard } from './crm/context.js';
export {
  roundMinor,
  percentOf,
  selectPriceList,
  isPriceListLive,
  assignmentSpecificity,
  resolveLinePrice,
  indexPriceList,
  unitFactor,
  cartSchema,
  cartLineSchema,
  compilePricing,
  type PricingContext,
  type LinePrice,
  type PriceListItem,
  type CatalogueProduct,
  type IndexedPriceList,
  type TaxOrFee,
  type Cart,
  type PricingCatalogue,
  type PricingOptions,
  type PricingEngine,
  type PricingResult,
  type PricedLine,
  type LineDiscount,
  type PromotionExplanation,
  type IssuedCoupon,
  PricingService,
  findComboCycle,
  findComboCycleIn,
  assertNoComboCycle,
  assertProductCodeFree,
  normalizeProductCode,
  COUPON_CODE_ATTEMPTS,
  COMBINATION_SEARCH_BOUND,
  type ComboCycle,
  type ComboLookup,
  type PlaceOrderInput,
} from './pricing/index.js';
export { takeNextNumber, DEFAULT_SEQUENCES } from './crm/numbering.js';
export {
  allocateProportionally,
  contextRefusal,
  scopeMiss,
  couponRefusal,
  couponRefusalMessage,
  randomCouponCode,
  seededCouponCodes,
  type CataloguePromotion,
  type PromotionRefusal,
  type CouponRefusal,
  type CouponRedemptionContext,
} from './promotions/index.js';
export {
  optimizeStops,
  optimizeStopsInputSchema,
  haversineMetres,
  parseTsplib,
  tsplibDistanceMatrix,
  addRouteMember,
  setParticipation,
  servedMembers,
  reorderMembers,
  isVisitDue,
  isAssignmentActive,
  routesForDay,
  planReassignment,
  checkAssignment,
  dayBefore,
  optimizeRouteOptionsSchema,
  visitsForDay,
  weekdayOf,
  routeCoverage,
  notVisitedSince,
  assessCheckIn,
  DEFAULT_CHECK_IN_RADIUS_METRES,
  applyProfileUpdates,
  FieldSalesService,
  type OptimizeStopsInput,
  type OptimizedStops,
  type TsplibInstance,
  type ParticipationChange,
  type PlannedVisit,
  type RouteCoverage,
  type FieldSalesOptions,
  type StoredRoute,
  type ReassignmentPlan,
  type OptimizeRouteOptions,
  type OptimizedRoute,
  type AssignmentOptions,
  type KnownAssignees,
  type ProfileUpdateOptions,
} from './routes/index.js';
export {
  placeholdersOf,
  schemaHasPath,
  checkTemplatePlaceholders,
  renderTemplate,
  escapeHtml,
  TEMPLATE_FILTERS,
  CommunicationsService,
  type Placeholder,
  type OutgoingMessage,
  type TransportResult,
  type MessageTransport,
  type IncomingCall,
  type TelephonyBridge,
  type CommunicationsOptions,
  type ComposeInput,
  type RecordRef,
  type PhoneMatch,
  type StoredActivity,
} from './communications/index.js';
export { DEFAULT_STAGES, weightedRevenue, PipelineService, type StoredOpportunity } from './pipeline/index.js';
