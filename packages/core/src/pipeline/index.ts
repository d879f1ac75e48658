export { DEFAULT_STAGES, weightedRevenue } from './default-stages.js';
export { orderStages, openingStage, wonStage, historyAfterMove, newOpportunityData, timeInStages, type StageWithId } from './opportunity-rules.js';
export { PipelineService, type StoredOpportunity } from './pipeline-service.js';
