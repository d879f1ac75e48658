import { CrmValidationError } from '../errors.js';
import type { Product } from '../schema/product.js';
import type { PriceList } from '../schema/price-list.js';
import { roundedQuotient } from './rounding.js';

/** A price-list item. */
export type PriceListItem = PriceList['items'][number];
type Item = PriceListItem;
/** A tax or fee as price lists declare it. */
export type TaxOrFee = PriceListItem['taxes'][number];

/** A product with its id, as the engine reads it. */
export type CatalogueProduct = Product & { id: string };

/** How many base units one `unit` of the product holds; throws a validation error at `path` for an unknown unit. */
export function unitFactor(product: CatalogueProduct, unit: string | undefined, path: string): number {
  if (unit === undefined || unit === product.baseUnit) return 1;
  const found = product.units.find((candidate) => candidate.name === unit);
  if (!found) {
    const known = [product.baseUnit, ...product.units.map((candidate) => candidate.name)].join(', ');
    throw new CrmValidationError([{ path, message: `unknown unit "${unit}" for ${product.code} (known: ${known})`, code: 'unknown_unit' }], 'cart');
  }
  return found.baseUnits;
}

/** A price list's items indexed for lookups: by product, by group, and the catch-all ones. */
export interface IndexedPriceList {
  list: PriceList & { id?: string };
  byProduct: Map<string, Item[]>;
  byGroup: Map<string, Item[]>;
  all: Item[];
}

/** Indexes a price list once, so each line's lookup is a map access. */
export function indexPriceList(list: PriceList & { id?: string }): IndexedPriceList {
  const indexed: IndexedPriceList = { list, byProduct: new Map(), byGroup: new Map(), all: [] };
  for (const item of list.items) {
    if (item.target.kind === 'product') push(indexed.byProduct, item.target.productId, item);
    else if (item.target.kind === 'group') push(indexed.byGroup, item.target.groupId, item);
    else indexed.all.push(item);
  }
  return indexed;
}

function push(map: Map<string, Item[]>, key: string, item: Item): void {
  const items = map.get(key);
  if (items) items.push(item);
  else map.set(key, [item]);
}

/** The price a line gets and where it came from. */
export interface LinePrice {
  /**
   * Price of one line unit before tax, in minor units, rounded: for display. A converted price need not be a
   * whole number (a carton of 12 at 100,000 ₫ makes a can 8,333.33 ₫), so the line's gross is computed from the
   * stated price ({@link lineGross}), never from this.
   */
  unitPrice: number;
  taxes: readonly TaxOrFee[];
  source: 'price_list' | 'base_price';
  /** The minimum quantity of the tier that applied (price-list prices only). */
  minQuantity?: number;
  /**
   * How many of the price-list item's units one line unit makes, so a fee fixed "per unit" counts the item's
   * unit (5,000 ₫ per carton stays 5,000 ₫ per carton when the line counts boxes). 1 for base prices.
   */
  itemUnitsPerLineUnit: number;
  /** The price as the price-list item (or the product's base price) states it, per {@link LinePrice.statedUnit}. */
  statedPrice: number;
  /** The unit the stated price is for: the item's unit, or the product's base unit. */
  statedUnit: string;
  /** How many base units the stated unit holds. */
  statedBaseUnits: number;
  /** How many base units one line unit holds. */
  lineBaseUnits: number;
}

/**
 * The gross of `quantity` line units at `price`: the stated price × the quantity × the line unit's base units ÷
 * the stated unit's, rounded once ({@link roundedQuotient}), so 1,200 cans cost the same as 100 cartons of 12.
 */
export function lineGross(price: LinePrice, quantity: number): number {
  return roundedQuotient([price.statedPrice, quantity, price.lineBaseUnits], price.statedBaseUnits);
}

/**
 * A fee fixed per unit of the price-list item, for `quantity` line units, rounded once (5,000 ₫ per carton on 36
 * cans of a carton of 12 is 15,000 ₫).
 */
export function feePerUnit(price: LinePrice, fee: number, quantity: number): number {
  return roundedQuotient([fee, quantity, price.lineBaseUnits], price.statedBaseUnits);
}

/** Why a line cannot be priced in the cart's currency, as a validation issue's message. */
export function currencyMismatchMessage(product: CatalogueProduct, currency: string, list?: PriceList): string {
  return list
    ? `${product.code} has no price on the list "${list.name}" (${currency}) and its base price is in ${product.currency}`
    : `${product.code} is priced in ${product.currency}, the rest of the cart in ${currency}`;
}

/**
 * The price of `quantity` × `unit` of a product under a price list. The most specific items win — the
 * product's own over its group's over the list's catch-all — and among those, the one with the highest
 * minimum quantity the line reaches (minimums count in the item's unit); an item in the line's own unit wins a
 * tie, and otherwise the first such item in the list. Without a list, or with no item reached, the product's base
 * price and tax apply — under a list, only when the base price is in the list's currency: otherwise a validation
 * error at `path.productId` (code `currency_mismatch`), as a list never mixes in another currency's amounts.
 */
export function resolveLinePrice(product: CatalogueProduct, quantity: number, unit: string | undefined, indexed: IndexedPriceList | undefined, path: string): LinePrice {
  const factor = unitFactor(product, unit, `${path}.unit`);
  const baseQuantity = quantity * factor;
  if (indexed) {
    const levels = [indexed.byProduct.get(product.id), product.groupId ? indexed.byGroup.get(product.groupId) : undefined, indexed.all];
    for (const items of levels) {
      if (!items || items.length === 0) continue;
      let best: { item: Item; itemFactor: number } | undefined;
      for (const item of items) {
        const itemFactor = item.unit === undefined ? 1 : safeFactor(product, item.unit);
        if (itemFactor === undefined || baseQuantity / itemFactor + 1e-9 < item.minQuantity) continue;
        const lineUnit = unit ?? product.baseUnit;
        if (
          !best ||
          item.minQuantity > best.item.minQuantity ||
          (item.minQuantity === best.item.minQuantity && (item.unit ?? product.baseUnit) === lineUnit && (best.item.unit ?? product.baseUnit) !== lineUnit)
        ) {
          best = { item, itemFactor };
        }
      }
      if (best) {
        return {
          unitPrice: roundedQuotient([best.item.price, factor], best.itemFactor),
          taxes: best.item.taxes,
          source: 'price_list',
          minQuantity: best.item.minQuantity,
          itemUnitsPerLineUnit: factor / best.itemFactor,
          statedPrice: best.item.price,
          statedUnit: best.item.unit ?? product.baseUnit,
          statedBaseUnits: best.itemFactor,
          lineBaseUnits: factor,
        };
      }
    }
    if (product.currency !== indexed.list.currency) {
      throw new CrmValidationError([{ path: `${path}.productId`, message: currencyMismatchMessage(product, indexed.list.currency, indexed.list), code: 'currency_mismatch' }], 'cart');
    }
  }
  const taxes: TaxOrFee[] = product.taxPercent > 0 ? [{ name: 'VAT', kind: 'percent', value: product.taxPercent }] : [];
  return {
    unitPrice: roundedQuotient([product.basePrice, factor]),
    taxes,
    source: 'base_price',
    itemUnitsPerLineUnit: 1,
    statedPrice: product.basePrice,
    statedUnit: product.baseUnit,
    statedBaseUnits: 1,
    lineBaseUnits: factor,
  };
}

function safeFactor(product: CatalogueProduct, unit: string): number | undefined {
  if (unit === product.baseUnit) return 1;
  return product.units.find((candidate) => candidate.name === unit)?.baseUnits;
}
