// A TypeDoc plugin for the guides (docs/guides/*.md, added through `projectDocuments` in typedoc.json): each
// guide is named by its `# heading` (up to a colon) instead of its file name and listed under "Guides" in the navigation, so
// the guides stay plain Markdown that reads the same on GitHub.
import { Converter } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const first = document.content[0];
    const heading = first?.kind === 'text' ? /^\s*#\s+(.+)/.exec(first.text) : null;
    // "The sales cycle: leads, conversion, ..." is listed as "The sales cycle"; the page keeps the whole heading.
    if (heading) document.name = heading[1].split(':')[0].trim();
    if (!('group' in document.frontmatter)) document.frontmatter.group = 'Guides';
  });
}
