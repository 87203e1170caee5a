import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupMetrics, metricFraction, metricNames, rateOf, wilsonInterval, Z95 } from './metrics.ts';

describe('Wilson score interval', () => {
  it('matches hand computations', () => {
    // 3 of 10: p = 0.3, z² = 3.841459, 1 + z²/n = 1.3841459.
    // centre = (0.3 + 3.841459/20) / 1.3841459 = 0.4920729 / 1.3841459 = 0.3555050
    // half = (1.959964 / 1.3841459) × √(0.3 × 0.7 / 10 + 3.841459 / 400) = 1.4160097 × √0.0306036 = 0.2477138
    // → [0.1077913, 0.6032188] (statsmodels' proportion_confint(3, 10, method='wilson') agrees).
    const [low, high] = wilsonInterval(3, 10)!;
    expect(low).toBeCloseTo(0.10779126740630099, 12);
    expect(high).toBeCloseTo(0.6032218525388546, 12);
    // 0 of 10: low is exactly 0; high = 2 × (z²/20) / 1.3841459 = 0.3841459 / 1.3841459 = 0.2775328.
    expect(wilsonInterval(0, 10)).toEqual([0, expect.closeTo(0.2775327998628892, 12)]);
    // 10 of 10 mirrors it: [1 − 0.2775328, 1].
    expect(wilsonInterval(10, 10)).toEqual([expect.closeTo(1 - 0.2775327998628892, 12), 1]);
    // 45 of 50: [0.7863977, 0.9565242].
    const [l2, h2] = wilsonInterval(45, 50)!;
    expect(l2).toBeCloseTo(0.7863976856252035, 12);
    expect(h2).toBeCloseTo(0.9565242350681096, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(Z95).toBeCloseTo(1.959963984540054, 15);
  });

  it('lies within [0, 1] and contains the proportion (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.nat(n), fc.constant(n))), ([x, n]) => {
        const [low, high] = wilsonInterval(x, n)!;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(x / n);
        expect(high).toBeGreaterThanOrEqual(x / n);
      }),
    );
  });
});

describe('group metrics', () => {
  it('computes every metric of a labelled group', () => {
    // tp 30, fp 10, fn 20, tn 40: n = 100, pp = 40; 200 predicted positives in all.
    const m = groupMetrics({ n: 100, pp: 40, tp: 30, fp: 10, fn: 20, tn: 40 }, 200, true);
    const values = Object.fromEntries(Object.entries(m).map(([k, r]) => [k, r!.value]));
    expect(values).toEqual({
      selection_rate: 0.4, // 40 / 100
      ppr: 0.2, // 40 / 200
      prevalence: 0.5, // (30 + 20) / 100
      tpr: 0.6, // 30 / 50
      tnr: 0.8, // 40 / 50
      fpr: 0.2, // 10 / 50
      fnr: 0.4, // 20 / 50
      precision: 0.75, // 30 / 40
      npv: 40 / 60,
      fdr: 0.25, // 10 / 40
      for: 20 / 60,
    });
    // ppr's interval is Wilson on 40 of 200.
    expect(m.ppr!.ci).toEqual(wilsonInterval(40, 200));
    expect(m.tpr!.ci).toEqual(wilsonInterval(30, 50));
  });

  it('gives null (value and interval) when a denominator is 0', () => {
    // No predicted positives: precision and fdr have no denominator; nobody truly positive: tpr, fnr.
    const m = groupMetrics({ n: 5, pp: 0, tp: 0, fp: 0, fn: 0, tn: 5 }, 0, true);
    expect(m.precision).toEqual({ value: null, ci: null });
    expect(m.fdr).toEqual({ value: null, ci: null });
    expect(m.tpr).toEqual({ value: null, ci: null });
    expect(m.ppr).toEqual({ value: null, ci: null });
    expect(m.tnr!.value).toBe(1);
    expect(rateOf({ successes: 0, trials: 0 })).toEqual({ value: null, ci: null });
  });

  it('has only selection rate and ppr without labels', () => {
    expect(Object.keys(groupMetrics({ n: 10, pp: 3 }, 6, false))).toEqual(['selection_rate', 'ppr']);
    expect(metricNames(false)).toEqual(['selection_rate', 'ppr']);
    expect(metricFraction('tpr', { n: 10, pp: 3 }, 6)).toBeNull();
  });

  it('keeps every metric in [0, 1] with its interval around it (property)', () => {
    const counts = fc.tuple(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500)).map(([tp, fp, fn, tn]) => ({ n: tp + fp + fn + tn, pp: tp + fp, tp, fp, fn, tn }));
    fc.assert(
      fc.property(counts, fc.nat(1000), (c, extra) => {
        for (const rate of Object.values(groupMetrics(c, c.pp + extra, true))) {
          if (rate!.value === null) {
            expect(rate!.ci).toBeNull();
            continue;
          }
          const [low, high] = rate!.ci!;
          expect(0 <= low && low <= rate!.value && rate!.value <= high && high <= 1).toBe(true);
        }
      }),
    );
  });
});
