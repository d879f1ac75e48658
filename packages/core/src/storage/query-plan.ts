import { CrmValidationError, type CrmValidationIssue } from '../errors.js';
import type { Condition, EntityStoreDefinition, IndexValue, Query, StorageSchema } from './contract.js';
import { compareIndexValues, indexValuesOf, isIndexValue, parseIndexSpec, type IndexSpec } from './keys.js';

/** Bounds on the ordering index, as IndexedDB key ranges express them. */
export interface KeyBounds {
  lower?: IndexValue;
  lowerOpen: boolean;
  upper?: IndexValue;
  upperOpen: boolean;
}

/** Where the previous page stopped: its last record's order value and id. */
export interface CursorPosition {
  value: IndexValue;
  id: string;
}

/**
 * A query resolved against its entity's declared indexes. Every adapter executes the same plan: walk the
 * `orderIndex` (or the primary key when it is `id`) within `bounds` in `direction`, skip up to and including
 * `after`, keep records for which `matches` holds, stop after `limit`. The order index is the requested
 * `orderBy`, else the field of the first condition (so a range query is driven by its own index), else `id`.
 */
export interface QueryPlan {
  entity: string;
  orderIndex: IndexSpec;
  direction: 'asc' | 'desc';
  bounds: KeyBounds;
  /** For `in` on the order index: the values, sorted ascending (an adapter may seek each one). */
  inValues?: IndexValue[];
  after?: CursorPosition;
  limit: number;
  /** All conditions of the query (including the one on the order index) over a live record. */
  matches(record: Readonly<Record<string, unknown>>): boolean;
}

const ID_INDEX: IndexSpec = { field: 'id', multiEntry: false };

/** Finds the declared index of a field (or `id`), or undefined. */
export function findIndex(definition: EntityStoreDefinition, field: string): IndexSpec | undefined {
  if (field === 'id') return ID_INDEX;
  for (const spec of definition.indexes) {
    const parsed = parseIndexSpec(spec);
    if (parsed.field === field) return parsed;
  }
  return undefined;
}

/** Encodes where a page stopped as an opaque cursor string. */
export function encodeCursor(position: CursorPosition): string {
  return JSON.stringify([position.value, position.id]);
}

/** Decodes a cursor made by {@link encodeCursor}; throws a validation error naming `cursor` when it is not one. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(cursor);
    if (Array.isArray(parsed) && parsed.length === 2 && isIndexValue(parsed[0]) && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new CrmValidationError([{ path: 'cursor', message: 'is not a cursor returned by a previous page', code: 'invalid_cursor' }], 'query');
}

function conditionMatches(values: IndexValue[], condition: Condition): boolean {
  switch (condition.op) {
    case 'eq':
      return values.some((value) => compareIndexValues(value, condition.value) === 0);
    case 'in':
      return values.some((value) => condition.values.some((wanted) => compareIndexValues(value, wanted) === 0));
    case 'range':
      return values.some(
        (value) =>
          (condition.gt === undefined || compareIndexValues(value, condition.gt) > 0) &&
          (condition.gte === undefined || compareIndexValues(value, condition.gte) >= 0) &&
          (condition.lt === undefined || compareIndexValues(value, condition.lt) < 0) &&
          (condition.lte === undefined || compareIndexValues(value, condition.lte) <= 0),
      );
  }
}

function boundsOf(condition: Condition | undefined): { bounds: KeyBounds; inValues?: IndexValue[] } {
  const open: KeyBounds = { lowerOpen: false, upperOpen: false };
  if (!condition) return { bounds: open };
  switch (condition.op) {
    case 'eq':
      return { bounds: { lower: condition.value, upper: condition.value, lowerOpen: false, upperOpen: false } };
    case 'in': {
      const inValues = [...new Set(condition.values)].sort(compareIndexValues);
      return { bounds: { lower: inValues[0], upper: inValues[inValues.length - 1], lowerOpen: false, upperOpen: false }, inValues };
    }
    case 'range': {
      const bounds: KeyBounds = { lowerOpen: false, upperOpen: false };
      if (condition.gt !== undefined) Object.assign(bounds, { lower: condition.gt, lowerOpen: true });
      if (condition.gte !== undefined && (bounds.lower === undefined || compareIndexValues(condition.gte, bounds.lower) > 0)) {
        Object.assign(bounds, { lower: condition.gte, lowerOpen: false });
      }
      if (condition.lt !== undefined) Object.assign(bounds, { upper: condition.lt, upperOpen: true });
      if (condition.lte !== undefined && (bounds.upper === undefined || compareIndexValues(condition.lte, bounds.upper) < 0)) {
        Object.assign(bounds, { upper: condition.lte, upperOpen: false });
      }
      return { bounds };
    }
  }
}

/** True when the bounds can contain no key at all (e.g. `gt: 5, lt: 3`), which IndexedDB would throw on. */
export function isEmptyRange(bounds: KeyBounds): boolean {
  if (bounds.lower === undefined || bounds.upper === undefined) return false;
  const order = compareIndexValues(bounds.lower, bounds.upper);
  return order > 0 || (order === 0 && (bounds.lowerOpen || bounds.upperOpen));
}

function checkConditionValues(condition: Condition, at: number, issues: CrmValidationIssue[]): void {
  const path = `where.${at}`;
  const check = (value: unknown, field: string) => {
    if (value !== undefined && !isIndexValue(value)) issues.push({ path: `${path}.${field}`, message: 'must be a string or a number', code: 'invalid_type' });
  };
  if (condition.op === 'eq') {
    if (condition.value === undefined) issues.push({ path: `${path}.value`, message: 'is required', code: 'required' });
    check(condition.value, 'value');
  } else if (condition.op === 'in') {
    if (!Array.isArray(condition.values)) issues.push({ path: `${path}.values`, message: 'must be an array', code: 'invalid_type' });
    else condition.values.forEach((value, i) => check(value, `values.${i}`));
  } else if (condition.op === 'range') {
    for (const key of ['gt', 'gte', 'lt', 'lte'] as const) check(condition[key], key);
  } else {
    issues.push({ path: `${path}.op`, message: 'must be eq, in or range', code: 'invalid_value' });
  }
}

/**
 * Whether the schema declares an entity of this name. Only the schema's own entries count: a plain lookup would
 * also find what every object inherits (`toString`, `constructor`, `__proto__`).
 */
export function isKnownEntity(schema: StorageSchema, entity: unknown): entity is string {
  return typeof entity === 'string' && Object.hasOwn(schema.entities, entity);
}

/**
 * Resolves and validates a query against the schema: unknown entities, undeclared fields, bad values and bad
 * cursors are refused with a `CrmValidationError` naming the part of the query.
 */
export function planQuery(query: Query, schema: StorageSchema): QueryPlan {
  if (!isKnownEntity(schema, query.entity)) {
    throw new CrmValidationError([{ path: 'entity', message: `unknown entity "${String(query.entity)}"`, code: 'unknown_entity' }], 'query');
  }
  const definition = schema.entities[query.entity]!;
  const issues: CrmValidationIssue[] = [];
  const where = query.where ?? [];
  const specs = where.map((condition, at) => {
    const spec = findIndex(definition, condition.field);
    if (!spec) issues.push({ path: `where.${at}.field`, message: `"${condition.field}" is not an index of ${query.entity}`, code: 'not_indexed' });
    checkConditionValues(condition, at, issues);
    return spec;
  });
  let orderIndex = ID_INDEX;
  if (query.orderBy) {
    const spec = findIndex(definition, query.orderBy.field);
    if (!spec) issues.push({ path: 'orderBy.field', message: `"${query.orderBy.field}" is not an index of ${query.entity}`, code: 'not_indexed' });
    else if (spec.multiEntry) issues.push({ path: 'orderBy.field', message: 'a multi-entry index cannot order results', code: 'not_orderable' });
    else orderIndex = spec;
    if (query.orderBy.direction !== undefined && query.orderBy.direction !== 'asc' && query.orderBy.direction !== 'desc') {
      issues.push({ path: 'orderBy.direction', message: 'must be asc or desc', code: 'invalid_value' });
    }
  } else if (where.length > 0 && specs[0]) {
    const first = where[0]!;
    // An eq on a multi-entry index walks that index in id order; other multi-entry ops fall back to ids.
    if (!specs[0].multiEntry || first.op === 'eq') orderIndex = specs[0];
  }
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1)) {
    issues.push({ path: 'limit', message: 'must be a positive whole number', code: 'too_small' });
  }
  if (issues.length > 0) throw new CrmValidationError(issues, 'query');

  const orderCondition = where.find((condition) => condition.field === orderIndex.field);
  const { bounds, inValues } = boundsOf(orderCondition);
  const indexed = specs as IndexSpec[];
  const plan: QueryPlan = {
    entity: query.entity,
    orderIndex,
    direction: query.orderBy?.direction ?? 'asc',
    bounds,
    limit: query.limit ?? Number.POSITIVE_INFINITY,
    matches: (record) => where.every((condition, at) => conditionMatches(indexValuesOf(record, indexed[at]!), condition)),
  };
  if (inValues) plan.inValues = inValues;
  if (query.cursor !== undefined) plan.after = decodeCursor(query.cursor);
  return plan;
}

/** Compares two (order value, id) positions in the plan's direction. */
export function comparePositions(a: CursorPosition, b: CursorPosition, direction: 'asc' | 'desc'): number {
  const order = compareIndexValues(a.value, b.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return direction === 'asc' ? order : -order;
}

/** The order value a record has in the plan's order index, for a record already known to be in it. */
export function orderValueOf(record: Readonly<Record<string, unknown>>, plan: QueryPlan): IndexValue | undefined {
  if (plan.orderIndex.field === 'id') return record['id'] as string;
  const values = indexValuesOf(record, plan.orderIndex);
  if (values.length === 0) return undefined;
  if (!plan.orderIndex.multiEntry) return values[0];
  // multi-entry ordering only happens for an eq condition, whose value is the lower bound
  return plan.bounds.lower;
}

/** True when a key lies within the bounds. */
export function withinBounds(value: IndexValue, bounds: KeyBounds): boolean {
  if (bounds.lower !== undefined) {
    const c = compareIndexValues(value, bounds.lower);
    if (c < 0 || (c === 0 && bounds.lowerOpen)) return false;
  }
  if (bounds.upper !== undefined) {
    const c = compareIndexValues(value, bounds.upper);
    if (c > 0 || (c === 0 && bounds.upperOpen)) return false;
  }
  return true;
}
