import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Vietnam's 2018 move of 11-digit mobile numbers to 10 digits: the old 3-digit prefix after the leading 0
 * (e.g. 168 in 0168 xxx xxxx) became a 2-digit one (38 → 038 xxx xxxx); the last 7 digits were kept.
 * Customers still type the old numbers, and old imports still hold them, so both forms must meet.
 */
export const VN_2018_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '162': '32', '163': '33', '164': '34', '165': '35', '166': '36', '167': '37', '168': '38', '169': '39',
  '120': '70', '121': '79', '122': '77', '126': '76', '128': '78',
  '123': '83', '124': '84', '125': '85', '127': '81', '129': '82',
  '186': '56', '188': '58',
  '199': '59',
};

/** Options for {@link normalizePhone}. */
export interface NormalizePhoneOptions {
  /** The country assumed for a number without an international prefix; `VN` unless told otherwise. */
  defaultCountry?: CountryCode;
}

/**
 * Turns a Vietnamese national significant number (no leading 0) into its current form: old 11-digit
 * mobiles (10 significant digits) are renumbered; anything else is returned as is.
 */
export function renumberVietnameseMobile(significant: string): string {
  if (significant.length === 10) {
    const next = VN_2018_MOBILE_PREFIXES[significant.slice(0, 3)];
    if (next !== undefined) return next + significant.slice(3);
  }
  return significant;
}

const NON_DIGIT = /\D/g;

/**
 * Normalises a phone number to E.164 (`+84912345678`). Vietnamese numbers are read from any of
 * `0912 345 678`, `84912345678`, `+84 912-345-678`, `(+84) 91.234.5678`, `0084…`, and old 11-digit mobiles
 * (`0168 xxx xxxx`) are moved to their 2018 numbers. Other countries go through libphonenumber-js.
 * Returns null for a blank or impossible number, so a blank never matches another blank.
 */
export function normalizePhone(value: string | null | undefined, options: NormalizePhoneOptions = {}): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00') || /^\(\s*\+/.test(trimmed);
  let digits = trimmed.replace(NON_DIGIT, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (digits.length < 7) return null;
  const country = options.defaultCountry ?? 'VN';
  let significant: string | null = null;
  if (digits.startsWith('84') && (international || digits.length >= 11)) {
    significant = digits.slice(2);
    if (significant.startsWith('0')) significant = significant.slice(1); // "+84 (0) 912…"
  } else if (!international && country === 'VN') {
    if (digits.startsWith('0')) significant = digits.slice(1);
    else if (digits.length === 9 || digits.length === 10) significant = digits; // the leading 0 was dropped (e.g. by a spreadsheet)
  }
  if (significant !== null) {
    significant = renumberVietnameseMobile(significant);
    if (significant.length < 8 || significant.length > 10) return null;
    return `+84${significant}`;
  }
  const parsed = parsePhoneNumberFromString(international ? `+${digits}` : digits, country);
  if (parsed === undefined || !parsed.isPossible()) return null;
  return parsed.number;
}
