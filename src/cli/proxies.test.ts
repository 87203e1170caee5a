import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cramersV } from '../redlines/domain/association.ts';
import { findProxies, type ProxyReport } from '../redlines/find-proxies.ts';
import { runSafeguard } from './run-command.ts';

// `safeguard proxies`, as an analyst runs it: the rule, a table per protected column, notes, and an
// exit code that says whether a strong proxy was found.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-proxies-'));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const proxies = (...args: string[]) => runSafeguard(['proxies', ...args]);
/** Each run starts Node and the TypeScript loader (about a second here): these tests get more time. */
const SPAWN_TIMEOUT = 60_000;

// 1,200 rows: the neighbourhood follows nationality for 5 rows in 6; shift is independent of both.
const rows = Array.from({ length: 1200 }, (_, i) => {
  const nationality = ['SY', 'AF', 'ER'][i % 3]!;
  const neighbourhood = i % 6 === 5 ? `D${(i * 7) % 9}` : `D${(i % 3) * 3 + (Math.floor(i / 3) % 3)}`;
  return { nationality, sex: i % 4 < 2 ? 'F' : 'M', neighbourhood, shift: ['early', 'late'][Math.floor(i / 12) % 2]! };
});
const csv = (keys: (keyof (typeof rows)[number])[]) => `${keys.join(',')}\n${rows.map((r) => keys.map((k) => r[k]).join(',')).join('\n')}\n`;
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('safeguard proxies', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('states the rule, flags the proxy in a table per protected column, and exits 3', async () => {
    const file = write('registrations.csv', csv(['nationality', 'sex', 'neighbourhood', 'shift']));
    const out = await proxies(file, '--protected', 'nationality,sex');
    expect(out.code).toBe(3);
    const lines = out.stdout.split('\n');
    expect(lines[1]).toBe('registrations.csv: 1,200 rows, 4 columns; protected: nationality, sex');
    expect(lines[0]).toMatch(/^Rule: a column is flagged as a strong proxy when its association with a protected column is ≥ 0\.3 .* Holm-adjusted .* < 0\.05\.$/);
    expect(lines[2]).toBe('Result: 1 strong proxy flagged.');
    // The neighbourhood row under nationality: its V is the one of the rows' own contingency table.
    const counts = new Map<string, Map<string, number>>();
    for (const r of rows) counts.set(r.nationality, (counts.get(r.nationality) ?? new Map()).set(r.neighbourhood, (counts.get(r.nationality)?.get(r.neighbourhood) ?? 0) + 1));
    const neighbourhoods = [...new Set(rows.map((r) => r.neighbourhood))];
    const v = cramersV([...counts.values()].map((line) => neighbourhoods.map((d) => line.get(d) ?? 0))).value;
    const nationality = out.stdout.slice(out.stdout.indexOf('nationality (categorical, 3 categories)'), out.stdout.indexOf('sex (categorical'));
    expect(nationality).toMatch(new RegExp(`\\n  neighbourhood +Cramér's V +${v.toFixed(3).replace('.', '\\.')} +< 1e-300 +< 1e-300 +1,200  STRONG PROXY\\n`));
    expect(nationality).toMatch(/\n {2}shift +Cramér's V +0\.000 +\d\.\d{3} +\d\.\d{3} +1,200\n/);
    expect(out.stdout).not.toMatch(/sex \(categorical, 2 categories\)[^]*STRONG PROXY/);
    expect(out.stdout).toContain('Notes:\n  neighbourhood: known proxy by name of race or ethnic origin and national origin');
  }, SPAWN_TIMEOUT);

  it('exits 0 when nothing is flagged, and prints the report as JSON with --json', async () => {
    const file = write('shifts.csv', csv(['nationality', 'sex', 'shift']));
    const text = await proxies(file, '--protected', 'nationality,sex');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Result: no strong proxy flagged.');
    const json = await proxies(write('registrations-json.csv', csv(['nationality', 'sex', 'neighbourhood', 'shift'])), '--protected', 'nationality', '--json', '--threshold', '0.5');
    expect(json.code).toBe(3);
    const report = JSON.parse(json.stdout) as ProxyReport;
    expect(report).toMatchObject({ file: 'registrations-json.csv', format: 'csv', rows: 1200, protected: ['nationality'], flagged: 1, rule: { threshold: 0.5, alpha: 0.05, correction: 'holm' } });
    expect(report.pairs.map((p) => [p.column, p.flagged])).toEqual([['neighbourhood', true], ['sex', false], ['shift', false]]);
    // What the command prints is what the use case reports.
    const direct = await findProxies({ file: path.join(dir, 'registrations-json.csv'), protected: ['nationality'], rule: { threshold: 0.5, alpha: 0.05 } });
    expect(report).toEqual(JSON.parse(JSON.stringify(direct)));
  }, SPAWN_TIMEOUT);

  it('exits 2 on invalid input, naming the file and the column, without a stack trace', async () => {
    const file = write('people.csv', csv(['nationality', 'neighbourhood']));
    const [missing, other, broken, threshold, none] = await Promise.all([
      proxies(file, '--protected', 'ethnicity'),
      proxies(write('people.xlsx', 'x'), '--protected', 'nationality'),
      proxies(write('broken.parquet', 'not parquet'), '--protected', 'nationality'),
      proxies(file, '--protected', 'nationality', '--threshold', 'high'),
      proxies(file),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('people.csv: no column "ethnicity" (columns: nationality, neighbourhood)');
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toBe('people.xlsx: unsupported file type: give a .csv, .csv.gz or .parquet file');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.parquet: cannot read the Parquet file: /);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr.trim()).toBe('safeguard proxies: --threshold must be a number above 0 and at most 1 (got "high")');
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('safeguard proxies: name the protected columns: --protected a,b');
    for (const o of [missing, other, broken, threshold, none]) {
      noStack(o.stderr);
      expect(o.stdout).toBe('');
    }
  }, SPAWN_TIMEOUT);
});
