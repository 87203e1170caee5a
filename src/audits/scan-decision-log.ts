import type { DuckDBConnection } from '@duckdb/node-api';
import {
  checkCsvColumns, checkDataFile, columnsOf, DataFileError, dataFormatOf, duckdbProblem, isDataProblem, readerSql, rowsOf, sqlName, sqlText, toNumber,
  withDuckDb, type DataFormat,
} from '../platform/analytics/data-file.ts';
import type { AuditInput, FinestCell } from './domain/cells.ts';
import { closestNames } from './domain/column-names.ts';

// The one scan of a decision log: DuckDB reads the file once and aggregates it to the finest cells
// (one per combination of every protected attribute's values) with the confusion counts. Everything
// else (coarser groups, intersections, metrics, tests) is derived from these counts in TypeScript.

export type DecisionLogColumns = {
  protected: readonly string[];
  /** The decision: 0/1, true/false, yes/no, or a score made binary by `threshold` (score >= threshold is positive). */
  outcome: string;
  threshold?: number | undefined;
  /** The ground truth, binary like the outcome (never thresholded). */
  label?: string | undefined;
};

export type ScanResult = {
  format: DataFormat;
  input: AuditInput;
  /** Rows in the file, and rows left out of the counts (with why): never silently. */
  rowsRead: number;
  rowsRejected: { reason: 'missing_outcome' | 'missing_label'; count: number }[];
  /** How the outcome (and label) were read, in words, for the report. */
  outcomeRule: string;
};

const BINARY_TRUE = ['1', 'true', 'yes', 'y', 't'];
const BINARY_FALSE = ['0', 'false', 'no', 'n', 'f'];
const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(.*\))?)$/;
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * SQL reading a column as a binary 1/0, NULL when empty, and -1 for a value that is neither; with a
 * threshold, a number compared with it. The expression follows the column's type, so a typed column
 * (Parquet, or a CSV column the sniffer typed) costs no string work.
 */
function binaryExpr(column: string, type: string, threshold?: number): string {
  const c = sqlName(column);
  if (threshold !== undefined) {
    const x = NUMERIC_TYPE.test(type) ? `CAST(${c} AS DOUBLE)` : `TRY_CAST(trim(CAST(${c} AS VARCHAR)) AS DOUBLE)`;
    const empty = NUMERIC_TYPE.test(type) ? `${c} IS NULL` : `${c} IS NULL OR trim(CAST(${c} AS VARCHAR)) = ''`;
    return `CASE WHEN ${empty} THEN NULL WHEN ${x} IS NULL OR isnan(${x}) THEN -1 WHEN ${x} >= ${threshold} THEN 1 ELSE 0 END`;
  }
  if (type === 'BOOLEAN') return `CAST(${c} AS INTEGER)`;
  if (NUMERIC_TYPE.test(type)) return `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} = 1 THEN 1 WHEN ${c} = 0 THEN 0 ELSE -1 END`;
  const v = `lower(trim(CAST(${c} AS VARCHAR)))`;
  return `CASE WHEN ${c} IS NULL OR ${v} = '' THEN NULL WHEN ${v} IN (${list(BINARY_TRUE)}) THEN 1 WHEN ${v} IN (${list(BINARY_FALSE)}) THEN 0 ELSE -1 END`;
}

/** Aggregates a decision log to its finest cells, in one scan of the file. */
/**
 * `onScanStart` is called when DuckDB starts reading the whole file: JavaScript work meant to
 * overlap with the scan (loading modules) should start then, not before, or it delays the scan.
 */
export async function scanDecisionLog(file: string, columns: DecisionLogColumns, options: { onProgress?: (percentage: number) => void; onScanStart?: () => void } = {}): Promise<ScanResult> {
  const format = dataFormatOf(file, ['csv', 'parquet', 'jsonl']);
  checkDataFile(file);
  const attributes = [...new Set(columns.protected.map((p) => p.trim()).filter(Boolean))];
  if (!attributes.length) throw new DataFileError(file, 'name at least one protected column (--protected)');
  return withDuckDb(async (db) => {
    try {
      return await scan(db, file, format, { ...columns, protected: attributes }, options.onProgress, options.onScanStart);
    } catch (error) {
      if (isDataProblem(error)) throw new DataFileError(file, `cannot read the ${FORMAT_NAMES[format]} file: ${duckdbProblem(error)}`);
      throw error;
    }
  });
}

const FORMAT_NAMES: Record<DataFormat, string> = { csv: 'CSV', parquet: 'Parquet', jsonl: 'JSON lines' };

async function scan(db: DuckDBConnection, file: string, format: DataFormat, columns: DecisionLogColumns, onProgress?: (p: number) => void, onScanStart?: () => void): Promise<ScanResult> {
  if (columns.label !== undefined && [columns.outcome, ...columns.protected].includes(columns.label)) {
    throw new DataFileError(file, `the label "${columns.label}" is also the outcome or a protected attribute`, columns.label);
  }
  if (columns.protected.includes(columns.outcome)) throw new DataFileError(file, `the outcome "${columns.outcome}" is also a protected attribute`, columns.outcome);

  // The columns and their types, read by DuckDB's sniffer. A score's threshold needs the outcome's
  // type before the scan; otherwise the columns are described only when something goes wrong (a
  // misspelt column, a ragged line), and the scan's own result gives the types it needs.
  let described: { name: string; type: string }[] | undefined;
  const describe = async (reader: string) => {
    try {
      described = await columnsOf(db, reader);
    } catch (error) {
      throw new DataFileError(file, `cannot read the ${FORMAT_NAMES[format]} file: ${duckdbProblem(error)}`);
    }
    if (format === 'csv') await checkCsvColumns(db, file, described);
    const names = described.map((d) => d.name);
    const check = (name: string, role: string) => {
      if (names.includes(name)) return;
      const near = closestNames(name, names);
      throw new DataFileError(file, `no column "${name}" (${role})${near.length ? `: did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''} The columns are: ${names.join(', ')}`, name);
    };
    for (const p of columns.protected) check(p, 'protected attribute');
    check(columns.outcome, 'outcome');
    if (columns.label !== undefined) check(columns.label, 'label');
    return described;
  };
  // A CSV's protected values are kept as written: the sniffer would read yes/no as true/false, 007 as 7.
  const asText = format === 'csv' ? `, types = {${columns.protected.map((p) => `${sqlText(p)}: 'VARCHAR'`).join(', ')}}` : '';
  let reader = readerSql(file, format, asText);
  if (columns.threshold !== undefined) await describe(readerSql(file, format));
  const outcomeType = () => described?.find((d) => d.name === columns.outcome)?.type ?? 'VARCHAR';

  // Progress is tracked only when someone is shown it (tracking costs the scan time).
  if (onProgress) await db.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false;');
  const aggregate = () => {
    const running = withProgress(db, `CREATE OR REPLACE TEMP TABLE decision_cells AS ${innerAggregateSql(reader, columns, outcomeType())}`, onProgress);
    onScanStart?.();
    return running;
  };
  try {
    await aggregate();
  } catch (error) {
    // A CSV column typed from the first rows that fails further down: read every column as text.
    if (format === 'csv' && /Conversion Error/.test(String(error))) {
      reader = readerSql(file, format, ', all_varchar = true');
      await aggregate();
    } else {
      // Say what is wrong in the file's terms (a missing or misspelt column, a ragged line) when that is it.
      if (!described) await describe(readerSql(file, format));
      throw error;
    }
  }
  const rawTypes = await columnsOf(db, 'decision_cells');
  const typeOf = (name: string) => rawTypes.find((d) => d.name === name)!.type;
  const rows = await rowsOf(db, outerAggregateSql(columns, typeOf));

  // One row per finest cell and (outcome, label) pair: the confusion counts are summed here.
  const k = columns.protected.length;
  const labelled = columns.label !== undefined;
  let rowsRead = 0;
  let missingOutcome = 0;
  let missingLabel = 0;
  let badOutcome = 0;
  let badLabel = 0;
  const byCell = new Map<string, FinestCell>();
  for (const r of rows) {
    const o = r[k] === null ? null : toNumber(r[k]);
    const l = r[k + 1] === null ? null : toNumber(r[k + 1]);
    const n = toNumber(r[k + 2]);
    rowsRead += n;
    if (o === -1) badOutcome += n;
    if (labelled && l === -1) badLabel += n;
    if (o === null) missingOutcome += n;
    else if (labelled && l === null) missingLabel += n;
    if (o === null || o === -1 || (labelled && (l === null || l === -1))) continue;
    const values = r.slice(0, k).map((v) => (v === null || v === undefined ? null : String(v)));
    const key = JSON.stringify(values);
    let cell = byCell.get(key);
    if (!cell) {
      cell = { values, counts: labelled ? { n: 0, pp: 0, tp: 0, fp: 0, fn: 0, tn: 0 } : { n: 0, pp: 0 } };
      byCell.set(key, cell);
    }
    const c = cell.counts;
    c.n += n;
    if (o === 1) c.pp += n;
    if (labelled) {
      if (o === 1 && l === 1) c.tp! += n;
      else if (o === 1) c.fp! += n;
      else if (l === 1) c.fn! += n;
      else c.tn! += n;
    }
  }
  const cells = [...byCell.values()];
  const fileType = async (name: string) => (described ?? (await describe(reader))).find((d) => d.name === name)!.type;
  if (badOutcome) {
    const first = await firstMalformed(db, reader, format, columns.outcome, binaryExpr(columns.outcome, await fileType(columns.outcome), columns.threshold));
    throw new DataFileError(file, `${first.where}column "${columns.outcome}": the outcome must be 0/1, true/false or yes/no${columns.threshold === undefined ? ', or a score with --threshold' : ' (a number, with --threshold)'}; found ${JSON.stringify(first.value)} (${badOutcome.toLocaleString('en-GB')} such rows)`, columns.outcome);
  }
  if (badLabel && columns.label) {
    const first = await firstMalformed(db, reader, format, columns.label, binaryExpr(columns.label, await fileType(columns.label)));
    throw new DataFileError(file, `${first.where}column "${columns.label}": the label must be 0/1, true/false or yes/no; found ${JSON.stringify(first.value)} (${badLabel.toLocaleString('en-GB')} such rows)`, columns.label);
  }
  if (!rowsRead) throw new DataFileError(file, 'the file has a header but no rows');
  cells.sort((a, b) => compareValues(a.values, b.values));
  return {
    format,
    input: { attributes: [...columns.protected], labelled, cells },
    rowsRead,
    rowsRejected: [
      ...(missingOutcome ? [{ reason: 'missing_outcome' as const, count: missingOutcome }] : []),
      ...(missingLabel ? [{ reason: 'missing_label' as const, count: missingLabel }] : []),
    ],
    outcomeRule: columns.threshold === undefined
      ? `"${columns.outcome}" read as a decision: 1/true/yes is positive, 0/false/no negative`
      : `"${columns.outcome}" read as a score: positive when >= ${columns.threshold}`,
  };
}

/**
 * The one scan: rows counted per finest cell and per raw outcome and label value (a binary column
 * has two or three values, so at most a dozen rows per cell). A score with a threshold has too many
 * distinct values for that, so it is compared row by row here.
 */
function innerAggregateSql(reader: string, columns: DecisionLogColumns, outcomeType: string): string {
  const attrs = columns.protected.map((p, i) => `CAST(${sqlName(p)} AS VARCHAR) AS a${i}`);
  const rawOutcome = columns.threshold !== undefined ? `${binaryExpr(columns.outcome, outcomeType, columns.threshold)} AS o_raw` : `${sqlName(columns.outcome)} AS o_raw`;
  const rawLabel = columns.label !== undefined ? `${sqlName(columns.label)} AS l_raw` : '0 AS l_raw';
  return `SELECT ${[...attrs, rawOutcome, rawLabel].join(', ')}, count(*) AS n FROM ${reader} GROUP BY ALL`;
}

/**
 * The raw values read as 1, 0, NULL (missing) or -1 (malformed), over the scan's few rows: the
 * expressions run once per group rather than once per row of the file.
 */
function outerAggregateSql(columns: DecisionLogColumns, typeOf: (name: string) => string): string {
  const cells = columns.protected.map((_, i) => `a${i}`);
  const o = columns.threshold !== undefined ? 'o_raw' : binaryExpr('o_raw', typeOf('o_raw'));
  const l = columns.label !== undefined ? binaryExpr('l_raw', typeOf('l_raw')) : '0';
  return `SELECT ${[...cells, `${o} AS o`, `${l} AS l`].join(', ')}, sum(n)::BIGINT AS n FROM decision_cells GROUP BY ${[...cells, 'o', 'l'].join(', ')}`;
}

/** Runs a query, reporting DuckDB's progress (percent) while it runs. */
async function withProgress(db: DuckDBConnection, sql: string, onProgress?: (p: number) => void): Promise<unknown[][]> {
  if (!onProgress) return rowsOf(db, sql);
  const timer = setInterval(() => {
    const p = db.progress.percentage;
    if (p >= 0) onProgress(p);
  }, 250);
  try {
    const rows = await rowsOf(db, sql);
    onProgress(100);
    return rows;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Where the first malformed value is ("line N, "; the header is line 1 of a CSV) and what it is: a
 * second read of the file, on the error path only.
 */
async function firstMalformed(db: DuckDBConnection, reader: string, format: DataFormat, column: string, expr: string): Promise<{ where: string; value: string }> {
  const [row] = await rowsOf(db, `SELECT r, raw FROM (SELECT row_number() OVER () AS r, ${expr} AS v, CAST(${sqlName(column)} AS VARCHAR) AS raw FROM ${reader}) WHERE v = -1 ORDER BY r LIMIT 1`);
  if (!row) return { where: '', value: '?' };
  const n = toNumber(row[0]);
  return { where: format === 'parquet' ? `row ${n}, ` : `line ${format === 'csv' ? n + 1 : n}, `, value: String(row[1]) };
}

function compareValues(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === null) return 1;
    if (b[i] === null) return -1;
    return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}
