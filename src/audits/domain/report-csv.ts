import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvCell } from '../../register/domain/csv-safety.ts';
import type { AuditGroup, Disparity } from './audit.ts';
import type { GroupAttributes } from './cells.ts';
import type { MetricName } from './metrics.ts';
import type { AuditReport } from './report.ts';
import { driverWords, groupIndex, groupKey, groupWords, isTooSmall, nullReason, num, reportMetrics } from './report-markdown.ts';

// The audit report as CSV tables, one per table of the report: groups.csv (every group, every
// count, metric and disparity), findings.csv, worst-off.csv and too-small.csv.
//
// Each protected attribute is a column of its own: the group's value, empty when the attribute is
// not part of the group, "(missing)" for the missing-value group. Numbers are written in full
// precision. A null value is an empty cell; in a published report, the `suppressed` column names
// the cells left empty because they were withheld (not those empty because a comparison was not
// tested or a rate has nobody in its denominator). Every cell that comes from the data (names,
// values, sentences) is neutralised against spreadsheet formulas.

/** How a missing attribute value is written in the CSV tables. */
export const MISSING_VALUE = '(missing)';

type Value = string | number | boolean | null | undefined;

/** A cell from the data: neutralised against formulas. */
const text = (s: string): string => neutraliseCsvCell(s);
/** A cell computed by the engine. */
const value = (x: Value): string => (x === null || x === undefined ? '' : typeof x === 'number' ? (Number.isFinite(x) ? String(x) : '') : String(x));

function write(head: string[], rows: string[][]): string {
  return stringify([head, ...rows], { record_delimiter: 'unix' });
}

/** Column names of the attributes: the attribute's own name unless it clashes with a fixed column. */
function attributeColumns(report: AuditReport, fixed: string[]): string[] {
  return report.input.protected.map((a) => text(fixed.includes(a) ? `attribute_${a}` : a));
}

function attributeCells(report: AuditReport, attributes: GroupAttributes): string[] {
  return report.input.protected.map((a) => (Object.hasOwn(attributes, a) ? (attributes[a] === null ? MISSING_VALUE : text(attributes[a]!)) : ''));
}

/** Records the names of a group's withheld cells while its row is built. */
class Suppressed {
  readonly names: string[] = [];
  constructor(private readonly report: AuditReport, private readonly group: AuditGroup | undefined) {}
  cell(name: string, x: number | null | undefined, kind: 'count' | 'rate' | 'ratio' | 'test', reference?: AuditGroup): string {
    const v = num(x);
    if (v === null && this.report.published && nullReason(this.report, this.group, kind, reference) === 'suppressed') this.names.push(name);
    return value(v);
  }
  toString(): string {
    return this.names.join(' ');
  }
}

function groupsCsv(report: AuditReport): string {
  const metrics = reportMetrics(report);
  const labelled = metrics.includes('fpr');
  const countNames = labelled ? ['pp', 'tp', 'fp', 'fn', 'tn'] : ['pp'];
  const compared = metrics;
  const fixed = [
    'order', 'n', ...countNames,
    ...metrics.flatMap((m) => [m, `${m}_ci_low`, `${m}_ci_high`]),
    'reference', 'too_small',
    ...compared.flatMap((m) => [`${m}_ratio`, `${m}_ratio_ci_low`, `${m}_ratio_ci_high`, `${m}_difference`, `${m}_p`, `${m}_q`, `${m}_flagged`]),
    'suppressed',
  ];
  const index = groupIndex(report);
  const rows = report.groups.map((g) => {
    const s = new Suppressed(report, g);
    const counts = g.counts as Record<string, number | null | undefined>;
    const disparity = g.disparity as Partial<Record<MetricName, Disparity>>;
    const referenceAttributes = Object.values(disparity).find((d) => d)?.reference;
    const referenceGroup = referenceAttributes ? index.get(groupKey(referenceAttributes)) : undefined;
    const row = [
      ...attributeCells(report, g.attributes),
      String(Object.keys(g.attributes).length),
      s.cell('n', g.n, 'count'),
      ...countNames.map((c) => s.cell(c, counts[c], 'count')),
      ...metrics.flatMap((m) => {
        const rate = g.metrics[m];
        return [s.cell(m, rate?.value, 'rate'), s.cell(`${m}_ci_low`, rate?.ci?.[0], 'rate'), s.cell(`${m}_ci_high`, rate?.ci?.[1], 'rate')];
      }),
      referenceAttributes ? text(groupWords(referenceAttributes)) : '',
      value(isTooSmall(report, g)),
      ...compared.flatMap((m) => {
        const d = disparity[m];
        if (!d) return ['', '', '', '', '', '', ''];
        return [
          s.cell(`${m}_ratio`, d.ratio, 'ratio', referenceGroup),
          s.cell(`${m}_ratio_ci_low`, d.ratio_ci?.[0], 'ratio', referenceGroup),
          s.cell(`${m}_ratio_ci_high`, d.ratio_ci?.[1], 'ratio', referenceGroup),
          s.cell(`${m}_difference`, d.difference, 'ratio', referenceGroup),
          s.cell(`${m}_p`, d.p, 'test', referenceGroup),
          s.cell(`${m}_q`, d.q, 'test', referenceGroup),
          value(d.flagged),
        ];
      }),
    ];
    row.push(s.toString());
    return row;
  });
  return write([...attributeColumns(report, fixed), ...fixed], rows);
}

function findingsCsv(report: AuditReport): string {
  const fixed = ['metric', 'reference', 'n', 'reference_n', 'rate', 'reference_rate', 'ratio', 'ratio_ci_low', 'ratio_ci_high', 'difference', 'p', 'q', 'sentence', 'suppressed'];
  const index = groupIndex(report);
  const rows = report.findings.map((f) => {
    const s = new Suppressed(report, index.get(groupKey(f.attributes)));
    const reference = index.get(groupKey(f.reference));
    const row = [
      ...attributeCells(report, f.attributes),
      f.metric,
      text(groupWords(f.reference)),
      s.cell('n', f.n, 'count'),
      s.cell('reference_n', f.reference_n, 'count'),
      s.cell('rate', f.rate, 'rate'),
      s.cell('reference_rate', f.reference_rate, 'ratio', reference),
      s.cell('ratio', f.ratio, 'ratio', reference),
      s.cell('ratio_ci_low', f.ratio_ci?.[0], 'ratio', reference),
      s.cell('ratio_ci_high', f.ratio_ci?.[1], 'ratio', reference),
      s.cell('difference', f.difference, 'ratio', reference),
      s.cell('p', f.p, 'test', reference),
      s.cell('q', f.q, 'test', reference),
      text(f.sentence),
    ];
    row.push(s.toString());
    return row;
  });
  return write([...attributeColumns(report, fixed), ...fixed], rows);
}

function worstOffCsv(report: AuditReport): string {
  const fixed = ['rank', 'order', 'n', 'selection_rate', 'reference', 'reference_selection_rate', 'ratio', 'ratio_ci_low', 'ratio_ci_high', 'difference', 'p', 'q', 'flagged', 'worse_than_parts', 'drivers', 'suppressed'];
  const index = groupIndex(report);
  const rows = report.worstOff.map((w, i) => {
    const s = new Suppressed(report, index.get(groupKey(w.attributes)));
    const reference = index.get(groupKey(w.reference));
    const row = [
      ...attributeCells(report, w.attributes),
      String(i + 1),
      String(Object.keys(w.attributes).length),
      s.cell('n', w.n, 'count'),
      s.cell('selection_rate', w.selection_rate, 'rate'),
      text(groupWords(w.reference)),
      s.cell('reference_selection_rate', w.reference_selection_rate, 'ratio', reference),
      s.cell('ratio', w.ratio, 'ratio', reference),
      s.cell('ratio_ci_low', w.ratio_ci?.[0], 'ratio', reference),
      s.cell('ratio_ci_high', w.ratio_ci?.[1], 'ratio', reference),
      s.cell('difference', w.difference, 'ratio', reference),
      s.cell('p', w.p, 'test', reference),
      s.cell('q', w.q, 'test', reference),
      value(w.flagged),
      value(w.worse_than_parts),
      text(driverWords(w).join('; ')),
    ];
    row.push(s.toString());
    return row;
  });
  return write([...attributeColumns(report, fixed), ...fixed], rows);
}

function tooSmallCsv(report: AuditReport): string {
  const fixed = ['order', 'n', 'reason', 'suppressed'];
  const index = groupIndex(report);
  const rows = report.tooSmall.map((t) => {
    const s = new Suppressed(report, index.get(groupKey(t.attributes)));
    const n = num(t.n);
    const row = [
      ...attributeCells(report, t.attributes),
      String(Object.keys(t.attributes).length),
      s.cell('n', t.n, 'count'),
      n === 0 ? 'nobody has this combination of reference values: its groups have nothing to compare with' : `fewer than ${report.parameters.min_n} people`,
    ];
    row.push(s.toString());
    return row;
  });
  return write([...attributeColumns(report, fixed), ...fixed], rows);
}

/** The report's tables as CSV files, by file name. */
export function reportCsvTables(report: AuditReport): Record<string, string> {
  return {
    'groups.csv': groupsCsv(report),
    'findings.csv': findingsCsv(report),
    'worst-off.csv': worstOffCsv(report),
    'too-small.csv': tooSmallCsv(report),
  };
}
