export { DEFAULT_STAGES, weightedRevenue } from './default-stages.js';
export { PipelineService, type StoredOpportunity } from './pipeline-service.js';
