import type { AuditGroup, Disparity, WorstOff } from './audit.ts';
import type { GroupAttributes } from './cells.ts';
import { DECISION_METRICS, type Interval, LABEL_METRICS, type MetricName, type Rate } from './metrics.ts';
import type { AuditReport } from './report.ts';

// The audit report in Markdown, and the reading of a report that its other human-readable forms
// (the CSV tables, the HTML page) share: number formats, what a null value means, each attribute's
// groups as table rows, and the note on a published report's suppressed values.
//
// A published report (AUD-3) carries null where a count was withheld, and the rates, intervals and
// tests computed from it are withheld too: such values read "suppressed", never 0. In a report
// that is not published, null keeps its engine meaning: a rate with nobody in its denominator
// ("n/a"), a ratio against a reference rate of 0 ("undefined"), a comparison not tested ("not
// tested", a group below the minimum n).

// ---------------------------------------------------------------------------------------------
// Numbers

/** A number as a published report may hold it: null (or absent) when withheld. */
export const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export const formatCount = (n: number): string => n.toLocaleString('en-GB');
/** A rate as a percentage with one decimal ("35.0%"). */
export const formatPercent = (x: number): string => `${(x * 100).toFixed(1)}%`;
/** A ratio with two decimals. */
export const formatRatio = (x: number): string => x.toFixed(2);
/** A p- or q-value: three decimals, "< 0.001" when smaller. */
export const formatP = (x: number): string => (x < 0.001 ? '< 0.001' : x.toFixed(3));
export const formatPercentInterval = (ci: Interval): string => `${formatPercent(ci[0])}–${formatPercent(ci[1])}`;
export const formatRatioInterval = (ci: Interval): string => `${formatRatio(ci[0])}–${formatRatio(ci[1])}`;

// ---------------------------------------------------------------------------------------------
// Words

export const METRIC_LABELS: Record<MetricName, string> = {
  selection_rate: 'selection rate',
  ppr: 'share of all positives',
  prevalence: 'prevalence',
  tpr: 'true positive rate',
  tnr: 'true negative rate',
  fpr: 'false positive rate',
  fnr: 'false negative rate',
  precision: 'precision',
  npv: 'negative predictive value',
  fdr: 'false discovery rate',
  for: 'false omission rate',
};
export const METRIC_SHORT: Record<MetricName, string> = {
  selection_rate: 'selection rate', ppr: 'PPR', prevalence: 'prevalence', tpr: 'TPR', tnr: 'TNR', fpr: 'FPR', fnr: 'FNR',
  precision: 'precision', npv: 'NPV', fdr: 'FDR', for: 'FOR',
};
/** The report's metrics, in the engine's order. */
export function reportMetrics(report: AuditReport): MetricName[] {
  const present = new Set(Object.keys(report.overall.metrics));
  return [...DECISION_METRICS, ...LABEL_METRICS].filter((m) => present.has(m));
}
export const isLabelled = (report: AuditReport): boolean => report.input.label !== null || 'fpr' in report.overall.metrics;

/** An attribute's value in words ("missing" for a missing value). */
export const valueWords = (value: string | null): string => (value === null ? 'missing' : value);
/** A group in words: "nationality = SY, gender = F" ("age missing"; "everyone"). */
export function groupWords(attributes: GroupAttributes): string {
  const parts = Object.entries(attributes).map(([name, value]) => (value === null ? `${name} missing` : `${name} = ${value}`));
  return parts.length ? parts.join(', ') : 'everyone';
}
export const groupKey = (attributes: GroupAttributes): string => JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function referenceWords(report: AuditReport): string {
  const kind = report.parameters.reference.kind;
  return kind === 'given' ? 'chosen by the analyst (the largest group where none was named)' : kind === 'majority' ? 'the largest group' : 'the most favourably treated group';
}
export const outcomeMeaning = (report: AuditReport): string =>
  report.parameters.positive_outcome === 'favourable' ? 'favourable to the person (a lower rate is worse)' : 'unfavourable to the person (a higher rate is worse)';
export const correctionWords = (report: AuditReport): string => (report.parameters.correction === 'bh' ? 'Benjamini–Hochberg' : 'Holm');

// ---------------------------------------------------------------------------------------------
// Groups, and what their null values mean

type Lookups = { index: Map<string, AuditGroup>; tooSmall: Set<string> };
/** Each report's lookups, built once (a report is not changed once built). */
const lookupsOf = new WeakMap<AuditReport, Lookups>();
function lookups(report: AuditReport): Lookups {
  let l = lookupsOf.get(report);
  if (!l) {
    l = { index: new Map(report.groups.map((g) => [groupKey(g.attributes), g])), tooSmall: new Set(report.tooSmall.map((t) => groupKey(t.attributes))) };
    lookupsOf.set(report, l);
  }
  return l;
}

/** Looks groups up by their attributes. */
export function groupIndex(report: AuditReport): Map<string, AuditGroup> {
  return lookups(report).index;
}

/** A group of a published report some of whose counts were withheld. */
export function isSuppressed(report: AuditReport, group: AuditGroup | undefined): boolean {
  if (!report.published || !group) return false;
  if ((group as { suppressed?: unknown }).suppressed === true) return true;
  const counts = group.counts as Record<string, number | null | undefined>;
  return num(group.n) === null || Object.values(counts).some((v) => num(v) === null);
}

export type NullReason = 'suppressed' | 'n/a' | 'undefined' | 'not tested';

/** Why a value of a group is null: withheld in a published report, or the engine's reason. */
export function nullReason(report: AuditReport, group: AuditGroup | undefined, kind: 'count' | 'rate' | 'ratio' | 'test', reference?: AuditGroup): NullReason {
  if (report.published && (kind === 'count' || isSuppressed(report, group) || (kind !== 'rate' && isSuppressed(report, reference)))) return 'suppressed';
  return kind === 'count' ? 'suppressed' : kind === 'rate' ? 'n/a' : kind === 'ratio' ? 'undefined' : 'not tested';
}

/** One group of one attribute, read for a table row. */
export type AttributeRow = {
  group: AuditGroup;
  value: string | null;
  isReference: boolean;
  tooSmall: boolean;
  suppressed: boolean;
  referenceGroup: AuditGroup | undefined;
  /** The metrics on which the group is flagged. */
  flagged: MetricName[];
};

export function isTooSmall(report: AuditReport, group: AuditGroup): boolean {
  const n = num(group.n);
  return (n !== null && n < report.parameters.min_n) || lookups(report).tooSmall.has(groupKey(group.attributes));
}

/** Whether a group is the reference of its attributes (every value is its attribute's reference). */
export function isReferenceGroup(report: AuditReport, attributes: GroupAttributes): boolean {
  return Object.entries(attributes).every(([name, value]) => report.reference[name] === value);
}

/** The groups of a report with exactly these attributes, in report order. */
export function groupsOf(report: AuditReport, attributes: string[]): AuditGroup[] {
  return report.groups.filter((g) => {
    const names = Object.keys(g.attributes);
    return names.length === attributes.length && attributes.every((a) => names.includes(a));
  });
}

/** Each group of one attribute as a table row, in report order. */
export function attributeRows(report: AuditReport, attribute: string): AttributeRow[] {
  const index = groupIndex(report);
  return groupsOf(report, [attribute]).map((group) => {
    const value = group.attributes[attribute] ?? null;
    const disparity = group.disparity as Partial<Record<MetricName, Disparity>>;
    const referenceAttributes = disparity.selection_rate?.reference ?? { [attribute]: report.reference[attribute] ?? null };
    return {
      group,
      value,
      isReference: isReferenceGroup(report, group.attributes),
      tooSmall: isTooSmall(report, group),
      suppressed: isSuppressed(report, group),
      referenceGroup: index.get(groupKey(referenceAttributes)),
      flagged: (Object.keys(disparity) as MetricName[]).filter((m) => disparity[m]?.flagged === true),
    };
  });
}

/** A rate with its 95% interval ("35.0% (33.5–36.6%)"), or why there is none. */
export function rateText(report: AuditReport, group: AuditGroup, rate: Rate | undefined): string {
  const value = num(rate?.value);
  if (value === null) return nullReason(report, group, 'rate');
  const ci = rate?.ci;
  return ci && num(ci[0]) !== null && num(ci[1]) !== null ? `${formatPercent(value)} (${formatPercentInterval(ci)})` : formatPercent(value);
}

/** A ratio with its 95% interval ("1.74 (1.63–1.85)"), or why there is none. */
export function ratioText(report: AuditReport, group: AuditGroup, d: Disparity | undefined, reference: AuditGroup | undefined): string {
  if (!d) return isReferenceGroup(report, group.attributes) ? 'reference' : nullReason(report, group, 'rate');
  const ratio = num(d.ratio);
  if (ratio === null) return nullReason(report, group, 'ratio', reference);
  const ci = d.ratio_ci;
  return ci && num(ci[0]) !== null && num(ci[1]) !== null ? `${formatRatio(ratio)} (${formatRatioInterval(ci)})` : formatRatio(ratio);
}

/** A q-value (or p-value), or why there is none. */
export function testText(report: AuditReport, group: AuditGroup, d: Disparity | undefined, value: number | null | undefined, reference: AuditGroup | undefined): string {
  if (!d) return isReferenceGroup(report, group.attributes) ? '—' : nullReason(report, group, 'rate');
  const x = num(value);
  return x === null ? nullReason(report, group, 'test', reference) : formatP(x);
}

export const countText = (report: AuditReport, group: AuditGroup | undefined, n: number | null | undefined): string => {
  const x = num(n);
  return x === null ? nullReason(report, group, 'count') : formatCount(x);
};

/** A worst-off intersection's drivers in words: each attribute's own disparity. */
export function driverWords(w: WorstOff): string[] {
  return w.drivers.map((d) => {
    const who = d.value === null ? `${d.attribute} missing` : `${d.attribute} = ${d.value}`;
    if (d.is_reference) return `${who}: the reference value`;
    const ratio = num(d.ratio);
    const parts = [ratio === null ? 'ratio suppressed or undefined' : `ratio ${formatRatio(ratio)}`];
    const q = num(d.q);
    if (q !== null) parts.push(`q ${formatP(q)}`);
    if (d.flagged) parts.push('flagged');
    return `${who}: ${parts.join(', ')}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Publication

/** The note on a published report's withheld values (null when the report is not published). */
export function publicationNote(report: AuditReport): string | null {
  if (!report.published) return null;
  const s = report.suppression;
  const below = s ? `counts below ${formatCount(s.min_cell)}` : 'small counts';
  const withheld = s ? ` (${formatCount(s.primary)} small, ${formatCount(s.complementary)} more so that none can be worked out from the others)` : '';
  return (
    `This is the published version of the audit. To protect the people in it, ${below} were suppressed, and so were the other counts from which they could be worked out by subtraction${withheld}; ` +
    `the rates, intervals and tests computed from a suppressed count are withheld too. A suppressed value is shown as "suppressed": it is not zero.` +
    (s?.rounding_base ? ` Published counts are rounded to the nearest multiple of ${s.rounding_base}, and the rates computed from them, so totals may not add up exactly.` : '')
  );
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Escapes text from the data (names, values, file names) for Markdown: backslash before every
 * character that could start emphasis, code, a link, a table cell, math, a heading's end or an
 * autolink, before a < that could open an HTML tag and an & that could make an entity, and line
 * breaks as spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|~$@#]/g, '\\$&')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.');
}

const cell = (text: string): string => escapeMarkdown(text);

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The audit report as a Markdown document. */
export function reportMarkdown(report: AuditReport): string {
  const labelled = isLabelled(report);
  const index = groupIndex(report);
  const p = report.parameters;
  const rowsRead = num(report.rows.read);
  const counted = num(report.rows.counted);
  const out: string[] = [];
  out.push(`# Discrimination audit of ${cell(report.input.file)}`, '');
  out.push(`Report schema \`${report.schema}\`${report.published ? ', published version' : ''}.`, '');
  const note = publicationNote(report);
  if (note) out.push(`> **Suppressed values.** ${note}`, '');

  out.push('## What was read', '');
  out.push(`- File: ${cell(report.input.file)} (${report.input.format.toUpperCase()})`);
  out.push(`- Rows read: ${rowsRead === null ? 'suppressed' : formatCount(rowsRead)}; counted: ${counted === null ? 'suppressed' : formatCount(counted)}`);
  if (report.rows.rejected.length) {
    out.push(`- Left out: ${report.rows.rejected.map((r) => `${countText(report, undefined, r.count)} (${cell(r.reason.replace(/_/g, ' '))})`).join('; ')}`);
  } else out.push('- Left out: none');
  out.push(`- Protected attributes: ${report.input.protected.map(cell).join(', ')}`);
  out.push(`- Outcome: ${cell(report.input.outcome_rule)}; a positive outcome is ${outcomeMeaning(report)}`);
  out.push(`- Ground truth label: ${report.input.label === null ? 'none (error rates cannot be computed)' : cell(report.input.label)}`, '');

  out.push('## Parameters', '');
  out.push(
    ...table(['parameter', 'value'], parameterRows(report)),
    '',
  );
  out.push(`A finding is flagged when a group's ratio to its reference is outside [${p.ratio_bounds.join(', ')}], q < ${p.alpha}, and both groups have n ≥ ${p.min_n}.`, '');

  out.push('## Reference groups', '');
  out.push(...table(['attribute', 'reference value'], report.input.protected.map((a) => [cell(a), cell(valueWords(report.reference[a] ?? null))])), '');

  out.push(`## Flagged findings (${report.findings.length})`, '');
  if (report.findings.length) out.push(...report.findings.map((f) => `- ${cell(f.sentence)}`), '');
  else out.push('No finding is flagged.', '');

  out.push('## Groups by attribute', '');
  out.push(`Rates with their 95% intervals; the ratio and q compare each group's selection rate with the reference's.`, '');
  for (const attribute of report.input.protected) {
    out.push(`### ${cell(attribute)}`, '');
    const head = ['group', 'n', 'selection rate (95% CI)', ...(labelled ? ['FPR (95% CI)', 'FNR (95% CI)'] : []), 'ratio vs reference (95% CI)', 'q', 'flagged'];
    const rows = attributeRows(report, attribute).map((r) => {
      const g = r.group;
      const d = g.disparity.selection_rate;
      const name = cell(valueWords(r.value)) + (r.isReference ? ' (reference)' : '') + (r.tooSmall ? ' (too small to judge)' : '');
      return [
        name,
        countText(report, g, g.n),
        rateText(report, g, g.metrics.selection_rate),
        ...(labelled ? [rateText(report, g, g.metrics.fpr), rateText(report, g, g.metrics.fnr)] : []),
        ratioText(report, g, d, r.referenceGroup),
        testText(report, g, d, d?.q, r.referenceGroup),
        r.flagged.length ? `yes: ${r.flagged.map((m) => METRIC_SHORT[m]).join(', ')}` : 'no',
      ];
    });
    out.push(...table(head, rows), '');
  }

  out.push(`## Worst-off intersections (${report.worstOff.length})`, '');
  if (report.worstOff.length) {
    out.push(`Intersections of at least ${formatCount(p.min_support)} people, ranked by how far their selection rate is from their reference's, worst first.`, '');
    const rows = report.worstOff.map((w, i) => {
      const g = index.get(groupKey(w.attributes));
      const ratio = num(w.ratio);
      const q = num(w.q);
      const rate = num(w.selection_rate);
      const refRate = num(w.reference_selection_rate);
      return [
        String(i + 1),
        cell(groupWords(w.attributes)),
        countText(report, g, w.n),
        rate === null ? 'suppressed' : formatPercent(rate),
        `${refRate === null ? 'suppressed' : formatPercent(refRate)} (${cell(groupWords(w.reference))})`,
        ratio === null ? nullReason(report, g, 'ratio') : `${formatRatio(ratio)}${w.ratio_ci ? ` (${formatRatioInterval(w.ratio_ci)})` : ''}`,
        q === null ? nullReason(report, g, 'test') : formatP(q),
        w.flagged ? 'yes' : 'no',
        cell(driverWords(w).join('; ')) + (w.worse_than_parts ? '; worse than each attribute alone' : ''),
      ];
    });
    out.push(...table(['rank', 'intersection', 'n', 'selection rate', 'reference rate', 'ratio (95% CI)', 'q', 'flagged', 'drivers'], rows), '');
  } else out.push('No intersection is worse off than its reference.', '');

  out.push(`## Groups too small to judge (${report.tooSmall.length})`, '');
  if (report.tooSmall.length) {
    out.push(`Groups with fewer than ${formatCount(p.min_n)} people are listed here rather than tested; a combination of reference values that nobody is in (n = 0) leaves its groups with nothing to compare with.`, '');
    out.push(...table(['group', 'n'], report.tooSmall.map((t) => [cell(groupWords(t.attributes)), countText(report, index.get(groupKey(t.attributes)), t.n)])), '');
  } else out.push('None.', '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** The audit's parameters in words, as (parameter, value) rows: shared by the Markdown and HTML reports. */
export function parameterRows(report: AuditReport): [string, string][] {
  const p = report.parameters;
  return [
    ['reference groups', referenceWords(report)],
    ['largest intersection', `${p.max_order} attribute${p.max_order === 1 ? '' : 's'} at once`],
    ['significance level (q)', String(p.alpha)],
    ['multiple-comparison correction', `${correctionWords(report)}, over ${formatCount(report.family.tests)} tests`],
    ['ratios never flagged', `from ${p.ratio_bounds[0]} to ${p.ratio_bounds[1]}`],
    ['minimum n to judge a group', formatCount(p.min_n)],
    ['minimum n of a worst-off intersection', formatCount(p.min_support)],
  ];
}
