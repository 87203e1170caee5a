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
 * The counts of a group a metric can be read from ("cells" of the group's table crossed with the
 * prediction and the label): n; predicted positives and negatives (pp, npp); with a label, actual
 * positives and negatives (pos, neg) and the confusion counts.
 */
export type CellName = 'n' | 'pp' | 'npp' | 'pos' | 'neg' | 'tp' | 'fp' | 'fn' | 'tn';
/** A group's cells as the comparisons read them: exact, or as published (null: withheld, or absent without a label). */
export type CellReader = (cell: CellName) => number | null;

/** Each metric as [successes, trials]; 'all_pp' is everyone's predicted positives (the trials of ppr). */
export const METRIC_CELLS: Record<MetricName, [CellName, CellName | 'all_pp']> = {
  selection_rate: ['pp', 'n'],
  ppr: ['pp', 'all_pp'],
  prevalence: ['pos', 'n'],
  tpr: ['tp', 'pos'],
  tnr: ['tn', 'neg'],
  fpr: ['fp', 'neg'],
  fnr: ['fn', 'pos'],
  precision: ['tp', 'pp'],
  npv: ['tn', 'npp'],
  fdr: ['fp', 'pp'],
  for: ['fn', 'npp'],
};

/** The exact cells of a group's counts (the label cells are null when the counts carry no label). */
export function exactCells(counts: Counts): CellReader {
  const { n, pp, tp, fp, fn, tn } = counts;
  const labelled = tp !== undefined && fp !== undefined && fn !== undefined && tn !== undefined;
  return (cell) => {
    switch (cell) {
      case 'n': return n;
      case 'pp': return pp;
      case 'npp': return n - pp;
      case 'pos': return labelled ? tp + fn : null;
      case 'neg': return labelled ? fp + tn : null;
      default: return labelled ? counts[cell]! : null;
    }
  };
}

/** A metric as successes out of trials from a group's cells; null when a cell it needs is withheld or absent. */
export function fractionFrom(metric: MetricName, cells: CellReader, allPp: number | null): Fraction | null {
  const [s, t] = METRIC_CELLS[metric];
  const successes = cells(s);
  const trials = t === 'all_pp' ? allPp : cells(t);
  return successes === null || trials === null ? null : { successes, trials };
}

/**
 * A metric of a group as successes out of trials; `totalPp` is everyone's predicted positives (the
 * trials of ppr). Returns null when the metric needs labels the counts do not have.
 */
export function metricFraction(metric: MetricName, counts: Counts, totalPp: number): Fraction | null {
  return fractionFrom(metric, exactCells(counts), totalPp);
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
  return metricsFrom(exactCells(counts), totalPp, labelled);
}

/** Every metric from a group's cells: a metric whose cells are withheld has a null value and interval. */
export function metricsFrom(cells: CellReader, allPp: number | null, labelled: boolean): Metrics {
  const out: Metrics = {};
  for (const metric of metricNames(labelled)) {
    const fraction = fractionFrom(metric, cells, allPp);
    out[metric] = fraction ? rateOf(fraction) : { value: null, ci: null };
  }
  return out;
}
