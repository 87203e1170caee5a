import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, correlationRatio, cramersV, DEFAULT_RULE, describeRule, flagAssociations, fSurvival, holmAdjust, type GroupMoments } from './association.ts';

const moments = (values: readonly number[]): GroupMoments => ({
  count: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumOfSquares: values.reduce((a, b) => a + b * b, 0),
});

describe('tail probabilities', () => {
  it('match closed forms and table values', () => {
    // df = 1: P(X ≥ x) = erfc(√(x/2)); the 95% point of χ²(1) is 3.841458820694124.
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    // df = 2: P(X ≥ x) = e^(−x/2); x = 10 → e^−5 = 0.006737947.
    expect(chiSquareSurvival(10, 2)).toBeCloseTo(Math.exp(-5), 12);
    // Far in the tail: no rounding to 0 (1 − CDF would give 0 here). df 2, x = 100 → e^−50 = 1.9287e−22.
    expect(chiSquareSurvival(100, 2) / Math.exp(-50)).toBeCloseTo(1, 9);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    // F(1, 10): its 95% point is 4.964603 (tables).
    expect(fSurvival(4.964603, 1, 10)).toBeCloseTo(0.05, 6);
    expect(fSurvival(Infinity, 2, 5)).toBe(0);
    expect(fSurvival(0, 2, 5)).toBe(1);
  });
});

describe("bias-corrected Cramér's V", () => {
  it('matches a hand computation on a 2×2 table', () => {
    // [[40, 10], [10, 40]]: n = 100, all margins 50, every expected count 25.
    // χ² = 4 × (15²/25) = 36, df = 1, p = erfc(√18) = 1.97318e−9.
    // φ²corr = 36/100 − 1·1/99 = 0.349899; rcorr = kcorr = 2 − 1/99 = 1.989899;
    // V = √(0.349899 / 0.989899) = √0.353469 = 0.594533.
    const m = cramersV([[40, 10], [10, 40]]);
    expect(m.test.statistic).toBeCloseTo(36, 10);
    expect(m.test.df).toEqual([1]);
    expect(m.value).toBeCloseTo(0.594533, 6);
    expect(m.p).toBeCloseTo(1.9731753e-9, 15);
    expect(m.n).toBe(100);
  });

  it('matches a hand computation on a 2×3 table', () => {
    // [[20, 10, 10], [10, 20, 30]]: n = 100, rows 40/60, columns 30/30/40.
    // Expected: 12 12 16 / 18 18 24. χ² = 64/12 + 4/12 + 36/16 + 64/18 + 4/18 + 36/24 = 13.194444, df = 2,
    // p = e^(−13.194444/2) = 0.0013642.
    // φ²corr = 0.131944 − 2/99 = 0.111742; rcorr = 2 − 1/99 = 1.989899, kcorr = 3 − 4/99 = 2.959596;
    // V = √(0.111742 / min(1.959596, 0.989899)) = √0.112882 = 0.335980.
    const m = cramersV([[20, 10, 10], [10, 20, 30]]);
    expect(m.test.statistic).toBeCloseTo(13.194444, 5);
    expect(m.test.df).toEqual([2]);
    expect(m.value).toBeCloseTo(0.33598, 5);
    expect(m.p).toBeCloseTo(0.00136415, 7);
  });

  it('is 0 when the bias correction outweighs a weak association', () => {
    // [[10, 20], [30, 40]]: expected 12 18 / 28 42; χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651,
    // φ² = 0.0079365 < 1/99 = 0.010101, so φ²corr = 0 and V = 0; p = erfc(√(0.793651/2)) = 0.372998.
    const m = cramersV([[10, 20], [30, 40]]);
    expect(m.value).toBe(0);
    expect(m.p).toBeCloseTo(0.372998, 5);
  });

  it('is 1 for a perfect 2×2 association', () => {
    // χ² = n, so φ²corr = 1 − 1/(n−1) = rcorr − 1 = kcorr − 1: V = 1 exactly.
    expect(cramersV([[500, 0], [0, 500]]).value).toBeCloseTo(1, 12);
  });

  it('handles one category, all counts in one cell, and empty rows and columns', () => {
    const one = cramersV([[5, 7, 9]]);
    expect(one).toMatchObject({ value: 0, p: 1, rows: 1, columns: 3 });
    expect(cramersV([[0, 0], [0, 12]])).toMatchObject({ value: 0, p: 1 });
    expect(cramersV([])).toMatchObject({ value: 0, p: 1, n: 0 });
    // An empty row and an empty column change nothing.
    const padded = cramersV([[40, 0, 10], [0, 0, 0], [10, 0, 40]]);
    const plain = cramersV([[40, 10], [10, 40]]);
    expect(padded.value).toBeCloseTo(plain.value, 12);
    expect(padded.p).toBeCloseTo(plain.p, 15);
    expect(padded.test.df).toEqual([1]);
  });

  const table = fc.integer({ min: 1, max: 5 }).chain((r) =>
    fc.integer({ min: 1, max: 5 }).chain((k) => fc.array(fc.array(fc.nat({ max: 200 }), { minLength: k, maxLength: k }), { minLength: r, maxLength: r })),
  );

  it('lies in [0, 1], with p in [0, 1]', () => {
    fc.assert(fc.property(table, (t) => {
      const m = cramersV(t);
      expect(m.value).toBeGreaterThanOrEqual(0);
      expect(m.value).toBeLessThanOrEqual(1);
      expect(m.p).toBeGreaterThanOrEqual(0);
      expect(m.p).toBeLessThanOrEqual(1);
    }));
  });

  it('does not change when rows or columns are permuted, or the table transposed', () => {
    const shuffled = table.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t.map((_, i) => i), { minLength: t.length, maxLength: t.length }),
      fc.shuffledSubarray(t[0]!.map((_, j) => j), { minLength: t[0]!.length, maxLength: t[0]!.length })));
    fc.assert(fc.property(shuffled, ([t, rowOrder, columnOrder]) => {
      const a = cramersV(t);
      const permuted = cramersV(rowOrder.map((i) => columnOrder.map((j) => t[i]![j]!)));
      const transposed = cramersV(t[0]!.map((_, j) => t.map((row) => row[j]!)));
      for (const b of [permuted, transposed]) {
        expect(b.value).toBeCloseTo(a.value, 10);
        expect(b.p).toBeCloseTo(a.p, 10);
      }
    }));
  });
});

describe('correlation ratio η', () => {
  it('matches a hand computation', () => {
    // Groups [1, 2, 3] and [4, 5, 6]: n = 6, grand mean 3.5.
    // SST = 91 − 21²/6 = 17.5; SSB = 6²/3 + 15²/3 − 73.5 = 13.5; SSW = 4.
    // η = √(13.5/17.5) = 0.878310; F = (13.5/1) / (4/4) = 13.5 with (1, 4) df;
    // p = I_{4/17.5}(2, 1/2) = 1 − 1.5√(1−x) + 0.5(1−x)^1.5 with x = 0.228571: 0.0213116.
    const m = correlationRatio([moments([1, 2, 3]), moments([4, 5, 6])]);
    expect(m.value).toBeCloseTo(0.87831, 5);
    expect(m.test.statistic).toBeCloseTo(13.5, 10);
    expect(m.test.df).toEqual([1, 4]);
    expect(m.p).toBeCloseTo(0.0213116, 6);
    expect(m.n).toBe(6);
  });

  it('does not depend on where the values are centred', () => {
    const shifted = correlationRatio([moments([1e6 + 1, 1e6 + 2, 1e6 + 3]), moments([1e6 + 4, 1e6 + 5, 1e6 + 6])]);
    expect(shifted.value).toBeCloseTo(0.87831, 5);
    expect(shifted.p).toBeCloseTo(0.0213116, 5);
  });

  it('handles one group, all values equal, empty groups and groups of one', () => {
    expect(correlationRatio([moments([1, 2, 3])])).toMatchObject({ value: 0, p: 1, groups: 1 });
    expect(correlationRatio([moments([7, 7]), moments([7, 7, 7])])).toMatchObject({ value: 0, p: 1 });
    expect(correlationRatio([moments([]), moments([1, 2, 3]), moments([4, 5, 6])]).value).toBeCloseTo(0.87831, 5);
    // Each group a single value: η = 1 but there is nothing to test it against.
    expect(correlationRatio([moments([1]), moments([5])])).toMatchObject({ value: 1, p: 1 });
    // No spread within groups: F is infinite, p = 0.
    expect(correlationRatio([moments([2, 2]), moments([9, 9])])).toMatchObject({ value: 1, p: 0 });
  });

  it('lies in [0, 1] and does not change when groups are reordered or values shifted', () => {
    const groups = fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 0, maxLength: 20 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(groups, fc.integer({ min: -10_000, max: 10_000 }), (gs, shift) => {
      const m = correlationRatio(gs.map(moments));
      expect(m.value).toBeGreaterThanOrEqual(0);
      expect(m.value).toBeLessThanOrEqual(1);
      expect(m.p).toBeGreaterThanOrEqual(0);
      expect(m.p).toBeLessThanOrEqual(1);
      const other = correlationRatio([...gs].reverse().map((g) => moments(g.map((v) => v + shift))));
      expect(other.value).toBeCloseTo(m.value, 6);
    }));
  });
});

describe('Holm adjustment and the flag rule', () => {
  it('matches a hand computation', () => {
    // Sorted: 0.005 × 4 = 0.02; 0.01 × 3 = 0.03; 0.03 × 2 = 0.06; 0.04 × 1 = 0.04 → max(0.06, 0.04) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('never lowers a p-value, never exceeds 1, and keeps their order', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
      const adjusted = holmAdjust(ps);
      ps.forEach((p, i) => {
        expect(adjusted[i]).toBeGreaterThanOrEqual(p);
        expect(adjusted[i]).toBeLessThanOrEqual(1);
        ps.forEach((q, j) => { if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]!); });
      });
    }));
  });

  it('flags only what is both strong and significant after adjustment', () => {
    const flagged = flagAssociations([
      { value: 0.8, p: 1e-9 }, // strong and significant: 1e−9 × 4
      { value: 0.8, p: 0.02 }, // strong, but third smallest of five: 0.02 × 3 = 0.06 after Holm
      { value: 0.1, p: 1e-12 }, // significant but weak
      { value: 0.1, p: 0.5 },
      { value: 0.1, p: 0.9 },
    ], DEFAULT_RULE);
    expect(flagged.map((f) => f.flagged)).toEqual([true, false, false, false, false]);
    expect(flagged[1]!.adjustedP).toBeCloseTo(0.06, 12);
    expect(flagAssociations([{ value: 0.3, p: 0 }], DEFAULT_RULE)[0]!.flagged).toBe(true); // ≥, not >
    expect(describeRule({ threshold: 0.25, alpha: 0.05 })).toMatch(/≥ 0\.25 .*Holm-adjusted.*< 0\.05/);
  });
});
