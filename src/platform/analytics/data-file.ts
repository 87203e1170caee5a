import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { DuckDBConnection } from '@duckdb/node-api';

const requireCjs = createRequire(import.meta.url);

// Data files analysts bring (decision logs, registers of cases): CSV (any delimiter, quoted fields,
// UTF-8 with or without BOM, optionally gzipped), Parquet, or JSON lines, read by DuckDB. Shared by
// the proxy finder and the discrimination audits: opening an in-memory DuckDB with a private spill
// directory, naming the reader for a file, and turning DuckDB's errors into messages that name the
// file (and the line and column where DuckDB gives them), without a stack trace.

export type DataFormat = 'csv' | 'parquet' | 'jsonl';

/** A file or a column that cannot be read or used; the message names the file (and the column). */
export class DataFileError extends Error {
  constructor(readonly file: string, message: string, readonly column?: string) {
    super(`${path.basename(file)}: ${message}`);
    this.name = 'DataFileError';
  }
}

const EXTENSIONS: [RegExp, DataFormat][] = [[/\.csv(\.gz)?$/i, 'csv'], [/\.parquet$/i, 'parquet'], [/\.(jsonl|ndjson)(\.gz)?$/i, 'jsonl']];

/** The format of a data file from its name, among those a command accepts. */
export function dataFormatOf(file: string, accepted: readonly DataFormat[]): DataFormat {
  const format = EXTENSIONS.find(([re]) => re.test(file))?.[1];
  if (!format || !accepted.includes(format)) {
    const names = { csv: '.csv, .csv.gz', parquet: '.parquet', jsonl: '.jsonl' };
    throw new DataFileError(file, `unsupported file type: give a ${new Intl.ListFormat('en', { type: 'disjunction' }).format(accepted.map((f) => names[f]))} file`);
  }
  return format;
}

/** Refuses what is not a readable, non-empty file, naming why. */
export function checkDataFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new DataFileError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!stat.isFile()) throw new DataFileError(file, 'not a file');
  if (stat.size === 0) throw new DataFileError(file, 'the file is empty');
}

/** Runs work on a fresh in-memory DuckDB whose spill files go to a private directory, removed after. */
export async function withDuckDb<T>(work: (db: DuckDBConnection) => Promise<T>, options: { threads?: number; memoryLimit?: string } = {}): Promise<T> {
  // Loaded here, not at the top: commands that only name this module's errors do not load DuckDB.
  // Required, not imported: a CommonJS package imported from ESM has each of its own require()s
  // resolved through the TypeScript loader's hooks on Node 20 (about 50 ms here), before the scan starts.
  const { DuckDBInstance } = requireCjs('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: tempDir,
    ...(options.threads ? { threads: String(options.threads) } : {}),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
  });
  const db = await instance.connect();
  try {
    return await work(db);
  } finally {
    db.closeSync();
    instance.closeSync();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** DuckDB's explanation (the line of the file, the column, what is wrong), without its suggestions of options. */
export function duckdbProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split(/\n\s*\n/)[0]!.split('\n').map((l) => l.trim())
    .filter((l) => l && !/^(Original Line|Possible|\*|LINE \d|Column .* is being converted|This type was)/.test(l));
  return lines.join('; ').replace(/^[A-Za-z ]*Error: /, '') || 'unknown error';
}

/** Whether a DuckDB error is about the data (unreadable, malformed, wrong type) rather than a bug. */
export const isDataProblem = (error: unknown) => error instanceof Error && /^(IO|Invalid Input|Conversion|Out of Memory) Error/.test(error.message);

/** A SQL identifier and a SQL string literal, quoted. */
export const sqlName = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A DuckDB value (BIGINT comes back as bigint) as a number. */
export const toNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
export const rowsOf = async (db: DuckDBConnection, sql: string) => (await db.runAndReadAll(sql)).getRowsJS();

/**
 * The table function reading a file: CSV with its delimiter, quoting and types detected and a header
 * required; Parquet as it is; JSON lines. Extra CSV options (e.g. `sample_size = -1`) are appended.
 */
export function readerSql(file: string, format: DataFormat, csvOptions = ''): string {
  const source = sqlText(path.resolve(file));
  if (format === 'parquet') return `read_parquet(${source})`;
  if (format === 'jsonl') return `read_json(${source}, format = 'newline_delimited')`;
  // skip = 0: the sniffer would otherwise skip leading lines it finds odd, reading fewer rows silently.
  return `read_csv(${source}, header = true, skip = 0${csvOptions})`;
}

/** The column names a reader gives, in order. */
export async function columnsOf(db: DuckDBConnection, reader: string): Promise<{ name: string; type: string }[]> {
  return (await rowsOf(db, `DESCRIBE SELECT * FROM ${reader}`)).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

/**
 * When no delimiter fits every line (a line with a field too many or too few), DuckDB's sniffer falls
 * back to a single column. The file is then read strictly with the delimiter its header uses, so that
 * DuckDB names the first line that does not fit.
 */
export async function checkCsvColumns(db: DuckDBConnection, file: string, columns: readonly { name: string }[]): Promise<void> {
  const only = columns.length === 1 ? columns[0]!.name : '';
  if (!/[,;\t|]/.test(only)) return;
  const delimiter = [',', ';', '\t', '|'].map((d) => ({ d, n: only.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  const names = only.split(delimiter);
  const strict = `read_csv(${sqlText(path.resolve(file))}, header = true, skip = 0, auto_detect = false, delim = ${sqlText(delimiter)}, quote = '"', escape = '"', ` +
    `columns = {${names.map((n) => `${sqlText(n)}: 'VARCHAR'`).join(', ')}})`;
  try {
    await rowsOf(db, `SELECT count(*) FROM ${strict}`);
  } catch (error) {
    throw new DataFileError(file, `cannot read the CSV file: ${duckdbProblem(error)}`);
  }
  throw new DataFileError(file, `cannot read the CSV file: its columns cannot be told apart (the header ${JSON.stringify(only)} reads as one column): do some lines have more or fewer fields than the header?`);
}
