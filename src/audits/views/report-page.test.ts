import { describe, expect, it } from 'vitest';
import { auditCounts, DEFAULT_AUDIT_OPTIONS } from '../domain/audit.ts';
import type { AuditInput, Counts, FinestCell } from '../domain/cells.ts';
import { buildReport, type AuditReport } from '../domain/report.ts';
import { contrast, FLAGGED, GREY_MARK, GREY_TEXT, INK, MARK, MUTED, ratioColour, textOn } from './charts.tsx';
import { reportHtml } from './report-page.tsx';

// A labelled log over three attributes: nationality "S<y>" (a value with markup in it) is flagged
// at about four times DE's rate; IQ (24 people) is too small to judge.
const labelled = (n: number, pp: number, tp: number, fn: number): Counts => ({ n, pp, tp, fp: pp - tp, fn, tn: n - pp - fn });
const cells: FinestCell[] = [];
for (const [nationality, size, rate] of [['DE', 100, 0.1], ['S<y>', 50, 0.4], ['IQ', 4, 0.5]] as const) {
  for (const gender of ['F', 'M']) {
    for (const age of ['18-25', '26-40', '41-65']) {
      const pp = Math.round(size * rate);
      cells.push({ values: [nationality, gender, age], counts: labelled(size, pp, Math.round(pp / 2), Math.round(size / 10)) });
    }
  }
}
const input: AuditInput = { attributes: ['nationality', 'gender', 'age'], labelled: true, cells };
const report: AuditReport = buildReport(
  { file: 'log.csv', format: 'csv', protected: input.attributes, outcome: 'flagged', threshold: null, label: 'label', outcome_rule: '"flagged" read as a decision' },
  { read: cells.reduce((s, c) => s + c.counts.n, 0), rejected: [] },
  DEFAULT_AUDIT_OPTIONS,
  auditCounts(input, DEFAULT_AUDIT_OPTIONS),
);

/** The report as published: IQ's groups withheld, and everything computed from them. */
function published(r: AuditReport): AuditReport {
  const copy = structuredClone(r) as unknown as { published: boolean; groups: { attributes: Record<string, string | null>; n: number | null; counts: Record<string, number | null>; metrics: Record<string, { value: number | null; ci: null }>; disparity: Record<string, object> }[] };
  copy.published = true;
  for (const g of copy.groups) {
    if (g.attributes.nationality !== 'IQ') continue;
    g.n = null;
    for (const key of Object.keys(g.counts)) g.counts[key] = null;
    for (const m of Object.values(g.metrics)) Object.assign(m, { value: null, ci: null });
    for (const d of Object.values(g.disparity)) Object.assign(d, { ratio: null, ratio_ci: null, p: null, q: null });
  }
  return copy as unknown as AuditReport;
}

/** Text as preact-render-to-string escapes it. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const svgs = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe('reportHtml', () => {
  const html = reportHtml(report);

  it('is one self-contained document: inline style, no script, no external asset', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link|<img|<iframe|<object|\ssrc=|@import/i);
    // The only url() references are the charts' own patterns and gradients.
    for (const ref of html.match(/url\([^)]*\)/g) ?? []) expect(ref).toMatch(/^url\(#[\w-]+\)$/);
    expect(html).toContain('<title>Discrimination audit of log.csv</title>');
  });

  it('puts each flagged finding first, as a plain sentence', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(html).toContain(escapeHtml(f.sentence));
    expect(html.indexOf(escapeHtml(report.findings[0]!.sentence))).toBeLessThan(html.indexOf('<svg'));
    // Data is escaped, never markup.
    expect(html).not.toContain('S<y>');
    expect(html).toContain('S&lt;y>');
  });

  it('draws one chart per attribute and one heat map per pair of attributes', () => {
    const charts = svgs(html);
    expect(charts).toHaveLength(3 + 3);
    expect(charts.filter((s) => s.includes('Selection rate by '))).toHaveLength(3);
    expect(charts.filter((s) => s.includes('Selection-rate ratio to the reference, by '))).toHaveLength(3);
  });

  it('makes every chart an image with a title and a description in words, followed by its data table', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of svgs(html)) {
      expect(svg).toMatch(/^<svg class="chart" role="img" aria-labelledby="([\w-]+)-title \1-desc" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
      const id = /aria-labelledby="([\w-]+)-title/.exec(svg)![1]!;
      expect(svg).toMatch(new RegExp(`^<svg[^>]*><title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]{80,}</desc>`));
      const after = html.slice(html.indexOf(svg) + svg.length);
      const nextTable = after.indexOf('<table');
      expect(nextTable).toBeGreaterThan(-1);
      const nextSvg = after.indexOf('<svg');
      if (nextSvg >= 0) expect(nextTable).toBeLessThan(nextSvg);
    }
    // Tables are named, have header cells, and scroll in a focusable region.
    const tables = html.match(/<table[^>]*>/g)!;
    for (const t of tables) expect(t).toMatch(/aria-labelledby="[\w-]+-caption"/);
    expect(html.match(/role="region"[^>]*tabindex="0"/g)).toHaveLength(tables.length);
  });

  it('describes the rate chart in words and marks the states with text as well as colour', () => {
    const chart = svgs(html)[0]!;
    expect(chart).toContain('the reference group (DE, 10.0%)');
    expect(chart).toMatch(/S&lt;y>: 40\.0%, 4\.00 times the reference, flagged/);
    expect(chart).toMatch(/IQ: 50\.0%, 5\.00 times the reference, too small to judge \(n &lt; 30\)/);
    expect(chart).toContain('40.0% · 4.00× · flagged');
    expect(chart).toContain('50.0% · 5.00× · too small');
    expect(chart).toContain('Reference DE: 10.0%');
  });

  it('prints the ratio in every heat-map cell and labels too-small cells', () => {
    const heat = svgs(html).find((s) => s.includes('by nationality and gender'))!;
    expect(heat).toContain('>4.00</text>');
    expect(heat).toContain('>flagged</text>');
    expect(heat).toContain('>too small</text>');
    expect(heat).toContain('>reference</text>');
    expect(heat).toMatch(/fill="url\(#heat-0-hatch\)"/);
  });

  it('formats rates with one decimal, ratios with two and small q as < 0.001', () => {
    expect(html).toMatch(/<td class="num">40\.0%<br\/><span class="ci">\(\d+\.\d%–\d+\.\d%\)<\/span><\/td>/);
    expect(html).toMatch(/<td class="num">4\.00<br\/><span class="ci">\(\d\.\d\d–\d\.\d\d\)<\/span><\/td><td class="num">&lt; 0\.001<\/td>/);
    expect(html).toContain('<td class="num muted">not tested</td>');
  });

  it('shows values withheld from a published report as suppressed, never as 0, with a note', () => {
    const out = reportHtml(published(report));
    expect(out).toContain('<strong>Suppressed values. </strong>This is the published version of the audit.');
    const iq = /<tr class="small"><th scope="row">IQ \(too small to judge\)<\/th>(.*?)<\/tr>/.exec(out)![1]!;
    expect(iq.match(/<td class="num muted suppressed">suppressed<\/td>/g)).toHaveLength(6);
    expect(iq).not.toMatch(/>0</);
    const chart = svgs(out)[0]!;
    expect(chart).toContain('IQ: suppressed');
    expect(chart).toContain('n = suppressed');
    const heat = svgs(out).find((s) => s.includes('by nationality and gender'))!;
    expect(heat).toContain('>suppressed</text>');
    expect(out).not.toMatch(/https?:\/\/|<script/i);
  });

  it('uses colours with enough contrast', () => {
    for (const colour of [INK, MUTED, GREY_TEXT, FLAGGED, MARK]) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(GREY_MARK, '#ffffff')).toBeGreaterThanOrEqual(3); // a graphical mark
    for (let r = 0.4; r <= 2.5; r += 0.05) {
      for (const harmful of [true, false]) {
        const fill = ratioColour(r, harmful);
        expect(contrast(textOn(fill), fill)).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(ratioColour(1, true)).toBe('#f7f7f7');
    expect(ratioColour(2, true)).toBe('#b2182b'); // worse off: red
    expect(ratioColour(2, false)).toBe('#2166ac'); // a higher rate of a favourable outcome: better off, blue
  });
});
