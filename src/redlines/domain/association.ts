import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';

// Strength of association between a protected characteristic and another column, from counts only
// (the counting happens elsewhere): bias-corrected Cramér's V with Pearson's chi-square test for two
// categorical columns, the correlation ratio η with the one-way ANOVA F test for a numeric column
// against a categorical one. Numeric × numeric pairs are cut into quantile bins by the caller and
// measured with Cramér's V, so that a U-shaped dependence counts as much as a straight line.
// p-values come from the upper tails of the regularised incomplete gamma and beta functions of stdlib
// (no 1 − CDF cancellation): they stay exact far below 1e-16 instead of rounding to 0.

/** Upper tail P(X ≥ x) of the chi-square distribution with df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Upper tail P(X ≥ f) of the F distribution with (d1, d2) degrees of freedom. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (!(d1 > 0) || !(d2 > 0) || Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  // P(F ≥ f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2), the regularised incomplete beta function.
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, true, false);
}

/** A measured association: its value in [0, 1] and the test of independence behind its p-value. */
export type Measured = {
  measure: 'cramers_v' | 'eta';
  value: number;
  /** Rows that entered the measure. */
  n: number;
  test: { name: 'chi_square' | 'anova_f'; statistic: number; df: number[] };
  /** 1 when the test is undefined (fewer than two categories or groups, or no residual degrees of freedom). */
  p: number;
};

/**
 * Bias-corrected Cramér's V (Bergsma 2013) of a contingency table of counts, with Pearson's
 * chi-square test of independence. Rows and columns whose total is 0 are dropped first.
 */
export function cramersV(table: readonly (readonly number[])[]): Measured & { rows: number; columns: number } {
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const width = Math.max(0, ...table.map((row) => row.length));
  const columnTotals = Array.from({ length: width }, (_, j) => table.reduce((a, row) => a + (row[j] ?? 0), 0));
  const keptRows = rowTotals.flatMap((t, i) => (t > 0 ? [i] : []));
  const keptColumns = columnTotals.flatMap((t, j) => (t > 0 ? [j] : []));
  const n = keptRows.reduce((a, i) => a + rowTotals[i]!, 0);
  const r = keptRows.length;
  const k = keptColumns.length;
  const df = Math.max(0, (r - 1) * (k - 1));
  const none = { measure: 'cramers_v' as const, value: 0, n, rows: r, columns: k, test: { name: 'chi_square' as const, statistic: 0, df: [df] }, p: 1 };
  if (r < 2 || k < 2 || n < 2) return none;
  let chi2 = 0;
  for (const i of keptRows) {
    for (const j of keptColumns) {
      const expected = (rowTotals[i]! * columnTotals[j]!) / n;
      const observed = table[i]![j] ?? 0;
      chi2 += ((observed - expected) * (observed - expected)) / expected;
    }
  }
  const phi2corr = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1));
  const rcorr = r - ((r - 1) * (r - 1)) / (n - 1);
  const kcorr = k - ((k - 1) * (k - 1)) / (n - 1);
  const denominator = Math.min(kcorr - 1, rcorr - 1);
  const value = denominator > 0 ? Math.min(1, Math.sqrt(phi2corr / denominator)) : 0;
  return { ...none, value, test: { name: 'chi_square', statistic: chi2, df: [df] }, p: chiSquareSurvival(chi2, df) };
}

/** One group of a numeric column: how many values, their sum and their sum of squares. */
export type GroupMoments = { count: number; sum: number; sumOfSquares: number };

/**
 * The correlation ratio η of a numeric column across the groups of a categorical one (η² is the
 * share of the variance that the groups explain), with the one-way ANOVA F test. Values may be
 * shifted by any constant (the caller centres them for precision); empty groups are ignored.
 */
export function correlationRatio(groups: readonly GroupMoments[]): Measured & { groups: number } {
  const kept = groups.filter((g) => g.count > 0);
  const n = kept.reduce((a, g) => a + g.count, 0);
  const k = kept.length;
  const none = { measure: 'eta' as const, value: 0, n, groups: k, test: { name: 'anova_f' as const, statistic: 0, df: [Math.max(0, k - 1), Math.max(0, n - k)] }, p: 1 };
  if (k < 2) return none;
  const sum = kept.reduce((a, g) => a + g.sum, 0);
  const grand = (sum * sum) / n;
  const total = Math.max(0, kept.reduce((a, g) => a + g.sumOfSquares, 0) - grand);
  const between = Math.min(total, Math.max(0, kept.reduce((a, g) => a + (g.sum * g.sum) / g.count, 0) - grand));
  // Sums of squares below this are rounding noise of the sums (a few ulps of Σx²), not variance.
  const noise = 64 * Number.EPSILON * kept.reduce((a, g) => a + Math.abs(g.sumOfSquares), 0);
  if (total <= noise) return none;
  const within = total - between;
  const value = Math.sqrt(between / total);
  const d1 = k - 1;
  const d2 = n - k;
  if (d2 <= 0) return { ...none, value };
  const f = within <= noise ? Infinity : between / d1 / (within / d2);
  return { ...none, value, test: { name: 'anova_f', statistic: f, df: [d1, d2] }, p: fSurvival(f, d1, d2) };
}

/**
 * Holm's step-down adjustment of p-values for all the tests of one run: it controls the chance of
 * even one false "significant" over the whole run, whatever the dependence between the tests
 * (pairs sharing a column are dependent). Returns the adjusted p-values in the input order.
 */
export function holmAdjust(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

import type { FlagRule } from './flag-rule.ts';
export { DEFAULT_RULE, describeRule, type FlagRule } from './flag-rule.ts';

/** Applies the flag rule to every pair of one run: Holm-adjusted p-values, and a flag on each strong, significant pair. */
export function flagAssociations<T extends { value: number; p: number }>(measured: readonly T[], rule: FlagRule): (T & { adjustedP: number; flagged: boolean })[] {
  const adjusted = holmAdjust(measured.map((m) => m.p));
  return measured.map((m, i) => ({ ...m, adjustedP: adjusted[i]!, flagged: m.value >= rule.threshold && adjusted[i]! < rule.alpha }));
}
