import { CrmValidationError } from '../errors.js';

/**
 * The form in which product codes are compared for uniqueness: trimmed, Unicode NFC and upper case, because a
 * sales clerk typing `sp-001` means the product `SP-001`, and Vietnamese letters typed on different keyboards
 * (composed or decomposed diacritics) must not make two "different" codes.
 */
export function normalizeProductCode(code: string): string {
  return code.trim().normalize('NFC').toLocaleUpperCase('vi');
}

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
