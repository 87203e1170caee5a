import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../audits/domain/report.ts';
import { auditReportSchema } from '../audits/domain/report-schema.ts';
import { runSafeguard } from './run-command.ts';

// `safeguard audit`, as an analyst runs it: a one-screen summary, the full report as JSON, exit 0
// when it ran and 2 for bad input, naming the file, line and column.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-audit-cli-'));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const audit = (...args: string[]) => runSafeguard(['audit', ...args]);
/** Each run starts Node and the TypeScript loader: these tests get more time. */
const SPAWN_TIMEOUT = 60_000;

// 2,400 decisions: group B is flagged at twice group A's rate (40% against 20%), gender makes no difference.
const rows = Array.from({ length: 2400 }, (_, i) => {
  const group = i % 3 === 0 ? 'B' : 'A';
  const gender = i % 2 ? 'F' : 'M';
  const rate = group === 'B' ? 0.4 : 0.2;
  const flagged = (i % 10) / 10 < rate ? 1 : 0;
  return `${group},${gender},${flagged},${(i % 7) % 2}`;
});
const log = `group,gender,flagged,label\n${rows.join('\n')}\n`;
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('safeguard audit', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a summary with the flagged disparity, writes the JSON report, and exits 0', async () => {
    const json = path.join(dir, 'report.json');
    const out = await audit(write('log.csv', log), '--protected', 'group,gender', '--outcome', 'flagged', '--label', 'label', '--json', json);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('log.csv: 2,400 rows read, 2,400 counted.');
    // Equal-sized genders: the tie goes to the first value in code-unit order.
    expect(out.stdout).toContain('Reference: group = A, gender = F (largest groups).');
    expect(out.stdout).toMatch(/People with group = B were selected at 2\.00 times the rate of people with group = A \(40% against 20%/);
    expect(out.stdout).not.toMatch(/People with gender = F were selected/);
    expect(out.stderr).toBe(''); // not a terminal: no progress display
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as AuditReport;
    expect(report.schema).toBe('safeguard.audit/1');
    // The documented schema describes what is written.
    expect(auditReportSchema.safeParse(report).error).toBeUndefined();
    expect(report.input).toMatchObject({ file: 'log.csv', format: 'csv', protected: ['group', 'gender'], outcome: 'flagged', label: 'label' });
    const b = report.groups.find((g) => JSON.stringify(g.attributes) === '{"group":"B"}')!;
    expect(b.n).toBe(800);
    expect(b.counts.pp).toBe(320);
    expect(b.disparity.selection_rate).toMatchObject({ reference: { group: 'A' }, ratio: 2, flagged: true });
  }, SPAWN_TIMEOUT);

  it('writes the HTML, Markdown and CSV reports it is asked for', async () => {
    const [html, md, csvDir] = [path.join(dir, 'r.html'), path.join(dir, 'r.md'), path.join(dir, 'tables')];
    const out = await audit(path.join(dir, 'log.csv'), '--protected', 'group,gender', '--outcome', 'flagged', '--html', html, '--md', md, '--csv', csvDir);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Report written: ${html}`);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).not.toContain('<script');
    expect(page.match(/<svg /g)?.length).toBe(3); // one chart per attribute, one heat map for the pair
    expect(page).toContain('People with group = B were selected at 2.00 times the rate of people with group = A');
    expect(fs.readFileSync(md, 'utf8')).toContain('People with group = B were selected at 2.00 times');
    expect(fs.readdirSync(csvDir).sort()).toEqual(['findings.csv', 'groups.csv', 'too-small.csv', 'worst-off.csv']);
  }, SPAWN_TIMEOUT);

  it('prints the JSON Schema of its report', async () => {
    const out = await audit('--json-schema');
    expect(out.code).toBe(0);
    const schema = JSON.parse(out.stdout) as { properties: Record<string, { const?: string }> };
    expect(schema.properties.schema!.const).toBe('safeguard.audit/1');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['input', 'parameters', 'rows', 'groups', 'findings', 'tooSmall', 'worstOff']));
  }, SPAWN_TIMEOUT);

  it('takes a chosen reference, Holm, and a maximum order', async () => {
    const json = path.join(dir, 'holm.json');
    const out = await audit(path.join(dir, 'log.csv'), '--protected', 'group,gender', '--outcome', 'flagged', '--reference', 'group=B,gender=F',
      '--correction', 'holm', '--max-order', '1', '--json', json);
    expect(out.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as AuditReport;
    expect(report.reference).toEqual({ group: 'B', gender: 'F' });
    expect(report.family.correction).toBe('holm');
    expect(report.groups.every((g) => Object.keys(g.attributes).length === 1)).toBe(true);
    expect(report.groups.find((g) => g.attributes.group === 'A')!.disparity.selection_rate!.ratio).toBe(0.5);
  }, SPAWN_TIMEOUT);

  it('exits 2 on bad input, naming the file, line and column, without a stack trace', async () => {
    const file = path.join(dir, 'log.csv');
    const [misspelt, score, options, reference, empty] = await Promise.all([
      audit(file, '--protected', 'grup,gender', '--outcome', 'flagged'),
      audit(write('scores.csv', 'group,score\nA,0.5\nB,0.7\n'), '--protected', 'group', '--outcome', 'score'),
      audit(file, '--protected', 'group', '--outcome', 'flagged', '--alpha', '2'),
      audit(file, '--protected', 'group', '--outcome', 'flagged', '--reference', 'group=Z'),
      audit(write('empty.csv', ''), '--protected', 'group', '--outcome', 'flagged'),
    ]);
    for (const r of [misspelt, score, options, reference, empty]) {
      expect(r.code).toBe(2);
      noStack(r.stderr);
    }
    expect(misspelt.stderr).toMatch(/^log\.csv: no column "grup" \(protected attribute\): did you mean "group"\?/);
    expect(score.stderr).toMatch(/^scores\.csv: line 2, column "score": the outcome must be 0\/1, true\/false or yes\/no, or a score with --threshold; found "0\.5"/);
    expect(options.stderr).toBe('safeguard audit: --alpha must be a number between 0 and 1 (got "2")\n');
    expect(reference.stderr).toMatch(/^safeguard audit: No rows have group = Z; the values seen are A, B\./);
    expect(empty.stderr).toBe('empty.csv: the file is empty\n');
  }, SPAWN_TIMEOUT);

  it('--publish writes the suppressed report: small counts withheld, the rest rounded, the summary in the JSON', async () => {
    // The 2,400 decisions plus 4 people of group C: C's counts are small, and so is each of its intersections.
    const small = `${log}C,F,1,1\nC,F,0,0\nC,M,1,0\nC,M,0,1\n`;
    const json = path.join(dir, 'published.json');
    const md = path.join(dir, 'published.md');
    const out = await audit(write('small.csv', small), '--protected', 'group,gender', '--outcome', 'flagged', '--label', 'label', '--publish', '--round', '5', '--json', json, '--md', md);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Published version: counts below 10 are suppressed \(\d+ small, \d+ more so that none can be worked out from the others\); the others are rounded to base 5\./);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as AuditReport;
    expect(auditReportSchema.safeParse(report).error).toBeUndefined();
    expect(report.published).toBe(true);
    expect(report.suppression).toMatchObject({ method: 'cell suppression', min_cell: 10, rounding_base: 5 });
    expect(report.suppression!.primary).toBeGreaterThan(0);
    const c = report.groups.find((g) => JSON.stringify(g.attributes) === '{"group":"C"}')!;
    expect(c.n).toBeNull();
    expect(c.counts.pp).toBeNull();
    expect(c.metrics.selection_rate).toEqual({ value: null, ci: null });
    // Every published count is a multiple of 5, and no published count is below 10 (zeros aside).
    for (const g of [report.overall, ...report.groups]) {
      for (const x of [g.n, ...Object.values(g.counts)]) if (x !== null && x !== undefined) expect(x % 5 === 0 && (x === 0 || x >= 10)).toBe(true);
    }
    expect(fs.readFileSync(md, 'utf8')).toContain('> **Suppressed values.** This is the published version of the audit. To protect the people in it, counts below 10 were suppressed');
  }, SPAWN_TIMEOUT);

  it('names a report file it cannot write, with exit 2 and no stack trace', async () => {
    const out = await audit(path.join(dir, 'log.csv'), '--protected', 'group', '--outcome', 'flagged', '--json', path.join(dir, 'no-such-dir', 'r.json'));
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`safeguard audit: cannot write ${path.join(dir, 'no-such-dir', 'r.json')} (ENOENT)\n`);
    expect(out.stdout).toBe('');
  }, SPAWN_TIMEOUT);

  it('refuses --min-cell and --round without --publish, and bad values, with exit 2', async () => {
    const file = path.join(dir, 'log.csv');
    const [minCell, round, badRound] = await Promise.all([
      audit(file, '--protected', 'group', '--outcome', 'flagged', '--min-cell', '5'),
      audit(file, '--protected', 'group', '--outcome', 'flagged', '--round', '5'),
      audit(file, '--protected', 'group', '--outcome', 'flagged', '--publish', '--round', '0.5'),
    ]);
    expect(minCell.code).toBe(2);
    expect(minCell.stderr).toBe('safeguard audit: --min-cell applies to the published report: add --publish\n');
    expect(round.stderr).toBe('safeguard audit: --round applies to the published report: add --publish\n');
    expect(badRound.code).toBe(2);
    expect(badRound.stderr).toBe('safeguard audit: --round must be a whole number, 2 or more (5 is the Eurostat convention) (got "0.5")\n');
  }, SPAWN_TIMEOUT);
});
