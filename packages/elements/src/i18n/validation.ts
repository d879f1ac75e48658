import type { Language } from './translate.js';

/** One validation problem as the core reports it (`CrmValidationIssue`). */
export interface ValidationIssueLike {
  path: string;
  message: string;
  code: string;
}

type Rewrite = readonly [pattern: RegExp, vi: (match: RegExpMatchArray) => string];

// the dates a "must not be before …" message compares with, as the schemas name them
const DATE_NAMES_VI: Readonly<Record<string, string>> = {
  effectiveFrom: 'ngày bắt đầu',
  validFrom: 'ngày bắt đầu hiệu lực',
  issuedAt: 'ngày phát hành',
  'the quote date': 'ngày báo giá',
  'the start date': 'ngày bắt đầu',
};

// The core's schemas speak plain English; these rewrite the messages they use into Vietnamese. A message
// not listed keeps its English words behind a Vietnamese lead-in, so nothing is ever lost in translation.
const VIETNAMESE: readonly Rewrite[] = [
  [/^is required$/, () => 'Bắt buộc phải nhập'],
  [/^must not be empty$/, () => 'Không được để trống'],
  [/^must be at most ([\d,.]+) characters$/, (m) => `Tối đa ${m[1]} ký tự`],
  [/^must have at least ([\d,.]+) characters$/, (m) => `Phải có ít nhất ${m[1]} ký tự`],
  [/^must be at least (-?[\d,.]+)$/, (m) => `Phải từ ${m[1]} trở lên`],
  [/^must be at most (-?[\d,.]+)$/, (m) => `Không được lớn hơn ${m[1]}`],
  [/^must not be negative$/, () => 'Không được là số âm'],
  [/^must be a valid e-mail address$/, () => 'Địa chỉ email không hợp lệ'],
  [/^may contain only digits/, () => 'Chỉ được gồm chữ số, dấu cách và các ký tự + ( ) . - /'],
  [/^must be a whole number of minor units$/, () => 'Phải là số nguyên'],
  [/^must be a whole number of stars$/, () => 'Phải là số sao nguyên'],
  [/^must be 0 to 3 stars$/, () => 'Chỉ từ 0 đến 3 sao'],
  [/^is too large$/, () => 'Số quá lớn'],
  [/^must be one of: (.*)$/, (m) => `Phải là một trong: ${m[1]}`],
  [/^must be an ISO date\b/, () => 'Ngày không hợp lệ (dạng 2026-11-23)'],
  [/^must be a three-letter ISO 4217 code/, () => 'Mã tiền tệ phải gồm 3 chữ cái, ví dụ VND'],
  [/^must not be before (.+)$/, (m) => `Không được sớm hơn ${DATE_NAMES_VI[m[1]!] ?? 'ngày bắt đầu'}`],
];

const BY_CODE_VI: Readonly<Record<string, string>> = {
  required: 'Bắt buộc phải nhập',
  invalid_type: 'Giá trị không đúng kiểu',
  unknown_reference: 'Không tìm thấy bản ghi được chọn',
};

/**
 * A validation message from the core in the user's language. English keeps the core's own words (with a
 * capital); Vietnamese rewrites the messages the schemas use and falls back to the code's meaning.
 */
export function translateIssue(issue: ValidationIssueLike, language: Language): string {
  const message = issue.message.trim();
  if (language === 'en') return message.charAt(0).toUpperCase() + message.slice(1);
  for (const [pattern, rewrite] of VIETNAMESE) {
    const match = message.match(pattern);
    if (match) return rewrite(match);
  }
  const byCode = BY_CODE_VI[issue.code];
  return byCode ?? `Giá trị không hợp lệ (${message})`;
}

/**
 * The message to show next to each form field, keyed by the issue path's first segment (`lines.2.quantity`
 * goes to `lines`), after `prefix` is taken off (`message.` for a message's fields).
 */
export function fieldErrorsOf(issues: readonly ValidationIssueLike[], language: Language, prefix = ''): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [(issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path).split('.')[0]!, translateIssue(issue, language)]));
}
