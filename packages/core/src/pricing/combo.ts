import type { Product } from '../schema/product.js';

/**
 * Looks for a cycle through combo packaging starting at a product being saved (`id`, with its new data):
 * a combo containing itself, directly or through other combos. Returns the offending item of the product and
 * the path, or undefined. `load` reads products by id (the store's current ones).
 */
export async function findComboCycle(
  id: string,
  product: Product,
  load: (ids: string[]) => Promise<(({ id: string } & Product) | undefined)[]>,
): Promise<{ itemIndex: number; path: string[] } | undefined> {
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
