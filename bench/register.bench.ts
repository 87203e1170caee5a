/**
 * Performance benchmark of the register: `npm run bench:register`.
 *
 * Fills a database with a synthetic register (100,000 deployments), starts the real app and
 * measures the public search pages, a deployment page and the API list with autocannon, against
 * two baselines measured in the same run: a bare Fastify hello-world and the "bare SQL" of each
 * search page (its statements run straight through the same Database object, no HTTP, no
 * rendering). Prints one table per engine with PASS/MISS per target, the gzip weight of every
 * public page type, and writes bench/out/register-<engine>.json.
 *
 * Engines: PGlite (fresh, in os.tmpdir()/safeguard-bench-pglite); PostgreSQL when
 * SAFEGUARD_BENCH_DATABASE_URL holds an admin URL (a database safeguard_bench is created and
 * dropped). BENCH_ENGINES=pglite or =postgres runs one engine only. BENCH_SECONDS sets the
 * measured duration of every scenario (default 10), after a 2 s warm-up that is not counted.
 * A missed target is printed as MISS but is not an error; only errors exit non-zero.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { openPglite, openPostgres, type Database, type QueryOptions } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/platform/http/app.tsx';
import { parseSearchParams, searchQueryFrom } from '../src/register/domain/search-query.ts';
import { searchStatements, type SqlStatement } from '../src/register/store/search.ts';
import { DeploymentSearch } from '../src/register/search-deployments.ts';
import type { LoadReply, LoadRequest, LoadResult } from './load-generator.ts';
import { BROAD_TERM, COUNTRIES, DEFAULT_SIZES, fillRegister, SELECTIVE_TERM, TECHNIQUES, type FillTimings } from './register-fill.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(benchDir, 'out');

const SECONDS = parseSeconds(process.env.BENCH_SECONDS);
const WARMUP_SECONDS = 2;
// The app's response cache is off by default here, so that pages are measured doing their work
// (the comparison with bare SQL is about that); BENCH_CACHE_MB=32 measures what visitors get.
const CACHE_MB = Number(process.env.BENCH_CACHE_MB ?? 0);
const CACHE_LABEL = CACHE_MB > 0 ? `response cache ${CACHE_MB} MB` : 'response cache off';
const CONNECTIONS = 16;
const ROTATING_SLUGS = 1_000;
/** Below this many requests on either side, a throughput ratio is mostly rounding: reported, not judged. */
const MIN_SAMPLES_FOR_RATIO = 10;
const PAGE_BUDGET_BYTES = 30_000;
const TARGETS = { searchVsBareSql: 0.6, recordVsHelloWorld: 0.25, recordP99Ms: 50, searchP99Ms: 150 } as const;
const PG_DATABASE = 'safeguard_bench';

function parseSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1) throw new Error(`BENCH_SECONDS must be a number of seconds ≥ 1 (got ${JSON.stringify(raw)})`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const kb = (bytes: number) => `${fmt(bytes / 1000)} KB`;
const secs = (ms: number) => `${fmt(ms / 1000)} s`;

function table(headers: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

type Measured = { requests: number; requestsPerSecond: number; latencyMs: { p50: number; p99: number } };
/** A latency, or "> window" when no request completed within the measured window. */
const latency = (m: Measured, p: 'p50' | 'p99') => (m.requests ? fmt(m.latencyMs[p]) : `> ${int(SECONDS * 1000)}`);
const progress = (m: Measured) =>
  `${fmt(m.requestsPerSecond).padStart(9)} req/s  p50 ${latency(m, 'p50')} ms  p99 ${latency(m, 'p99')} ms  (${int(m.requests)} requests)`;

// ---------------------------------------------------------------------------------------------
// Load generation (autocannon in a child process) and the bare-SQL baseline

class LoadGenerator {
  private child: ChildProcess;
  private exited: Promise<never>;

  constructor() {
    this.child = fork(path.join(benchDir, 'load-generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.exited = new Promise((_, reject) => {
      this.child.once('exit', (code, signal) => reject(new Error(`the load generator exited (code ${code}, signal ${signal})`)));
    });
    this.exited.catch(() => undefined);
  }

  run(request: LoadRequest): Promise<LoadResult> {
    const reply = new Promise<LoadResult>((resolve, reject) => {
      this.child.once('message', (m: LoadReply) => (m.ok ? resolve(m.result) : reject(new Error(`autocannon failed: ${m.error}`))));
    });
    this.child.send(request);
    return Promise.race([reply, this.exited]);
  }

  close() {
    if (this.child.connected) this.child.disconnect();
  }
}

/**
 * Wraps the Database given to the app (and to the bare-SQL runs) to count queries in flight:
 * autocannon abandons its in-flight requests at the end of a run but the server still completes
 * them, so every run waits for the database to be idle before the next one starts.
 */
function instrument(inner: Database) {
  let inFlight = 0;
  let lastActivity = performance.now();
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    lastActivity = performance.now();
    try {
      return await work();
    } finally {
      inFlight--;
      lastActivity = performance.now();
    }
  };
  const db: Database = {
    engine: inner.engine,
    query: <T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions) => track(() => inner.query<T>(sql, params, options)),
    exec: (sql) => track(() => inner.exec(sql)),
    transaction: (fn) => track(() => inner.transaction(fn)),
    close: () => inner.close(),
  };
  /** Resolves once no query has run for quietMs. */
  const idle = async (quietMs = 300, maxMs = 30 * 60_000) => {
    const start = performance.now();
    while (inFlight > 0 || performance.now() - lastActivity < quietMs) {
      if (performance.now() - start > maxMs) throw new Error(`the database stayed busy for ${maxMs / 1000} s after a run`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { db, idle };
}

type BareSqlResult = { requests: number; requestsPerSecond: number; latencyMs: { p50: number; p90: number; p99: number; max: number; average: number } };

/**
 * The SQL of one search page as one "request": every statement at once (Promise.all, as
 * DeploymentSearch does) through the same Database object, by `concurrency` workers.
 */
const bareSql = (db: Database, statements: SqlStatement[], seconds: number, concurrency: number) =>
  bareRuns(() => Promise.all(statements.map((s) => db.query(s.sql, s.params, { prepare: s.prepare ?? false }))), seconds, concurrency);

/** One "request" repeated by `concurrency` workers for `seconds` (after the warm-up), without HTTP. */
async function bareRuns(runPage: () => Promise<unknown>, seconds: number, concurrency: number): Promise<BareSqlResult> {
  const loop = async (until: number, latencies: number[] | null) => {
    while (performance.now() < until) {
      const t = performance.now();
      await runPage();
      const end = performance.now();
      // Only requests completed within the measured window count, as with autocannon.
      if (latencies && end <= until) latencies.push(end - t);
    }
  };
  const warmupEnd = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => loop(warmupEnd, null)));
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => loop(until, latencies)));
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: {
      p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? NaN, average: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    },
  };
}

/** Each statement of a page alone, one at a time: median of 5 runs (after one), to see where SQL time goes. */
async function statementTimes(db: Database, statements: SqlStatement[]): Promise<{ name: string; ms: number }[]> {
  const out: { name: string; ms: number }[] = [];
  for (const s of statements) {
    const options = { prepare: s.prepare ?? false };
    await db.query(s.sql, s.params, options);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await db.query(s.sql, s.params, options);
      times.push(performance.now() - t);
    }
    out.push({ name: s.name, ms: median(times) });
  }
  return out;
}

/** Share of all cores busy over one second while the benchmark itself is idle: other load on the machine. */
async function otherCpuUse(): Promise<number> {
  const sample = () => os.cpus().reduce((acc, c) => {
    const total = Object.values(c.times).reduce((a, b) => a + b, 0);
    return { idle: acc.idle + c.times.idle, total: acc.total + total };
  }, { idle: 0, total: 0 });
  const a = sample();
  await new Promise((r) => setTimeout(r, 1000));
  const b = sample();
  return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
}

// ---------------------------------------------------------------------------------------------
// Engines

type Engine = { name: 'pglite' | 'postgres'; label: string; open: () => Promise<Database>; cleanup: () => Promise<void> };

function pgliteEngine(): Engine {
  const dir = path.join(os.tmpdir(), 'safeguard-bench-pglite');
  return {
    name: 'pglite',
    label: `PGlite (embedded, in ${dir})`,
    open: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      return openPglite(dir);
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresEngine(adminUrl: string): Engine {
  const url = new URL(adminUrl);
  url.pathname = `/${PG_DATABASE}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const safeUrl = new URL(url);
  safeUrl.password = safeUrl.password ? '***' : '';
  return {
    name: 'postgres',
    label: `PostgreSQL (${safeUrl.toString()})`,
    open: async () => {
      await admin(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${PG_DATABASE}`);
      return openPostgres(url.toString());
    },
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`),
  };
}

// ---------------------------------------------------------------------------------------------
// One engine's run

type Scenario = { key: string; label: string; kind: 'search' | 'record' | 'api'; paths: string[]; query?: Record<string, string> };
type ScenarioResult = Scenario & { http: LoadResult; hits?: number; bareSql?: BareSqlResult; bareSearch?: BareSqlResult; statements?: { name: string; ms: number }[] };
type PageWeight = { page: string; path: string; htmlBytes: number; gzipBytes: number; cssGzipBytes: number; totalGzipBytes: number; hasScript: boolean };
type Check = { check: string; value: string; target: string; status: 'PASS' | 'MISS' | 'info' };

async function serverBase(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

async function fetchOk(url: string): Promise<{ body: string; type: string }> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return { body, type: res.headers.get('content-type') ?? '' };
}

const gzipSize = (text: string) => zlib.gzipSync(Buffer.from(text), { level: 9 }).length;

async function runEngine(engine: Engine, load: LoadGenerator) {
  console.log(`\n=== ${engine.label}, ${CACHE_LABEL} ===`);
  const started = performance.now();
  const raw = await engine.open();
  const { db, idle } = instrument(raw);
  let app: FastifyInstance | undefined;
  let hello: FastifyInstance | undefined;
  try {
    await migrate(db);
    const fill: FillTimings = await fillRegister(db, DEFAULT_SIZES);
    // Write the filled pages out now, so a checkpoint does not run in the middle of the measurements.
    const checkpointStart = performance.now();
    await db.exec('CHECKPOINT').catch((e: unknown) => console.log(`(CHECKPOINT after the fill failed, continuing: ${(e as Error).message})`));
    const checkpointMs = performance.now() - checkpointStart;
    const [counts] = await db.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM register.deployments) AS deployments, (SELECT count(*) FROM register.organisations) AS organisations,
      (SELECT count(*) FROM register.technologies) AS technologies, (SELECT count(*) FROM register.relations) AS relations,
      (SELECT count(*) FROM register.contracts) AS contracts, (SELECT count(*) FROM register.sources) AS sources,
      (SELECT count(*) FROM register.citations) AS citations, (SELECT count(*) FROM register.changes) AS changes`);
    console.log(
      `Fill: ${Object.entries(counts!).map(([k, v]) => `${int(v)} ${k}`).join(', ')}\n` +
        `      in ${secs(fill.totalMs)} (INSERT … SELECT ${secs(fill.insertMs)}, refreshDeploymentIndex ${secs(fill.indexMs)}, VACUUM ANALYZE ${secs(fill.vacuumAnalyzeMs)}); then CHECKPOINT ${secs(checkpointMs)}`,
    );

    // What the scenarios ask for: a rotation of deployment slugs, typical (median) records for
    // the page weights, and a combination of facets.
    const slugs = (await db.query<{ slug: string }>('SELECT slug FROM register.deployments ORDER BY md5(slug) LIMIT $1', [ROTATING_SLUGS])).map((r) => r.slug);
    const medianOf = async (sql: string) =>
      (await db.query<{ v: string }>(`SELECT v FROM (SELECT v, row_number() OVER (ORDER BY n, v) AS rn, count(*) OVER () AS total FROM (${sql}) x) y WHERE rn = (total + 1) / 2`))[0]!.v;
    const technology = await medianOf('SELECT t.slug AS v, count(*) AS n FROM register.technologies t JOIN register.deployments d ON d.technology_id = t.id GROUP BY t.slug');
    const organisation = await medianOf('SELECT o.slug AS v, count(*) AS n FROM register.organisations o JOIN register.deployments d ON d.deployer_id = o.id GROUP BY o.slug');
    const countryCounts = 'SELECT c AS v, count(*) AS n FROM register.deployments d, unnest(d.countries) c GROUP BY c';
    const country = await medianOf(countryCounts);
    const [largest] = await db.query<{ v: string; n: number }>(`${countryCounts} ORDER BY n DESC LIMIT 1`);

    const faceted = { country: COUNTRIES[1]!, status: 'active', technique: TECHNIQUES[2]! };
    const scenarios: Scenario[] = [
      { key: 'broad', label: `search, broad (q=${BROAD_TERM})`, kind: 'search', paths: [`/register?q=${BROAD_TERM}`], query: { q: BROAD_TERM } },
      { key: 'selective', label: `search, selective (q=${SELECTIVE_TERM})`, kind: 'search', paths: [`/register?q=${SELECTIVE_TERM}`], query: { q: SELECTIVE_TERM } },
      {
        key: 'faceted', label: `search, 3 facets (${faceted.country}, ${faceted.status}, ${faceted.technique})`, kind: 'search',
        paths: [`/register?${new URLSearchParams(faceted)}`], query: faceted,
      },
      { key: 'deployment', label: `deployment page (${int(slugs.length)} slugs)`, kind: 'record', paths: slugs.map((s) => `/deployments/${s}`) },
      { key: 'api', label: 'API list (/api/deployments?limit=20)', kind: 'api', paths: ['/api/deployments?limit=20'] },
    ];

    app = await buildApp({ db, config: { apiRateLimitPerMinute: 10_000_000, publicUrl: undefined, logLevel: 'silent', cacheMegabytes: CACHE_MB } });
    const base = await serverBase(app);
    hello = Fastify();
    hello.get('/', async () => 'hello world');
    const helloBase = await serverBase(hello);

    const measure = async (url: string, paths: string[], label: string) => {
      await load.run({ url, paths, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      await idle();
      const r = await load.run({ url, paths, connections: CONNECTIONS, seconds: SECONDS });
      const drainStart = performance.now();
      await idle();
      const drainMs = performance.now() - drainStart;
      if (r.non2xx || r.errors || r.timeouts) {
        const sample = await fetch(url + paths[0]).then((res) => `${res.status}: ${res.statusText}`).catch((e: unknown) => String(e));
        throw new Error(
          `${label}: not every response was 2xx (2xx ${r.status2xx}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}, ` +
            `status codes ${JSON.stringify(r.statusCodes)}); GET ${paths[0]} now answers ${sample}`,
        );
      }
      console.log(`  ${label.padEnd(52)} ${progress(r)}${drainMs > 1000 ? `; server still busy ${secs(drainMs)} after the run` : ''}`);
      return r;
    };

    const busyBefore = await otherCpuUse();
    console.log(`Measuring: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per scenario after a ${WARMUP_SECONDS} s warm-up (not counted)`);
    if (busyBefore > 0.2) console.log(`!!! Other processes use ${fmt(busyBefore * 100, 0)}% of the CPU while the benchmark is idle: the results will be disturbed.`);
    const helloWorld = await measure(helloBase, ['/'], 'hello-world (bare Fastify)');
    // The search's own work without HTTP, routing, rendering or i18n, through a DeploymentSearch of
    // its own: its SQL (the data version and the text match) plus the in-memory index. Building
    // that index is what the first search after a write pays, so it is timed on its own.
    const bare = new DeploymentSearch(db);
    const buildStart = performance.now();
    await bare.search(searchQueryFrom({}));
    const indexBuildMs = performance.now() - buildStart;
    console.log(`  ${'in-memory search index, built once'.padEnd(52)} ${secs(indexBuildMs)}`);
    // Each search page's baselines run right after the page itself, so all meet the same state of
    // the caches (a scan of the whole table by the previous scenario changes the next one's speed).
    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const r: ScenarioResult = { ...s, http: await measure(base, s.paths, s.label) };
      results.push(r);
      if (!s.query) continue;
      const parsed = parseSearchParams(s.query);
      if (!parsed.ok) throw new Error(`${s.key}: ${parsed.message}`);
      r.bareSearch = await bareRuns(() => bare.search(parsed.query), SECONDS, CONNECTIONS);
      console.log(`  ${'  bare search (SQL + index) of the same page'.padEnd(52)} ${progress(r.bareSearch)}`);
      r.bareSql = await bareSql(db, searchStatements(parsed.query), SECONDS, CONNECTIONS);
      console.log(`  ${'  bare SQL of the same page'.padEnd(52)} ${progress(r.bareSql)}`);
    }
    for (const r of [...results, { key: 'api', query: {} } as ScenarioResult]) {
      if (!r.query) continue;
      const parsed = parseSearchParams(r.query);
      if (!parsed.ok) continue;
      const target = results.find((x) => x.key === r.key)!;
      target.hits = (await bare.search(parsed.query)).total;
      target.statements = await statementTimes(db, searchStatements(parsed.query));
    }

    const busyAfter = await otherCpuUse();
    if (busyAfter > 0.2) console.log(`!!! Other processes used ${fmt(busyAfter * 100, 0)}% of the CPU after the measurements: the results may be disturbed.`);

    // Page weights: each public page type fetched once, gzip -9, plus the stylesheet it links.
    const pageList: [string, string][] = [
      ['home', '/'],
      ['register, no query', '/register'],
      ['register search (broad)', `/register?q=${BROAD_TERM}`],
      ['deployment', `/deployments/${slugs[0]}`],
      ['technology (median)', `/technologies/${technology}`],
      ['organisation (median deployer)', `/organisations/${organisation}`],
      ['country (median)', `/countries/${country}`],
      [`country (largest, ${int(largest!.n)} deployments)`, `/countries/${largest!.v}`],
      ['open data', '/open-data'],
    ];
    const fetched = await Promise.all(pageList.map(async ([page, p]) => ({ page, path: p, ...(await fetchOk(base + p)) })));
    const stylesheets = new Set(fetched.map((f) => /<link rel="stylesheet" href="([^"]+)"/.exec(f.body)?.[1]).filter((x): x is string => !!x));
    if (stylesheets.size !== 1) throw new Error(`expected one stylesheet across pages, found ${JSON.stringify([...stylesheets])}`);
    const cssHref = [...stylesheets][0]!;
    const css = await fetchOk(base + cssHref);
    const cssGzipBytes = gzipSize(css.body);
    const pages: PageWeight[] = fetched.map((f) => {
      if (!f.type.startsWith('text/html')) throw new Error(`${f.path} is not HTML (${f.type})`);
      const gzipBytes = gzipSize(f.body);
      return { page: f.page, path: f.path, htmlBytes: Buffer.byteLength(f.body), gzipBytes, cssGzipBytes, totalGzipBytes: gzipBytes + cssGzipBytes, hasScript: /<script\b/i.test(f.body) };
    });

    // Targets.
    const pass = (ok: boolean): Check['status'] => (ok ? 'PASS' : 'MISS');
    const onPostgres = engine.name === 'postgres';
    const checks: Check[] = [];
    for (const r of results) {
      if (r.kind === 'search' && r.bareSearch && r.bareSql) {
        // The target's intent: what the framework, rendering and i18n add to the search's own work.
        // That work is now SQL plus the in-memory index, so the page is held against the bare search;
        // the ratio to the SQL alone is printed beside it.
        const ratio = r.http.requestsPerSecond / r.bareSearch.requestsPerSecond;
        const few = Math.min(r.http.requests, r.bareSearch.requests) < MIN_SAMPLES_FOR_RATIO;
        checks.push({
          check: `${r.key}: page req/s ÷ bare-search req/s${few ? ` (${r.http.requests} vs ${r.bareSearch.requests} requests: too few to judge, raise BENCH_SECONDS)` : ''}`,
          value: Number.isFinite(ratio) ? `${fmt(ratio * 100)}%` : 'n/a', target: `≥ ${TARGETS.searchVsBareSql * 100}%`,
          status: few ? 'info' : pass(ratio >= TARGETS.searchVsBareSql),
        });
        const sqlRatio = r.http.requestsPerSecond / r.bareSql.requestsPerSecond;
        checks.push({ check: `${r.key}: page req/s ÷ bare-SQL req/s (SQL alone)`, value: Number.isFinite(sqlRatio) ? `${fmt(sqlRatio * 100)}%` : 'n/a', target: '', status: 'info' });
      }
      if (r.kind === 'record') {
        const ratio = r.http.requestsPerSecond / helloWorld.requestsPerSecond;
        checks.push({ check: `${r.key}: page req/s ÷ hello-world req/s`, value: `${fmt(ratio * 100)}%`, target: `≥ ${TARGETS.recordVsHelloWorld * 100}%`, status: pass(ratio >= TARGETS.recordVsHelloWorld) });
      }
      if (r.kind !== 'api') {
        const limit = r.kind === 'search' ? TARGETS.searchP99Ms : TARGETS.recordP99Ms;
        checks.push({
          check: `${r.key}: p99 latency${onPostgres ? '' : ' (target is for PostgreSQL)'}`, value: `${latency(r.http, 'p99')} ms`, target: `≤ ${limit} ms`,
          status: onPostgres ? pass(r.http.requests > 0 && r.http.latencyMs.p99 <= limit) : 'info',
        });
      }
    }
    for (const p of pages) {
      checks.push({ check: `weight: ${p.page} (page + CSS, gzip)`, value: `${kb(p.gzipBytes)} + ${kb(p.cssGzipBytes)} = ${kb(p.totalGzipBytes)}`, target: `≤ ${kb(PAGE_BUDGET_BYTES)}`, status: pass(p.totalGzipBytes <= PAGE_BUDGET_BYTES) });
    }
    const withScript = pages.filter((p) => p.hasScript).map((p) => p.page);
    checks.push({ check: 'no <script> tag in any page', value: withScript.length ? `found in: ${withScript.join(', ')}` : 'none found', target: 'none', status: pass(!withScript.length) });

    // Report.
    const row = (label: string, hits: string, m: Measured, ratio: string) =>
      [label, hits, int(m.requests), fmt(m.requestsPerSecond), latency(m, 'p50'), latency(m, 'p99'), ratio];
    const rows = [row('hello-world (bare Fastify)', '', helloWorld, '')];
    for (const r of results) {
      const pct = (a: number, b: number) => (b > 0 ? `${fmt((a / b) * 100)}%` : 'n/a');
      const ratio = r.bareSearch ? `${pct(r.http.requestsPerSecond, r.bareSearch.requestsPerSecond)} of bare search`
        : r.kind === 'record' ? `${pct(r.http.requestsPerSecond, helloWorld.requestsPerSecond)} of hello-world` : '';
      rows.push(row(r.label, r.hits === undefined ? '' : int(r.hits), r.http, ratio));
      if (r.bareSearch) rows.push(row('  bare search (SQL + in-memory index, no HTTP)', '', r.bareSearch, ''));
      if (r.bareSql) rows.push(row(`  bare SQL (${r.statements?.length ?? 0} statements at once, no HTTP)`, '', r.bareSql, ''));
    }
    console.log(`\nResults — ${engine.label}, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} CPU cores shared with the load generator`);
    console.log(table(['scenario', 'hits', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'ratio'], rows, [false, true, true, true, true, true, true]));
    const few = [...results.map((r) => ({ label: r.label, m: r.http as Measured })), ...results.filter((r) => r.bareSql).map((r) => ({ label: `bare SQL: ${r.label}`, m: r.bareSql as Measured })),
      ...results.filter((r) => r.bareSearch).map((r) => ({ label: `bare search: ${r.label}`, m: r.bareSearch as Measured }))]
      .filter((x) => x.m.requests < 30);
    if (few.length) console.log(`Note: under 30 requests completed in ${SECONDS} s for ${few.map((x) => x.label).join('; ')}: few samples, so req/s and percentiles are coarse (p99 = slowest).`);

    console.log('\nSQL time per statement, each run alone (median of 5, ms):');
    for (const r of results) {
      if (!r.statements) continue;
      const sorted = [...r.statements].sort((a, b) => b.ms - a.ms);
      const sum = r.statements.reduce((a, s) => a + s.ms, 0);
      console.log(`  ${r.key.padEnd(10)} sum ${fmt(sum).padStart(7)}: ${sorted.map((s) => `${s.name} ${fmt(s.ms)}`).join(', ')}`);
    }

    console.log(`\nPage weights (gzip -9; stylesheet ${cssHref}: ${kb(Buffer.byteLength(css.body))} raw, ${kb(cssGzipBytes)} gzip):`);
    console.log(table(['page', 'path', 'HTML', 'gzip', '+ CSS gzip', '<script>'],
      pages.map((p) => [p.page, p.path.length > 60 ? `${p.path.slice(0, 57)}...` : p.path, kb(p.htmlBytes), kb(p.gzipBytes), kb(p.totalGzipBytes), p.hasScript ? 'YES' : 'no']),
      [false, false, true, true, true, false]));

    console.log(`\nTargets — ${engine.label}:`);
    console.log(table(['check', 'value', 'target', 'result'], checks.map((c) => [c.check, c.value, c.target, c.status === 'MISS' ? 'MISS  <<<' : c.status]), [false, true, true, false]));
    const missed = checks.filter((c) => c.status === 'MISS');
    console.log(missed.length ? `\n*** ${missed.length} target(s) MISSED on ${engine.name}: ${missed.map((c) => c.check).join('; ')} ***` : `\nAll targets met on ${engine.name}.`);

    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `register-${engine.name}${CACHE_MB > 0 ? '-cached' : ''}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify({
      engine: engine.name, date: new Date().toISOString(), node: process.version, cpus: os.cpus().length,
      settings: { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, rotatingSlugs: slugs.length, targets: TARGETS, pageBudgetBytes: PAGE_BUDGET_BYTES },
      counts, fill, indexBuildMs, helloWorld, scenarios: results.map(({ paths, ...r }) => ({ ...r, path: paths[0], paths: paths.length })),
      pages, css: { href: cssHref, bytes: Buffer.byteLength(css.body), gzipBytes: cssGzipBytes }, checks,
      otherCpuUse: { beforeMeasuring: busyBefore, afterMeasuring: busyAfter }, wallSeconds: (performance.now() - started) / 1000,
    }, null, 2)}\n`);
    console.log(`Results written to ${path.relative(process.cwd(), outFile)}`);
  } finally {
    await app?.close();
    await hello?.close();
    await raw.close();
    await engine.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------

const pgUrl = process.env.SAFEGUARD_BENCH_DATABASE_URL;
// BENCH_ENGINES=pglite or =postgres runs one engine only (default: both, PostgreSQL when its URL is set).
const only = process.env.BENCH_ENGINES ? process.env.BENCH_ENGINES.split(',').map((e) => e.trim()) : ['pglite', 'postgres'];
const engines: Engine[] = [];
if (only.includes('pglite')) engines.push(pgliteEngine());
if (pgUrl && only.includes('postgres')) engines.push(postgresEngine(pgUrl));
if (!engines.length) throw new Error(`nothing to run: BENCH_ENGINES=${process.env.BENCH_ENGINES}, SAFEGUARD_BENCH_DATABASE_URL ${pgUrl ? 'set' : 'unset'}`);

console.log(`Safeguard register benchmark — Node ${process.version}, ${os.cpus().length} CPU cores, BENCH_SECONDS=${SECONDS}`);
if (!pgUrl && only.includes('postgres')) {
  console.log(
    '\n!!! PostgreSQL part SKIPPED: SAFEGUARD_BENCH_DATABASE_URL is not set.\n' +
      '    To run it, point it at an admin URL of a PostgreSQL server (a database safeguard_bench is created and dropped), e.g.\n' +
      '      SAFEGUARD_BENCH_DATABASE_URL=$(.ci/start-postgres.sh | tail -1) npm run bench:register\n' +
      '    (.ci/start-postgres.sh starts a throw-away PostgreSQL 15 on 127.0.0.1:5433: postgres://postgres@127.0.0.1:5433/postgres)',
  );
}

const load = new LoadGenerator();
try {
  for (const engine of engines) await runEngine(engine, load);
  if (!pgUrl && only.includes('postgres')) console.log('\n!!! Reminder: the PostgreSQL part was SKIPPED (set SAFEGUARD_BENCH_DATABASE_URL to run it).');
} catch (error) {
  console.error('\nBENCHMARK ERROR:', error);
  process.exitCode = 1;
} finally {
  load.close();
}
