import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Database } from '../platform/db/database.ts';
import { FileError, parseJsonFile, readText } from '../platform/json-file.ts';
import { validateDataset, type Dataset } from './domain/dataset.ts';
import { flatCsvToDataset } from './domain/flat-csv.ts';
import { triggerRegisterChanges } from '../assessments/record-trigger.ts';
import { writeDataset, type ImportCounts } from './store/write.ts';

/** The dataset shipped with Safeguard and loaded on the first start of an empty database. */
export const FIRST_CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'register-dataset.json');

/** A dataset file that cannot be imported (the file's problems, each with its line and column). */
export { FileError as ImportError, type FileProblem } from '../platform/json-file.ts';

/** Parses a dataset file (JSON dataset format, or flat CSV) without touching the database. */
export function readDatasetFile(file: string): Dataset {
  const name = path.basename(file);
  const text = readText(file);
  if (/\.csv$/i.test(file)) {
    let records: string[][];
    try {
      records = parseCsv(text, { relax_column_count: false, skip_empty_lines: true, bom: true });
    } catch (error) {
      const e = error as { lines?: number; column?: number; message: string };
      throw new FileError([{ file: name, line: e.lines ?? 0, column: e.column ?? 0, message: e.message.replace(/^[^:]*: /, '') }]);
    }
    const [header = [], ...body] = records;
    const rows = body.map((values, i) => ({ line: i + 2, values: Object.fromEntries(header.map((h, j) => [h.trim(), values[j] ?? ''])) }));
    const result = flatCsvToDataset(header.map((h) => h.trim()), rows);
    if (!result.ok) throw new FileError(result.problems.map((p) => ({ file: name, ...p })));
    return result.dataset;
  }
  return parseJsonFile(file, text, (value) => {
    const result = validateDataset(value);
    return result.ok ? { ok: true, value: result.dataset } : { ok: false, problems: result.problems };
  });
}

/**
 * Imports a dataset into the register in one transaction; idempotent. A changed profile or vendor
 * makes the deployments' assessments in force due for re-assessment, as an editor's change would.
 */
export function importDataset(db: Database, dataset: Dataset, now = new Date()): Promise<ImportCounts> {
  return db.transaction(async (tx) => {
    const { counts, changed } = await writeDataset(tx, dataset);
    await triggerRegisterChanges(tx, changed, { kind: 'system', name: 'import' }, now);
    return counts;
  });
}

/** On the first start of an empty register, loads the shipped first content; returns counts or null. */
export async function seedFirstContent(db: Database): Promise<ImportCounts | null> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM register.technologies');
  if (row!.n > 0) return null;
  return importDataset(db, readDatasetFile(FIRST_CONTENT));
}
