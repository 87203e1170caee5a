import fc from 'fast-check';
import highsModule from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_OPTIONS, type AuditResult, publishAudit } from './audit.ts';
import { type AuditInput, deriveGroups, type FinestCell } from './cells.ts';
import { protectCells } from './disclosure.ts';
import { type CellName, exactCells, METRIC_CELLS, type MetricName } from './metrics.ts';

// The attack of AUD-3: an adversary who holds the published report and knows how it is made tries
// to recover each withheld count exactly. Every published count is a linear equation over the
// unknown atoms (the finest cells crossed with prediction and label, all ≥ 0), every published rate
// too (successes − rate × trials = 0), and a group absent from the report is a zero. The attack
// minimises and maximises each withheld count by linear programming (HiGHS); a count is recovered
// when the two meet. The suppression promises more than it is asked: another log of whole counts
// publishes the same numbers with that count one apart, so the range is at least 1.

// The package's types are CommonJS, its ES module exports the loader itself as default.
type Loader = typeof highsModule.default;
const loadHighs = ((highsModule as { default?: Loader }).default ?? highsModule) as Loader;
type Highs = Awaited<ReturnType<Loader>>;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const ALL_CELLS: CellName[] = ['n', 'pp', 'npp', 'pos', 'neg', 'tp', 'fp', 'fn', 'tn'];
const cellNames = (labelled: boolean): CellName[] => (labelled ? ALL_CELLS : ['n', 'pp', 'npp']);

/** Which atoms (prediction, label) each cell sums: 1 = positive, 0 = negative, undefined = both. */
const CELL_SPLIT: Record<CellName, [number | undefined, number | undefined]> = {
  n: [undefined, undefined], pp: [1, undefined], npp: [0, undefined], pos: [undefined, 1], neg: [undefined, 0],
  tp: [1, 1], fp: [1, 0], fn: [0, 1], tn: [0, 0],
};

function subsets(k: number, max: number): number[][] {
  const out: number[][] = [[]];
  for (let i = 0; i < k; i++) for (const s of [...out]) if (s.length < max) out.push([...s, i]);
  return out.map((s) => s.sort((a, b) => a - b));
}

function combos(lists: (string | null)[][]): (string | null)[][] {
  return lists.reduce<(string | null)[][]>((acc, list) => acc.flatMap((a) => list.map((v) => [...a, v])), [[]]);
}

type Atom = { values: (string | null)[]; prediction: number; label: number };

/** The published report as linear constraints over the atoms, and each cell's expression. */
function attackModel(input: AuditInput, result: AuditResult, maxOrder: number) {
  const k = input.attributes.length;
  const labelled = input.labelled;
  // The value of each attribute, as the report shows them (its single-attribute groups).
  const valueSets = input.attributes.map((name) => [...new Set(result.groups.filter((g) => Object.keys(g.attributes).length === 1 && name in g.attributes).map((g) => g.attributes[name]!))]);
  const atoms: Atom[] = [];
  for (const values of combos(valueSets)) for (const prediction of [1, 0]) for (const label of labelled ? [1, 0] : [0]) atoms.push({ values, prediction, label });
  const cellExpression = (indexes: number[], values: (string | null)[], cell: CellName): number[] => {
    const [p, l] = CELL_SPLIT[cell];
    const out: number[] = [];
    atoms.forEach((a, i) => {
      if (indexes.every((j, x) => a.values[j] === values[x]) && (p === undefined || a.prediction === p) && (!labelled || l === undefined || a.label === l)) out.push(i);
    });
    return out;
  };
  const byKey = new Map(result.groups.map((g) => [JSON.stringify(g.attributes), g]));
  const rows: string[] = [];
  const terms = (xs: number[], coefficient = 1) => xs.map((i) => `${coefficient >= 0 ? '+' : '-'} ${Math.abs(coefficient)} x${i}`).join(' ');
  const allPp = cellExpression([], [], 'pp');
  for (const indexes of subsets(k, maxOrder)) {
    for (const values of combos(indexes.map((j) => valueSets[j]!))) {
      const attributes = Object.fromEntries(indexes.map((j, x) => [input.attributes[j]!, values[x]!]));
      const group = indexes.length === 0 ? { ...result.overall, attributes } : byKey.get(JSON.stringify(attributes));
      if (!group) {
        // Absent from the report: nobody is in it.
        rows.push(`${terms(cellExpression(indexes, values, 'n'))} = 0`);
        continue;
      }
      const counts: Partial<Record<CellName, number | null | undefined>> = { n: group.n, ...group.counts };
      for (const cell of ['n', 'pp', 'tp', 'fp', 'fn', 'tn'] as const) {
        const value = counts[cell];
        if (typeof value === 'number') rows.push(`${terms(cellExpression(indexes, values, cell))} = ${value}`);
      }
      for (const [metric, rate] of Object.entries(group.metrics) as [MetricName, { value: number | null }][]) {
        if (rate.value === null) continue;
        const [s, t] = METRIC_CELLS[metric];
        const successes = cellExpression(indexes, values, s);
        const trials = t === 'all_pp' ? allPp : cellExpression(indexes, values, t);
        // successes − rate × trials = 0, over the union of both (an atom may be in both).
        const coefficient = new Map<number, number>();
        for (const i of successes) coefficient.set(i, (coefficient.get(i) ?? 0) + 1);
        for (const i of trials) coefficient.set(i, (coefficient.get(i) ?? 0) - rate.value);
        const row = [...coefficient].filter(([, c]) => Math.abs(c) > 1e-12).map(([i, c]) => `${c >= 0 ? '+' : '-'} ${Math.abs(c)} x${i}`).join(' ');
        if (row) rows.push(`${row} = 0`);
      }
    }
  }
  return { atoms, cellExpression, constraints: rows };
}

/** The range [min, max] of a linear expression over the atoms under the constraints. */
function range(model: ReturnType<typeof attackModel>, expression: number[]): [number, number] {
  const body = `Subject To\n${model.constraints.map((c, i) => ` c${i}: ${c}`).join('\n')}\nBounds\n${model.atoms.map((_, i) => ` x${i} >= 0`).join('\n')}\nEnd`;
  const objective = expression.map((i) => `+ x${i}`).join(' ') || '+ 0 x0';
  const solve = (sense: 'Minimize' | 'Maximize') => {
    const solution = highs.solve(`${sense}\n obj: ${objective}\n${body}`, { output_flag: false });
    if (solution.Status === 'Unbounded') return sense === 'Maximize' ? Infinity : -Infinity;
    if (solution.Status !== 'Optimal') throw new Error(`the attack's LP ended ${solution.Status}`);
    return solution.ObjectiveValue;
  };
  return [solve('Minimize'), solve('Maximize')];
}

/** Runs the attack on a published audit: every withheld cell's range, beside its true value. */
function attack(input: AuditInput, maxOrder: number, minCell: number) {
  const options = { ...DEFAULT_AUDIT_OPTIONS, maxOrder, minN: 0, minSupport: 0 };
  const { result } = publishAudit(input, options, { minCell, round: null });
  const cells = protectCells(input, { minCell, round: null, maxOrder });
  const model = attackModel(input, result, maxOrder);
  const exact = deriveGroups(input, maxOrder);
  const withheld: { group: string; cell: CellName; truth: number; range: [number, number] }[] = [];
  const primaryNotWithheld: string[] = [];
  for (const g of exact) {
    const truth = exactCells(g.counts);
    for (const cell of cellNames(input.labelled)) {
      const value = truth(cell)!;
      const isWithheld = cells.isWithheld(g.attributeIndexes, g.values, cell);
      if (value > 0 && value < minCell && !isWithheld) primaryNotWithheld.push(`${JSON.stringify(g.attributes)} ${cell}`);
      if (isWithheld) withheld.push({ group: JSON.stringify(g.attributes), cell, truth: value, range: range(model, model.cellExpression(g.attributeIndexes, g.values, cell)) });
    }
  }
  return { result, cells, withheld, primaryNotWithheld };
}

const cell = (values: (string | null)[], n: number, pp: number, confusion?: [number, number, number, number]): FinestCell => ({
  values,
  counts: confusion ? { n, pp, tp: confusion[0], fp: confusion[1], fn: confusion[2], tn: confusion[3] } : { n, pp },
});

describe('protectCells', () => {
  const twoByTwo: AuditInput = {
    attributes: ['nationality', 'gender'],
    labelled: false,
    cells: [cell(['AF', 'F'], 3, 1), cell(['AF', 'M'], 40, 10), cell(['SY', 'F'], 50, 20), cell(['SY', 'M'], 60, 30)],
  };

  it('withholds every count from 1 to minCell − 1, and publishes zeros and larger counts', () => {
    const cells = protectCells(twoByTwo, { minCell: 10, round: null, maxOrder: 2 });
    // AF×F: n 3, pp 1, npp 2 are the small cells.
    for (const c of ['n', 'pp', 'npp'] as const) expect(cells.isWithheld([0, 1], ['AF', 'F'], c)).toBe(true);
    expect(cells.summary.primary).toBe(3);
    expect(cells.published([], [], 'n')).toBe(153);
    expect(cells.published([0], ['SY'], 'pp')).toBe(50);
  });

  it('withholds enough other cells that the small ones cannot be worked out by subtraction', () => {
    const cells = protectCells(twoByTwo, { minCell: 10, round: null, maxOrder: 2 });
    // AF's n is 43 and AF×M's is 40: one of them must go, or AF×F = 43 − 40.
    expect(cells.isWithheld([0], ['AF'], 'n') || cells.isWithheld([0, 1], ['AF', 'M'], 'n')).toBe(true);
    // F's n is 53 and SY×F's is 50.
    expect(cells.isWithheld([1], ['F'], 'n') || cells.isWithheld([0, 1], ['SY', 'F'], 'n')).toBe(true);
    expect(cells.summary.complementary).toBeGreaterThan(0);
    expect(cells.summary.cells).toBe(9 * 3);
    // Everyone's counts stay published.
    for (const c of ['n', 'pp', 'npp'] as const) expect(cells.isWithheld([], [], c)).toBe(false);
  });

  it('survives the linear-programming attack on a 2 × 2 table', () => {
    const { withheld, primaryNotWithheld } = attack(twoByTwo, 2, 10);
    expect(primaryNotWithheld).toEqual([]);
    expect(withheld.length).toBeGreaterThanOrEqual(3);
    for (const w of withheld) {
      expect(w.range[0], `${w.group} ${w.cell}`).toBeLessThanOrEqual(w.truth + 1e-6);
      expect(w.range[1], `${w.group} ${w.cell}`).toBeGreaterThanOrEqual(w.truth - 1e-6);
      expect(w.range[1] - w.range[0], `${w.group} ${w.cell} can be recovered`).toBeGreaterThanOrEqual(1 - 1e-6);
    }
  });

  it('the attack does recover a small cell when only primary suppression is applied (so the test can fail)', () => {
    // Publish everything but AF×F's cells: AF×F's n is then AF's n minus AF×M's.
    const { result } = publishAudit(twoByTwo, { ...DEFAULT_AUDIT_OPTIONS, minN: 0, minSupport: 0 }, { minCell: 1, round: null });
    const primaryOnly = structuredClone(result);
    const g = primaryOnly.groups.find((x) => x.attributes.nationality === 'AF' && x.attributes.gender === 'F')!;
    g.n = null;
    g.counts.pp = null;
    for (const m of Object.values(g.metrics)) m!.value = null;
    const model = attackModel(twoByTwo, primaryOnly, 2);
    expect(range(model, model.cellExpression([0, 1], ['AF', 'F'], 'n'))).toEqual([3, 3]);
  });

  it('refuses a log too small to publish anything, and a cube too large to check', () => {
    expect(() => protectCells({ attributes: ['a'], labelled: false, cells: [cell(['x'], 4, 1), cell(['y'], 3, 0)] }, { minCell: 10, round: null, maxOrder: 1 })).toThrow(/7 counted decisions, fewer than the minimum cell of 10/);
    const many = Array.from({ length: 300 }, (_, i) => String(i));
    const wide: AuditInput = { attributes: ['a', 'b', 'c'], labelled: true, cells: many.map((v) => cell([v, v, v], 10, 5, [2, 3, 2, 3])) };
    expect(() => protectCells(wide, { minCell: 10, round: null, maxOrder: 3 })).toThrow(/more than the 8,388,608 the suppression can check/);
  });

  it('rounds published counts to base 5 and leaves withheld ones null', () => {
    const cells = protectCells(twoByTwo, { minCell: 10, round: 5, maxOrder: 2 });
    expect(cells.published([], [], 'n')).toBe(155);
    expect(cells.published([0, 1], ['AF', 'F'], 'n')).toBeNull();
    expect(cells.summary.rounding_base).toBe(5);
  });
});

describe('publishAudit', () => {
  it('withholds the rates, intervals and tests that rest on a withheld count, and lists groups whose n is withheld as too small to judge', () => {
    const input: AuditInput = {
      attributes: ['nationality', 'gender'],
      labelled: false,
      cells: [cell(['AF', 'F'], 3, 1), cell(['AF', 'M'], 400, 100), cell(['SY', 'F'], 500, 200), cell(['SY', 'M'], 600, 300)],
    };
    const options = { ...DEFAULT_AUDIT_OPTIONS, minN: 30, minSupport: 0 };
    const { result, suppression } = publishAudit(input, options, { minCell: 10, round: null });
    const small = result.groups.find((g) => g.attributes.nationality === 'AF' && g.attributes.gender === 'F')!;
    expect(small.n).toBeNull();
    expect(small.counts.pp).toBeNull();
    expect(small.metrics.selection_rate).toEqual({ value: null, ci: null });
    expect(small.disparity.selection_rate).toBeUndefined();
    expect(result.tooSmall).toContainEqual({ attributes: small.attributes, n: null });
    expect(suppression.primary).toBe(3);
    // What is published is computed from published counts only.
    for (const g of result.groups) {
      const rate = g.metrics.selection_rate!;
      if (rate.value !== null) expect(rate.value).toBeCloseTo(g.counts.pp! / g.n!, 12);
    }
    for (const f of result.findings) expect(f.n).not.toBeNull();
  });

  it('computes rates from the rounded counts when rounding', () => {
    const input: AuditInput = { attributes: ['a'], labelled: false, cells: [cell(['x'], 123, 41), cell(['y'], 208, 52)] };
    const { result } = publishAudit(input, { ...DEFAULT_AUDIT_OPTIONS, minN: 0 }, { minCell: 10, round: 5 });
    const x = result.groups.find((g) => g.attributes.a === 'x')!;
    expect(x.n).toBe(125);
    expect(x.counts.pp).toBe(40);
    expect(x.metrics.selection_rate!.value).toBe(40 / 125);
  });

  it('gives the same report as the audit when nothing is small', () => {
    const input: AuditInput = { attributes: ['a', 'b'], labelled: true, cells: [cell(['x', 'p'], 100, 40, [20, 20, 30, 30]), cell(['x', 'q'], 120, 50, [25, 25, 35, 35]), cell(['y', 'p'], 90, 30, [15, 15, 30, 30]), cell(['y', 'q'], 150, 80, [40, 40, 35, 35])] };
    const options = { ...DEFAULT_AUDIT_OPTIONS, minN: 0 };
    const { result, suppression } = publishAudit(input, options, { minCell: 10, round: null });
    expect(suppression.primary + suppression.complementary).toBe(0);
    expect(result.groups.map((g) => [g.n, g.counts, g.metrics])).toEqual(deriveGroups(input).slice(1).map((g) => {
      const { n, ...counts } = g.counts;
      return [n, counts, expect.anything()];
    }));
  });
});

/** A random small decision log: 2–3 attributes of 2–3 values (one sometimes missing), many small cells. */
const smallLog = fc
  .record({
    k: fc.integer({ min: 2, max: 3 }),
    sizes: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 3, maxLength: 3 }),
    labelled: fc.boolean(),
    missing: fc.boolean(),
    seed: fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 15, max: 90 })), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 27, maxLength: 27 }),
    lowerOrder: fc.boolean(),
  })
  .map(({ k, sizes, labelled, missing, seed, lowerOrder }) => {
    const lists = sizes.slice(0, k).map((s, j) => Array.from({ length: s }, (_, i): string | null => (missing && j === 0 && i === s - 1 ? null : `v${i}`)));
    const cells: FinestCell[] = [];
    combos(lists).forEach((values, i) => {
      const [n, a, b, c] = seed[i % seed.length]!;
      if (n === 0) return;
      const pp = Math.round(n * a);
      if (!labelled) return cells.push(cell(values, n, pp));
      const tp = Math.round(pp * b);
      const fn = Math.round((n - pp) * c);
      cells.push(cell(values, n, pp, [tp, pp - tp, fn, n - pp - fn]));
    });
    if (cells.length === 0) cells.push(cell(lists.map((l) => l[0]!), 50, 20, labelled ? [10, 10, 15, 15] : undefined));
    return { input: { attributes: lists.map((_, j) => `a${j}`), labelled, cells } satisfies AuditInput, maxOrder: lowerOrder ? k - 1 : k };
  })
  .filter(({ input }) => input.cells.reduce((s, c) => s + c.counts.n, 0) >= 10);

describe('the recovery attack on random logs', () => {
  it('recovers no withheld cell of any published report, and every small cell is withheld', () => {
    fc.assert(
      fc.property(smallLog, ({ input, maxOrder }) => {
        const { withheld, primaryNotWithheld } = attack(input, maxOrder, 10);
        expect(primaryNotWithheld).toEqual([]);
        for (const w of withheld) {
          expect(w.range[0]).toBeLessThanOrEqual(w.truth + 1e-6);
          expect(w.range[1]).toBeGreaterThanOrEqual(w.truth - 1e-6);
          expect(w.range[1] - w.range[0], `${w.group} ${w.cell} can be recovered`).toBeGreaterThanOrEqual(1 - 1e-6);
        }
      }),
      { numRuns: 30, seed: 20261207 },
    );
  }, 120_000);
});
