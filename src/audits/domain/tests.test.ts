import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustPValues, benjaminiHochberg, chiSquareStatistic, compareRates, fisherExactP, holmAdjust, katzInterval, smallestExpected, test2x2 } from './tests.ts';

describe("Fisher's exact test", () => {
  it('matches R on small tables', () => {
    // [[3, 1], [1, 3]]: margins 4, 4, 4, 4 (n = 8). P(x) = C(4, x) C(4, 4 − x) / C(8, 4) = {1, 16, 36, 16, 1} / 70
    // for x = 0..4. Observed x = 3 (16/70); the tables at most as likely: x = 0, 1, 3, 4 → 34/70 = 0.4857143
    // (R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857). x = 1 ties with x = 3 exactly.
    expect(fisherExactP(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
    // [[1, 9], [11, 3]] (R's documentation example of a 2×2 table): p = 0.002759456.
    expect(fisherExactP(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    // [[0, 10], [10, 0]]: only the two extreme tables, each 1 / C(20, 10) = 1/184756: p = 2/184756 = 1.0825e−5.
    expect(fisherExactP(0, 10, 10, 0)).toBeCloseTo(2 / 184756, 15);
    // A margin of 0: one possible table, p = 1.
    expect(fisherExactP(0, 5, 0, 7)).toBe(1);
    expect(fisherExactP(4, 0, 6, 0)).toBe(1);
  });

  it('stays exact on huge tables with a small margin', () => {
    // [[1, 2], [300000, 9699997]]: a group of 3 among 10 million. P(x) = C(3, x) C(9999997, 300001 − x) / C(10⁷, 300001)
    // for x = 0..3 = 0.91267271, 0.08468128, 0.00261901, 0.00002700; p = P(1) + P(2) + P(3) = 0.08732729073809878,
    // computed in exact rational arithmetic (SciPy 1.17's fisher_exact gives 0.08732729063, 1e−9 off).
    expect(fisherExactP(1, 2, 300000, 9699997)).toBeCloseTo(0.08732729073809878, 14);
  });

  it('is symmetric in rows and columns, and a probability (property)', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.nat(30), fc.nat(30), (a, b, c, d) => {
        const p = fisherExactP(a, b, c, d);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(fisherExactP(c, d, a, b)).toBeCloseTo(p, 10);
        expect(fisherExactP(a, c, b, d)).toBeCloseTo(p, 10);
      }),
    );
  });
});

describe('chi-square and the choice of test', () => {
  it('uses Pearson without continuity correction when every expected count is at least 5', () => {
    // [[40, 60], [20, 80]]: n = 200, ad − bc = 3200 − 1200 = 2000, margins 100, 100, 60, 140.
    // X² = 200 × 2000² / (100 × 100 × 60 × 140) = 8e8 / 8.4e7 = 9.5238095; p = P(χ²₁ ≥ 9.5238) = 0.0020282.
    // (Yates' correction would give X² = 8.595 instead.) Smallest expected count: 100 × 60 / 200 = 30.
    expect(chiSquareStatistic(40, 60, 20, 80)).toBeCloseTo(9.523809523809524, 12);
    expect(smallestExpected(40, 60, 20, 80)).toBe(30);
    const t = test2x2(40, 60, 20, 80);
    expect(t.test).toBe('chi_square');
    expect(t.p).toBeCloseTo(0.0020282311484520824, 12);
  });

  it("uses Fisher's test when an expected count is below 5", () => {
    // [[2, 98], [10, 90]]: smallest expected 100 × 12 / 200 = 6 → chi-square; [[1, 9], [11, 3]]: 10 × 12 / 24 = 5 → chi-square too.
    expect(test2x2(2, 98, 10, 90).test).toBe('chi_square');
    expect(smallestExpected(1, 9, 11, 3)).toBe(5);
    // [[3, 1], [1, 3]]: every expected count is 2 → Fisher, p = 0.4857.
    expect(test2x2(3, 1, 1, 3)).toEqual({ p: expect.closeTo(34 / 70, 12), test: 'fisher' });
    // [[1, 9], [10, 3]]: 10 × 11 / 23 = 4.78 → Fisher.
    expect(test2x2(1, 9, 10, 3).test).toBe('fisher');
  });
});

describe('Katz log interval for a ratio of proportions', () => {
  it('matches a hand computation', () => {
    // 20/100 against 40/100: ratio 0.5; Var(ln ratio) = 1/20 − 1/100 + 1/40 − 1/100 = 0.055, se = 0.2345208,
    // 1.959964 × se = 0.4596524 → 0.5 × e^∓0.4596524 = [0.3157516, 0.7917616].
    const [low, high] = katzInterval(20, 100, 40, 100)!;
    expect(low).toBeCloseTo(0.3157515911007627, 12);
    expect(high).toBeCloseTo(0.7917616475928383, 12);
  });

  it('handles zero cells with the Haldane–Anscombe correction, for the interval only', () => {
    // 0/50 against 10/50: ratio 0. Corrected cells 0.5/51 and 10.5/51: centre ln(0.5/10.5) = −3.0445224,
    // Var = 1/0.5 − 1/51 + 1/10.5 − 1/51 = 2.0560224, se = 1.4338837; upper e^(−3.0445224 + 2.8103609) = 0.7912336.
    // The lower bound is 0, the observed ratio.
    expect(katzInterval(0, 50, 10, 50)).toEqual([0, expect.closeTo(0.791233573373933, 12)]);
    // Reference rate 0: the ratio is undefined or infinite, and so is its interval.
    expect(katzInterval(5, 50, 0, 50)).toBeNull();
    // All successes in both (failure cells 0): the interval is still a real interval around 1.
    const [l, h] = katzInterval(30, 30, 40, 40)!;
    expect(l).toBeLessThan(1);
    expect(h).toBeGreaterThan(1);
  });

  it('contains the ratio (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.nat(500), fc.integer({ min: 1, max: 500 }), (n1, n0, aRaw, cRaw) => {
        const a = aRaw % (n1 + 1);
        const c = Math.max(1, cRaw % (n0 + 1));
        const ratio = a / n1 / (c / n0);
        const [low, high] = katzInterval(a, n1, c, n0)!;
        expect(low <= ratio && ratio <= high).toBe(true);
      }),
    );
  });
});

describe('compareRates', () => {
  it('gives ratio, interval, difference and p', () => {
    // 110/320 against 70/700 (0.34375 against 0.1): ratio 3.4375, difference 0.24375;
    // table [[110, 210], [70, 630]], X² = 1020 × (110·630 − 210·70)² / (320 × 700 × 180 × 840) = 89.78125, p = 2.66e−21.
    const r = compareRates({ successes: 110, trials: 320 }, { successes: 70, trials: 700 })!;
    expect(r.ratio).toBeCloseTo(3.4375, 12);
    expect(r.difference).toBeCloseTo(0.24375, 12);
    expect(r.test).toBe('chi_square');
    expect(r.p / 2.660033398120957e-21).toBeCloseTo(1, 6);
    // Katz: Var = 1/110 − 1/320 + 1/70 − 1/700 = 0.0188230 → [2.6270014, 4.4980587].
    expect(r.ratio_ci![0]).toBeCloseTo(2.6270013726298145, 10);
    expect(r.ratio_ci![1]).toBeCloseTo(4.498058650868134, 10);
  });

  it('has no ratio when the reference rate is 0, and nothing without trials', () => {
    const r = compareRates({ successes: 3, trials: 10 }, { successes: 0, trials: 10 })!;
    expect(r.ratio).toBeNull();
    expect(r.ratio_ci).toBeNull();
    expect(r.difference).toBeCloseTo(0.3, 12);
    expect(compareRates({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toBeNull();
  });
});

describe('multiple-comparison control', () => {
  it('matches hand computations of Benjamini–Hochberg and Holm', () => {
    // p = [0.01, 0.04, 0.03, 0.005], m = 4. Ranked: 0.005, 0.01, 0.03, 0.04.
    // BH: m p / rank = 0.02, 0.02, 0.04, 0.04; running minimum from the top → q = [0.02, 0.04, 0.04, 0.02].
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02].map((x) => expect.closeTo(x, 15)));
    // Holm: (m − rank + 1) p = 0.02, 0.03, 0.06, 0.04; running maximum → [0.03, 0.06, 0.06, 0.02].
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02].map((x) => expect.closeTo(x, 15)));
    expect(adjustPValues([0.01, 0.04, 0.03, 0.005], 'holm')).toEqual(holmAdjust([0.01, 0.04, 0.03, 0.005]));
    expect(adjustPValues([0.01, 0.04, 0.03, 0.005], 'bh')).toEqual(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]));
    // Capped at 1; an empty family is empty.
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('never lowers a p-value, keeps the ranking, and BH ≤ Holm (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const bh = benjaminiHochberg(ps);
        const holm = holmAdjust(ps);
        ps.forEach((p, i) => {
          expect(bh[i]!).toBeGreaterThanOrEqual(p);
          expect(bh[i]!).toBeLessThanOrEqual(1);
          expect(bh[i]!).toBeLessThanOrEqual(holm[i]! + 1e-15);
          ps.forEach((other, j) => {
            if (p < other) expect(bh[i]!).toBeLessThanOrEqual(bh[j]!);
          });
        });
      }),
    );
  });
});
