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
export * from './scheduling/index.js';
export * from './schema/index.js';
export * from './access/index.js';
export * from './audit/index.js';
export { createCrm, type Crm, type CrmOptions, type CrmServices, type CrmDomainServices } from './crm.js';
export { crmStorageSchema } from './crm/storage-schema.js';
export { entityDefinitions, definitionOf, type EntityDefinition, type CollectionName } from './crm/entities.js';
export { EntityService, type ListOptions, type ListPage, type ServiceOf } from './crm/entity-service.js';
export { WriteSet, dataOf } from './crm/write-set.js';
export { WORKFLOW_FIELDS, workflowFieldIssues, type WorkflowField } from './crm/workflow-fields.js';
export { sequenceSchema, type Sequence } from './crm/sequence.js';
export type { CrmContext, SaveEvent, SaveGuard } from './crm/context.js';
export * from './pricing/index.js';
export { takeNextNumber, DEFAULT_SEQUENCES } from './crm/numbering.js';
export * from './promotions/index.js';
export * from './routes/index.js';
export * from './communications/index.js';
export * from './pipeline/index.js';
export * from './sales/index.js';
export * from './leads/index.js';
export * from './documents/index.js';
export * from './activities/index.js';
export * from './teams/index.js';
export * from './cases/index.js';
export * from './greetings/index.js';
export * from './reports/index.js';
export * from './dedup/index.js';
export * from './import/index.js';
