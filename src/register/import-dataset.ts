import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';
import type { Database } from '../platform/db/database.ts';
import { validateDataset, type Dataset } from './domain/dataset.ts';
import { flatCsvToDataset } from './domain/flat-csv.ts';
import { writeDataset, type ImportCounts } from './store/write.ts';

/** The dataset shipped with Safeguard and loaded on the first start of an empty database. */
export const FIRST_CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'register-dataset.json');

export type FileProblem = { file: string; line: number; column: number; message: string };

/** A file that cannot be imported; every problem names the file, line and column. */
export class ImportError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ImportError';
  }
}

function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses a dataset file (JSON dataset format, or flat CSV) without touching the database. */
export function readDatasetFile(file: string): Dataset {
  const name = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ImportError([{ file: name, line: 0, column: 0, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  if (/\.csv$/i.test(file)) {
    let records: string[][];
    try {
      records = parseCsv(text, { relax_column_count: false, skip_empty_lines: true, bom: true });
    } catch (error) {
      const e = error as { lines?: number; column?: number; message: string };
      throw new ImportError([{ file: name, line: e.lines ?? 0, column: e.column ?? 0, message: e.message.replace(/^[^:]*: /, '') }]);
    }
    const [header = [], ...body] = records;
    const rows = body.map((values, i) => ({ line: i + 2, values: Object.fromEntries(header.map((h, j) => [h.trim(), values[j] ?? ''])) }));
    const result = flatCsvToDataset(header.map((h) => h.trim()), rows);
    if (!result.ok) throw new ImportError(result.problems.map((p) => ({ file: name, ...p })));
    return result.dataset;
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree) {
    const at = lineColumn(text, errors[0]?.offset ?? 0);
    throw new ImportError([{ file: name, ...at, message: 'this is not valid JSON' }]);
  }
  const result = validateDataset(JSON.parse(text));
  if (result.ok) return result.dataset;
  throw new ImportError(
    result.problems.map((p) => {
      const segments = p.path.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      // Point at the deepest part of the path that exists in the file.
      let node = undefined;
      for (let n = segments.length; n >= 0 && !node; n--) node = findNodeAtLocation(tree, segments.slice(0, n));
      return { file: name, ...lineColumn(text, node?.offset ?? 0), message: `${p.path || 'file'}: ${p.message}` };
    }),
  );
}

/** Imports a dataset into the register in one transaction; idempotent. */
export function importDataset(db: Database, dataset: Dataset): Promise<ImportCounts> {
  return db.transaction((tx) => writeDataset(tx, dataset));
}

/** On the first start of an empty register, loads the shipped first content; returns counts or null. */
export async function seedFirstContent(db: Database): Promise<ImportCounts | null> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM register.technologies');
  if (row!.n > 0) return null;
  return importDataset(db, readDatasetFile(FIRST_CONTENT));
}
