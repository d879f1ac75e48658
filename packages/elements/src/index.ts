/**
 * `@crmkit/elements`: crmkit's Lit web components for any host page. Importing this entry defines no tags;
 * import `@crmkit/elements/<component>.js` (or `all.js`) to define them.
 * @packageDocumentation
 */
export { CrmElement } from './base/crm-element.js';
export { crmContext } from './base/crm-context.js';
export { defineTranslations, getLanguage, setLanguage, onLanguageChange, format, type Language, type TranslationTable } from './i18n/translate.js';
export { commonTranslations } from './i18n/common.js';
export { translateIssue, type ValidationIssueLike } from './i18n/validation.js';
export { describeError, errorTranslations, type ErrorText } from './i18n/errors.js';
export { applyTheme, baseStyles, lightTokens, darkTokens, type ThemeToken } from './styles/theme.js';
export type {
  CrmSavedDetail,
  CrmDuplicatesDetail,
  CrmStageChangeDetail,
  CrmOutcomeDetail,
  CrmRouteOptimizeDetail,
  CrmMemberChangeDetail,
  CrmRouteReorderDetail,
  CrmErrorDetail,
  CrmOpenRecordDetail,
  CrmActivityRescheduleDetail,
  CrmActivityCompleteDetail,
  CrmNotificationReadDetail,
  CrmMessageDetail,
} from './events.js';
export { LiveLoad, type LiveLoadOptions } from './base/live-load.js';
export {
  summarizeMatch,
  type DuplicateMatchSummary,
  type DuplicateCheckMatch,
  type DuplicateCheckResult,
  type DuplicateCheckService,
} from './duplicate-summary.js';
export { CrmLeadForm, type LeadFormRecord } from './components/lead-form/lead-form.component.js';
export { leadFormTranslations, type LeadFormText } from './components/lead-form/lead-form.i18n.js';
export {
  leadFieldSpecs,
  LEAD_FORM_GROUPS,
  LEAD_CHANNELS,
  type LeadFieldSpec,
  type LeadFieldKind,
  type LeadFormGroup,
  type LeadFormValues,
} from './components/lead-form/lead-form-model.js';
export { CrmPipelineBoard } from './components/pipeline-board/pipeline-board.component.js';
export { pipelineBoardTranslations, type PipelineBoardText } from './components/pipeline-board/pipeline-board.i18n.js';
export { MissingPipelineServiceError, type PipelineActions } from './components/pipeline-board/pipeline-actions.js';
export { foldText } from './components/pipeline-board/pipeline-model.js';
export { formatMoney, formatTotals } from './components/pipeline-board/format-money.js';
export { CrmRoutePlanner } from './components/route-planner/route-planner.component.js';
export { routePlannerTranslations, type RoutePlannerText } from './components/route-planner/route-planner.i18n.js';
export { CrmAgenda } from './components/agenda/agenda.component.js';
export { agendaTranslations, type AgendaText } from './components/agenda/agenda.i18n.js';
export { localParts, instantOf, viewDates, stepDate, shiftedDueAt } from './components/agenda/agenda-calendar.js';
export { CrmNotifications } from './components/notifications/notifications.component.js';
export { notificationsTranslations, type NotificationsText } from './components/notifications/notifications.i18n.js';
export { CrmCompose, type ComposeAttachment, type ComposeChannel } from './components/compose/compose.component.js';
export { composeTranslations, type ComposeText } from './components/compose/compose.i18n.js';
