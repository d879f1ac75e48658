export { foldDiacritics, foldToWords, foldedTokens, tidyText } from './normalize-text.js';
export { normalizePersonName, VIETNAMESE_SURNAMES, type NormalizedPersonName } from './normalize-name.js';
export { normalizePhone, renumberVietnameseMobile, VN_2018_MOBILE_PREFIXES, type NormalizePhoneOptions } from './normalize-phone.js';
export { normalizeEmail, type NormalizeEmailOptions } from './normalize-email.js';
export { normalizeCompanyName, COMPANY_LEGAL_FORMS } from './normalize-company.js';
export { jaroWinkler, damerauLevenshteinDistance, damerauLevenshteinSimilarity, similarityFunction, type SimilarityAlgorithm } from './similarity.js';
export { personNameSimilarity, isOneLetterDropped } from './name-similarity.js';
export {
  dedupFieldKindSchema,
  dedupFieldDefinitionSchema,
  dedupActionSchema,
  dedupRuleFieldSchema,
  dedupRuleSchema,
  dedupSettingsSchema,
  parseDedupSettings,
  type DedupFieldKind,
  type DedupFieldDefinition,
  type DedupAction,
  type DedupRuleField,
  type DedupRuleFieldInput,
  type DedupRule,
  type DedupRuleInput,
  type DedupSettings,
  type DedupSettingsInput,
} from './rules.js';
export { projectRecord, type DedupRecord, type DedupValue, type DedupFieldMap } from './dedup-record.js';
export { prepareRecord, prepareValue, normalizeDate, PreparedValueCache, type PreparedRecord, type PreparedValue } from './prepare.js';
export { DedupMatcher, fuzzyBlockingKeys, type BlockingKey, type DuplicateMatch, type RuleMatch, type FieldMatch } from './matcher.js';
export { DuplicateIndex, type DuplicateIndexOptions, type FindMatchesOptions } from './duplicate-index.js';
export { UnionFind } from './union-find.js';
export { scanClusters, ClusterScanner, type DuplicateCluster, type ScanClustersOptions, type ScanClustersResult } from './scan-clusters.js';
export {
  DEFAULT_DEDUP_SETTINGS,
  DEFAULT_FIELD_MAPS,
  DEFAULT_PERSON_RULES,
  DEFAULT_COMPANY_RULES,
  PERSON_DEDUP_FIELDS,
  COMPANY_DEDUP_FIELDS,
  PERSON_RULE_PRESETS,
} from './defaults.js';
export { duplicateBlockReason, hasBlockingMatch } from './check.js';
export {
  DuplicatesService,
  CrmDuplicateError,
  parseDuplicatesOptions,
  type DedupEntity,
  type DuplicatesOptions,
  type ResolvedDuplicatesOptions,
  type DuplicateCheckOptions,
  type DuplicateCheckMatch,
  type DuplicateCheckResult,
  type DuplicateCriteria,
  type ScanOptions,
} from './duplicates-service.js';
export { DEDUP_ENTITIES, isDedupEntity } from './dedup-entity.js';
export { LiveDuplicateIndexes, type LiveIndexSource } from './live-indexes.js';
export { mergeRecordData, defaultSurvivor, completeness, planMerge, type MergeOptions, type MergePreview, type MergePlan, type MergeRelink, type MergeConflict } from './merge.js';
export { commitMerge, commitUndoMerge, type MergeResult, type UndoMergeResult } from './merge-commit.js';
export { mergeRecordSchema, mergeSnapshotSchema, mergeableEntitySchema, type MergeRecord, type MergeSnapshot, type MergeableEntity } from './merge-record.js';
