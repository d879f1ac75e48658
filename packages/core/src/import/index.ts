export { tableFromCells, checkImportTable, ImportTableBuilder, HEADER_SEARCH_ROWS, type ImportTable, type HeaderRowOptions } from './import-table.js';
export { parseCsv, parseCsvInSlices, decodeCsvBytes, type ParseCsvOptions, type ParseCsvInSlicesOptions } from './parse-csv.js';
export { parseXlsx, type ParseXlsxOptions } from './parse-xlsx.js';
export { suggestColumnMapping, mappingFromSuggestions, PERSON_IMPORT_TARGETS, type ImportTarget, type ColumnMapping, type ColumnSuggestion } from './column-mapping.js';
export { rowToObject, validateRow, checkMapping, type RowIssue, type ValidatedRow } from './map-rows.js';
export { planImport, ImportPlanner, type DuplicatePolicy, type PlannedAction, type PlannedRow, type ImportSummary, type ImportPlan, type PlanImportOptions } from './plan-import.js';
export { runImport, type ImportChunk, type ChunkCommitResult, type ImportProgress, type RunImportOptions, type ImportRunResult } from './run-import.js';
export { rejectedRowsCsv, type RejectedRowsCsvOptions } from './rejected-rows-csv.js';
export { personImportSchema, type PersonImportRow } from './person-import-schema.js';
export {
  ImportService,
  importTargetsOf,
  DEFAULT_IMPORT_LIMITS,
  type ImportPlanProgress,
  type ImportLimits,
  rowToEntityInput,
  type ImportEntity,
  type ImportSource,
  type ImportOptions,
  type RunImportServiceOptions,
  type ImportDryRun,
  type ImportReport,
} from './import-service.js';
