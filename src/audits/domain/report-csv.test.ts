import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditCounts, DEFAULT_AUDIT_OPTIONS } from './audit.ts';
import type { AuditInput, Counts } from './cells.ts';
import { buildReport, type AuditReport } from './report.ts';
import { reportCsvTables } from './report-csv.ts';

// A labelled log with a formula-like nationality ("=cmd") flagged at four times DE's rate, an
// attribute named "n" (clashing with the n column), and a missing gender group of 12.
const labelled = (n: number, pp: number, tp: number, fn: number): Counts => ({ n, pp, tp, fp: pp - tp, fn, tn: n - pp - fn });
const input: AuditInput = {
  attributes: ['nationality', 'n'],
  labelled: true,
  cells: [
    { values: ['DE', 'M'], counts: labelled(400, 40, 20, 40) },
    { values: ['DE', 'F'], counts: labelled(300, 30, 15, 30) },
    { values: ['=cmd', 'M'], counts: labelled(200, 80, 40, 20) },
    { values: ['=cmd', 'F'], counts: labelled(100, 40, 20, 10) },
    { values: ['=cmd', null], counts: labelled(12, 6, 3, 1) },
  ],
};
const report: AuditReport = buildReport(
  { file: 'log.csv', format: 'csv', protected: input.attributes, outcome: 'flagged', threshold: null, label: 'label', outcome_rule: '"flagged" read as a decision' },
  { read: 1012, rejected: [] },
  DEFAULT_AUDIT_OPTIONS,
  auditCounts(input, DEFAULT_AUDIT_OPTIONS),
);
const read = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('reportCsvTables', () => {
  const tables = reportCsvTables(report);

  it('writes one CSV per table', () => {
    expect(Object.keys(tables)).toEqual(['groups.csv', 'findings.csv', 'worst-off.csv', 'too-small.csv']);
  });

  it('has a row per group, each attribute its own column, every count, metric and disparity', () => {
    const groups = read(tables['groups.csv']!);
    expect(groups).toHaveLength(report.groups.length);
    const head = Object.keys(groups[0]!);
    expect(head.slice(0, 9)).toEqual(['nationality', 'attribute_n', 'order', 'n', 'pp', 'tp', 'fp', 'fn', 'tn']);
    for (const m of ['selection_rate', 'ppr', 'prevalence', 'tpr', 'tnr', 'fpr', 'fnr', 'precision', 'npv', 'fdr', 'for']) {
      expect(head).toEqual(expect.arrayContaining([m, `${m}_ci_low`, `${m}_ci_high`, `${m}_ratio`, `${m}_ratio_ci_low`, `${m}_ratio_ci_high`, `${m}_difference`, `${m}_p`, `${m}_q`, `${m}_flagged`]));
    }
    expect(head.at(-1)).toBe('suppressed');
    const cmd = groups.find((g) => g.nationality === "'=cmd" && g.attribute_n === '')!;
    expect(cmd).toMatchObject({ order: '1', n: '312', pp: '126', selection_rate: String(126 / 312), reference: 'nationality = DE', too_small: 'false', selection_rate_flagged: 'true', suppressed: '' });
    expect(Number(cmd.selection_rate_ratio)).toBeCloseTo(126 / 312 / 0.1, 12);
    expect(Number(cmd.selection_rate_q)).toBeLessThan(0.001);
    const de = groups.find((g) => g.nationality === 'DE' && g.attribute_n === '')!;
    expect(de).toMatchObject({ reference: '', selection_rate_ratio: '', selection_rate_flagged: '' });
    const missing = groups.find((g) => g.nationality === '' && g.attribute_n === '(missing)')!;
    expect(missing).toMatchObject({ n: '12', too_small: 'true', selection_rate_p: '', selection_rate_q: '', selection_rate_flagged: 'false', suppressed: '' });
    // A negative difference stays a number.
    expect(groups.some((g) => g.selection_rate_difference!.startsWith('-'))).toBe(true);
  });

  it('lists findings, worst-off intersections and groups too small to judge, neutralising formulas', () => {
    const findings = read(tables['findings.csv']!);
    expect(findings).toHaveLength(report.findings.length);
    expect(findings[0]).toMatchObject({ nationality: "'=cmd", metric: 'selection_rate', reference: 'nationality = DE', n: '312', reference_n: '700' });
    expect(findings[0]!.sentence).toBe(report.findings[0]!.sentence);
    const worst = read(tables['worst-off.csv']!);
    expect(worst).toHaveLength(report.worstOff.length);
    expect(worst[0]).toMatchObject({ rank: '1', order: '2', nationality: "'=cmd", flagged: 'true' });
    expect(worst[0]!.drivers).toContain('nationality = =cmd: ratio 4.04');
    const small = read(tables['too-small.csv']!);
    expect(small.map((s) => [s.nationality, s.attribute_n, s.n])).toEqual([['', '(missing)', '12'], ["'=cmd", '(missing)', '12']]);
    for (const csv of Object.values(tables)) for (const row of parse(csv) as string[][]) for (const c of row) expect(c).not.toMatch(/^[=+@\t\r]/);
  });

  it('leaves withheld values of a published report empty and names them in the suppressed column', () => {
    const copy = structuredClone(report) as unknown as { published: boolean; groups: { attributes: Record<string, string | null>; n: number | null; counts: Record<string, number | null>; metrics: Record<string, { value: number | null; ci: null }>; disparity: Record<string, { ratio: null; ratio_ci: null; p: null; q: null }> }[] };
    copy.published = true;
    const g = copy.groups.find((x) => x.attributes.n === null && !('nationality' in x.attributes))!;
    g.n = null;
    g.counts.pp = null;
    g.counts.tp = null;
    for (const m of Object.values(g.metrics)) Object.assign(m, { value: null, ci: null });
    for (const d of Object.values(g.disparity)) Object.assign(d, { ratio: null, ratio_ci: null, p: null, q: null });
    const groups = read(reportCsvTables(copy as unknown as AuditReport)['groups.csv']!);
    const row = groups.find((x) => x.attribute_n === '(missing)' && x.nationality === '')!;
    expect(row).toMatchObject({ n: '', pp: '', tp: '', fp: '3', selection_rate: '', selection_rate_ratio: '', selection_rate_q: '' });
    expect(row.suppressed!.split(' ')).toEqual(expect.arrayContaining(['n', 'pp', 'tp', 'selection_rate', 'selection_rate_ci_low', 'selection_rate_ratio', 'selection_rate_q', 'fpr_q']));
    expect(row.suppressed!.split(' ')).not.toContain('fp');
    // Groups left whole keep their untested comparisons unmarked.
    expect(groups.filter((x) => x.suppressed !== '')).toHaveLength(1);
  });
});
