import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** CSS properties by their CSS name (`top`, `height`, `--days`) and value. */
export type StyleProperties = Readonly<Record<string, string>>;

/**
 * Sets computed styles through the CSSOM (`element.style.setProperty`), never through a `style` attribute:
 * a host whose Content-Security-Policy forbids inline style attributes (`style-src-attr` without
 * `'unsafe-inline'`) blocks the attribute, but not the CSSOM. Lit's own `styleMap` writes the attribute on
 * its first render (for server rendering), so it is not enough.
 */
class StylePropertiesDirective extends Directive {
  private applied = new Map<string, string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProperties() belongs on an element: <div ${styleProperties({ top: "4px" })}>');
  }

  render(_properties: StyleProperties): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [StyleProperties]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.applied.keys()) {
      if (!(name in properties)) {
        style.removeProperty(name);
        this.applied.delete(name);
      }
    }
    for (const name in properties) {
      const value = properties[name]!;
      if (this.applied.get(name) === value) continue; // a re-render of an unchanged card costs a map lookup
      style.setProperty(name, value);
      this.applied.set(name, value);
    }
    return noChange;
  }
}

/** Element directive: `<div ${styleProperties({ top: '40px' })}>`, CSP-safe (see {@link StylePropertiesDirective}). */
export const styleProperties = directive(StylePropertiesDirective);
