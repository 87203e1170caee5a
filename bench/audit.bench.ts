/**
 * Performance benchmark of the discrimination audit: `npm run bench:audit`.
 *
 * Generates with DuckDB, in os.tmpdir() (never in the repository), a decision log of 10,000,000 rows
 * (nationality 40 values, gender 3, age band 6, disability 2, outcome, label, score) as CSV and as
 * Parquet, with planted disparities. Then, in the same run and each in its own process (so that peak
 * memory is its own), times:
 *   (a) the full audit, as the issue defines it: `safeguard audit --publish --round 5` over all 4 attributes
 *       (every intersection, metrics, intervals, tests, and the suppression: disclosure control over
 *       every published table, then every number computed again from the published counts), writing
 *       the JSON and HTML reports; and (a0), for comparison, the same audit without --publish;
 *   (b) a bare DuckDB query that only aggregates the file to the finest cells: the floor for any tool;
 *   (c) the pandas peer ../shared/peers/pandas_audit.py (Debian's python3-pandas; BENCH_PANDAS_PEER
 *       names another path), which does what Aequitas or Fairlearn's MetricFrame do — on CSV only.
 * Prints wall time and peak memory of each, and the ratios against the targets on CSV:
 * (a) <= 1.5 × (b); (a) at least 15 × faster than (c); peak memory of (a) <= 500 MB.
 *
 * (a), (a0) and (b) run BENCH_RUNS times each (3), alternating, after one untimed read of the file;
 * the median is reported. BENCH_ROWS changes the number of rows. Wall time and peak memory come from /usr/bin/time. A missed
 * target is printed as MISS but is not an error; only errors exit non-zero.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const PROTECTED = ['nationality', 'gender', 'age_band', 'disability'];
const PEER = process.env.BENCH_PANDAS_PEER ?? path.resolve('../shared/peers/pandas_audit.py');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** A uniform number in [0, 1) from the row number and a salt: the same file on every run. */
const u = (salt: number) => `((hash(i * 1000 + ${salt}) >> 11) / 9007199254740992.0)`;

function generatorSql(rows: number): string {
  return `
    WITH base AS (
      SELECT i,
        CAST(floor(pow(${u(1)}, 1.8) * 40) AS INTEGER) AS nat,
        CAST(floor(${u(2)} * 100) AS INTEGER) AS g,
        CAST(floor(${u(3)} * 6) AS INTEGER) AS age,
        ${u(4)} < 0.12 AS disabled,
        ${u(5)} AS r1, ${u(6)} AS r2
      FROM range(${rows}) t(i)
    )
    SELECT
      'N' || lpad(CAST(nat AS VARCHAR), 2, '0') AS nationality,
      CASE WHEN g < 49 THEN 'F' WHEN g < 98 THEN 'M' ELSE 'X' END AS gender,
      ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'][age + 1] AS age_band,
      CASE WHEN disabled THEN 'yes' ELSE 'no' END AS disability,
      -- Planted: the score runs higher for nationalities 30-39, and higher still for disabled men among them.
      least(1.0, r1 * 0.8 + CASE WHEN nat >= 30 THEN 0.12 ELSE 0 END + CASE WHEN nat >= 30 AND disabled AND g BETWEEN 49 AND 97 THEN 0.1 ELSE 0 END) AS score,
      CAST(r2 < 0.3 AS INTEGER) AS label
    FROM base`;
}

async function generate(dir: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const csv = path.join(dir, 'decisions.csv');
  const parquet = path.join(dir, 'decisions.parquet');
  await db.run(`CREATE TABLE log AS SELECT nationality, gender, age_band, disability, CAST(score >= 0.6 AS INTEGER) AS outcome, label, round(score, 4) AS score FROM (${generatorSql(ROWS)})`);
  await db.run(`COPY log TO '${csv}' (HEADER, DELIMITER ',')`);
  await db.run(`COPY log TO '${parquet}' (FORMAT parquet)`);
  db.closeSync();
  instance.closeSync();
  return { csv, parquet };
}

type Measured = { seconds: number; peakMb: number; output: string };

/** Runs a command under /usr/bin/time: wall seconds and peak resident memory. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', command, ...args], { encoding: 'utf8', env, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const line = result.stderr.split('\n').find((l) => l.startsWith('__TIME__'));
  if (result.status !== 0 || !line) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  const [, seconds, kb] = line.split(' ');
  return { seconds: Number(seconds), peakMb: Number(kb) / 1024, output: result.stdout };
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * The median run of RUNS (by wall time), after one untimed read of the file so that no contender
 * pays for a cold page cache; the runs of the contenders alternate, so that a slow spell of the
 * machine falls on all of them.
 */
function medianOf(runs: Measured[]): Measured {
  return [...runs].sort((x, y) => x.seconds - y.seconds)[Math.floor(runs.length / 2)]!;
}

function warmFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(16 * 1024 * 1024);
  while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  fs.closeSync(fd);
}

/** (b): one aggregate of the file to the finest cells with the confusion counts, nothing else. */
function bareAggregate(file: string): Measured {
  const reader = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}', header = true)`;
  const script = `
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    const r = await db.runAndReadAll(\`SELECT ${PROTECTED.join(', ')}, count(*) AS n, sum(outcome) AS pp,
      sum(outcome * label) AS tp, sum(outcome * (1 - label)) AS fp, sum((1 - outcome) * label) AS fn, sum((1 - outcome) * (1 - label)) AS tn
      FROM ${reader} GROUP BY ALL\`);
    console.log(r.getRowsJS().length);`;
  return measure(process.execPath, ['--input-type=module', '-e', script]);
}

function fullAudit(file: string, out: string, html: boolean, publish = false): Measured {
  const args = ['bin/safeguard.js', 'audit', file, '--protected', PROTECTED.join(','), '--outcome', 'outcome', '--label', 'label', '--json', `${out}.json`];
  if (html) args.push('--html', `${out}.html`);
  if (publish) args.push('--publish', '--round', '5');
  return measure(process.execPath, args);
}

function pandasPeer(file: string): Measured | string {
  if (!fs.existsSync(PEER)) return `skipped: no peer script at ${PEER} (set BENCH_PANDAS_PEER)`;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' });
  } catch {
    return 'skipped: pandas is not installed (apt-get install -y python3-pandas)';
  }
  return measure('/usr/bin/python3', [PEER, file, '--protected', PROTECTED.join(','), '--outcome', 'outcome', '--label', 'label']);
}

const secs = (s: number) => `${s.toFixed(2)} s`;
const mb = (m: number) => `${Math.round(m)} MB`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-bench-audit-'));
  try {
    console.log(`Safeguard audit benchmark — Node ${process.version}, ${os.cpus().length} CPU cores, ${ROWS.toLocaleString('en-GB')} rows, ${PROTECTED.length} protected attributes`);
    const load = os.loadavg()[0]!;
    if (load > os.cpus().length / 2) console.log(`!!! Load average ${load.toFixed(1)} before starting: other processes are running, the times will be disturbed.`);
    const started = Date.now();
    const files = await generate(dir);
    console.log(`Generated in ${secs((Date.now() - started) / 1000)} into ${dir}: CSV ${mb(fs.statSync(files.csv).size / 1e6 / 1.048576)}, Parquet ${mb(fs.statSync(files.parquet).size / 1e6 / 1.048576)}`);
    const html = spawnSync(process.execPath, ['bin/safeguard.js', 'audit', '--help'], { encoding: 'utf8', cwd: ROOT }).stdout.includes('--html');

    const rows: string[][] = [];
    const checks: string[] = [];
    for (const [format, file] of [['csv', files.csv], ['parquet', files.parquet]] as const) {
      warmFile(file);
      const runs: { a: Measured[]; a0: Measured[]; b: Measured[] } = { a: [], a0: [], b: [] };
      for (let i = 0; i < RUNS; i++) {
        runs.b.push(bareAggregate(file));
        runs.a0.push(fullAudit(file, path.join(dir, `report-${format}`), html));
        runs.a.push(fullAudit(file, path.join(dir, `published-${format}`), html, true));
      }
      const b = medianOf(runs.b);
      const spread = (xs: Measured[]) => `runs ${xs.map((x) => x.seconds.toFixed(2)).join(', ')} s`;
      console.log(`  ${format.padEnd(7)} (b) bare DuckDB aggregate to the finest cells: ${secs(b.seconds)}, ${mb(b.peakMb)} (${b.output.trim()} cells; ${spread(runs.b)})`);
      const a0 = medianOf(runs.a0);
      const report = JSON.parse(fs.readFileSync(path.join(dir, `report-${format}.json`), 'utf8')) as { groups: unknown[]; findings: { sentence: string }[]; family: { tests: number } };
      console.log(`  ${format.padEnd(7)} (a0) safeguard audit, not published (JSON${html ? ' + HTML' : ''}): ${secs(a0.seconds)}, ${mb(a0.peakMb)} — ${report.groups.length} groups, ${report.family.tests} tests, ${report.findings.length} flagged (${spread(runs.a0)})`);
      const a = medianOf(runs.a);
      const published = JSON.parse(fs.readFileSync(path.join(dir, `published-${format}.json`), 'utf8')) as { findings: unknown[]; suppression: { cells: number; primary: number; complementary: number } };
      const summary = published.suppression;
      console.log(`  ${format.padEnd(7)} (a) safeguard audit --publish (JSON${html ? ' + HTML' : ''}): ${secs(a.seconds)}, ${mb(a.peakMb)} — of ${summary.cells} cells, ${summary.primary} small and ${summary.complementary} complementary withheld; ${published.findings.length} flagged (${spread(runs.a)})`);
      // The targets are on CSV; Debian's pandas has no Parquet engine (pyarrow), so the peer runs on CSV only.
      const c = format === 'csv' ? pandasPeer(file) : 'not run on Parquet (Debian has no pyarrow for pandas)';
      if (typeof c === 'string') console.log(`  ${format.padEnd(7)} (c) pandas peer: ${c}`);
      else console.log(`  ${format.padEnd(7)} (c) pandas peer: ${secs(c.seconds)}, ${mb(c.peakMb)} ${c.output.trim()}`);
      rows.push([format, '(a) safeguard audit --publish', secs(a.seconds), mb(a.peakMb), `${(a.seconds / b.seconds).toFixed(2)} × (b)`, typeof c === 'string' ? '' : `${(c.seconds / a.seconds).toFixed(1)} × faster than (c)`]);
      rows.push([format, '(a0) safeguard audit, not published', secs(a0.seconds), mb(a0.peakMb), `${(a0.seconds / b.seconds).toFixed(2)} × (b)`, typeof c === 'string' ? '' : `${(c.seconds / a0.seconds).toFixed(1)} × faster than (c)`]);
      rows.push([format, '(b) bare DuckDB aggregate', secs(b.seconds), mb(b.peakMb), '', '']);
      rows.push([format, '(c) pandas peer', typeof c === 'string' ? '—' : secs(c.seconds), typeof c === 'string' ? '—' : mb(c.peakMb), '', '']);
      if (format === 'csv') {
        checks.push(`(a) <= 1.5 × (b): ${(a.seconds / b.seconds).toFixed(2)} × — ${a.seconds <= 1.5 * b.seconds ? 'PASS' : 'MISS'}`);
        checks.push(typeof c === 'string' ? `(a) >= 15 × faster than (c): not measured (${c})` : `(a) >= 15 × faster than (c): ${(c.seconds / a.seconds).toFixed(1)} × — ${c.seconds >= 15 * a.seconds ? 'PASS' : 'MISS'}`);
        checks.push(`peak memory of (a) <= 500 MB: ${mb(a.peakMb)} — ${a.peakMb <= 500 ? 'PASS' : 'MISS'}`);
      }
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log('\nResults');
    for (const r of rows) console.log(r.map((c, i) => (i >= 2 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
    console.log('\nTargets (CSV):');
    for (const c of checks) console.log(`  ${c}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
