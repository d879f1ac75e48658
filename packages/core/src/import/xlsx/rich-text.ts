import { decodeXmlText } from './xml-text.js';

const PHONETIC_RUN = /<(?:[\w.-]+:)?rPh(?=[\s/>])[\s\S]*?<\/(?:[\w.-]+:)?rPh\s*>/g;
const TEXT = /<(?:[\w.-]+:)?t(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t\s*>)/g;

/**
 * The text of a string item (a shared string `<si>`, an inline string `<is>`): its plain `<t>`, or its rich
 * text runs' `<t>`s joined; East Asian phonetic guides (`<rPh>`) are not part of the text.
 */
export function stringItemText(xml: string): string {
  const content = xml.includes('rPh') ? xml.replace(PHONETIC_RUN, '') : xml;
  let text = '';
  TEXT.lastIndex = 0;
  for (let match = TEXT.exec(content); match !== null; match = TEXT.exec(content)) if (match[1] !== undefined) text += match[1];
  return decodeXmlText(text);
}
