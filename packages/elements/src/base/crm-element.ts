import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import type { Crm } from '@crmkit/core';
import { commonTranslations } from '../i18n/common.js';
import { format, getLanguage, onLanguageChange, type Language, type TranslationTable } from '../i18n/translate.js';
import { crmContext } from './crm-context.js';

/**
 * The small base of every crmkit element: the crm client (a property, or through context), the language
 * (the element's `language` attribute, else the kit's), translated text, and events that bubble out of shadow
 * roots.
 */
export abstract class CrmElement<K extends string = never> extends LitElement {
  static override properties = {
    crm: { attribute: false },
    language: { reflect: true },
  };

  /** The crm client; when unset, the nearest provider of `crmContext` supplies it. */
  crm: Crm | undefined;
  /** `vi` or `en`; when unset, the kit's language (`setLanguage`). */
  language: Language | undefined;

  /** The component's own texts. */
  protected abstract readonly translations: TranslationTable<K>;

  private stopLanguage?: () => void;
  private readonly trackedWork = new Set<Promise<unknown>>();

  constructor() {
    super();
    new ContextConsumer(this, {
      context: crmContext,
      subscribe: true,
      callback: (crm) => {
        if (!this.crm && crm) this.crm = crm;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopLanguage = onLanguageChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLanguage?.();
  }

  /** The language this element shows. */
  get currentLanguage(): Language {
    return this.language ?? getLanguage();
  }

  /** A text of this component (or a common one) in the current language, placeholders filled. */
  protected t(key: K | `common.${keyof (typeof commonTranslations)['vi']}`, values?: Readonly<Record<string, string | number>>): string {
    const language = this.currentLanguage;
    if (key.startsWith('common.')) {
      return format(commonTranslations[language][key.slice(7) as keyof (typeof commonTranslations)['vi']], values);
    }
    // a key built at run time (`field.${path}`) that the table lacks shows itself instead of breaking the render
    return format(this.translations[language][key as K] ?? key, values);
  }

  /**
   * Dispatches a `crm-*` event that bubbles and crosses shadow roots. Returns false when a listener called
   * `preventDefault()` on a cancelable event (the host vetoed the change).
   */
  protected emit<T>(name: string, detail: T, options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
  }

  /**
   * Counts `work` (a load, a save) as part of this element's update: `updateComplete` resolves only once it and
   * the render it causes are done, so hosts and tests can await a settled element.
   * @internal
   */
  trackWork<T>(work: Promise<T>): Promise<T> {
    this.trackedWork.add(work);
    const settle = () => {
      this.trackedWork.delete(work);
    };
    work.then(settle, settle);
    return work;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.trackedWork.size > 0) {
      await Promise.allSettled([...this.trackedWork]);
      result = await super.getUpdateComplete();
    }
    return result;
  }
}
