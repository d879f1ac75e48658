import { CrmValidationError } from '../../errors.js';

/**
 * The error for a file that is not a readable `.xlsx` workbook: a validation error on the import's `file`
 * with code `invalid_format`, saying what is wrong with it. Nothing has been written when it is thrown.
 */
export function unreadableXlsx(reason: string): CrmValidationError {
  return new CrmValidationError([{ path: 'file', message: `cannot be read as an .xlsx workbook: ${reason}`, code: 'invalid_format' }], 'import');
}
