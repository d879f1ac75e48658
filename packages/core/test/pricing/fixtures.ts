import { priceListSchema, productSchema, promotionSchema, type CataloguePromotion, type CatalogueProduct, type PriceList } from '@crmkit/core';

/** A product parsed with its schema (defaults filled) and an id. */
export function product(id: string, input: Record<string, unknown>): CatalogueProduct {
  return { ...productSchema.parse({ code: id.toUpperCase(), name: id, ...input }), id };
}

/** A price list parsed with its schema and an id. */
export function priceList(id: string, input: Record<string, unknown>): PriceList & { id: string } {
  return { ...priceListSchema.parse({ name: id, ...input }), id };
}

/** A promotion parsed with its schema and an id. */
export function promotion(id: string, input: Record<string, unknown>): CataloguePromotion {
  return { ...promotionSchema.parse({ code: id.toUpperCase(), name: id, ...input }), id };
}

export const kem = product('kem', { groupId: 'my-pham', basePrice: 250_000, taxPercent: 10, baseUnit: 'hộp', units: [{ name: 'thùng', baseUnits: 24 }] });
export const son = product('son', { groupId: 'my-pham', basePrice: 180_000, taxPercent: 10, baseUnit: 'thỏi' });
export const nuoc = product('nuoc', { groupId: 'do-uong', basePrice: 10_000, taxPercent: 8, baseUnit: 'chai', units: [{ name: 'thùng', baseUnits: 24 }] });
export const catalogueProducts = [kem, son, nuoc];
