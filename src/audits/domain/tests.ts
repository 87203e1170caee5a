import { chiSquareSurvival, holmAdjust } from '../../redlines/domain/association.ts';
import { type Fraction, type Interval, Z95 } from './metrics.ts';

// Comparing a group's rate with its reference group's rate for the same metric. The two groups are
// disjoint (they differ in at least one attribute value), so their counts form a 2×2 table:
//
//                 successes   failures
//   group             a           b        (a + b = the group's trials)
//   reference         c           d        (c + d = the reference's trials)
//
// ratio = (a/(a+b)) / (c/(c+d)), difference = a/(a+b) − c/(c+d), and a two-sided test of
// independence: Fisher's exact test when any expected count is below 5, otherwise Pearson's
// chi-square with 1 degree of freedom and NO continuity correction (Yates' correction makes the
// test conservative, and Fisher's test already covers the small tables it was meant for).

export type TestName = 'fisher' | 'chi_square';

/** The comparison of a group's rate with the reference's. */
export type RateComparison = {
  /** null when the reference rate is 0 (the ratio is undefined, or infinite when the group's rate is above 0). */
  ratio: number | null;
  ratio_ci: Interval | null;
  difference: number;
  p: number;
  test: TestName;
};

/** The tolerance below which two table probabilities count as equal in Fisher's test (R's fisher.test uses the same). */
const FISHER_RELATIVE_TOLERANCE = 1e-7;

/**
 * Two-sided p-value of Fisher's exact test on the 2×2 table [[a, b], [c, d]]: with all margins
 * fixed, a follows the hypergeometric distribution; p sums the probabilities of every table whose
 * probability is at most the observed one's (× (1 + 1e-7), so that ties are not lost to rounding).
 * The probabilities are built in log space from the ratio of neighbouring terms,
 * P(x+1)/P(x) = (r1 − x)(c1 − x) / ((x + 1)(r2 − c1 + x + 1)), which is the ratio of their
 * factorials without forming them: at n = 10⁷ a difference of lgamma values would carry an absolute
 * error of ~10⁻⁸, close to the tie tolerance, while this stays near machine precision.
 */
export function fisherExactP(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  if (hi <= lo) return 1;
  const logP = new Float64Array(hi - lo + 1);
  for (let x = lo; x < hi; x++) {
    logP[x - lo + 1] = logP[x - lo]! + Math.log(r1 - x) + Math.log(c1 - x) - Math.log(x + 1) - Math.log(r2 - c1 + x + 1);
  }
  let max = -Infinity;
  for (const v of logP) max = Math.max(max, v);
  let total = 0;
  for (let i = 0; i < logP.length; i++) total += Math.exp(logP[i]! - max);
  const observed = Math.exp(logP[a - lo]! - max) * (1 + FISHER_RELATIVE_TOLERANCE);
  let tail = 0;
  for (let i = 0; i < logP.length; i++) {
    const pi = Math.exp(logP[i]! - max);
    if (pi <= observed) tail += pi;
  }
  return Math.min(1, tail / total);
}

/** Pearson's chi-square statistic of the 2×2 table [[a, b], [c, d]], without continuity correction: n(ad − bc)² / (r1 r2 c1 c2). */
export function chiSquareStatistic(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  if (margins === 0) return 0;
  const cross = a * d - b * c;
  return (n * cross * cross) / margins;
}

/** The smallest expected count of the 2×2 table under independence (row total × column total / n). */
export function smallestExpected(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  if (n === 0) return 0;
  return Math.min(a + b, c + d) * Math.min(a + c, b + d) / n;
}

/** Two-sided test of the 2×2 table: Fisher's exact test when any expected count is below 5, else Pearson's chi-square (1 df, no continuity correction). */
export function test2x2(a: number, b: number, c: number, d: number): { p: number; test: TestName } {
  if (smallestExpected(a, b, c, d) < 5) return { p: fisherExactP(a, b, c, d), test: 'fisher' };
  return { p: chiSquareSurvival(chiSquareStatistic(a, b, c, d), 1), test: 'chi_square' };
}

/**
 * Katz's log interval for the ratio of two proportions a/n1 over c/n0:
 * exp(ln(ratio) ± z √(1/a − 1/n1 + 1/c − 1/n0)).
 * Zero cells: when any of a, n1 − a, c, n0 − c is 0, the interval (never the point ratio) is computed
 * with 0.5 added to each of the four cells (Haldane–Anscombe), then widened if needed to contain the
 * uncorrected ratio; a ratio of 0 (a = 0) has 0 as its lower bound. When c = 0 the ratio is undefined
 * (0/0) or infinite, and so is its interval: null.
 */
export function katzInterval(a: number, n1: number, c: number, n0: number, z: number = Z95): Interval | null {
  if (!(n1 > 0) || !(n0 > 0) || c === 0) return null;
  const ratio = (a / n1) / (c / n0);
  const zeroCell = a === 0 || a === n1 || c === n0;
  const [x, m1, y, m0] = zeroCell ? [a + 0.5, n1 + 1, c + 0.5, n0 + 1] : [a, n1, c, n0];
  const centre = Math.log((x / m1) / (y / m0));
  const se = Math.sqrt(Math.max(0, 1 / x - 1 / m1 + 1 / y - 1 / m0));
  let low = Math.exp(centre - z * se);
  let high = Math.exp(centre + z * se);
  if (a === 0) low = 0;
  low = Math.min(low, ratio);
  high = Math.max(high, ratio);
  return [low, high];
}

/** Compares a group's proportion with the reference's: ratio with its Katz 95% interval, difference, and a two-sided p-value. */
export function compareRates(group: Fraction, reference: Fraction): RateComparison | null {
  if (!(group.trials > 0) || !(reference.trials > 0)) return null;
  const a = group.successes;
  const c = reference.successes;
  const rate = a / group.trials;
  const referenceRate = c / reference.trials;
  const { p, test } = test2x2(a, group.trials - a, c, reference.trials - c);
  return {
    ratio: referenceRate > 0 ? rate / referenceRate : null,
    ratio_ci: katzInterval(a, group.trials, c, reference.trials),
    difference: rate - referenceRate,
    p,
    test,
  };
}

/**
 * Benjamini–Hochberg adjustment (the false discovery rate over the whole family): with the p-values
 * ranked ascending, q(i) = min over j ≥ i of min(1, m p(j) / j). Returns q in the input order; NaN
 * counts as 1.
 */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const { p, i } = order[rank]!;
    running = Math.min(running, p * (m / (rank + 1)));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}

/** Adjusts one family of p-values: Benjamini–Hochberg ('bh') or Holm's step-down ('holm'). */
export function adjustPValues(ps: readonly number[], correction: 'bh' | 'holm'): number[] {
  return correction === 'holm' ? holmAdjust(ps) : benjaminiHochberg(ps);
}

export { holmAdjust };
