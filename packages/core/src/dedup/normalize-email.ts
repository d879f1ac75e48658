/** Options for {@link normalizeEmail}. */
export interface NormalizeEmailOptions {
  /**
   * Fold Gmail addresses: dots in the local part and anything after `+` are ignored, and googlemail.com is
   * gmail.com — Gmail delivers all of those to one mailbox. On by default.
   */
  foldGmail?: boolean;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * Normalises an e-mail address for comparison: trimmed, lower-cased (mailbox names are case-insensitive in
 * practice), with Gmail's dot and plus aliases folded unless turned off. Returns null for a blank or for
 * something without a single `@` between a local part and a domain.
 */
export function normalizeEmail(value: string | null | undefined, options: NormalizeEmailOptions = {}): string | null {
  if (value === null || value === undefined) return null;
  const email = value.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (options.foldGmail !== false && GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
    local = local.replace(/\./g, '');
    if (local === '') return null;
  }
  return `${local}@${domain}`;
}
