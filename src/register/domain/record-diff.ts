// Field-by-field differences between two versions of a register record in the dataset format
// (plain JSON objects), for showing what a change did: which fields were added, removed or changed,
// and for list fields which items came and went.

/** One field that differs between two versions of a record. */
export type FieldChange = {
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** For list fields: items in `after` that `before` lacks (as a multiset, compared deeply). */
  addedItems?: unknown[];
  /** For list fields: items in `before` that `after` lacks (as a multiset, compared deeply). */
  removedItems?: unknown[];
};

type Fields = Record<string, unknown>;

/** A field counts as absent when it is undefined, null, an empty string or an empty list. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of an object whose value is defined (JSON has no undefined, so such keys are not there). */
function definedKeys(value: Fields): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined);
}

/** The object's own value for a key; never an inherited one such as `constructor`. */
function own(value: Fields, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Deep equality of JSON-like values: arrays in order, objects by keys whatever their order. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = definedKeys(a);
    return (
      keys.length === definedKeys(b).length &&
      keys.every((k) => deepEqual(a[k], own(b, k)))
    );
  }
  return false;
}

/** Items of `from` left over once each item of `minus` has cancelled one deeply equal item of `from`. */
function multisetDifference(from: readonly unknown[], minus: readonly unknown[]): unknown[] {
  const unmatched = [...minus];
  return from.filter((item) => {
    const i = unmatched.findIndex((other) => deepEqual(item, other));
    if (i === -1) return true;
    unmatched.splice(i, 1);
    return false;
  });
}

/** The change for one field, or null when it did not change. Absent values are normalised away. */
function diffField(field: string, rawBefore: unknown, rawAfter: unknown): FieldChange | null {
  const before = isAbsent(rawBefore) ? undefined : rawBefore;
  const after = isAbsent(rawAfter) ? undefined : rawAfter;
  if (before === undefined && after === undefined) return null;
  if (before !== undefined && after !== undefined && deepEqual(before, after)) return null;

  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const change: FieldChange = { field, kind };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;

  // An absent side of a list field is an empty list, so a new list's items are all added.
  const beforeItems = before === undefined ? [] : before;
  const afterItems = after === undefined ? [] : after;
  if (Array.isArray(beforeItems) && Array.isArray(afterItems)) {
    change.addedItems = multisetDifference(afterItems, beforeItems);
    change.removedItems = multisetDifference(beforeItems, afterItems);
  }
  return change;
}

/**
 * Lists the fields that differ between two versions of a record, in the order of the keys of
 * `after`, then the keys only `before` has. `before` null means the record is new, `after` null
 * that it was removed. Undefined, null, '' and [] count as absent; values are compared deeply.
 */
export function diffRecords(before: Fields | null, after: Fields | null): FieldChange[] {
  const old = before ?? {};
  const now = after ?? {};
  const fields = [...new Set([...Object.keys(now), ...Object.keys(old)])];
  return fields.flatMap((field) => diffField(field, own(old, field), own(now, field)) ?? []);
}
