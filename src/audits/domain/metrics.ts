import type { Counts } from './cells.ts';

// Each metric of a group is a proportion: successes out of trials, both read from the group's
// counts. The same fraction feeds the 95% Wilson interval here and the 2×2 comparison with the
// reference group in tests.ts.

/** A closed interval [low, high]. */
export type Interval = [number, number];
/** One metric of a group: null (value and interval) when its denominator is 0. */
export type Rate = { value: number | null; ci: Interval | null };

/** The metrics that need no ground truth. */
export const DECISION_METRICS = ['selection_rate', 'ppr'] as const;
/** The metrics that need a ground-truth label. */
export const LABEL_METRICS = ['prevalence', 'tpr', 'tnr', 'fpr', 'fnr', 'precision', 'npv', 'fdr', 'for'] as const;
export type MetricName = (typeof DECISION_METRICS)[number] | (typeof LABEL_METRICS)[number];
export type Metrics = Partial<Record<MetricName, Rate>>;

/** A proportion: successes out of trials. */
export type Fraction = { successes: number; trials: number };

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** The metrics that exist for an audit: all of them when labelled, else selection rate and ppr. */
export function metricNames(labelled: boolean): MetricName[] {
  return labelled ? [...DECISION_METRICS, ...LABEL_METRICS] : [...DECISION_METRICS];
}

/**
 * A metric of a group as successes out of trials; `totalPp` is everyone's predicted positives (the
 * trials of ppr). Returns null when the metric needs labels the counts do not have.
 */
export function metricFraction(metric: MetricName, counts: Counts, totalPp: number): Fraction | null {
  const { n, pp, tp, fp, fn, tn } = counts;
  if (metric === 'selection_rate') return { successes: pp, trials: n };
  if (metric === 'ppr') return { successes: pp, trials: totalPp };
  if (tp === undefined || fp === undefined || fn === undefined || tn === undefined) return null;
  switch (metric) {
    case 'prevalence': return { successes: tp + fn, trials: n };
    case 'tpr': return { successes: tp, trials: tp + fn };
    case 'tnr': return { successes: tn, trials: tn + fp };
    case 'fpr': return { successes: fp, trials: fp + tn };
    case 'fnr': return { successes: fn, trials: fn + tp };
    case 'precision': return { successes: tp, trials: tp + fp };
    case 'npv': return { successes: tn, trials: tn + fn };
    case 'fdr': return { successes: fp, trials: tp + fp };
    case 'for': return { successes: fn, trials: fn + tn };
  }
}

/**
 * The Wilson score interval of x successes out of n (z = 1.96 for 95%): centre
 * (p + z²/2n) / (1 + z²/n), half-width z √(p(1−p)/n + z²/4n²) / (1 + z²/n). Exact 0 or 1 at the ends.
 */
export function wilsonInterval(x: number, n: number, z: number = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = x <= 0 ? 0 : Math.min(p, Math.max(0, centre - half));
  const high = x >= n ? 1 : Math.max(p, Math.min(1, centre + half));
  return [low, high];
}

/** A proportion with its 95% Wilson interval (both null when there are no trials). */
export function rateOf(fraction: Fraction): Rate {
  if (fraction.trials <= 0) return { value: null, ci: null };
  return { value: fraction.successes / fraction.trials, ci: wilsonInterval(fraction.successes, fraction.trials) };
}

/** Every metric of a group (the label metrics only when its counts carry a label), each with its 95% Wilson interval. */
export function groupMetrics(counts: Counts, totalPp: number, labelled: boolean): Metrics {
  const out: Metrics = {};
  for (const metric of metricNames(labelled)) {
    const fraction = metricFraction(metric, counts, totalPp);
    if (fraction) out[metric] = rateOf(fraction);
  }
  return out;
}
