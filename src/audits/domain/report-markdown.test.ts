import { describe, expect, it } from 'vitest';
import { auditCounts, DEFAULT_AUDIT_OPTIONS } from './audit.ts';
import type { AuditInput, Counts } from './cells.ts';
import { buildReport, type AuditReport } from './report.ts';
import { escapeMarkdown, formatP, formatPercent, reportMarkdown } from './report-markdown.ts';

// A labelled log: nationality "S|Y*" (a value with Markdown in it) is flagged at four times DE's rate;
// gender missing is a group of 12, too small to judge.
const labelled = (n: number, pp: number, tp: number, fn: number): Counts => ({ n, pp, tp, fp: pp - tp, fn, tn: n - pp - fn });
const input: AuditInput = {
  attributes: ['nationality', 'gender'],
  labelled: true,
  cells: [
    { values: ['DE', 'M'], counts: labelled(400, 40, 20, 40) },
    { values: ['DE', 'F'], counts: labelled(300, 30, 15, 30) },
    { values: ['S|Y*', 'M'], counts: labelled(200, 80, 40, 20) },
    { values: ['S|Y*', 'F'], counts: labelled(100, 40, 20, 10) },
    { values: ['S|Y*', null], counts: labelled(12, 6, 3, 1) },
  ],
};
const options = { ...DEFAULT_AUDIT_OPTIONS, maxOrder: 2 };
const report: AuditReport = buildReport(
  { file: 'log_2024.csv', format: 'csv', protected: input.attributes, outcome: 'flagged', threshold: null, label: 'label', outcome_rule: '"flagged" read as a decision' },
  { read: 1015, rejected: [{ reason: 'bad_outcome', count: 3 }] },
  options,
  auditCounts(input, options),
);

/** The report as published: the small groups' counts withheld, and what is computed from them. */
function published(r: AuditReport): AuditReport {
  const copy = structuredClone(r) as AuditReport;
  copy.published = true;
  const nulls = copy as unknown as { groups: { attributes: Record<string, string | null>; n: number | null; counts: Record<string, number | null>; metrics: Record<string, { value: number | null; ci: null }>; disparity: Record<string, { ratio: null; ratio_ci: null; p: null; q: null }> }[]; tooSmall: { n: number | null }[] };
  for (const g of nulls.groups) {
    if (!Object.values(g.attributes).includes(null)) continue;
    g.n = null;
    for (const key of Object.keys(g.counts)) g.counts[key] = null;
    for (const m of Object.values(g.metrics)) Object.assign(m, { value: null, ci: null });
    for (const d of Object.values(g.disparity)) Object.assign(d, { ratio: null, ratio_ci: null, p: null, q: null });
  }
  for (const t of nulls.tooSmall) t.n = null;
  return copy;
}

describe('reportMarkdown', () => {
  const md = reportMarkdown(report);

  it('says what was read, the parameters and the references', () => {
    expect(md).toMatch(/^# Discrimination audit of log\\_2024\.csv\n/);
    expect(md).toContain('- Rows read: 1,015; counted: 1,012');
    expect(md).toContain('- Left out: 3 (bad outcome)');
    expect(md).toContain('| minimum n to judge a group | 30 |');
    expect(md).toContain('| multiple-comparison correction | Benjamini–Hochberg, over');
    expect(md).toContain('| nationality | DE |');
    expect(md).toContain('| gender | M |');
  });

  it('lists each flagged finding as one sentence, escaped', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(md).toContain(`- ${escapeMarkdown(f.sentence)}\n`);
    expect(md).toContain('People with nationality = S\\|Y\\* were selected at 4.04 times the rate of people with nationality = DE (40.4% against 10%');
  });

  it('has a table per attribute with rates, error rates, ratio, q and flags', () => {
    const sy = md.split('\n').find((l) => l.startsWith('| S\\|Y\\* |'))!;
    // selection rate 126 / 312 = 40.4%; ratio against DE (70 / 700 = 10%) 4.04.
    expect(sy).toContain(`| 312 | ${formatPercent(126 / 312)} (`);
    expect(sy).toMatch(/\| 4\.04 \(\d\.\d\d–\d\.\d\d\) \| < 0\.001 \| yes: selection rate/);
    expect(md).toContain('| group | n | selection rate (95% CI) | FPR (95% CI) | FNR (95% CI) | ratio vs reference (95% CI) | q | flagged |');
    expect(md).toMatch(/\| DE \(reference\) \| 700 \| 10\.0% \([\d.]+%–[\d.]+%\) \| .* \| reference \| — \| no \|/);
    expect(md).toMatch(/\| missing \(too small to judge\) \| 12 \| 50\.0% .* \| not tested \| no \|/);
    // Every table row has as many cells as its head: no unescaped | from the data.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const widths = block.split('\n').filter(Boolean).map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });

  it('lists worst-off intersections with their drivers and the groups too small to judge', () => {
    expect(md).toContain('## Worst-off intersections');
    expect(md).toMatch(/\| 1 \| nationality = S\\\|Y\\\*, gender = [MF] \|/);
    expect(md).toContain('nationality = S\\|Y\\*: ratio 4.04');
    expect(md).toContain('## Groups too small to judge (2)');
    expect(md).toContain('| gender missing | 12 |');
    expect(md).toContain('| nationality = S\\|Y\\*, gender missing | 12 |');
    expect(md).not.toContain('suppressed');
  });

  it('shows values withheld from a published report as suppressed, never 0, with a note', () => {
    const out = reportMarkdown(published(report));
    expect(out).toContain('> **Suppressed values.** This is the published version of the audit.');
    expect(out).toMatch(/\| missing \(too small to judge\) \| suppressed \| suppressed \| suppressed \| suppressed \| suppressed \| suppressed \| no \|/);
    expect(out).toContain('| gender missing | suppressed |');
    expect(out).not.toMatch(/\| missing[^\n]*\| 0 \|/);
  });

  it('formats q and escapes Markdown in data', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.0123)).toBe('0.012');
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> `h` \\ www.x.org http://y\nz &amp; q < 0.001 $x$ ~s~')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g> \\`h\\` \\\\ www\\.x.org http\\://y z \\&amp; q < 0.001 \\$x\\$ \\~s\\~',
    );
  });
});
