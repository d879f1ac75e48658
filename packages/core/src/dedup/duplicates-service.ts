import type { CrmContext } from '../crm/context.js';
import { CrmNotFoundError, CrmPermissionError, CrmRuleError, CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { StoredRecord } from '../storage/contract.js';
import { projectRecord, type DedupFieldMap, type DedupRecord } from './dedup-record.js';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_FIELD_MAPS } from './defaults.js';
import { DuplicateIndex, type DuplicateIndexOptions } from './duplicate-index.js';
import { withoutMatchedValues, type RuleMatch } from './matcher.js';
import { planMerge, type MergeOptions, type MergePlan, type MergePreview } from './merge.js';
import { commitMerge, commitUndoMerge, type MergeResult, type UndoMergeResult } from './merge-commit.js';
import { parseDedupSettings, type DedupAction, type DedupRuleInput, type DedupSettings, type DedupSettingsInput } from './rules.js';
import { ClusterScanner, type ScanClustersResult } from './scan-clusters.js';
import { forEachInSlices, runInSlices, STEPS_PER_CLOCK_CHECK, type SliceOptions } from '../scheduling/run-in-slices.js';
import { DEDUP_ENTITIES, isDedupEntity, type DedupEntity } from './dedup-entity.js';
import { LiveDuplicateIndexes } from './live-indexes.js';

export type { DedupEntity } from './dedup-entity.js';

/**
 * Duplicate options of `createCrm({ duplicates })`. Every part is optional; crmkit's Vietnamese defaults
 * (`DEFAULT_DEDUP_SETTINGS`, `DEFAULT_FIELD_MAPS`) fill the rest.
 */
export interface DuplicatesOptions {
  /** Settings (fields and rules) per entity, replacing that entity's defaults. */
  settings?: Partial<Record<DedupEntity, DedupSettingsInput>>;
  /** Where each duplicate field lives in an entity's records, replacing that entity's default map. */
  fieldMaps?: Partial<Record<DedupEntity, DedupFieldMap>>;
  /**
   * Other entities a record is also checked against. Default: a lead against contacts (a new lead for
   * someone who is already a customer), a raw contact against leads and contacts; contacts and companies
   * only against their own kind. The other entity's rules apply.
   */
  checkAgainst?: Partial<Record<DedupEntity, readonly DedupEntity[]>>;
  /**
   * Whether a match in another entity may block a save (default false: it warns). A lead for an existing
   * customer is often legitimate (a new need), so crmkit tells rather than refuses.
   */
  crossEntityBlocks?: boolean;
  /** Entities whose saves through `crm.<entity>s` run the duplicate check (default lead, contact, company). */
  guard?: readonly DedupEntity[];
  /** Blocking caps of the indexes. */
  index?: DuplicateIndexOptions;
}

/** Options of {@link DuplicatesService.check}. */
export interface DuplicateCheckOptions {
  /** A new record (`create`) or an edited one (`edit`): each rule has its action for both. */
  mode: 'create' | 'edit';
  /** The record's own id when editing: it is never its own duplicate. */
  excludeId?: string;
  /** At most this many matches (default 20), blocking ones first, then by score. */
  limit?: number;
}

/** One duplicate found: which record, by which rule and fields, how sure, and what the save does. */
export interface DuplicateCheckMatch {
  /** The entity of the record found (may differ from the entity checked: a lead against contacts). */
  entity: DedupEntity;
  id: string;
  /** The best matching rule's id (e.g. `phone`). */
  rule: string;
  /** The fields of that rule that matched. */
  fields: string[];
  /** The best rule's score, 0–1. */
  score: number;
  /** `block` refuses the save, `warn` lets it through. */
  action: DedupAction;
  /**
   * Every rule that matched, with each field's score and the normalised values compared (the values are null
   * when the actor may not read the record found).
   */
  rules: readonly RuleMatch[];
  /** The record as stored; absent when the actor may not read it (the match still counts). */
  record?: StoredRecord;
}

/** The answer of a duplicate check. */
export interface DuplicateCheckResult {
  matches: DuplicateCheckMatch[];
  /** True when any match blocks the save. */
  blocked: boolean;
}

/** Which criteria a "find duplicates" or a scan uses: ids of configured rules, or rules of its own. */
export type DuplicateCriteria = readonly (string | DedupRuleInput)[];

/**
 * A save refused because the record duplicates existing ones under a rule set to block. It is a
 * `CrmRuleError` with `rule === 'duplicate'`; `matches` lists every duplicate found (blocking and warning),
 * as `crm.duplicates.check` returns them, so a form can show them and offer a merge.
 */
export class CrmDuplicateError extends CrmRuleError {
  /** The entity whose save was refused. */
  readonly entity: string;
  /** Every duplicate found, blocking ones first. */
  readonly matches: readonly DuplicateCheckMatch[];
  constructor(entity: string, matches: readonly DuplicateCheckMatch[]) {
    const blocking = matches.filter((match) => match.action === 'block');
    super('duplicate', `This ${entity} duplicates ${blocking.map((match) => `${match.entity} ${match.id} (${match.rule}: ${match.fields.join(' + ')})`).join('; ')}`);
    this.entity = entity;
    this.matches = matches;
  }
}

function prefixed(error: unknown, prefix: string): never {
  if (error instanceof CrmValidationError) {
    throw new CrmValidationError(
      error.issues.map((issue): CrmValidationIssue => ({ ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix })),
      'duplicate settings',
    );
  }
  throw error;
}

/** The parsed duplicate options: settings, maps and targets for every entity. */
export interface ResolvedDuplicatesOptions {
  settings: Record<DedupEntity, DedupSettings>;
  fieldMaps: Record<DedupEntity, DedupFieldMap>;
  checkAgainst: Record<DedupEntity, readonly DedupEntity[]>;
  crossEntityBlocks: boolean;
  guard: ReadonlySet<DedupEntity>;
  index: DuplicateIndexOptions;
}

/**
 * Parses `createCrm`'s `duplicates` option. A bad configuration throws a `CrmValidationError` naming the
 * field from the option's root, e.g. `duplicates.settings.contact.rules.0.fields.0.threshold`.
 */
export function parseDuplicatesOptions(options: DuplicatesOptions = {}): ResolvedDuplicatesOptions {
  const issues: CrmValidationIssue[] = [];
  const settings = { ...DEFAULT_DEDUP_SETTINGS } as Record<DedupEntity, DedupSettings>;
  for (const [entity, input] of Object.entries(options.settings ?? {})) {
    if (!isDedupEntity(entity)) {
      issues.push({ path: `duplicates.settings.${entity}`, message: `is not an entity duplicates are checked for (${DEDUP_ENTITIES.join(', ')})`, code: 'unknown_entity' });
      continue;
    }
    try {
      settings[entity] = parseDedupSettings(input);
    } catch (error) {
      try {
        prefixed(error, `duplicates.settings.${entity}`);
      } catch (named) {
        if (named instanceof CrmValidationError) issues.push(...named.issues);
        else throw named;
      }
    }
  }
  const fieldMaps = { ...DEFAULT_FIELD_MAPS } as Record<DedupEntity, DedupFieldMap>;
  for (const [entity, map] of Object.entries(options.fieldMaps ?? {})) {
    if (!isDedupEntity(entity)) issues.push({ path: `duplicates.fieldMaps.${entity}`, message: 'is not an entity duplicates are checked for', code: 'unknown_entity' });
    else if (map === null || typeof map !== 'object') issues.push({ path: `duplicates.fieldMaps.${entity}`, message: 'must map field names to record paths', code: 'invalid_type' });
    else fieldMaps[entity] = map;
  }
  const checkAgainst: Record<DedupEntity, readonly DedupEntity[]> = { lead: ['contact'], contact: [], company: [], rawContact: ['lead', 'contact'] };
  for (const [entity, targets] of Object.entries(options.checkAgainst ?? {})) {
    if (!isDedupEntity(entity)) issues.push({ path: `duplicates.checkAgainst.${entity}`, message: 'is not an entity duplicates are checked for', code: 'unknown_entity' });
    else {
      (targets ?? []).forEach((target, i) => {
        if (!isDedupEntity(target)) issues.push({ path: `duplicates.checkAgainst.${entity}.${i}`, message: `is not an entity duplicates are checked for (${String(target)})`, code: 'unknown_entity' });
        else if (target === 'company' ? entity !== 'company' : entity === 'company') issues.push({ path: `duplicates.checkAgainst.${entity}.${i}`, message: 'people and companies cannot be compared', code: 'invalid_value' });
      });
      checkAgainst[entity] = (targets ?? []).filter((target) => target !== entity);
    }
  }
  const guard = new Set<DedupEntity>(options.guard ?? ['lead', 'contact', 'company']);
  for (const entity of guard) if (!isDedupEntity(entity)) issues.push({ path: 'duplicates.guard', message: `is not an entity duplicates are checked for (${String(entity)})`, code: 'unknown_entity' });
  if (issues.length > 0) throw new CrmValidationError(issues, 'duplicate settings');
  return { settings, fieldMaps, checkAgainst, crossEntityBlocks: options.crossEntityBlocks ?? false, guard, index: options.index ?? {} };
}

/** Options of {@link DuplicatesService.scan}. */
export interface ScanOptions extends SliceOptions {
  /** Criteria instead of the configured rules (e.g. the ones a user ticked for this scan). */
  rules?: DuplicateCriteria;
  /** Called after each slice with the records scanned and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Records projected onto duplicate fields between two looks at the clock (projecting is cheaper than scanning). */
const PROJECTED_PER_CLOCK_CHECK = 256;

/**
 * Duplicate detection over the store (`crm.duplicates`): a check as the user types and before every save
 * of a lead, contact or company, "find duplicates" of one record, a scan of a whole entity into clusters,
 * and merging with a preview and an undo.
 *
 * Each entity has an in-memory {@link DuplicateIndex}, built from the store the first time it is needed and
 * kept in step with the change feed (edits re-filed, deletes removed), so a check costs a few candidate
 * comparisons whatever the size of the store.
 *
 * The save guard: a match whose rule blocks refuses the save with a {@link CrmDuplicateError} (a
 * `CrmRuleError`, rule `duplicate`, with `matches`); warning matches let the save through and come back as
 * the warnings of `crm.<entity>s.createWithWarnings`.
 */
export class DuplicatesService {
  /** The parsed options (settings, field maps, cross-entity targets). */
  readonly options: ResolvedDuplicatesOptions;
  /** The live indexes this service checks against (shared by the crms of one store, see `crm.as`). */
  readonly indexes: LiveDuplicateIndexes;

  /**
   * @param indexes live indexes to share (another actor's crm on the same store); new ones when omitted.
   */
  constructor(
    private readonly context: CrmContext,
    options: DuplicatesOptions | ResolvedDuplicatesOptions = {},
    indexes?: LiveDuplicateIndexes,
  ) {
    this.options = 'guard' in options && options.guard instanceof Set ? (options as ResolvedDuplicatesOptions) : parseDuplicatesOptions(options as DuplicatesOptions);
    this.indexes = indexes ?? new LiveDuplicateIndexes({ storage: context.storage, settings: this.options.settings, fieldMaps: this.options.fieldMaps, index: this.options.index });
    context.saveGuards.push(async (event) => {
      if (!isDedupEntity(event.entity) || !this.options.guard.has(event.entity)) return [];
      const result = await this.check(event.entity, event.data, { mode: event.mode, excludeId: event.id });
      if (result.blocked) throw new CrmDuplicateError(event.entity, result.matches);
      return result.matches;
    });
  }

  /** The settings an entity is checked with. */
  settingsOf(entity: DedupEntity): DedupSettings {
    return this.options.settings[this.entityName(entity)];
  }

  /** Where an entity's duplicate fields live in its records. */
  fieldMapOf(entity: DedupEntity): DedupFieldMap {
    return this.options.fieldMaps[this.entityName(entity)];
  }

  /**
   * The live index of an entity (built on first use). Imports plan against it; hosts rarely need it.
   */
  async indexFor(entity: DedupEntity): Promise<DuplicateIndex> {
    return this.indexes.indexFor(this.entityName(entity));
  }

  /** Stops following the change feed and drops the indexes (they are rebuilt on next use). */
  dispose(): void {
    this.indexes.dispose();
  }

  /**
   * Checks a record (as typed in a form, or about to be saved) for duplicates in its entity and in the
   * entities it is checked against (a lead against contacts). Fast enough to run on every keystroke: the
   * input is normalised once and compared with the few records sharing a blocking key.
   */
  async check(entity: string, input: Readonly<Record<string, unknown>>, options: DuplicateCheckOptions = { mode: 'create' }): Promise<DuplicateCheckResult> {
    const own = this.entityName(entity);
    const mode = options.mode ?? 'create';
    const exclude = new Set<string>();
    if (options.excludeId) exclude.add(options.excludeId);
    // a converted lead and the contact and company it became are one customer on purpose
    for (const link of ['convertedContactId', 'convertedCompanyId', 'leadId', 'rawContactId']) if (typeof input[link] === 'string') exclude.add(input[link] as string);
    const matches: DuplicateCheckMatch[] = [];
    for (const target of [own, ...this.options.checkAgainst[own]]) {
      const index = await this.indexFor(target);
      const prepared = index.prepare(projectRecord(input, this.options.fieldMaps[own], options.excludeId ?? ''));
      const found = index.findMatches(prepared, { mode, exclude });
      for (const match of found) {
        const best = match.rules[0]!;
        const action = target !== own && !this.options.crossEntityBlocks ? 'warn' : match.action;
        matches.push({ entity: target, id: match.id, rule: best.ruleId, fields: best.fields.filter((field) => field.score !== null).map((field) => field.field), score: match.score, action, rules: match.rules });
      }
    }
    matches.sort((a, b) => (a.action === b.action ? 0 : a.action === 'block' ? -1 : 1) || b.score - a.score || (a.id < b.id ? -1 : 1));
    const limited = matches.slice(0, options.limit ?? 20);
    await this.attachRecords(limited);
    return { matches: limited, blocked: limited.some((match) => match.action === 'block') };
  }

  /**
   * Finds the duplicates of one stored record of `entity`, with the configured rules or chosen criteria
   * (`rules`: ids of configured rules, or rules of its own such as `PERSON_RULE_PRESETS.name`).
   */
  async findDuplicates(entity: string, id: string, options: { rules?: DuplicateCriteria; limit?: number } = {}): Promise<DuplicateCheckMatch[]> {
    const own = this.entityName(entity);
    const record = await this.readable(own, id);
    const { settings, ruleIds } = this.criteria(own, options.rules);
    let index: DuplicateIndex;
    if (settings === undefined) index = await this.indexFor(own);
    else {
      index = new DuplicateIndex(settings, this.options.index);
      for (const stored of await this.loadAll(own)) index.add(projectRecord(stored, this.options.fieldMaps[own]));
    }
    const found = index.findMatches(projectRecord(record, this.options.fieldMaps[own]), { mode: 'edit' });
    const matches: DuplicateCheckMatch[] = [];
    for (const match of found) {
      const rules = ruleIds === undefined ? match.rules : match.rules.filter((rule) => ruleIds.has(rule.ruleId));
      if (rules.length === 0) continue;
      const best = rules[0]!;
      matches.push({ entity: own, id: match.id, rule: best.ruleId, fields: best.fields.filter((field) => field.score !== null).map((field) => field.field), score: best.score, action: match.action, rules });
    }
    matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const limited = options.limit === undefined ? matches : matches.slice(0, options.limit);
    await this.attachRecords(limited);
    return limited;
  }

  /**
   * Scans every record of an entity into duplicate clusters (blocking, never all pairs; matched pairs
   * joined transitively), each cluster with the pairs and rules that joined it. The scan runs in slices that
   * give the event loop back (a 100k scan takes a second or more), reporting progress after each; aborting
   * the `signal` rejects with its reason.
   */
  async scan(entity: string, options: ScanOptions = {}): Promise<ScanClustersResult> {
    const own = this.entityName(entity);
    const { settings } = this.criteria(own, options.rules);
    const records = (await this.loadAll(own)).filter((record) => this.context.access.can(this.context.actor, 'read', own, record));
    const map = this.options.fieldMaps[own];
    // projecting 100k records is itself ~100 ms of main thread: sliced like the scan
    const projected: DedupRecord[] = [];
    await forEachInSlices(records, (record) => projected.push(projectRecord(record, map)), options, PROJECTED_PER_CLOCK_CHECK);
    const scanner = new ClusterScanner(projected, settings ?? this.options.settings[own], { ...this.options.index, explain: true });
    await runInSlices(
      () => {
        scanner.scanNext(STEPS_PER_CLOCK_CHECK);
        return scanner.done;
      },
      options,
      () => options.onProgress?.(scanner.scanned, scanner.total),
    );
    return scanner.result();
  }

  /**
   * What merging `ids` would do, without writing: the survivor (the caller's, or by default the most
   * complete record, then the oldest), the merged record field by field (picks honoured, multi-valued fields
   * united, notes concatenated), the fields whose values disagreed, and every related record that would be
   * re-pointed to the survivor.
   */
  async previewMerge(entity: string, ids: readonly string[], options: MergeOptions = {}): Promise<MergePreview> {
    const plan = await this.plan(entity, ids, options);
    return plan.preview;
  }

  /**
   * Merges `ids` into one survivor in ONE atomic commit: the survivor updated, every related record
   * re-pointed (opportunities, activities, quotes, orders, contracts, cases, coupons, leads' converted links,
   * contacts' company, route memberships, interactions), the other records removed (tombstones), and a
   * `merge` record holding an exact snapshot of every record touched. Every write carries the audit action
   * `merge`. Undo with {@link DuplicatesService.undoMerge}.
   */
  async merge(entity: string, ids: readonly string[], options: MergeOptions = {}): Promise<MergeResult> {
    const plan = await this.plan(entity, ids, options);
    return commitMerge(this.context, plan);
  }

  /**
   * Undoes a merge: every record it touched is put back exactly as it was (the removed records come back,
   * links point where they pointed), in one commit with the audit action `merge.undo`. If any of those
   * records changed since the merge, nothing is written and a `CrmRuleError` (rule `merge_changed`) names
   * them; a merge undone already is refused with rule `merge_undone`.
   */
  async undoMerge(mergeId: string): Promise<UndoMergeResult> {
    return commitUndoMerge(this.context, mergeId);
  }

  private async plan(entity: string, ids: readonly string[], options: MergeOptions): Promise<MergePlan> {
    const own = this.entityName(entity);
    if (own === 'rawContact') throw new CrmValidationError([{ path: 'entity', message: 'raw contacts are screened, not merged', code: 'invalid_value' }]);
    return planMerge(this.context, own, ids, options);
  }

  private entityName(entity: string): DedupEntity {
    if (!isDedupEntity(entity)) throw new CrmValidationError([{ path: 'entity', message: `duplicates are checked for ${DEDUP_ENTITIES.join(', ')}, not "${entity}"`, code: 'invalid_value' }]);
    return entity;
  }

  private criteria(entity: DedupEntity, rules: DuplicateCriteria | undefined): { settings?: DedupSettings; ruleIds?: ReadonlySet<string> } {
    if (rules === undefined) return {};
    const base = this.options.settings[entity];
    if (rules.every((rule) => typeof rule === 'string')) {
      const ids = new Set(rules as readonly string[]);
      const issues: CrmValidationIssue[] = [];
      (rules as readonly string[]).forEach((id, i) => {
        if (!base.rules.some((rule) => rule.id === id)) issues.push({ path: `rules.${i}`, message: `is not a configured rule (${id}); configured: ${base.rules.map((rule) => rule.id).join(', ')}`, code: 'invalid_value' });
      });
      if (issues.length > 0) throw new CrmValidationError(issues, 'duplicate criteria');
      return { ruleIds: ids };
    }
    const resolved = rules.map((rule) => (typeof rule === 'string' ? base.rules.find((r) => r.id === rule) ?? rule : rule));
    let settings: DedupSettings;
    try {
      settings = parseDedupSettings({ fields: base.fields, rules: resolved });
    } catch (error) {
      if (error instanceof CrmValidationError) throw new CrmValidationError(error.issues, 'duplicate criteria');
      throw error;
    }
    return { settings };
  }

  private async readable(entity: string, id: string): Promise<StoredRecord> {
    const [record] = await this.context.storage.get(entity, [id]);
    if (!record) throw new CrmNotFoundError(entity, id);
    if (!this.context.access.can(this.context.actor, 'read', entity, record)) throw new CrmPermissionError('read', entity);
    return record;
  }

  private async attachRecords(matches: DuplicateCheckMatch[]): Promise<void> {
    const byEntity = new Map<DedupEntity, DuplicateCheckMatch[]>();
    for (const match of matches) {
      const list = byEntity.get(match.entity);
      if (list) list.push(match);
      else byEntity.set(match.entity, [match]);
    }
    for (const [entity, list] of byEntity) {
      const records = await this.context.storage.get(entity, list.map((match) => match.id));
      list.forEach((match, i) => {
        const record = records[i];
        if (record && this.context.access.can(this.context.actor, 'read', entity, record)) match.record = record;
        // a record the actor may not read still counts (a block still blocks), but its values stay hidden
        else match.rules = withoutMatchedValues(match.rules);
      });
    }
  }

  private loadAll(entity: string): Promise<StoredRecord[]> {
    return this.indexes.loadAll(entity);
  }
}
