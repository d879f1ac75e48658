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
    // the accessors below are the property (an explicit crm over the context's); subclasses that spread these
    // properties must not get a plain accessor in their place
    crm: { attribute: false, noAccessor: true },
    language: { reflect: true },
  };

  /** The crm the host set on the element itself; it wins over the context's. */
  private explicitCrm: Crm | undefined;
  /** The crm the nearest provider of `crmContext` supplies now (followed on every change). */
  private providedCrm: Crm | undefined;

  /**
   * The crm client: the one set on this property, else the one the nearest provider of `crmContext` supplies
   * (a provider that switches to another crm switches the element too). Setting `undefined` falls back to the
   * context's.
   */
  get crm(): Crm | undefined {
    return this.explicitCrm ?? this.providedCrm;
  }

  set crm(crm: Crm | undefined) {
    const before = this.crm;
    this.explicitCrm = crm ?? undefined;
    this.requestUpdate('crm', before);
  }

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
        const before = this.crm;
        this.providedCrm = crm ?? undefined;
        this.requestUpdate('crm', before);
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

  /**
   * After an action removed the control that had the focus (a "Mark as read" button that goes with the unread
   * state, a form that closes): once the update is done, focuses the first element of the shadow root that matches
   * one of `selectors`, in order of preference — unless the user has meanwhile put the focus somewhere else.
   * Resolves to the element focused, if any.
   */
  protected async refocus(selectors: readonly string[]): Promise<HTMLElement | undefined> {
    await this.updateComplete;
    const root = this.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    // focus inside this element shows as the element itself; lost focus as nothing (or the body)
    if (active && active !== this && active !== document.body) return undefined;
    for (const selector of selectors) {
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        return target;
      }
    }
    return undefined;
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
