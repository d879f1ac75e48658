export { roundMinor, percentOf, roundedQuotient } from './rounding.js';
export type { PricingContext } from './pricing-context.js';
export { selectPriceList, isPriceListLive, assignmentSpecificity } from './price-list-selection.js';
export { resolveLinePrice, lineGross, feePerUnit, indexPriceList, unitFactor, type LinePrice, type PriceListItem, type CatalogueProduct, type IndexedPriceList, type TaxOrFee } from './line-price.js';
export { cartSchema, cartLineSchema, type Cart } from './cart.js';
export {
  compilePricing,
  type PricingCatalogue,
  type PricingOptions,
  type PricingEngine,
  type PricingResult,
  type PricedLine,
  type LineDiscount,
  type PromotionExplanation,
  type IssuedCoupon,
  COUPON_CODE_ATTEMPTS,
  COMBINATION_SEARCH_BOUND,
} from './engine.js';
export { PricingService, type PlaceOrderInput } from './pricing-service.js';
export { findComboCycle, findComboCycleIn, assertNoComboCycle, type ComboCycle, type ComboLookup } from './combo.js';
export { assertProductCodeFree, normalizeProductCode } from './product-code.js';
