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
