import { personNameSimilarity } from './name-similarity.js';
import type { PreparedRecord, PreparedValue } from './prepare.js';
import type { DedupAction, DedupFieldDefinition, DedupRule, DedupSettings } from './rules.js';
import { hashString, mixHash } from './hash.js';
import { similarityFunction } from './similarity.js';

/** How one field of a rule matched. */
export interface FieldMatch {
  field: string;
  /** `exact` or `fuzzy`, as the rule asks. */
  match: 'exact' | 'fuzzy';
  /** Similarity 0–1 (1 for an exact match); null when the field was blank and the rule ignores blanks. */
  score: number | null;
  /** The normalised values that matched (this record's, the other's); null when blank, or hidden from an actor who may not read the other record. */
  values: readonly [string, string] | null;
}

/** One rule that matched a pair of records. */
export interface RuleMatch {
  ruleId: string;
  label: string | undefined;
  /** Mean score of the rule's non-blank fields. */
  score: number;
  fields: readonly FieldMatch[];
  onCreate: DedupAction;
  onEdit: DedupAction;
}

/**
 * `rules` with the values each field matched on left out (`values: null`), for a match on a record the actor may
 * not read: the match still counts (a block still blocks), but what the other record holds stays hidden.
 */
export function withoutMatchedValues(rules: readonly RuleMatch[]): RuleMatch[] {
  return rules.map((rule) => ({ ...rule, fields: rule.fields.map((field) => ({ ...field, values: null })) }));
}

/** Another record that duplicates the one checked, with every rule that says so. */
export interface DuplicateMatch {
  /** The other record's id. */
  id: string;
  /** The best rule score. */
  score: number;
  /** Every matching rule, best first. */
  rules: readonly RuleMatch[];
  /** `block` when any matching rule blocks for the mode checked (create or edit), else `warn`. */
  action: DedupAction;
}

interface CompiledField {
  field: string;
  definition: DedupFieldDefinition;
  fuzzy: boolean;
  threshold: number;
  ignoreBlank: boolean;
  similarity: (a: string, b: string) => number;
}

interface CompiledRule {
  index: number;
  rule: DedupRule;
  fields: CompiledField[];
  exact: CompiledField[];
  /** The fuzzy field whose blocking keys are used when the rule has any fuzzy field. */
  blockOn: CompiledField | undefined;
  /** The rule's hash seed: rules never share buckets. */
  seed: number;
  /**
   * The rule's exact fields alone pick out few records (a date of birth, a phone, an e-mail, a code): the
   * fuzzy field then only needs coarse keys, fewer per record.
   */
  coarse: boolean;
}

/**
 * A blocking key (a 30-bit hash of the rule and the values it combines) and whether it came from exact
 * values only (then every record under it is a true match of that rule).
 */
export interface BlockingKey {
  key: number;
  exact: boolean;
}

const MAX_KEYS_PER_RULE = 64;
const SELECTIVE_KINDS = new Set(['date', 'phone', 'email', 'exact']);

/** Set on a packed blocking key that came from exact values only (keys are 30-bit hashes below it). */
export const EXACT_KEY_BIT = 0x40000000;
const KEY_MASK = 0x3fffffff;

/**
 * Duplicate settings compiled for speed: compares prepared records and derives the blocking keys the
 * index files them under. A record can only match another through a rule if they share one of that rule's
 * keys: exact fields are combined into the key, and a fuzzy field contributes keys that survive typical
 * noise (a person name gives its words without spaces, given+middle, surname+middle and given+surname
 * initial).
 */
export class DedupMatcher {
  /** The settings compiled. */
  readonly settings: DedupSettings;
  /**
   * The settings reduced to the fields enabled rules use: a record is normalised for those only (a declared
   * but unused field, such as the company of a person, costs nothing).
   */
  readonly usedSettings: Pick<DedupSettings, 'fields'>;
  private readonly rules: CompiledRule[];

  constructor(settings: DedupSettings) {
    this.settings = settings;
    this.rules = settings.rules
      .filter((rule) => rule.enabled)
      .map((rule, index) => {
        const fields = rule.fields.map<CompiledField>((f) => ({
          field: f.field,
          definition: settings.fields[f.field]!,
          fuzzy: f.match === 'fuzzy',
          threshold: f.threshold,
          ignoreBlank: f.ifBlank === 'ignore',
          similarity: similarityFunction(f.algorithm),
        }));
        const exact = fields.filter((f) => !f.fuzzy && !f.ignoreBlank);
        const fuzzy = fields.filter((f) => f.fuzzy && !f.ignoreBlank);
        const coarse = exact.some((f) => SELECTIVE_KINDS.has(f.definition.kind));
        return { index, rule, fields, exact, blockOn: fuzzy[0], coarse, seed: mixHash(0x2545f491, index) };
      });
    const used = new Set(this.rules.flatMap((rule) => rule.fields.map((field) => field.field)));
    this.usedSettings = { fields: Object.fromEntries(Object.entries(settings.fields).filter(([field]) => used.has(field))) };
  }

  /** Blocking keys of a record: one set per rule, seeded by the rule so rules never share buckets. */
  blockingKeys(record: PreparedRecord): BlockingKey[] {
    return this.packedKeys(record).map((packed) => ({ key: packed & KEY_MASK, exact: packed > KEY_MASK }));
  }

  /**
   * The blocking keys packed into small integers (the 30-bit key, plus {@link EXACT_KEY_BIT} when it came
   * from exact values only): no object per key on the hot path. Remembered on the record for these
   * settings, so checking it against two indexes (the store and the file being imported) and then adding it
   * computes them once.
   */
  packedKeys(record: PreparedRecord): number[] {
    if (record.keysFor === this.settings && record.keys !== undefined) return record.keys;
    const out = this.computeKeys(record);
    record.keysFor = this.settings;
    record.keys = out;
    return out;
  }

  private computeKeys(record: PreparedRecord): number[] {
    const out: number[] = [];
    const fields = record.fields;
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      // the common case, one value per field: a single running prefix, no arrays
      let prefix = rule.seed;
      let parts: number[] | null = null;
      let blank = false;
      for (let f = 0; f < rule.exact.length; f++) {
        const values = fields[rule.exact[f]!.field] ?? NO_VALUES;
        if (values.length === 0) {
          blank = true;
          break;
        }
        if (values.length === 1 && parts === null) {
          prefix = mixHash(prefix, valueHash(values[0]!));
          continue;
        }
        const from: number[] = parts ?? [prefix];
        const next: number[] = [];
        for (const p of from) for (const value of values) if (next.length < MAX_KEYS_PER_RULE) next.push(mixHash(p, valueHash(value)));
        parts = next;
      }
      if (blank) continue;
      if (parts === null) {
        if (rule.blockOn === undefined) {
          if (rule.exact.length === 0) continue; // only blank-tolerant fields: nothing selective to block on
          out.push(prefix | EXACT_KEY_BIT);
          continue;
        }
        const values = fields[rule.blockOn.field] ?? NO_VALUES;
        if (values.length === 1) {
          const keys = cachedFuzzyKeys(values[0]!, rule.blockOn.definition, rule.coarse);
          for (let k = 0; k < keys.length; k++) out.push(mixHash(prefix, keys[k]!));
          continue;
        }
        parts = [prefix];
      }
      if (rule.blockOn === undefined) {
        if (rule.exact.length === 0) continue; // only blank-tolerant fields: nothing selective to block on
        for (const key of parts) out.push(key | EXACT_KEY_BIT);
        continue;
      }
      const values = record.fields[rule.blockOn.field] ?? [];
      if (values.length === 0) continue;
      const fuzzyKeys: number[] = [];
      for (const value of values) for (const key of cachedFuzzyKeys(value, rule.blockOn.definition, rule.coarse)) if (!fuzzyKeys.includes(key)) fuzzyKeys.push(key);
      for (const prefix of parts) for (const key of fuzzyKeys) out.push(mixHash(prefix, key));
    }
    return out;
  }

  /**
   * Compares two prepared records under every enabled rule. Returns null when no rule matches; otherwise
   * the match as seen from `a` (its `id` is `b`'s), with the action for `mode`.
   */
  compare(a: PreparedRecord, b: PreparedRecord, mode: 'create' | 'edit' = 'create'): DuplicateMatch | null {
    let matched: RuleMatch[] | null = null;
    for (const rule of this.rules) {
      const result = evaluateRule(rule, a, b);
      if (result !== null) (matched ??= []).push(result);
    }
    if (matched === null) return null;
    matched.sort((x, y) => y.score - x.score);
    const action: DedupAction = matched.some((m) => (mode === 'create' ? m.onCreate : m.onEdit) === 'block') ? 'block' : 'warn';
    return { id: b.id, score: matched[0]!.score, rules: matched, action };
  }

  /** True when any rule matches (no explanation built, nothing allocated): the scan's fast path. */
  matches(a: PreparedRecord, b: PreparedRecord): boolean {
    for (const rule of this.rules) if (ruleMatches(rule, a, b)) return true;
    return false;
  }
}

function ruleMatches(rule: CompiledRule, a: PreparedRecord, b: PreparedRecord): boolean {
  let counted = 0;
  for (const field of rule.fields) {
    const left = a.fields[field.field]!;
    const right = b.fields[field.field]!;
    if (left === undefined || right === undefined || left.length === 0 || right.length === 0) {
      if (!field.ignoreBlank) return false;
      continue;
    }
    let ok = false;
    for (let i = 0; i < left.length && !ok; i++) {
      const x = left[i]!;
      for (let j = 0; j < right.length; j++) {
        const y = right[j]!;
        if (x.key === y.key || (field.fuzzy && fuzzyScore(x, y, field) >= field.threshold)) {
          ok = true;
          break;
        }
      }
    }
    if (!ok) return false;
    counted++;
  }
  return counted > 0;
}

function evaluateRule(rule: CompiledRule, a: PreparedRecord, b: PreparedRecord): RuleMatch | null {
  const fields: FieldMatch[] = [];
  let total = 0;
  let counted = 0;
  for (const field of rule.fields) {
    const left = a.fields[field.field] ?? [];
    const right = b.fields[field.field] ?? [];
    if (left.length === 0 || right.length === 0) {
      if (!field.ignoreBlank) return null;
      fields.push({ field: field.field, match: field.fuzzy ? 'fuzzy' : 'exact', score: null, values: null });
      continue;
    }
    let best = -1;
    let pair: [string, string] | null = null;
    for (const x of left) {
      for (const y of right) {
        const score = field.fuzzy ? fuzzyScore(x, y, field) : x.key === y.key ? 1 : 0;
        if (score > best) {
          best = score;
          pair = [x.key, y.key];
          if (score === 1) break;
        }
      }
      if (best === 1) break;
    }
    if (best < (field.fuzzy ? field.threshold : 1)) return null;
    total += best;
    counted++;
    fields.push({ field: field.field, match: field.fuzzy ? 'fuzzy' : 'exact', score: best, values: pair });
  }
  if (counted === 0) return null;
  return { ruleId: rule.rule.id, label: rule.rule.label, score: total / counted, fields, onCreate: rule.rule.onCreate, onEdit: rule.rule.onEdit };
}

function fuzzyScore(x: PreparedValue, y: PreparedValue, field: CompiledField): number {
  if (x.key === y.key) return 1;
  if (x.name !== undefined && y.name !== undefined) return personNameSimilarity(x.name, y.name, field.similarity);
  return field.similarity(x.key, y.key);
}

function valueHash(value: PreparedValue): number {
  return (value.hash ??= hashString(value.key));
}

const NO_VALUES: readonly PreparedValue[] = [];

/** A prepared value with its fuzzy blocking keys remembered (values of repeating fields are shared). */
interface KeyedValue extends PreparedValue {
  fuzzyKind?: string;
  fuzzyFine?: readonly number[];
  fuzzyCoarse?: readonly number[];
}

/**
 * {@link fuzzyBlockingKeys} of a value, each key once, remembered on the value: a name shared by many
 * records (the cache hands out one prepared value per distinct raw string) is hashed once, not per record.
 */
function cachedFuzzyKeys(value: PreparedValue, definition: DedupFieldDefinition, coarse: boolean): readonly number[] {
  const keyed = value as KeyedValue;
  if (keyed.fuzzyKind === definition.kind) {
    const cached = coarse ? keyed.fuzzyCoarse : keyed.fuzzyFine;
    if (cached !== undefined) return cached;
  } else if (keyed.fuzzyKind !== undefined) {
    return unique(fuzzyBlockingKeys(value, definition, coarse)); // another kind than remembered: not cached
  }
  const keys = unique(fuzzyBlockingKeys(value, definition, coarse));
  keyed.fuzzyKind = definition.kind;
  if (coarse) keyed.fuzzyCoarse = keys;
  else keyed.fuzzyFine = keys;
  return keys;
}

function unique(keys: number[]): number[] {
  const out: number[] = [];
  for (const key of keys) if (!out.includes(key)) out.push(key);
  return out;
}

const TAG = { sg: 1, cj: 2, gm: 3, sm: 4, s: 5, gi: 6, head: 7, tail: 8, local: 9, domain: 10, whole: 11, sorted: 12, first: 13, last: 14, prefix: 15, suffix: 16 } as const;

/**
 * Keys (hashes) under which a fuzzy value is filed, chosen so that one typo, a dropped word or a changed
 * word order still leaves at least one key shared with the original. A person name gives: the words
 * without spaces, given+middle and surname+middle (or the surname alone when there is no middle
 * name), and given+surname initial.
 */
export function fuzzyBlockingKeys(value: PreparedValue, definition: DedupFieldDefinition, coarse = false): number[] {
  const name = value.name;
  if (definition.kind === 'personName' && name !== undefined && coarse) {
    // next to a selective exact value (a date of birth): the given name's initial and the spaceless name
    return [mixHash(TAG.gi, name.given.charCodeAt(0) || 0), mixHash(TAG.cj, hashString(name.compact))];
  }
  if (definition.kind === 'personName' && name !== undefined) {
    const surname = hashString(name.surname);
    const given = hashString(name.given);
    // surname+given is left out: given + surname initial (below) shares a bucket in every case it would
    const keys = [mixHash(TAG.cj, hashString(name.compact))];
    if (name.middle.length > 0) {
      const middle = hashString(name.middle.join(' '));
      keys.push(mixHash(mixHash(TAG.gm, given), middle), mixHash(mixHash(TAG.sm, surname), middle));
    } else keys.push(mixHash(TAG.s, surname)); // "Lê ình" for "Lê Bình": only the surname is left to share
    keys.push(mixHash(mixHash(TAG.gi, given), name.surname.charCodeAt(0) || 0));
    return keys;
  }
  const key = value.key;
  switch (definition.kind) {
    case 'phone':
      return [mixHash(TAG.head, hashString(key.slice(0, 7))), mixHash(TAG.tail, hashString(key.slice(-6)))];
    case 'email': {
      const at = key.indexOf('@');
      return [mixHash(TAG.local, hashString(key.slice(0, at))), mixHash(TAG.domain, hashString(`${key.slice(at + 1)}|${key.slice(0, 3)}`))];
    }
    default: {
      const tokens = key.split(' ');
      const keys = [mixHash(TAG.whole, hashString(key)), mixHash(TAG.sorted, hashString([...tokens].sort().join(' ')))];
      if (tokens.length > 1) keys.push(mixHash(TAG.first, hashString(tokens.slice(0, 2).join(' '))), mixHash(TAG.last, hashString(tokens.slice(-2).join(' '))));
      else if (key.length >= 6) keys.push(mixHash(TAG.prefix, hashString(key.slice(0, 4))), mixHash(TAG.suffix, hashString(key.slice(-4))));
      return keys;
    }
  }
}
