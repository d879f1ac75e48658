import { foldedTokens } from './normalize-text.js';

/**
 * Legal-form words that say what kind of company it is, not which company: "Công ty TNHH Minh Phát",
 * "Minh Phát Co., Ltd" and "CTCP Minh Phát" are the same name. Folded and tokenised; longest first so
 * "cong ty co phan" is removed whole before "cong ty".
 */
export const COMPANY_LEGAL_FORMS: readonly string[] = [
  'cong ty trach nhiem huu han mot thanh vien',
  'cong ty trach nhiem huu han hai thanh vien tro len',
  'cong ty trach nhiem huu han',
  'trach nhiem huu han',
  'hai thanh vien tro len',
  'mot thanh vien',
  'cong ty co phan',
  'cong ty tnhh mtv',
  'cong ty tnhh',
  'cong ty cp',
  'cong ty hop danh',
  'doanh nghiep tu nhan',
  'hop tac xa',
  'joint stock company',
  'company limited',
  'co ltd',
  'co phan',
  'cong ty',
  'tnhh mtv',
  'tnhh',
  'mtv',
  'ctcp',
  'cty',
  'cp',
  'dntn',
  'htx',
  'jsc',
  'ltd',
  'limited',
  'llc',
  'inc',
  'corp',
  'corporation',
  'company',
  'plc',
  'gmbh',
].sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);

const FORMS = COMPANY_LEGAL_FORMS.map((form) => form.split(' '));

/**
 * Normalises a company name for comparison: folded, punctuation removed and legal-form words dropped
 * wherever they stand. Returns null for a blank or a name made only of legal-form words.
 */
export function normalizeCompanyName(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const tokens = foldedTokens(value);
  const kept: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const form of FORMS) {
      if (form.length > tokens.length - i) continue;
      let same = true;
      for (let k = 0; k < form.length; k++) {
        if (tokens[i + k] !== form[k]) {
          same = false;
          break;
        }
      }
      if (same) {
        i += form.length;
        continue outer;
      }
    }
    kept.push(tokens[i]!);
    i++;
  }
  return kept.length === 0 ? null : kept.join(' ');
}
