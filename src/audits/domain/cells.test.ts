import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditInput, compareValues, type Counts, deriveGroups, type FinestCell, validateAuditInput } from './cells.ts';

// Random audit inputs for the property tests: 1–3 attributes with a few values each (missing
// included), cells in any order (the same combination may appear twice, as a scan's partial
// aggregates could), labelled or not.

const VALUES = ['A', 'B', 'C', null] as const;

const labelledCounts: fc.Arbitrary<Counts> = fc
  .tuple(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40))
  .map(([tp, fp, fn, tn]) => ({ n: tp + fp + fn + tn, pp: tp + fp, tp, fp, fn, tn }));

const unlabelledCounts: fc.Arbitrary<Counts> = fc.nat(120).chain((n) => fc.nat(n).map((pp) => ({ n, pp })));

/** A random audit input. */
function arbitraryInput(): fc.Arbitrary<AuditInput> {
  return fc.record({ attributes: fc.integer({ min: 1, max: 3 }), labelled: fc.boolean() }).chain(({ attributes, labelled }) =>
    fc
      .array(
        fc.record({
          values: fc.array(fc.constantFrom(...VALUES), { minLength: attributes, maxLength: attributes }),
          counts: labelled ? labelledCounts : unlabelledCounts,
        }) as fc.Arbitrary<FinestCell>,
        { minLength: 1, maxLength: 14 },
      )
      .map((cells) => ({ attributes: ['a', 'b', 'c'].slice(0, attributes), labelled, cells })),
  );
}

const cell = (values: (string | null)[], counts: Counts): FinestCell => ({ values, counts });

const input: AuditInput = {
  attributes: ['nationality', 'gender'],
  labelled: false,
  cells: [
    cell(['SY', 'F'], { n: 100, pp: 40 }),
    cell(['DE', 'M'], { n: 400, pp: 40 }),
    cell(['SY', null], { n: 20, pp: 10 }),
    cell(['DE', 'F'], { n: 300, pp: 30 }),
    cell(['SY', 'M'], { n: 200, pp: 60 }),
  ],
};

describe('deriveGroups', () => {
  it('sums every group of every order from the finest cells, in a fixed order', () => {
    const groups = deriveGroups(input);
    expect(groups.map((g) => [g.attributes, g.counts])).toEqual([
      [{}, { n: 1020, pp: 180 }],
      [{ nationality: 'DE' }, { n: 700, pp: 70 }],
      [{ nationality: 'SY' }, { n: 320, pp: 110 }],
      [{ gender: 'F' }, { n: 400, pp: 70 }],
      [{ gender: 'M' }, { n: 600, pp: 100 }],
      // A missing value is a group of its own, ordered last.
      [{ gender: null }, { n: 20, pp: 10 }],
      [{ nationality: 'DE', gender: 'F' }, { n: 300, pp: 30 }],
      [{ nationality: 'DE', gender: 'M' }, { n: 400, pp: 40 }],
      [{ nationality: 'SY', gender: 'F' }, { n: 100, pp: 40 }],
      [{ nationality: 'SY', gender: 'M' }, { n: 200, pp: 60 }],
      [{ nationality: 'SY', gender: null }, { n: 20, pp: 10 }],
    ]);
    expect(groups.map((g) => g.order)).toEqual([0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(Object.keys(groups[7]!.attributes)).toEqual(['nationality', 'gender']);
  });

  it('stops at maxOrder, and orders attribute subsets by the input order', () => {
    const three: AuditInput = {
      attributes: ['a', 'b', 'c'],
      labelled: true,
      cells: [cell(['x', 'y', 'z'], { n: 4, pp: 2, tp: 1, fp: 1, fn: 1, tn: 1 }), cell(['x', 'y', 'w'], { n: 2, pp: 1, tp: 1, fp: 0, fn: 0, tn: 1 })],
    };
    const groups = deriveGroups(three, 2);
    expect(Math.max(...groups.map((g) => g.order))).toBe(2);
    expect(groups.filter((g) => g.order === 2).map((g) => Object.keys(g.attributes).join(''))).toEqual(['ab', 'ac', 'ac', 'bc', 'bc']);
    expect(groups[0]!.counts).toEqual({ n: 6, pp: 3, tp: 2, fp: 1, fn: 1, tn: 2 });
    expect(groups.find((g) => g.attributes.c === 'w' && g.order === 1)!.counts).toEqual({ n: 2, pp: 1, tp: 1, fp: 0, fn: 0, tn: 1 });
  });

  it('refuses inconsistent input', () => {
    expect(() => validateAuditInput({ attributes: [], labelled: false, cells: [] })).toThrow(/at least one/);
    expect(() => validateAuditInput({ attributes: ['a'], labelled: false, cells: [cell(['x', 'y'], { n: 1, pp: 0 })] })).toThrow(/2 values/);
    expect(() => validateAuditInput({ attributes: ['a'], labelled: false, cells: [cell(['x'], { n: 1, pp: 2 })] })).toThrow(/pp ≤ n/);
    expect(() => validateAuditInput({ attributes: ['a'], labelled: true, cells: [cell(['x'], { n: 1, pp: 1 })] })).toThrow(/tp, fp, fn and tn/);
    expect(() => validateAuditInput({ attributes: ['a'], labelled: true, cells: [cell(['x'], { n: 2, pp: 1, tp: 1, fp: 1, fn: 0, tn: 0 })] })).toThrow(/tp \+ fp/);
  });

  it('orders values by code units with missing last', () => {
    expect(['b', null, 'B', 'a'].sort(compareValues)).toEqual(['B', 'a', 'b', null]);
  });

  it('gives every margin as the sum of the finest cells that match it (property)', () => {
    fc.assert(
      fc.property(arbitraryInput(), (generated) => {
        const groups = deriveGroups(generated);
        const keys = ['n', 'pp', 'tp', 'fp', 'fn', 'tn'] as const;
        for (const g of groups) {
          const matching = generated.cells.filter((c) => g.attributeIndexes.every((i, j) => c.values[i] === g.values[j]));
          for (const key of keys) {
            if (!generated.labelled && key !== 'n' && key !== 'pp') {
              expect(g.counts[key]).toBeUndefined();
              continue;
            }
            expect(g.counts[key]).toBe(matching.reduce((sum, c) => sum + c.counts[key]!, 0));
          }
        }
        // Every combination present in a cell with rows is a group: none is dropped.
        const nonEmpty = generated.cells.filter((c) => c.counts.n > 0);
        const finest = new Set(groups.filter((g) => g.order === generated.attributes.length).map((g) => JSON.stringify(g.values)));
        expect(finest).toEqual(new Set(nonEmpty.map((c) => JSON.stringify(c.values))));
      }),
    );
  });
});
