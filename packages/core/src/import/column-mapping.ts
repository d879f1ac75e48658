import { foldToWords } from '../dedup/normalize-text.js';

/** A field an import column can fill, with the header words that suggest it (any language, any accents). */
export interface ImportTarget {
  /** The dotted path in the record the row becomes (e.g. `address.province`). */
  path: string;
  /** A label to show in the mapping screen. */
  label: string;
  /** Header spellings that mean this field; compared folded (no diacritics, case or punctuation). */
  synonyms: readonly string[];
  /**
   * Header spellings of a part of this field ("Họ" and "Tên" of a name kept in two columns). When two or
   * more columns are parts and none is the whole field, they all fill it, joined in column order.
   */
  partSynonyms?: readonly string[];
  /**
   * The field holds several values (phones, e-mails): every column that suggests it gets it ("SĐT 1" and
   * "SĐT 2"), and their cells are kept apart as separate values.
   */
  multiple?: boolean;
}

/**
 * Import targets for people (leads, contacts, raw contacts) with the headers Vietnamese and English
 * spreadsheets use. Hosts pass their own list for other entities or custom fields.
 */
export const PERSON_IMPORT_TARGETS: readonly ImportTarget[] = [
  {
    path: 'fullName',
    label: 'Full name',
    synonyms: ['họ và tên', 'họ tên', 'tên khách hàng', 'tên kh', 'khách hàng', 'tên đầy đủ', 'tên liên hệ', 'người liên hệ', 'full name', 'fullname', 'name', 'customer name', 'contact name', 'tên'],
    partSynonyms: ['họ', 'họ đệm', 'họ và đệm', 'họ và tên đệm', 'họ lót', 'tên đệm', 'tên lót', 'tên', 'first name', 'last name', 'given name', 'middle name', 'surname', 'family name'],
  },
  { path: 'phone', label: 'Phone', multiple: true, synonyms: ['số điện thoại', 'điện thoại', 'sđt', 'sdt', 'đt', 'dt', 'số đt', 'di động', 'điện thoại di động', 'phone', 'phone number', 'mobile', 'mobile phone', 'tel', 'telephone', 'cell'] },
  { path: 'email', label: 'E-mail', multiple: true, synonyms: ['email', 'e-mail', 'thư điện tử', 'địa chỉ email', 'mail', 'email address'] },
  { path: 'birthday', label: 'Date of birth', synonyms: ['ngày sinh', 'ngày tháng năm sinh', 'sinh nhật', 'ns', 'birthday', 'date of birth', 'dob', 'birth date'] },
  { path: 'gender', label: 'Gender', synonyms: ['giới tính', 'gender', 'sex'] },
  { path: 'companyName', label: 'Company', synonyms: ['công ty', 'tên công ty', 'doanh nghiệp', 'tổ chức', 'đơn vị', 'company', 'company name', 'organisation', 'organization', 'account'] },
  { path: 'jobTitle', label: 'Job title', synonyms: ['chức vụ', 'chức danh', 'vị trí', 'job title', 'title', 'position'] },
  { path: 'address.street', label: 'Street address', synonyms: ['địa chỉ', 'số nhà', 'đường', 'địa chỉ chi tiết', 'address', 'street', 'street address', 'address line 1'] },
  { path: 'address.ward', label: 'Ward', synonyms: ['phường/xã', 'phường xã', 'phường', 'xã', 'ward', 'commune'] },
  { path: 'address.district', label: 'District', synonyms: ['quận/huyện', 'quận huyện', 'quận', 'huyện', 'district'] },
  { path: 'address.province', label: 'Province / city', synonyms: ['tỉnh/thành phố', 'tỉnh/thành', 'tỉnh thành', 'tỉnh', 'thành phố', 'tp', 'province', 'city', 'state'] },
  { path: 'taxCode', label: 'Tax code', synonyms: ['mã số thuế', 'mst', 'tax code', 'tax id', 'vat number'] },
  { path: 'source', label: 'Source', synonyms: ['nguồn', 'nguồn khách hàng', 'kênh', 'source', 'lead source', 'channel'] },
  { path: 'note', label: 'Note', synonyms: ['ghi chú', 'mô tả', 'note', 'notes', 'description', 'comment'] },
];

/** For each column (by position), the target path it fills, or null to ignore the column. */
export type ColumnMapping = (string | null)[];

/** A suggested target for one column and how sure the suggestion is. */
export interface ColumnSuggestion {
  column: number;
  header: string;
  path: string | null;
  /** 1 for a header that is a known spelling, lower for a partial one; 0 when nothing fits. */
  confidence: number;
}

/**
 * Suggests a mapping from headers: a header equal to a known spelling (after folding, so "Ho ten", "HỌ TÊN"
 * and "Họ tên" agree) wins; otherwise a header containing a spelling as whole words. Each target is used by
 * at most one column, the surest first, except a field split over columns (see
 * {@link ImportTarget.partSynonyms}: "Họ" | "Tên" both fill the full name) and a field of several values
 * (see {@link ImportTarget.multiple}: "SĐT 1" | "SĐT 2" both fill the phones).
 */
export function suggestColumnMapping(headers: readonly string[], targets: readonly ImportTarget[] = PERSON_IMPORT_TARGETS): ColumnSuggestion[] {
  const folded = targets.map((target) => ({ target, spellings: target.synonyms.map((s) => foldToWords(s)).filter((s) => s !== '') }));
  const foldedHeaders = headers.map((header) => foldToWords(header));
  const byColumn = new Map<number, { path: string; confidence: number }>();
  const usedPaths = new Set<string>();
  for (const { target, spellings } of folded) {
    const parts = new Set((target.partSynonyms ?? []).map((s) => foldToWords(s)));
    if (parts.size === 0) continue;
    const partColumns = foldedHeaders.flatMap((h, column) => (parts.has(h) ? [column] : []));
    const wholeColumns = foldedHeaders.filter((h) => !parts.has(h) && spellings.includes(h));
    if (partColumns.length < 2 || wholeColumns.length > 0) continue;
    for (const column of partColumns) byColumn.set(column, { path: target.path, confidence: 1 });
    usedPaths.add(target.path);
  }
  const candidates: { column: number; path: string; confidence: number }[] = [];
  headers.forEach((_header, column) => {
    const h = foldedHeaders[column]!;
    if (h === '' || byColumn.has(column)) return;
    const squeezed = h.replace(/ /g, '');
    for (const { target, spellings } of folded) {
      let best = 0;
      for (const spelling of spellings) {
        if (h === spelling || squeezed === spelling.replace(/ /g, '')) best = Math.max(best, 1);
        else if (` ${h} `.includes(` ${spelling} `)) best = Math.max(best, 0.5 + 0.4 * (spelling.length / h.length));
      }
      if (best > 0) candidates.push({ column, path: target.path, confidence: best });
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const multiple = new Set(targets.filter((target) => target.multiple === true).map((target) => target.path));
  for (const candidate of candidates) {
    if (byColumn.has(candidate.column) || usedPaths.has(candidate.path)) continue;
    byColumn.set(candidate.column, candidate);
    if (!multiple.has(candidate.path)) usedPaths.add(candidate.path);
  }
  return headers.map((header, column) => {
    const chosen = byColumn.get(column);
    return { column, header, path: chosen?.path ?? null, confidence: chosen?.confidence ?? 0 };
  });
}

/** The mapping of a list of suggestions (what the mapping screen starts from). */
export function mappingFromSuggestions(suggestions: readonly ColumnSuggestion[]): ColumnMapping {
  return suggestions.map((suggestion) => suggestion.path);
}
