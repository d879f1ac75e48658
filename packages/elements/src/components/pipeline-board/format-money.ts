import type { Language } from '../../i18n/translate.js';

const formatters = new Map<string, { format: (value: number) => string; digits: number }>();

function formatterOf(language: Language, currency: string) {
  const key = `${language}/${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const intl = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency });
    formatter = { format: (value) => intl.format(value), digits: intl.resolvedOptions().maximumFractionDigits ?? 0 };
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an amount in minor units the way the language writes money: `1.250.000 ₫` in Vietnamese,
 * `₫1,250,000` in English (VND has no minor unit; USD cents become dollars).
 */
export function formatMoney(amount: number, currency: string, language: Language): string {
  const formatter = formatterOf(language, currency);
  return formatter.format(amount / 10 ** formatter.digits);
}

/** Formats totals per currency, VND first; an empty total shows as zero VND. */
export function formatTotals(totals: ReadonlyMap<string, number>, language: Language): string {
  if (totals.size === 0) return formatMoney(0, 'VND', language);
  return [...totals]
    .sort(([a], [b]) => (a === 'VND' ? -1 : b === 'VND' ? 1 : a.localeCompare(b)))
    .map(([currency, amount]) => formatMoney(amount, currency, language))
    .join(' + ');
}
