import { decodeXmlText, ElementScanner, prefixOf } from './xml-text.js';

const scanners = new Map<string, { text: ElementScanner; guide: ElementScanner }>();

/** The `<t>` and `<rPh>` scanners for one spelling of the names (string items share their parent's prefix). */
function scannersFor(prefix: string): { text: ElementScanner; guide: ElementScanner } {
  let found = scanners.get(prefix);
  if (found === undefined) scanners.set(prefix, (found = { text: new ElementScanner('t', prefix), guide: new ElementScanner('rPh', prefix) }));
  return found;
}

/**
 * The text of a string item (a whole shared string `<si>`, or an inline string's content with the prefix
 * of its cell): its plain `<t>`, or its rich text runs' `<t>`s joined; East Asian phonetic guides (`<rPh>`,
 * which hold `<t>`s of their own) are not part of the text.
 */
export function stringItemText(xml: string, prefix = prefixOf(xml)): string {
  const { text: texts, guide } = scannersFor(prefix);
  // the next phonetic guide's bounds (none: both infinite)
  let guideStart = Number.POSITIVE_INFINITY;
  let guideEnd = Number.POSITIVE_INFINITY;
  if (xml.includes('rPh') && guide.find(xml, 0) === 'found') {
    guideStart = guide.start;
    guideEnd = guide.end;
  }
  let text = '';
  for (let from = 0; texts.find(xml, from) === 'found'; from = texts.end) {
    while (texts.start >= guideEnd) {
      const next = guide.find(xml, guideEnd) === 'found';
      guideStart = next ? guide.start : Number.POSITIVE_INFINITY;
      guideEnd = next ? guide.end : Number.POSITIVE_INFINITY;
    }
    if (texts.start >= guideStart) continue; // a guide's own text
    text += xml.slice(texts.contentStart, texts.contentEnd);
  }
  return decodeXmlText(text);
}
