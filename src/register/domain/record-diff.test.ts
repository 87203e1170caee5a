import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRecords, type FieldChange } from './record-diff.ts';

const technology = {
  slug: 'eurodac',
  name: 'Eurodac',
  summary: 'Fingerprint database.',
  techniques: ['fingerprinting', 'database'],
  sources: [{ source: 'eu-regulation', claims: ['summary'] }],
  unverified: [],
};

describe('diffRecords', () => {
  it('lists every present field of a new record as added, in the order of its keys', () => {
    expect(diffRecords(null, { slug: 'frontex', name: 'Frontex', country: undefined, techniques: ['drones'], unverified: [] })).toStrictEqual([
      { field: 'slug', kind: 'added', after: 'frontex' },
      { field: 'name', kind: 'added', after: 'Frontex' },
      { field: 'techniques', kind: 'added', after: ['drones'], addedItems: ['drones'], removedItems: [] },
    ]);
  });

  it('lists every present field of a removed record as removed', () => {
    expect(diffRecords({ slug: 'frontex', kind: 'agency', country: null, unverified: ['kind'] }, null)).toStrictEqual([
      { field: 'slug', kind: 'removed', before: 'frontex' },
      { field: 'kind', kind: 'removed', before: 'agency' },
      { field: 'unverified', kind: 'removed', before: ['kind'], addedItems: [], removedItems: ['kind'] },
    ]);
  });

  it('gives nothing for two missing records or two equal ones', () => {
    expect(diffRecords(null, null)).toEqual([]);
    expect(diffRecords(technology, structuredClone(technology))).toEqual([]);
  });

  it('reports a changed scalar with its old and new value, and nothing for unchanged fields', () => {
    expect(diffRecords(technology, { ...technology, name: 'EURODAC' })).toStrictEqual([
      { field: 'name', kind: 'changed', before: 'Eurodac', after: 'EURODAC' },
    ]);
  });

  it('reports the items added to and removed from a list, counting repeats', () => {
    const [change] = diffRecords({ techniques: ['a', 'b', 'b', 'c'] }, { techniques: ['b', 'c', 'd', 'd'] });
    expect(change).toStrictEqual({
      field: 'techniques',
      kind: 'changed',
      before: ['a', 'b', 'b', 'c'],
      after: ['b', 'c', 'd', 'd'],
      addedItems: ['d', 'd'],
      removedItems: ['a', 'b'],
    });
  });

  it('treats a reordered list as changed, with no items added or removed', () => {
    expect(diffRecords({ techniques: ['a', 'b'] }, { techniques: ['b', 'a'] })).toStrictEqual([
      { field: 'techniques', kind: 'changed', before: ['a', 'b'], after: ['b', 'a'], addedItems: [], removedItems: [] },
    ]);
  });

  it('compares citations deeply: a citation with one more claim is one removed and one added', () => {
    const before = {
      sources: [
        { source: 'report', claims: ['name'] },
        { source: 'article', claims: [] },
      ],
    };
    const after = {
      sources: [
        { claims: [], source: 'article' },
        { source: 'report', claims: ['name', 'kind'] },
        { source: 'court-ruling', claims: [] },
      ],
    };
    expect(diffRecords(before, after)).toStrictEqual([
      {
        field: 'sources',
        kind: 'changed',
        before: before.sources,
        after: after.sources,
        addedItems: [
          { source: 'report', claims: ['name', 'kind'] },
          { source: 'court-ruling', claims: [] },
        ],
        removedItems: [{ source: 'report', claims: ['name'] }],
      },
    ]);
  });

  it('ignores the order of keys, at the top and inside list items', () => {
    const reordered = {
      unverified: [],
      sources: [{ claims: ['summary'], source: 'eu-regulation' }],
      techniques: ['fingerprinting', 'database'],
      summary: 'Fingerprint database.',
      name: 'Eurodac',
      slug: 'eurodac',
    };
    expect(diffRecords(technology, reordered)).toEqual([]);
  });

  it('tells apart objects when one has keys the other lacks', () => {
    const before = { sources: [{ source: 'report' }] };
    const after = { sources: [{ source: 'report', claims: ['name'] }] };
    expect(diffRecords(before, after)).toHaveLength(1);
    expect(diffRecords(after, before)).toHaveLength(1);
  });

  it('treats undefined, null, empty text and an empty list alike as absent', () => {
    const before = { slug: 'x', country: '', techniques: [], note: null, website: undefined };
    const after = { slug: 'x', country: undefined, techniques: null, note: [], description: '' };
    expect(diffRecords(before, after)).toEqual([]);
    expect(diffRecords(before, { ...after, country: 'FR' })).toStrictEqual([{ field: 'country', kind: 'added', after: 'FR' }]);
    expect(diffRecords({ ...before, techniques: ['x'] }, after)).toStrictEqual([
      { field: 'techniques', kind: 'removed', before: ['x'], addedItems: [], removedItems: ['x'] },
    ]);
  });

  it('orders fields as the keys of the new version, then those only the old one has', () => {
    const before = { a: 1, gone: 'x', b: 1, c: 1 };
    const after = { c: 2, new: 'y', a: 2, b: 2 };
    expect(diffRecords(before, after).map((c) => c.field)).toEqual(['c', 'new', 'a', 'b', 'gone']);
  });

  it('gives no item lists when a field changes between a list and a single value', () => {
    expect(diffRecords({ country: 'FR' }, { country: ['FR'] })).toStrictEqual([
      { field: 'country', kind: 'changed', before: 'FR', after: ['FR'] },
    ]);
  });

  it('never reads inherited properties for fields one version lacks', () => {
    expect(diffRecords({ constructor: 'x', toString: 'y' }, {})).toStrictEqual([
      { field: 'constructor', kind: 'removed', before: 'x' },
      { field: 'toString', kind: 'removed', before: 'y' },
    ]);
  });
});

// Records over a few shared field names, so that two random records overlap and differ in
// interesting ways (absent forms, lists with repeats, citations with keys in any order).
const word = fc.constantFrom('a', 'b', 'c');
const citation = fc
  .record({ source: word, claims: fc.array(word, { maxLength: 2 }) })
  .chain((c) => fc.boolean().map((flip) => (flip ? { claims: c.claims, source: c.source } : c)));
const smallObject = fc.dictionary(word, word, { maxKeys: 2 });
const fieldValue = fc.oneof(
  fc.constantFrom(undefined, null, '', [] as unknown[]),
  word,
  fc.integer({ min: 0, max: 2 }),
  smallObject,
  fc.array(word, { maxLength: 4 }),
  fc.array(citation, { maxLength: 3 }),
  fc.array(smallObject, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const recordArb = fc.dictionary(fc.constantFrom('slug', 'name', 'kind', 'country', 'techniques', 'sources', 'unverified'), fieldValue);
const anyRecord = fc.oneof(recordArb, fc.dictionary(fc.string(), fc.jsonValue()));

/** The change as seen from the other side: added and removed, before and after, swapped. */
function swapped(change: FieldChange): FieldChange {
  const kind = change.kind === 'added' ? 'removed' : change.kind === 'removed' ? 'added' : 'changed';
  const result: FieldChange = { field: change.field, kind };
  if ('after' in change) result.before = change.after;
  if ('before' in change) result.after = change.before;
  if ('removedItems' in change) result.addedItems = change.removedItems;
  if ('addedItems' in change) result.removedItems = change.addedItems;
  return result;
}

const byField = (changes: FieldChange[]) => [...changes].sort((x, y) => (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));

/** A deep copy with the keys of every object in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe('diffRecords properties', () => {
  it('finds no difference between a record and itself, nor a copy with its keys reordered', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        expect(diffRecords(record, record)).toEqual([]);
        expect(diffRecords(record, reverseKeys(record) as Record<string, unknown>)).toEqual([]);
      }),
    );
  });

  it('is antisymmetric: diff(b, a) has the same fields, with added/removed and before/after swapped', () => {
    fc.assert(
      fc.property(anyRecord, anyRecord, (a, b) => {
        expect(byField(diffRecords(b, a))).toStrictEqual(byField(diffRecords(a, b).map(swapped)));
      }),
    );
  });

  it('a new record is all added, a removed one all removed, mirrored', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const added = diffRecords(null, record);
        expect(added.every((c) => c.kind === 'added')).toBe(true);
        expect(byField(diffRecords(record, null))).toStrictEqual(byField(added.map(swapped)));
      }),
    );
  });

  it('turns the old items of a list into the new ones: old − removed + added = new, as multisets', () => {
    const canonical = (items: unknown[]) => items.map((i) => JSON.stringify(sortKeys(i))).sort();
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        for (const change of diffRecords(a, b)) {
          if (!change.addedItems || !change.removedItems) continue;
          const old = canonical((change.before as unknown[] | undefined) ?? []);
          for (const removed of canonical(change.removedItems)) {
            expect(old).toContain(removed);
            old.splice(old.indexOf(removed), 1);
          }
          expect([...old, ...canonical(change.addedItems)].sort()).toEqual(canonical((change.after as unknown[] | undefined) ?? []));
        }
      }),
    );
  });
});

/** A deep copy with the keys of every object sorted, for comparing values as text. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
