import { CrmValidationError } from '../errors.js';
import type { Product } from '../schema/product.js';

/** Where a combo would contain itself: the offending item of the product being saved and the path of ids. */
export interface ComboCycle {
  itemIndex: number;
  path: string[];
}

/** The other products, by id or as a list, as far as the combo check reads them. */
export type ComboLookup = ReadonlyMap<string, Pick<Product, 'packaging'>> | readonly (Pick<Product, 'packaging'> & { id: string })[];

/**
 * The pure check: does the product being saved (`id`, with its new data) contain itself through combo
 * packaging, directly or through other combos of `catalogue` (the other products as stored; the product's
 * own stored version, if any, is ignored in favour of `product`)? Each product is visited once per item, so
 * the check is linear in the combo graph.
 */
export function findComboCycleIn(id: string, product: Pick<Product, 'packaging'>, catalogue: ComboLookup): ComboCycle | undefined {
  if (product.packaging.kind !== 'combo') return undefined;
  const byId = catalogue instanceof Map ? catalogue : new Map((catalogue as readonly (Pick<Product, 'packaging'> & { id: string })[]).map((entry) => [entry.id, entry]));
  const items = product.packaging.items;
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const start = items[itemIndex]!.productId;
    const seen = new Set<string>();
    const stack: { at: string; path: string[] }[] = [{ at: start, path: [id, start] }];
    while (stack.length > 0) {
      const { at, path } = stack.pop()!;
      if (at === id) return { itemIndex, path };
      if (seen.has(at)) continue;
      seen.add(at);
      const next = byId.get(at);
      if (next?.packaging.kind === 'combo') for (const item of next.packaging.items) stack.push({ at: item.productId, path: [...path, item.productId] });
    }
  }
  return undefined;
}

/**
 * Refuses a combo that contains itself ({@link findComboCycleIn}) with a `CrmValidationError` at
 * `packaging.items.<n>.productId`, code `combo_cycle`, naming the path (`A → B → A`).
 */
export function assertNoComboCycle(id: string, product: Pick<Product, 'packaging'>, catalogue: ComboLookup): void {
  const cycle = findComboCycleIn(id, product, catalogue);
  if (cycle) {
    throw new CrmValidationError(
      [{ path: `packaging.items.${cycle.itemIndex}.productId`, message: `a combo may not contain itself (${cycle.path.join(' → ')})`, code: 'combo_cycle' }],
      'product',
    );
  }
}

/**
 * The same check as {@link findComboCycleIn} when products are read from a store on demand: `load` reads
 * products by id (the store's current ones). Kept for the storage-backed service.
 */
export async function findComboCycle(
  id: string,
  product: Product,
  load: (ids: string[]) => Promise<(({ id: string } & Product) | undefined)[]>,
): Promise<ComboCycle | undefined> {
  if (product.packaging.kind !== 'combo') return undefined;
  const items = product.packaging.items;
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const start = items[itemIndex]!.productId;
    const seen = new Set<string>();
    const stack: { at: string; path: string[] }[] = [{ at: start, path: [id, start] }];
    while (stack.length > 0) {
      const { at, path } = stack.pop()!;
      if (at === id) return { itemIndex, path };
      if (seen.has(at)) continue;
      seen.add(at);
      const [next] = await load([at]);
      if (next?.packaging.kind === 'combo') for (const item of next.packaging.items) stack.push({ at: item.productId, path: [...path, item.productId] });
    }
  }
  return undefined;
}
