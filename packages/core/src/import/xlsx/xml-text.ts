/**
 * The little XML an `.xlsx` reader needs: SpreadsheetML parts are flat, machine-written XML, so finding
 * elements with regular expressions is enough and far cheaper than building a DOM of a 30 MB sheet.
 * Element and attribute names may carry a namespace prefix (`<x:row>`, written by the OpenXML SDK).
 */

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// OOXML writes characters XML cannot hold (control characters) as _xHHHH_ (ECMA-376 part 1, 22.9.2.19)
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** Decodes an XML text or attribute value: character references, the five named entities, `_xHHHH_` escapes. */
export function decodeXmlText(text: string): string {
  let out = text;
  if (out.includes('&')) out = out.replace(ENTITY, (reference: string, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    // a reference past Unicode is the file's mistake: keep it as written rather than fail on it
    return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
  if (out.includes('_x')) out = out.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

const attributePatterns = new Map<string, RegExp>();

/** The decoded value of attribute `name` (with or without a prefix) in an element's start tag, or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(tag);
  if (match === null) return undefined;
  return decodeXmlText(match[1] ?? match[2] ?? '');
}

/**
 * What {@link ElementScanner.find} found: `found`, a whole element (its bounds are on the scanner);
 * `unfinished`, an element that starts (at the scanner's `start`) but whose text ends inside it; `none`.
 */
export type Scan = 'found' | 'unfinished' | 'none';

/**
 * Finds the elements of one name in XML text, in time linear in the text: the start tag, the `>` that ends
 * it and the end tag are each found by a forward search. SpreadsheetML does not nest an element in one of
 * the same name (a row in a row, a cell in a cell), so the first end tag is the element's. (Regular
 * expressions that match a whole element at once backtrack over the rest of the text for every start tag
 * without an end, which a crafted file can turn into minutes.)
 *
 * With a `prefix` (`''` for none, `'x:'`), only that spelling is looked for, by `indexOf`: what the cells of
 * a row need, since they share the row's prefix. Without one, any prefix is found (a pattern finds the
 * start tag).
 */
export class ElementScanner {
  /** The found element's start (its `<`). */
  start = 0;
  /** Where its name ends in the start tag (its attributes follow). */
  nameEnd = 0;
  /** Where its start tag's `/>` or `>` begins. */
  tagEnd = 0;
  /** Where its content starts (after the start tag's `>`); equal to `contentEnd` for `<name/>`. */
  contentStart = 0;
  /** Where its content ends (the end tag's `<`). */
  contentEnd = 0;
  /** Just after the element. */
  end = 0;
  private readonly open: RegExp | null;
  private readonly openLiteral: string;

  constructor(
    readonly name: string,
    readonly prefix?: string,
  ) {
    this.open = prefix === undefined ? new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, 'g') : null;
    this.openLiteral = `<${prefix ?? ''}${name}`;
  }

  /** Looks for the first element starting at or after `from`. */
  find(xml: string, from: number): Scan {
    let closeLiteral: string;
    if (this.open === null) {
      const at = this.findLiteralStart(xml, from);
      if (at < 0) return 'none';
      this.start = at;
      this.nameEnd = at + this.openLiteral.length;
      closeLiteral = `</${this.openLiteral.slice(1)}`;
    } else {
      const open = this.open;
      open.lastIndex = from;
      const tag = open.exec(xml);
      if (tag === null) return 'none';
      this.start = tag.index;
      this.nameEnd = open.lastIndex;
      closeLiteral = `</${tag[0].slice(1)}`;
    }
    const gt = xml.indexOf('>', this.nameEnd);
    if (gt < 0) return 'unfinished';
    if (xml.charCodeAt(gt - 1) === 47 /* / */) {
      this.tagEnd = gt - 1;
      this.contentStart = this.contentEnd = this.end = gt + 1;
      return 'found';
    }
    this.tagEnd = gt;
    this.contentStart = gt + 1;
    // the end tag spells the name as the start tag did
    for (let at = gt + 1; ; ) {
      const endTag = xml.indexOf(closeLiteral, at);
      if (endTag < 0) return 'unfinished';
      let after = endTag + closeLiteral.length;
      while (after < xml.length && isXmlSpace(xml.charCodeAt(after))) after++;
      if (after >= xml.length) return 'unfinished';
      if (xml.charCodeAt(after) === 62 /* > */) {
        this.contentEnd = endTag;
        this.end = after + 1;
        return 'found';
      }
      at = endTag + 1; // a longer name (`</cols>` when looking for `</c>`)
    }
  }

  /** The next `<prefix:name` followed by white space, `/` or `>`, at or after `from`; −1 when none. */
  private findLiteralStart(xml: string, from: number): number {
    const literal = this.openLiteral;
    for (let at = from; ; ) {
      const found = xml.indexOf(literal, at);
      if (found < 0) return -1;
      const next = xml.charCodeAt(found + literal.length);
      if (next === 62 || next === 47 || isXmlSpace(next)) return found;
      at = found + 1;
    }
  }

  /** The attributes part of the found element's start tag (after its name, before `>` or `/>`). */
  attributes(xml: string): string {
    return xml.slice(this.nameEnd, this.tagEnd);
  }

  /** The content of the first such element in `xml`, or undefined when there is none (or it is unfinished). */
  firstContent(xml: string): string | undefined {
    return this.find(xml, 0) === 'found' ? xml.slice(this.contentStart, this.contentEnd) : undefined;
  }

  /** Every whole element in `xml`, as text. */
  all(xml: string): string[] {
    const out: string[] = [];
    for (let from = 0; this.find(xml, from) === 'found'; from = this.end) out.push(xml.slice(this.start, this.end));
    return out;
  }
}

/** The prefix an element's start tag spells its name with (`'x:'` in `<x:row …>`), `''` for none. */
export function prefixOf(elementXml: string): string {
  for (let i = 1; i < elementXml.length; i++) {
    const code = elementXml.charCodeAt(i);
    if (code === 58 /* : */) return elementXml.slice(1, i + 1);
    if (code === 62 || code === 47 || isXmlSpace(code)) return '';
  }
  return '';
}

const isXmlSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** The most text one element may hold: far past any real row (Excel caps a cell at 32,767 characters). */
export const MAX_ELEMENT_CHARS = 8 * 1024 * 1024;

/**
 * Cuts a stream of XML text into whole elements of one name, as the text arrives in pieces (an inflated
 * sheet, a step at a time): each complete `<row>…</row>` is handed on, the unfinished rest is kept for the
 * next piece. What lies between the elements (the sheet's other markup) is dropped. An element that grows
 * past {@link MAX_ELEMENT_CHARS} is refused (`too-large`), so a crafted file cannot make every piece rescan
 * it, and so is a text that ends inside an element (`cut-short`).
 */
export class XmlElementStream {
  private pending = '';
  private readonly scanner: ElementScanner;

  constructor(
    name: string,
    private readonly onElement: (xml: string) => void,
    private readonly refuse: (problem: 'too-large' | 'cut-short') => Error,
  ) {
    this.scanner = new ElementScanner(name);
  }

  /** Adds the next piece of text; `final` once the last piece is in. */
  push(text: string, final = false): void {
    const xml = this.pending + text;
    const scanner = this.scanner;
    let from = 0;
    let found: Scan;
    while ((found = scanner.find(xml, from)) === 'found') {
      this.onElement(xml.slice(scanner.start, scanner.end));
      from = scanner.end;
    }
    if (found === 'unfinished') {
      if (xml.length - scanner.start > MAX_ELEMENT_CHARS) throw this.refuse('too-large');
      if (final) throw this.refuse('cut-short');
      this.pending = xml.slice(scanner.start);
      return;
    }
    // nothing more starts here, but the piece may end inside a start tag's name (`<ro`): keep from the last `<`
    const lastOpen = xml.lastIndexOf('<');
    this.pending = final || lastOpen < from ? '' : xml.slice(lastOpen);
  }
}
