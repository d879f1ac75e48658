import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  CrmConflictError,
  CrmNotFoundError,
  CrmPermissionError,
  CrmRuleError,
  CrmValidationError,
  leadSchema,
  refineLead,
  toValidationIssues,
  withCustomFields,
  type Crm,
  type CustomFieldDefinition,
} from '@crmkit/core';
import { CrmElement } from '../../base/crm-element.js';
import { baseStyles } from '../../styles/theme.js';
import { describeError } from '../../i18n/errors.js';
import { translateIssue, type ValidationIssueLike } from '../../i18n/validation.js';
import { summarizeMatch, type DuplicateCheckMatch, type DuplicateCheckResult, type DuplicateCheckService, type DuplicateMatchSummary } from '../../duplicate-summary.js';
import type { CrmDuplicatesDetail, CrmErrorDetail, CrmOpenRecordDetail, CrmSavedDetail } from '../../events.js';
import { leadFormTranslations, type LeadFormText } from './lead-form.i18n.js';
import { leadFormStyles } from './lead-form.styles.js';
import {
  LEAD_CHANNELS,
  LEAD_FORM_GROUPS,
  caretForDigitsAfter,
  emptyValues,
  fieldForIssue,
  groupDigits,
  inputFromValues,
  leadFieldSpecs,
  mergeForCheck,
  patchFromValues,
  valuesFromRecord,
  type LeadFieldSpec,
  type LeadFormGroup,
  type LeadFormValues,
} from './lead-form-model.js';

/** How long typing must pause before the duplicate check runs. */
const DUPLICATE_DEBOUNCE_MS = 250;

/** A lead as stored, as the form saves and emits it. */
export type LeadFormRecord = Record<string, unknown> & { id: string; rev: number };
/** The part of a zod schema the form uses: the same parse the lead service runs. */
interface LeadParser {
  safeParse(input: unknown): { success: true } | { success: false; error: Parameters<typeof toValidationIssues>[0] };
}
interface NamedOption {
  id: string;
  name: string;
}
interface FormMessage {
  kind: 'success' | 'error' | 'conflict';
  key: LeadFormText | 'common.noCrm' | 'common.error';
  values?: Record<string, string | number>;
}

const NO_DUPLICATES: DuplicateCheckResult = { matches: [], blocked: false };

const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;
const errorId = (path: string) => `error-${path.replace(/\./g, '-')}`;

/**
 * A form for a lead (Tiềm năng): every lead field, grouped in fieldsets, plus the host's custom fields. It
 * validates with the same schema the crm's lead service runs (custom fields included), shows each message next
 * to its field with a summary that links to them, and checks for duplicates as the user types: a matching
 * `warn` rule lists the matches (each can be opened), a `block` rule stops the save and says which rule and
 * fields. With `lead-id` it edits a stored lead and saves with the revision it loaded, so a concurrent change
 * is reported instead of overwritten.
 *
 * Priority is a group of four radio buttons drawn as stars (0–3): arrow keys change it. `updateComplete` also
 * waits for the lead and the lookups (users, teams, tags) the form is loading.
 *
 * @summary Create or edit a lead, with validation, duplicate warnings and custom fields.
 *
 * @event {CustomEvent<CrmSavedDetail>} crm-saved - The lead was saved. Detail: `CrmSavedDetail` (`warnings` lists the duplicate matches the save went through with).
 * @event {CustomEvent<CrmDuplicatesDetail>} crm-duplicates - The as-you-type duplicate check found matches (or none any more). Detail: `CrmDuplicatesDetail`.
 * @event {CustomEvent<CrmOpenRecordDetail>} crm-open-record - The user asked to open a matching record from the duplicate panel. Detail: `CrmOpenRecordDetail`.
 * @event {CustomEvent<CrmErrorDetail>} crm-error - Loading or saving failed for a reason other than validation. Detail: `CrmErrorDetail`.
 *
 * @csspart form - The form element.
 * @csspart fieldset - Every group of fields (also `fieldset-<group>`, e.g. `fieldset-contact`).
 * @csspart legend - A group's title.
 * @csspart field - The wrapper of one field (label, control, error).
 * @csspart label - A field's label.
 * @csspart control - An input, select or textarea.
 * @csspart error - A field's error message.
 * @csspart error-summary - The list of problems shown when a save is refused.
 * @csspart duplicate-panel - The duplicate warning or block.
 * @csspart message - The outcome of the last save (saved, conflict, refused).
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart save-button - The "Save" button.
 * @csspart save-new-button - The "Save and new" button.
 * @csspart open-button - The link-like button that opens a duplicate match (`crm-open-record`).
 * @csspart reload-button - The button that reloads the lead after a conflicting edit.
 *
 * @cssproperty --crm-lead-form-field-min-width - The narrowest a field gets before the grid wraps (default 14rem).
 * @cssproperty --crm-lead-form-star-color - The colour of the chosen priority stars.
 *
 * @slot heading - Replaces the form's heading ("Tiềm năng mới" / "Sửa tiềm năng").
 * @slot actions - Extra buttons after "Save and new" (a "Cancel" of the host, say).
 */
export class CrmLeadForm extends CrmElement<LeadFormText> {
  static override styles = [baseStyles, leadFormStyles];

  static override properties = {
    ...CrmElement.properties,
    leadId: { attribute: 'lead-id' },
    customFields: { attribute: false },
    values: { state: true, attribute: false },
    issues: { state: true, attribute: false },
    duplicates: { state: true, attribute: false },
    message: { state: true, attribute: false },
    saving: { state: true, attribute: false },
    record: { state: true, attribute: false },
    users: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    tags: { state: true, attribute: false },
  };

  /** The id of the lead to edit; unset for a new lead. */
  leadId: string | undefined;
  /** The custom field definitions given to `createCrm` (those of entity `lead` are shown). */
  customFields: readonly CustomFieldDefinition[] = [];

  protected readonly translations = leadFormTranslations;

  private values: LeadFormValues = emptyValues(leadFieldSpecs());
  private issues: readonly ValidationIssueLike[] = [];
  private duplicates: DuplicateCheckResult = NO_DUPLICATES;
  private message: FormMessage | undefined;
  private saving = false;
  /** The stored lead being edited. */
  private record: LeadFormRecord | undefined;
  private users: NamedOption[] = [];
  private teams: NamedOption[] = [];
  private tags: NamedOption[] = [];

  private specs: LeadFieldSpec[] = leadFieldSpecs();
  private loadedId: string | undefined;
  private loadedFrom: Crm | undefined;
  private lookupsFor: Crm | undefined;
  private duplicateTimer: ReturnType<typeof setTimeout> | undefined;
  private duplicateRun = 0;
  private focusAfterRender: string | undefined;

  /** The lead input the form describes now (what "Save" would send for a new lead). */
  get value(): Record<string, unknown> {
    return this.currentInput();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.duplicateTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('customFields')) {
      this.specs = leadFieldSpecs(this.customFields);
      const fresh = emptyValues(this.specs);
      this.values = this.record ? { ...fresh, ...valuesFromRecord(this.specs, this.record) } : { ...fresh, ...this.values };
    }
    if (this.crm && this.lookupsFor !== this.crm) {
      this.lookupsFor = this.crm;
      void this.trackWork(this.loadLookups(this.crm));
    }
    const switchedCrm = changed.has('crm') && this.leadId !== undefined && this.crm !== this.loadedFrom;
    if ((changed.has('leadId') || changed.has('crm')) && this.crm && (this.leadId !== this.loadedId || switchedCrm)) {
      if (this.leadId) {
        // the previous lead must not stay behind while (or if) the new one loads: Save would update it
        this.clearRecord();
        this.message = undefined;
        void this.trackWork(this.load(this.crm, this.leadId));
      } else this.startNew();
    }
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      const path = this.focusAfterRender;
      this.focusAfterRender = undefined;
      this.focusField(path);
    }
  }

  private async loadLookups(crm: Crm): Promise<void> {
    const named = (records: ReadonlyArray<{ id: string; name?: unknown }>) =>
      records.map((record) => ({ id: record.id, name: String(record.name ?? record.id) })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    // a lookup the actor may not read leaves its select with the current value only
    const [users, teams, tags] = await Promise.all([
      crm.users.listAll().catch(() => []),
      crm.salesTeams.listAll().catch(() => []),
      crm.tags.listAll().catch(() => []),
    ]);
    if (crm !== this.crm) return;
    this.users = named(users);
    this.teams = named(teams);
    this.tags = named(tags);
  }

  private async load(crm: Crm, id: string): Promise<void> {
    this.loadedId = id;
    this.loadedFrom = crm;
    try {
      const record = (await crm.leads.get(id)) as unknown as LeadFormRecord;
      if (this.leadId !== id || this.crm !== crm) return;
      this.showRecord(record);
      this.message = undefined;
    } catch (error) {
      // a load for a lead the host has since moved away from says nothing about the lead shown now
      if (this.leadId !== id || this.crm !== crm) return;
      this.clearRecord();
      this.fail(error, 'load');
    }
  }

  private showRecord(record: LeadFormRecord): void {
    this.record = record;
    this.values = valuesFromRecord(this.specs, record);
    this.issues = [];
    this.duplicates = NO_DUPLICATES;
  }

  /** Forgets the lead shown (record and values), so nothing of it can be saved over another lead. */
  private clearRecord(): void {
    clearTimeout(this.duplicateTimer);
    this.duplicateRun++;
    this.record = undefined;
    this.values = emptyValues(this.specs);
    this.issues = [];
    this.duplicates = NO_DUPLICATES;
  }

  private startNew(): void {
    this.loadedId = undefined;
    this.loadedFrom = undefined;
    this.clearRecord();
  }

  /** Clears the form for a new lead (and stops editing the current one). */
  reset(): void {
    clearTimeout(this.duplicateTimer);
    this.duplicateRun++;
    this.leadId = undefined;
    this.startNew();
    this.message = undefined;
  }

  private currentInput(): Record<string, unknown> {
    if (!this.record) return inputFromValues(this.specs, this.values);
    return mergeForCheck(this.record, patchFromValues(this.specs, this.values, this.record));
  }

  /** The schema the crm's lead service validates with (custom fields included). */
  private schema(): LeadParser {
    try {
      const definition = this.crm?.context?.definition('lead');
      if (definition) return definition.schema as unknown as LeadParser;
    } catch {
      // a crm stand-in without the context: fall back to the published schema
    }
    const own = this.customFields.filter((field) => field.entity === 'lead');
    const base = own.length > 0 ? withCustomFields(leadSchema, own) : leadSchema;
    return base.superRefine(refineLead) as unknown as LeadParser;
  }

  private validate(input: Record<string, unknown>): ValidationIssueLike[] {
    const result = this.schema().safeParse(input);
    return result.success ? [] : toValidationIssues(result.error);
  }

  // ---- duplicate check ----

  private get duplicateService(): DuplicateCheckService | undefined {
    const service = (this.crm as (Crm & { duplicates?: DuplicateCheckService }) | undefined)?.duplicates;
    return service && typeof service.check === 'function' ? service : undefined;
  }

  private scheduleDuplicateCheck(): void {
    if (!this.duplicateService) return;
    clearTimeout(this.duplicateTimer);
    this.duplicateTimer = setTimeout(() => void this.trackWork(this.checkDuplicates()), DUPLICATE_DEBOUNCE_MS);
  }

  private async checkDuplicates(): Promise<void> {
    const service = this.duplicateService;
    if (!service) return;
    clearTimeout(this.duplicateTimer);
    const run = ++this.duplicateRun;
    const options: { mode: 'create' | 'edit'; excludeId?: string } = this.record ? { mode: 'edit', excludeId: this.record.id } : { mode: 'create' };
    let result: DuplicateCheckResult;
    try {
      result = await service.check('lead', this.currentInput(), options);
    } catch {
      // a half-typed input the check cannot read yet is not a duplicate; the save validates it properly
      result = NO_DUPLICATES;
    }
    if (run !== this.duplicateRun) return;
    const changed = result.matches.length !== this.duplicates.matches.length || result.blocked !== this.duplicates.blocked || result.matches.some((m, i) => m.id !== this.duplicates.matches[i]?.id || m.action !== this.duplicates.matches[i]?.action);
    this.duplicates = { matches: [...result.matches], blocked: result.blocked || result.matches.some((match) => match.action === 'block') };
    if (changed) this.emit<CrmDuplicatesDetail>('crm-duplicates', { matches: this.duplicates.matches.map(summarizeMatch), blocked: this.duplicates.blocked });
  }

  // ---- editing ----

  private setValue(path: string, value: string | boolean | string[]): void {
    this.values = { ...this.values, [path]: value };
    const field = path.replace(/\.(answer|confirmed)$/, '');
    if (this.issues.some((issue) => fieldForIssue(this.specs, issue.path)?.path === field)) {
      this.issues = this.issues.filter((issue) => fieldForIssue(this.specs, issue.path)?.path !== field);
    }
    if (this.message?.kind === 'success') this.message = undefined;
    this.scheduleDuplicateCheck();
  }

  private onText(path: string) {
    return (event: Event) => this.setValue(path, (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);
  }

  private onMoneyInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const caret = input.selectionStart ?? input.value.length;
    const digitsAfter = input.value.slice(caret).replace(/\D/g, '').length;
    const digits = input.value.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
    const formatted = groupDigits(digits, this.currentLanguage);
    if (input.value !== formatted) {
      input.value = formatted;
      const position = caretForDigitsAfter(formatted, digitsAfter);
      input.setSelectionRange(position, position);
    }
    this.setValue('expectedRevenue.amount', digits);
  };

  private onTagToggle(id: string) {
    return (event: Event) => {
      const checked = (event.target as HTMLInputElement).checked;
      const current = (this.values['tagIds'] as string[] | undefined) ?? [];
      this.setValue('tagIds', checked ? [...new Set([...current, id])] : current.filter((tag) => tag !== id));
    };
  }

  // ---- saving ----

  private onSubmit = (event: Event) => {
    event.preventDefault();
    void this.trackWork(this.save());
  };

  private onSaveAndNew = () => {
    void this.trackWork(this.save({ andNew: true }));
  };

  /**
   * Validates and saves the lead (creates it, or updates the one being edited with the revision loaded).
   * With `andNew`, the form is cleared for the next lead afterwards. Resolves to the stored record, or
   * undefined when the save was refused (the form shows why).
   */
  async save(options: { andNew?: boolean } = {}): Promise<LeadFormRecord | undefined> {
    if (this.saving) return undefined;
    const crm = this.crm;
    if (!crm) {
      this.message = { kind: 'error', key: 'common.noCrm' };
      return undefined;
    }
    if (this.leadId && this.record?.id !== this.leadId) {
      // the lead named by lead-id has not loaded (missing, not readable, still loading): there is nothing to update
      this.message = { kind: 'error', key: 'notLoaded', values: { id: this.leadId } };
      return undefined;
    }
    this.saving = true;
    try {
      // the last keystrokes may not have been checked yet: a block must hold for exactly what is saved
      if (this.duplicateService) await this.checkDuplicates();
      if (this.duplicates.blocked) {
        this.message = undefined;
        this.focusAfterRender = '#duplicates';
        this.requestUpdate();
        return undefined;
      }
      const record = this.record;
      const patch = record ? patchFromValues(this.specs, this.values, record) : undefined;
      const input = record && patch ? mergeForCheck(record, patch) : inputFromValues(this.specs, this.values);
      const issues = this.validate(input);
      if (issues.length > 0) return this.refuse(issues);
      const warnings: DuplicateMatchSummary[] = this.duplicates.matches.filter((match) => match.action === 'warn').map(summarizeMatch);
      const saved = (
        record && patch
          ? await crm.leads.update(record.id, patch, { expectedRev: record.rev })
          : (await crm.leads.createWithWarnings(input as never)).record
      ) as unknown as LeadFormRecord;
      this.emit<CrmSavedDetail>('crm-saved', { entity: 'lead', record: saved, warnings });
      const title = String(saved['title'] ?? '');
      this.message = { kind: 'success', key: warnings.length > 0 ? 'savedWithWarnings' : 'saved', values: { title, count: warnings.length } };
      if (options.andNew) {
        const message = this.message;
        this.reset();
        this.message = message;
        this.focusAfterRender = 'title';
        this.requestUpdate();
      } else {
        this.leadId = saved.id;
        this.loadedId = saved.id;
        this.loadedFrom = crm;
        this.showRecord(saved);
      }
      return saved;
    } catch (error) {
      if (error instanceof CrmValidationError) return this.refuse(error.issues);
      this.fail(error, 'save');
      return undefined;
    } finally {
      this.saving = false;
    }
  }

  private refuse(issues: readonly ValidationIssueLike[]): undefined {
    this.issues = issues;
    this.message = undefined;
    const first = this.specs.find((spec) => issues.some((issue) => fieldForIssue(this.specs, issue.path) === spec));
    this.focusAfterRender = first?.path ?? '#error-summary';
    this.requestUpdate();
    return undefined;
  }

  private fail(error: unknown, action: 'load' | 'save'): void {
    if (error instanceof CrmConflictError) {
      this.message = { kind: 'conflict', key: 'conflict', values: { rev: String(error.current?.['rev'] ?? '?') } };
    } else if (error instanceof CrmPermissionError) {
      this.message = { kind: 'error', key: 'permission' };
    } else if (error instanceof CrmNotFoundError) {
      this.message = { kind: 'error', key: 'notFound', values: { id: error.id } };
    } else if (error instanceof CrmRuleError) {
      this.message = { kind: 'error', key: 'duplicateRule', values: { message: describeError(error, this.currentLanguage) } };
    } else {
      // the kit's shared wording of the core's errors; the cases above have the lead's own
      this.message = { kind: 'error', key: 'common.error', values: { message: describeError(error, this.currentLanguage) } };
    }
    this.emit<CrmErrorDetail>('crm-error', { error, action: `lead.${action}` });
  }

  private onReload = () => {
    const crm = this.crm;
    const id = this.record?.id ?? this.leadId;
    if (!crm || !id) return;
    this.loadedId = undefined;
    void this.trackWork(this.load(crm, id));
  };

  private openMatch(match: DuplicateCheckMatch) {
    return () => this.emit<CrmOpenRecordDetail>('crm-open-record', { entity: match.entity, id: match.id });
  }

  private focusField(path: string): void {
    const root = this.shadowRoot;
    if (!root) return;
    let target: HTMLElement | null;
    if (path.startsWith('#')) target = root.getElementById(path.slice(1));
    else if (path === 'priority') target = root.querySelector<HTMLElement>('input[name="priority"]:checked') ?? root.querySelector('input[name="priority"]');
    else if (path === 'tagIds') target = root.querySelector<HTMLElement>('input[name="tagIds"]') ?? root.getElementById('group-tags');
    else if (path.startsWith('bant.')) target = root.getElementById(fieldId(`${path}.answer`));
    else target = root.getElementById(fieldId(path));
    target?.focus();
  }

  // ---- rendering ----

  private label(spec: LeadFieldSpec): string {
    if (spec.custom) return spec.custom.label[this.currentLanguage];
    return this.t(`field.${spec.path}` as LeadFormText);
  }

  private errorsFor(path: string): string {
    const language = this.currentLanguage;
    return this.issues
      .filter((issue) => fieldForIssue(this.specs, issue.path)?.path === path)
      .map((issue) => translateIssue(issue, language))
      .join(' ');
  }

  private labelFor(spec: LeadFieldSpec): TemplateResult {
    return html`<label part="label" for=${fieldId(spec.kind === 'bant' ? `${spec.path}.answer` : spec.path)}
      >${this.label(spec)}${spec.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
    >`;
  }

  private errorText(path: string, error: string): TemplateResult {
    return html`<span class="error" part="error" id=${errorId(path)}>${error}</span>`;
  }

  private renderField(spec: LeadFieldSpec): TemplateResult {
    const error = this.errorsFor(spec.path);
    const value = this.values[spec.path];
    const text = typeof value === 'string' ? value : '';
    const aria = { invalid: error ? 'true' : 'false', describedby: errorId(spec.path), required: spec.required ? 'true' : 'false' };
    const wide = spec.kind === 'textarea' || spec.kind === 'lines' || spec.kind === 'bant';
    switch (spec.kind) {
      case 'priority':
        return this.renderPriority(spec, error);
      case 'tags':
        return this.renderTags(spec, error);
      case 'bant':
        return this.renderBant(spec, error);
      default:
        break;
    }
    let control: TemplateResult;
    const common = (type: string) => html`<input
      part="control"
      id=${fieldId(spec.path)}
      name=${spec.path}
      type=${type}
      .value=${live(text)}
      aria-invalid=${aria.invalid}
      aria-describedby=${aria.describedby}
      aria-required=${aria.required}
      autocomplete=${type === 'email' ? 'email' : type === 'tel' ? 'tel' : 'off'}
      @input=${this.onText(spec.path)}
    />`;
    switch (spec.kind) {
      case 'text':
        control = common('text');
        break;
      case 'email':
        control = common('email');
        break;
      case 'tel':
        control = common('tel');
        break;
      case 'percent':
        control = html`<input part="control" id=${fieldId(spec.path)} name=${spec.path} type="number" inputmode="decimal" min="0" max="100" step="any"
          .value=${live(text)} aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required} @input=${this.onText(spec.path)} />`;
        break;
      case 'money':
        control = html`<input part="control" id=${fieldId(spec.path)} name=${spec.path} type="text" inputmode="numeric" autocomplete="off"
          .value=${live(groupDigits(text, this.currentLanguage))} aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required}
          @input=${this.onMoneyInput} />`;
        break;
      case 'textarea':
      case 'lines':
        control = html`<textarea part="control" id=${fieldId(spec.path)} name=${spec.path} rows=${spec.kind === 'lines' ? 2 : 3}
          .value=${live(text)} aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required} @input=${this.onText(spec.path)}></textarea>`;
        break;
      case 'user':
      case 'team':
      case 'channel': {
        const options: NamedOption[] =
          spec.kind === 'channel' ? LEAD_CHANNELS.map((id) => ({ id, name: this.t(`channel.${id}`) })) : spec.kind === 'user' ? this.users : this.teams;
        // a stored id the actor cannot list still shows (as its id) rather than silently becoming "none"
        const all = text && !options.some((option) => option.id === text) ? [...options, { id: text, name: text }] : options;
        control = html`<select part="control" id=${fieldId(spec.path)} name=${spec.path} .value=${live(text)}
          aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required} @change=${this.onText(spec.path)}>
          <option value="" ?selected=${text === ''}>${this.t('common.none')}</option>
          ${all.map((option) => html`<option value=${option.id} ?selected=${option.id === text}>${option.name}</option>`)}
        </select>`;
        break;
      }
      case 'custom':
        return this.renderCustom(spec, error, aria);
      default:
        control = common('text');
    }
    return html`<div class="field ${wide ? 'wide' : ''}" part="field" data-path=${spec.path}>
      ${this.labelFor(spec)} ${control} ${this.errorText(spec.path, error)}
    </div>`;
  }

  private renderCustom(spec: LeadFieldSpec, error: string, aria: { invalid: string; describedby: string; required: string }): TemplateResult {
    const definition = spec.custom!;
    const value = this.values[spec.path];
    const text = typeof value === 'string' ? value : '';
    let control: TemplateResult;
    if (definition.type === 'boolean') {
      return html`<div class="field" part="field" data-path=${spec.path}>
        <span class="label" aria-hidden="true">${this.label(spec)}</span>
        <label class="checkbox" part="label">
          <input part="control" type="checkbox" id=${fieldId(spec.path)} name=${spec.path} .checked=${live(value === true)}
            aria-invalid=${aria.invalid} aria-describedby=${aria.describedby}
            @change=${(event: Event) => this.setValue(spec.path, (event.target as HTMLInputElement).checked)} />
          <span class="visually-hidden">${this.label(spec)}: </span>${this.t('yes')}
        </label>
        ${this.errorText(spec.path, error)}
      </div>`;
    }
    if (definition.type === 'choice') {
      control = html`<select part="control" id=${fieldId(spec.path)} name=${spec.path} .value=${live(text)}
        aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required} @change=${this.onText(spec.path)}>
        <option value="" ?selected=${text === ''}>${this.t('common.none')}</option>
        ${(definition.options ?? []).map((option) => html`<option value=${option} ?selected=${option === text}>${option}</option>`)}
      </select>`;
    } else {
      const type = definition.type === 'number' ? 'number' : definition.type === 'date' ? 'date' : 'text';
      control = html`<input part="control" id=${fieldId(spec.path)} name=${spec.path} type=${type} step=${type === 'number' ? 'any' : nothing}
        .value=${live(text)} aria-invalid=${aria.invalid} aria-describedby=${aria.describedby} aria-required=${aria.required} @input=${this.onText(spec.path)} />`;
    }
    return html`<div class="field" part="field" data-path=${spec.path}>${this.labelFor(spec)} ${control} ${this.errorText(spec.path, error)}</div>`;
  }

  private renderPriority(spec: LeadFieldSpec, error: string): TemplateResult {
    const current = Number(this.values[spec.path] ?? 0);
    return html`<div class="field" part="field" data-path=${spec.path}>
      <fieldset class="stars" aria-describedby=${errorId(spec.path)}>
        <legend part="label">${this.label(spec)}</legend>
        ${[0, 1, 2, 3].map((stars) => {
          const id = `${fieldId(spec.path)}-${stars}`;
          const glyph = stars === 0 ? '⊘' : stars <= current ? '★' : '☆';
          return html`<span class="star">
            <input type="radio" id=${id} name="priority" value=${String(stars)} .checked=${live(current === stars)}
              @change=${() => this.setValue(spec.path, String(stars))} />
            <label for=${id} class=${stars > 0 && stars <= current ? 'on' : ''} title=${this.t(`stars.${stars}` as LeadFormText)}
              ><span aria-hidden="true">${glyph}</span><span class="visually-hidden">${this.t(`stars.${stars}` as LeadFormText)}</span></label
            >
          </span>`;
        })}
      </fieldset>
      ${this.errorText(spec.path, error)}
    </div>`;
  }

  private renderTags(spec: LeadFieldSpec, error: string): TemplateResult {
    const chosen = new Set((this.values[spec.path] as string[] | undefined) ?? []);
    const options = [...this.tags, ...[...chosen].filter((id) => !this.tags.some((tag) => tag.id === id)).map((id) => ({ id, name: id }))];
    return html`<div class="field wide" part="field" data-path=${spec.path}>
      ${options.length === 0
        ? html`<span class="muted">${this.t('noTags')}</span>`
        : html`<div class="choices">
            ${options.map(
              (tag) => html`<label class="checkbox"
                ><input type="checkbox" name="tagIds" value=${tag.id} .checked=${live(chosen.has(tag.id))}
                  aria-describedby=${errorId(spec.path)} @change=${this.onTagToggle(tag.id)} />${tag.name}</label
              >`,
            )}
          </div>`}
      ${this.errorText(spec.path, error)}
    </div>`;
  }

  private renderBant(spec: LeadFieldSpec, error: string): TemplateResult {
    const answerPath = `${spec.path}.answer`;
    const confirmedPath = `${spec.path}.confirmed`;
    return html`<div class="field wide" part="field" data-path=${spec.path}>
      ${this.labelFor(spec)}
      <input part="control" id=${fieldId(answerPath)} name=${answerPath} type="text" .value=${live(String(this.values[answerPath] ?? ''))}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${errorId(spec.path)} @input=${this.onText(answerPath)} />
      <label class="checkbox"
        ><input type="checkbox" id=${fieldId(confirmedPath)} name=${confirmedPath} .checked=${live(this.values[confirmedPath] === true)}
          @change=${(event: Event) => this.setValue(confirmedPath, (event.target as HTMLInputElement).checked)} />${this.t('field.bant.confirmed')}<span
          class="visually-hidden"
          >: ${this.label(spec)}</span
        ></label
      >
      ${this.errorText(spec.path, error)}
    </div>`;
  }

  private renderGroup(group: LeadFormGroup): TemplateResult | typeof nothing {
    const specs = this.specs.filter((spec) => spec.group === group);
    if (specs.length === 0) return nothing;
    return html`<fieldset part="fieldset fieldset-${group}" id="group-${group}" tabindex=${group === 'tags' ? '-1' : nothing}>
      <legend part="legend">${this.t(`group.${group}` as LeadFormText)}</legend>
      ${specs.map((spec) => this.renderField(spec))}
    </fieldset>`;
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.issues.length === 0) return nothing;
    const language = this.currentLanguage;
    return html`<div class="error-summary" part="error-summary" id="error-summary" role="alert" tabindex="-1">
      <h3>${this.t('errorSummary', { count: this.issues.length })}</h3>
      <ul>
        ${this.issues.map((issue) => {
          const spec = fieldForIssue(this.specs, issue.path);
          const name = spec ? this.label(spec) : issue.path || this.t('headingNew');
          const target = spec?.path;
          return html`<li>
            ${target
              ? html`<a
                  href="#${fieldId(target)}"
                  @click=${(event: Event) => {
                    event.preventDefault();
                    this.focusField(target);
                  }}
                  >${name}: ${translateIssue(issue, language)}</a
                >`
              : html`${name}: ${translateIssue(issue, language)}`}
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private fieldNames(fields: readonly string[]): string {
    const aliases: Record<string, string> = { phone: 'phones.mobile', mobile: 'phones.mobile', name: 'contactName', fullName: 'contactName', company: 'companyName' };
    return fields
      .map((field) => {
        const path = aliases[field] ?? field;
        const spec = this.specs.find((candidate) => candidate.path === path);
        return spec ? this.label(spec).toLocaleLowerCase(this.currentLanguage) : field;
      })
      .join(', ');
  }

  private renderDuplicates(): TemplateResult | typeof nothing {
    const { matches, blocked } = this.duplicates;
    if (matches.length === 0) return nothing;
    const shown = blocked ? matches.filter((match) => match.action === 'block') : matches;
    return html`<div class="duplicates ${blocked ? 'blocked' : ''}" part="duplicate-panel" id="duplicates" tabindex="-1">
      <p>${blocked ? this.t('duplicatesBlock') : this.t('duplicatesWarn', { count: matches.length })}</p>
      <ul>
        ${shown.map((match, index) => {
          const summary = summarizeMatch(match);
          const entity = ['lead', 'contact', 'company'].includes(match.entity) ? (`entity.${match.entity}` as LeadFormText) : 'entity.other';
          const fields = this.fieldNames(match.fields);
          return html`<li data-id=${match.id} data-action=${match.action}>
            ${this.t('duplicateLine', { entity: this.t(entity), label: summary.label, rule: match.rule, fields, score: Math.round(match.score * 100) })}
            ${match.action === 'block' ? html`<div id=${index === 0 ? 'duplicate-block-reason' : nothing}>${this.t('duplicateBlockReason', { rule: match.rule, fields })}</div>` : nothing}
            <button type="button" part="button open-button" @click=${this.openMatch(match)}>${this.t('openRecord', { label: summary.label })}</button>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderMessage(): TemplateResult | typeof nothing {
    const message = this.message;
    if (!message) return nothing;
    const text = this.t(message.key, message.values);
    const kind = message.kind === 'success' ? 'success' : 'error-text';
    return html`<p class="message ${kind}" part="message" data-kind=${message.kind}>
      ${text}
      ${message.kind === 'conflict' ? html`<button type="button" part="button reload-button" @click=${this.onReload}>${this.t('reload')}</button>` : nothing}
    </p>`;
  }

  protected override render(): TemplateResult {
    const blocked = this.duplicates.blocked;
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-labelledby="form-heading" aria-busy=${this.saving ? 'true' : 'false'}>
      <div id="form-heading"><slot name="heading"><h2>${this.t(this.record || this.leadId ? 'headingEdit' : 'headingNew')}</h2></slot></div>
      <p class="muted">${this.t('requiredNote')}</p>
      ${this.renderErrorSummary()}
      ${LEAD_FORM_GROUPS.map((group) => this.renderGroup(group))}
      <div aria-live="polite">${this.renderDuplicates()}</div>
      <div role="status">${this.renderMessage()}</div>
      <div class="actions" part="actions">
        <button type="submit" class="primary" part="button save-button" aria-disabled=${blocked ? 'true' : 'false'}
          aria-describedby=${blocked ? 'duplicate-block-reason' : nothing}>${this.saving ? this.t('saving') : this.t('common.save')}</button>
        <button type="button" part="button save-new-button" aria-disabled=${blocked ? 'true' : 'false'}
          aria-describedby=${blocked ? 'duplicate-block-reason' : nothing} @click=${this.onSaveAndNew}>${this.t('common.saveAndNew')}</button>
        <slot name="actions"></slot>
      </div>
    </form>`;
  }
}

