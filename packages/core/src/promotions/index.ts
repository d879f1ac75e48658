export { allocateProportionally } from './allocate.js';
export { contextRefusal, scopeMiss, type CataloguePromotion, type PromotionRefusal } from './eligibility.js';
export { couponRefusal, couponRefusalMessage, type CouponRefusal, type CouponRedemptionContext } from './coupon-redemption.js';
export { randomCouponCode, seededCouponCodes } from './coupon-code.js';
