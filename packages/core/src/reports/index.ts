export { rate, expectedOf, type ReportOpportunity, type ReportActivity } from './report-inputs.js';
export { pipelineByStage, type StageRow } from './pipeline-by-stage.js';
export { funnel, type Funnel } from './funnel.js';
export { winRatesBy, type WinRateRow } from './win-rates.js';
export { lostReasonsBreakdown, type LostReasonRow } from './lost-reasons.js';
export { forecastByMonth, type ForecastRow } from './forecast.js';
export { activitiesByUser, type ActivityRow } from './activity-report.js';
export { ReportsService, type ReportScope } from './reports-service.js';
