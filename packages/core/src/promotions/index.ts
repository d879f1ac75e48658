export { allocateProportionally } from './allocate.js';
export { contextRefusal, scopeMiss, type CataloguePromotion, type PromotionRefusal } from './eligibility.js';
