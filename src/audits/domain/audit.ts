import { invalidInput } from '../../platform/errors.ts';
import { type AuditInput, attributesOf, type Counts, type DerivedGroup, deriveGroups, type GroupAttributes } from './cells.ts';
import { compareValues } from './cells.ts';
import { type DisclosureOptions, protectCells, type SuppressionSummary } from './disclosure.ts';
import { type CellName, type CellReader, exactCells, fractionFrom, type Interval, type MetricName, metricNames, type Metrics, metricsFrom } from './metrics.ts';
import type { AuditOptions } from './options.ts';
import { adjustPValues, compareRates, type TestName } from './tests.ts';

// The audit of a decision log, as a pure function of its finest cells' counts: every group's
// metrics, each group's disparities against its reference group, one multiple-comparison family
// over the whole report, the flagged findings in plain sentences, the groups too small to judge,
// and the worst-off intersections.

export { DEFAULT_AUDIT_OPTIONS, type AuditOptions, type ReferenceChoice } from './options.ts';

/** One metric of a group against the same metric of its reference group. */
export type Disparity = {
  reference: GroupAttributes;
  /** Group rate / reference rate; null when the reference rate is 0. */
  ratio: number | null;
  /** Katz log 95% interval (Haldane–Anscombe correction when a cell is 0); null when the ratio is. */
  ratio_ci: Interval | null;
  /** Group rate − reference rate. */
  difference: number;
  /** Two-sided p-value; null when the comparison is not tested (a group below minN, or ppr). */
  p: number | null;
  /** p adjusted over every test of the report; null when not tested. */
  q: number | null;
  test: TestName | null;
  flagged: boolean;
};

/** A group's counts as reported: pp and, with a label, the confusion counts; null when withheld in a published report. */
export type GroupCounts = { pp: number | null; tp?: number | null; fp?: number | null; fn?: number | null; tn?: number | null };

export type AuditGroup = {
  attributes: GroupAttributes;
  /** The group's size; null when withheld in a published report. */
  n: number | null;
  counts: GroupCounts;
  metrics: Metrics;
  disparity: Partial<Record<MetricName, Disparity>>;
};

export type Finding = {
  attributes: GroupAttributes;
  metric: MetricName;
  reference: GroupAttributes;
  n: number;
  reference_n: number;
  rate: number;
  reference_rate: number;
  ratio: number | null;
  ratio_ci: Interval | null;
  difference: number;
  p: number;
  q: number;
  /** The finding as one plain sentence. */
  sentence: string;
};

/** n is null for a group of a published report whose n is withheld (it cannot be judged either). */
export type TooSmall = { attributes: GroupAttributes; n: number | null };

/** The selection-rate disparity of one attribute of a worst-off intersection, on its own. */
export type Driver = {
  attribute: string;
  value: string | null;
  n: number | null;
  selection_rate: number | null;
  /** True when this value is the attribute's reference (so it has no disparity of its own). */
  is_reference: boolean;
  ratio: number | null;
  ratio_ci: Interval | null;
  q: number | null;
  flagged: boolean;
};

export type WorstOff = {
  attributes: GroupAttributes;
  n: number;
  selection_rate: number;
  reference: GroupAttributes;
  reference_selection_rate: number;
  ratio: number | null;
  ratio_ci: Interval | null;
  difference: number;
  p: number | null;
  q: number | null;
  flagged: boolean;
  drivers: Driver[];
  /** True when the intersection's disparity is worse than that of each of its attributes alone. */
  worse_than_parts: boolean;
};

export type AuditResult = {
  /** Everyone (order 0). */
  overall: { n: number | null; counts: GroupCounts; metrics: Metrics };
  /** Every group of order 1..maxOrder (deriveGroups order: by order, attribute order, value, missing last). */
  groups: AuditGroup[];
  /** One per flagged disparity, in the order of the groups, then of the metrics. */
  findings: Finding[];
  /** Groups with n < minN (not tested), and reference intersections with no rows (n 0). */
  tooSmall: TooSmall[];
  /** At most worstOffTop intersections, worst first. */
  worstOff: WorstOff[];
  /** The reference value of each attribute (null: only missing values were seen). */
  reference: GroupAttributes;
  /** The multiple-comparison family: every tested group × metric of the report. */
  family: { correction: 'bh' | 'holm'; tests: number };
};

const keyOf = (indexes: readonly number[], values: readonly (string | null)[]): string => JSON.stringify([indexes, values]);

function checkOptions(options: AuditOptions, attributes: number): number {
  const [lo, hi] = options.ratioBounds;
  if (!(options.alpha > 0 && options.alpha < 1)) throw invalidInput('alpha', 'alpha must be between 0 and 1.');
  if (!(lo > 0 && lo <= 1 && hi >= 1 && Number.isFinite(hi))) throw invalidInput('ratioBounds', 'The ratio bounds must satisfy 0 < low ≤ 1 ≤ high.');
  if (!(options.minN >= 0) || !(options.minSupport >= 0)) throw invalidInput('minN', 'minN and minSupport must be 0 or more.');
  if (!Number.isInteger(options.worstOffTop) || options.worstOffTop < 0) throw invalidInput('worstOffTop', 'worstOffTop must be a whole number, 0 or more.');
  const maxOrder = options.maxOrder ?? attributes;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw invalidInput('maxOrder', 'maxOrder must be a whole number, 1 or more.');
  return Math.min(maxOrder, attributes);
}

/** Picks each attribute's reference value from its single-attribute groups. Missing (null) is chosen only when no value is present. */
function chooseReferences(input: AuditInput, singles: DerivedGroup[][], options: AuditOptions): (string | null)[] {
  const harmful = (options.positiveOutcome ?? 'unfavourable') === 'unfavourable';
  const given = options.reference.kind === 'given' ? options.reference.values : {};
  for (const name of Object.keys(given)) {
    if (!input.attributes.includes(name)) throw invalidInput('reference', `The reference names "${name}", which is not a protected attribute (${input.attributes.join(', ')}).`);
  }
  return input.attributes.map((name, i) => {
    const groups = singles[i]!;
    const present = groups.filter((g) => g.values[0] !== null);
    if (Object.hasOwn(given, name)) {
      const value = given[name]!;
      if (!present.some((g) => g.values[0] === value)) {
        throw invalidInput('reference', `No rows have ${name} = ${value}; the values seen are ${present.map((g) => g.values[0]).join(', ') || 'none'}.`);
      }
      return value;
    }
    if (present.length === 0) return null;
    // Groups arrive in value order, so a strict comparison keeps the first value among equals.
    if (options.reference.kind === 'favourable') {
      // The most favourable selection rate among groups large enough to judge (all, if none is);
      // ties go to the larger group, then to the first value in code-unit order.
      const judged = present.filter((g) => g.counts.n >= options.minN);
      const pool = judged.length > 0 ? judged : present;
      let best = pool[0]!;
      for (const g of pool.slice(1)) {
        const rate = g.counts.pp / g.counts.n;
        const bestRate = best.counts.pp / best.counts.n;
        const better = harmful ? rate < bestRate : rate > bestRate;
        if (better || (rate === bestRate && g.counts.n > best.counts.n)) best = g;
      }
      return best.values[0]!;
    }
    // Majority: the largest group; ties go to the first value in code-unit order.
    let best = present[0]!;
    for (const g of present.slice(1)) if (g.counts.n > best.counts.n) best = g;
    return best.values[0]!;
  });
}

function groupCounts(cells: CellReader, labelled: boolean): GroupCounts {
  return labelled ? { pp: cells('pp'), tp: cells('tp'), fp: cells('fp'), fn: cells('fn'), tn: cells('tn') } : { pp: cells('pp') };
}

/** A group in words: "nationality = SY and gender = F" ("age missing" for a missing value). */
export function describeGroup(attributes: GroupAttributes): string {
  const parts = Object.entries(attributes).map(([name, value]) => (value === null ? `${name} missing` : `${name} = ${value}`));
  return parts.length > 0 ? parts.join(' and ') : 'everyone';
}

const formatNumber = (x: number): string => (x === 0 ? '0' : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2));
const formatPercent = (x: number): string => `${(x * 100).toFixed(1).replace(/\.0$/, '')}%`;
const formatQ = (q: number): string => (q < 0.001 ? 'q < 0.001' : `q = ${q.toFixed(3)}`);

/** Each label metric in plain words (a noun phrase), for the findings. */
function metricWords(metric: MetricName, outcome: string): string {
  switch (metric) {
    case 'selection_rate': return `rate of being ${outcome}`;
    case 'ppr': return `share of everyone ${outcome}`;
    case 'prevalence': return 'prevalence (the share whose true label is positive)';
    case 'tpr': return `true positive rate (the share of those whose true label is positive who were ${outcome})`;
    case 'tnr': return `true negative rate (the share of those whose true label is negative who were not ${outcome})`;
    case 'fpr': return `false positive rate (the share of those whose true label is negative who were ${outcome})`;
    case 'fnr': return `false negative rate (the share of those whose true label is positive who were not ${outcome})`;
    case 'precision': return `precision (the share of those ${outcome} whose true label is positive)`;
    case 'npv': return `negative predictive value (the share of those not ${outcome} whose true label is negative)`;
    case 'fdr': return `false discovery rate (the share of those ${outcome} whose true label is negative)`;
    case 'for': return `false omission rate (the share of those not ${outcome} whose true label is positive)`;
  }
}

/** A flagged finding as one plain English sentence. */
export function findingSentence(f: Omit<Finding, 'sentence'>, outcome: string): string {
  const who = describeGroup(f.attributes);
  const ref = describeGroup(f.reference);
  const rates = `${formatPercent(f.rate)} against ${formatPercent(f.reference_rate)}`;
  const ci = f.ratio_ci ? `; 95% CI ${formatNumber(f.ratio_ci[0])}–${formatNumber(f.ratio_ci[1])}` : '';
  if (f.metric === 'selection_rate') {
    if (f.ratio === 0) return `People with ${who} were never ${outcome}, against ${formatPercent(f.reference_rate)} of people with ${ref} (${ci.slice(2)}; ${formatQ(f.q)}).`;
    if (f.ratio === null) return `People with ${who} were ${outcome} at a rate of ${formatPercent(f.rate)}, while none of the people with ${ref} were (${formatQ(f.q)}).`;
    return `People with ${who} were ${outcome} at ${formatNumber(f.ratio)} times the rate of people with ${ref} (${rates}${ci}; ${formatQ(f.q)}).`;
  }
  const words = metricWords(f.metric, outcome);
  if (f.ratio === 0) return `People with ${who} had a ${words} of 0%, against ${formatPercent(f.reference_rate)} for people with ${ref} (${ci.slice(2)}; ${formatQ(f.q)}).`;
  if (f.ratio === null) return `People with ${who} had a ${words} of ${formatPercent(f.rate)}, against 0% for people with ${ref} (${formatQ(f.q)}).`;
  return `People with ${who} had a ${words} ${formatNumber(f.ratio)} times that of people with ${ref} (${rates}${ci}; ${formatQ(f.q)}).`;
}

/** Whether a ratio lies outside the bounds; an undefined ratio (reference rate 0) is outside only when the group's rate is above 0 (an infinite ratio). */
function outsideBounds(ratio: number | null, difference: number, [lo, hi]: [number, number]): boolean {
  if (ratio === null) return difference > 0;
  return ratio < lo || ratio > hi;
}

/**
 * How much worse off a group is on selection rate, as |ln ratio| in the unfavourable direction
 * (positive: worse off; negative: better off; 0: equal or undefined). With an unfavourable positive
 * outcome a higher selection rate is worse; with a favourable one, a lower.
 */
function severity(d: Disparity, harmful: boolean): number {
  const logRatio = d.ratio === null ? (d.difference > 0 ? Infinity : 0) : Math.log(d.ratio);
  const s = harmful ? logRatio : -logRatio;
  return Number.isNaN(s) ? 0 : s;
}

/**
 * Audits a decision log from its finest cells' counts. Each attribute has one reference value;
 * the reference of an intersection is the combination of its attributes' reference values (for
 * {nationality: SY, gender: F} it is {nationality: DE, gender: M}), so every group is compared with
 * the group that holds the reference value of each of its attributes. Every comparison of a group
 * with n ≥ minN against a reference with n ≥ minN is tested (except ppr, see below); all those
 * tests form one family, adjusted together. A disparity is flagged when its ratio lies outside
 * ratioBounds AND q < alpha (and both groups have n ≥ minN, as every tested one has).
 * ppr (a group's share of all predicted positives) grows with the group's size, so its ratio is
 * reported with a descriptive interval but never tested or flagged: unequal shares are not
 * evidence of unequal treatment, and the two shares are not independent samples.
 */
export function auditCounts(input: AuditInput, options: AuditOptions): AuditResult {
  const maxOrder = checkOptions(options, input.attributes.length);
  const derived = deriveGroups(input, maxOrder);
  const referenceValues = chooseReferences(input, singlesOf(input, derived), options);
  return compareGroups(input, derived.map((g) => ({ ...g, cells: exactCells(g.counts) })), referenceValues, options);
}

/**
 * The audit as it may be published (AUD-3): the same groups and references, with the counts that
 * disclosure control withholds set to null (see disclosure.ts) and the others rounded when asked;
 * then every rate, interval, ratio and test is computed again from the published counts only, so
 * nothing published rests on a withheld count. A group whose n is withheld cannot be judged and is
 * listed among those too small to judge; groups nobody is in whose zero counts are withheld appear
 * with null counts, so that their absence does not give them away.
 */
export function publishAudit(input: AuditInput, options: AuditOptions, disclosure: Omit<DisclosureOptions, 'maxOrder'>): { result: AuditResult; suppression: SuppressionSummary } {
  const maxOrder = checkOptions(options, input.attributes.length);
  const derived = deriveGroups(input, maxOrder);
  const referenceValues = chooseReferences(input, singlesOf(input, derived), options);
  const cells = protectCells(input, { ...disclosure, maxOrder });
  const empty = cells.withheldEmptyGroups.map(({ attributeIndexes, values }) => ({
    order: attributeIndexes.length, attributeIndexes, values, attributes: attributesOf(input.attributes, attributeIndexes, values), counts: { n: 0, pp: 0 },
  }));
  const all = [...derived, ...empty].sort(reportOrder);
  // Each group's published cells, read once (the comparisons read them many times).
  const names: CellName[] = input.labelled ? ['n', 'pp', 'npp', 'pos', 'neg', 'tp', 'fp', 'fn', 'tn'] : ['n', 'pp', 'npp'];
  const viewed: ViewedGroup[] = all.map((g) => {
    const published = new Map(names.map((name) => [name, cells.published(g.attributeIndexes, g.values, name)]));
    return { ...g, cells: (cell) => published.get(cell) ?? null };
  });
  return { result: compareGroups(input, viewed, referenceValues, options), suppression: cells.summary };
}

/** deriveGroups' order: by order, then attribute subset, then values (missing last). */
function reportOrder(a: DerivedGroup, b: DerivedGroup): number {
  if (a.order !== b.order) return a.order - b.order;
  for (let j = 0; j < a.order; j++) if (a.attributeIndexes[j] !== b.attributeIndexes[j]) return a.attributeIndexes[j]! - b.attributeIndexes[j]!;
  for (let j = 0; j < a.order; j++) {
    const c = compareValues(a.values[j]!, b.values[j]!);
    if (c !== 0) return c;
  }
  return 0;
}

const singlesOf = (input: AuditInput, derived: DerivedGroup[]) => input.attributes.map((_, i) => derived.filter((g) => g.order === 1 && g.attributeIndexes[0] === i));

/** A derived group with the cells the comparisons read: exact, or as published. */
type ViewedGroup = DerivedGroup & { cells: CellReader };

/** Every group's metrics and disparities, the family, the findings, the groups too small and the worst off, from the groups' cells. */
function compareGroups(input: AuditInput, viewed: ViewedGroup[], referenceValues: (string | null)[], options: AuditOptions): AuditResult {
  const harmful = (options.positiveOutcome ?? 'unfavourable') === 'unfavourable';
  const outcome = options.outcomePhrase ?? 'selected';
  const labelled = input.labelled;
  const metrics = metricNames(labelled);
  const overall = viewed[0]!;
  const totalPp = overall.cells('pp');

  const byKey = new Map<string, ViewedGroup>();
  for (const g of viewed) byKey.set(keyOf(g.attributeIndexes, g.values), g);
  const reference: GroupAttributes = {};
  input.attributes.forEach((name, i) => {
    reference[name] = referenceValues[i]!;
  });

  const groups: AuditGroup[] = [];
  const tooSmall: TooSmall[] = [];
  const missingReferences = new Set<string>();
  // Tested comparisons, in report order, awaiting their q.
  const family: { disparity: Disparity; group: ViewedGroup; referenceGroup: ViewedGroup; metric: MetricName }[] = [];
  const viewOf = new Map<AuditGroup, ViewedGroup>();

  for (const g of viewed.slice(1)) {
    const n = g.cells('n');
    const out: AuditGroup = { attributes: g.attributes, n, counts: groupCounts(g.cells, labelled), metrics: metricsFrom(g.cells, totalPp, labelled), disparity: {} };
    groups.push(out);
    viewOf.set(out, g);
    if (n === null || n < options.minN) tooSmall.push({ attributes: g.attributes, n });
    const refValues = g.attributeIndexes.map((i) => referenceValues[i]!);
    if (refValues.every((v, j) => v === g.values[j])) continue;
    const refKey = keyOf(g.attributeIndexes, refValues);
    const refGroup = byKey.get(refKey);
    if (!refGroup) {
      // The reference combination has no rows: nothing to compare with, and the report says so.
      if (!missingReferences.has(refKey)) {
        missingReferences.add(refKey);
        tooSmall.push({ attributes: attributesOf(input.attributes, g.attributeIndexes, refValues), n: 0 });
      }
      continue;
    }
    const refN = refGroup.cells('n');
    const judged = n !== null && n >= options.minN && refN !== null && refN >= options.minN;
    for (const metric of metrics) {
      const mine = fractionFrom(metric, g.cells, totalPp);
      const theirs = fractionFrom(metric, refGroup.cells, totalPp);
      if (!mine || !theirs) continue;
      const comparison = compareRates(mine, theirs);
      if (!comparison) continue;
      const tested = judged && metric !== 'ppr';
      const disparity: Disparity = {
        reference: refGroup.attributes,
        ratio: comparison.ratio,
        ratio_ci: comparison.ratio_ci,
        difference: comparison.difference,
        p: tested ? comparison.p : null,
        q: null,
        test: tested ? comparison.test : null,
        flagged: false,
      };
      out.disparity[metric] = disparity;
      if (tested) family.push({ disparity, group: g, referenceGroup: refGroup, metric });
    }
  }

  const qs = adjustPValues(family.map((t) => t.disparity.p!), options.correction);
  const findings: Finding[] = [];
  family.forEach((t, i) => {
    const d = t.disparity;
    d.q = qs[i]!;
    d.flagged = d.q < options.alpha && outsideBounds(d.ratio, d.difference, options.ratioBounds);
    if (!d.flagged) return;
    const mine = fractionFrom(t.metric, t.group.cells, totalPp)!;
    const theirs = fractionFrom(t.metric, t.referenceGroup.cells, totalPp)!;
    const finding: Omit<Finding, 'sentence'> = {
      attributes: t.group.attributes,
      metric: t.metric,
      reference: d.reference,
      n: t.group.cells('n')!,
      reference_n: t.referenceGroup.cells('n')!,
      rate: mine.successes / mine.trials,
      reference_rate: theirs.successes / theirs.trials,
      ratio: d.ratio,
      ratio_ci: d.ratio_ci,
      difference: d.difference,
      p: d.p!,
      q: d.q,
    };
    findings.push({ ...finding, sentence: findingSentence(finding, outcome) });
  });

  const worstOff = rankWorstOff(groups, viewOf, byKey, input.attributes, referenceValues, options, harmful);

  return {
    overall: { n: overall.cells('n'), counts: groupCounts(overall.cells, labelled), metrics: metricsFrom(overall.cells, totalPp, labelled) },
    groups,
    findings,
    tooSmall,
    worstOff,
    reference,
    family: { correction: options.correction, tests: family.length },
  };
}

/** The intersections (order ≥ 2, n ≥ minSupport) worse off than their reference on selection rate, worst first, with each attribute's own disparity. */
function rankWorstOff(
  groups: AuditGroup[],
  viewOf: Map<AuditGroup, ViewedGroup>,
  byKey: Map<string, ViewedGroup>,
  attributes: string[],
  referenceValues: (string | null)[],
  options: AuditOptions,
  harmful: boolean,
): WorstOff[] {
  const auditOf = new Map<ViewedGroup, AuditGroup>();
  for (const [a, d] of viewOf) auditOf.set(d, a);
  const candidates: { group: AuditGroup; derived: ViewedGroup; d: Disparity; score: number; index: number }[] = [];
  groups.forEach((group, index) => {
    const derived = viewOf.get(group)!;
    const d = group.disparity.selection_rate;
    if (derived.order < 2 || group.n === null || group.n < options.minSupport || !d) return;
    const score = severity(d, harmful);
    if (score > 0) candidates.push({ group, derived, d, score, index });
  });
  // Worst first; then the more significant (untested last), the larger, and report order.
  candidates.sort((x, y) => y.score - x.score || (x.d.q ?? 2) - (y.d.q ?? 2) || y.group.n! - x.group.n! || x.index - y.index);
  return candidates.slice(0, options.worstOffTop).map(({ group, derived, d, score }) => {
    const referenceGroup = byKey.get(keyOf(derived.attributeIndexes, derived.attributeIndexes.map((i) => referenceValues[i]!)))!;
    const single = (j: number) => auditOf.get(byKey.get(keyOf([derived.attributeIndexes[j]!], [derived.values[j]!]))!)!;
    const drivers: Driver[] = derived.attributeIndexes.map((attributeIndex, j) => {
      const own = single(j).disparity.selection_rate;
      return {
        attribute: attributes[attributeIndex]!,
        value: derived.values[j]!,
        n: single(j).n,
        selection_rate: single(j).metrics.selection_rate?.value ?? null,
        is_reference: derived.values[j] === referenceValues[attributeIndex],
        ratio: own?.ratio ?? null,
        ratio_ci: own?.ratio_ci ?? null,
        q: own?.q ?? null,
        flagged: own?.flagged ?? false,
      };
    });
    const partScores = derived.attributeIndexes.map((_, j) => {
      const own = single(j).disparity.selection_rate;
      return own ? severity(own, harmful) : 0;
    });
    // A disparity exists only when both selection rates are published, so both are numbers here.
    const referenceRate = fractionFrom('selection_rate', referenceGroup.cells, null)!;
    return {
      attributes: group.attributes,
      n: group.n!,
      selection_rate: group.metrics.selection_rate!.value!,
      reference: d.reference,
      reference_selection_rate: referenceRate.successes / referenceRate.trials,
      ratio: d.ratio,
      ratio_ci: d.ratio_ci,
      difference: d.difference,
      p: d.p,
      q: d.q,
      flagged: d.flagged,
      drivers,
      worse_than_parts: partScores.every((s) => score > s),
    };
  });
}
