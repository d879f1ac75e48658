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

/** Every element `name` (any prefix) in `xml`, whole: its start tag, content and end tag (or just `<name/>`). */
export function elementPattern(name: string): RegExp {
  return new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</(?:[\\w.-]+:)?${name}\\s*>)`, 'g');
}

/**
 * Cuts a stream of XML text into whole elements of one name, as the text arrives in pieces (an inflated
 * sheet, a step at a time): each complete `<row>…</row>` is handed on, the unfinished rest is kept for the
 * next piece. What lies between the elements (the sheet's other markup) is dropped. The elements must not
 * nest (rows and shared strings do not).
 */
export class XmlElementStream {
  private pending = '';
  private readonly element: RegExp;
  private readonly startTag: RegExp;

  constructor(
    name: string,
    private readonly onElement: (xml: string) => void,
  ) {
    this.element = elementPattern(name);
    this.startTag = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])`, 'g');
  }

  /** Adds the next piece of text; `final` once the last piece is in. */
  push(text: string, final = false): void {
    const xml = this.pending + text;
    const element = this.element;
    element.lastIndex = 0;
    let consumed = 0;
    for (let match = element.exec(xml); match !== null; match = element.exec(xml)) {
      this.onElement(match[0]);
      consumed = element.lastIndex;
    }
    this.pending = final ? '' : this.unfinished(xml, consumed);
  }

  /**
   * What must wait for the next piece: from the last start tag of the element after `from` (an element cut
   * by the piece's end), else from the last `<` (a start tag cut inside its name), else nothing.
   */
  private unfinished(xml: string, from: number): string {
    const startTag = this.startTag;
    startTag.lastIndex = from;
    let start = -1;
    for (let match = startTag.exec(xml); match !== null; match = startTag.exec(xml)) start = match.index;
    if (start < 0) start = xml.lastIndexOf('<');
    return start < from ? '' : xml.slice(start);
  }
}
