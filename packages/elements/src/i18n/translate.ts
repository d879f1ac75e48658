/** The languages the kit ships; Vietnamese is the default. */
export type Language = 'vi' | 'en';

/** A translation table: the same keys in every language (the type checker refuses a missing key). */
export type TranslationTable<K extends string> = { readonly [L in Language]: { readonly [P in K]: string } };

/** Declares a component's texts in Vietnamese and English; returns them typed for `t()`. */
export function defineTranslations<K extends string>(table: TranslationTable<K>): TranslationTable<K> {
  return table;
}

let current: Language = 'vi';
const listeners = new Set<(language: Language) => void>();

/** The kit's language (elements without their own `language` attribute use it). */
export function getLanguage(): Language {
  return current;
}

/** Switches every crmkit element on the page to `language`, at run time. */
export function setLanguage(language: Language): void {
  if (language !== 'vi' && language !== 'en') throw new TypeError(`language must be "vi" or "en", got ${String(language)}`);
  current = language;
  for (const listener of listeners) listener(language);
}

/** Calls `listener` when the kit's language changes; returns the unsubscribe function. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Replaces `{name}` placeholders in a translated text. */
export function format(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
