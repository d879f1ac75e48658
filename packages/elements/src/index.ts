/**
 * `@crmkit/elements`: crmkit's Lit web components for any host page. Importing this entry defines no tags;
 * import `@crmkit/elements/<component>.js` (or `all.js`) to define them.
 * @packageDocumentation
 */
export { CrmElement } from './base/crm-element.js';
export { crmContext } from './base/crm-context.js';
export { defineTranslations, getLanguage, setLanguage, onLanguageChange, format, type Language, type TranslationTable } from './i18n/translate.js';
export { commonTranslations } from './i18n/common.js';
export { applyTheme, baseStyles, lightTokens, darkTokens, type ThemeToken } from './styles/theme.js';
export type {
  CrmSavedDetail,
  CrmDuplicatesDetail,
  CrmStageChangeDetail,
  CrmOutcomeDetail,
  CrmRouteOptimizeDetail,
  CrmMemberChangeDetail,
  CrmErrorDetail,
  CrmOpenRecordDetail,
} from './events.js';
export type { DuplicateMatchSummary } from './duplicate-summary.js';
export { CrmPipelineBoard } from './components/pipeline-board/pipeline-board.component.js';
export { MissingPipelineServiceError, type PipelineActions } from './components/pipeline-board/pipeline-actions.js';
export { foldText } from './components/pipeline-board/pipeline-model.js';
export { formatMoney, formatTotals } from './components/pipeline-board/format-money.js';
export { CrmRoutePlanner } from './components/route-planner/route-planner.component.js';
