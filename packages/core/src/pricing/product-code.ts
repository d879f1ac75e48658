import { CrmValidationError } from '../errors.js';
import { normalizeProductCode } from '../schema/product.js';

export { normalizeProductCode } from '../schema/product.js';

/**
 * Refuses a product code already taken. `existingCodes` are the codes of the OTHER products (the caller leaves
 * out the product being updated); comparison is by {@link normalizeProductCode}. Throws a
 * `CrmValidationError` at path `code` with code `duplicate_code`.
 */
export function assertProductCodeFree(code: string, existingCodes: Iterable<string>): void {
  const wanted = normalizeProductCode(code);
  for (const existing of existingCodes) {
    if (normalizeProductCode(existing) === wanted) {
      throw new CrmValidationError([{ path: 'code', message: `product code "${code.trim()}" is already taken`, code: 'duplicate_code' }], 'product');
    }
  }
}
