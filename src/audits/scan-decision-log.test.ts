import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError, withDuckDb } from '../platform/analytics/data-file.ts';
import { closestNames } from './domain/column-names.ts';
import { scanDecisionLog } from './scan-decision-log.ts';

// The one scan of a decision log: the finest cells and their confusion counts, checked against
// counts made by hand from the same rows; and every kind of bad input named by file, line and column.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-audit-scan-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// 200 decisions: nationality (3 values, one row in 20 missing), gender (2), outcome and label.
const rows = Array.from({ length: 200 }, (_, i) => ({
  nationality: i % 20 === 7 || i % 20 === 12 ? '' : ['SY', 'AF', 'ER'][i % 3]!,
  gender: i % 2 ? 'F' : 'M',
  outcome: (i * 7) % 5 < 2 ? 1 : 0,
  label: (i * 3) % 4 === 0 ? 1 : 0,
  score: ((i * 37) % 100) / 100,
}));
const csv = (sep = ',', map: (r: (typeof rows)[number]) => unknown[] = (r) => [r.nationality, r.gender, r.outcome, r.label, r.score]) =>
  `nationality${sep}gender${sep}outcome${sep}label${sep}score\n${rows.map((r) => map(r).join(sep)).join('\n')}\n`;

/** The expected finest cells, counted here without DuckDB. */
function expected(outcome: (r: (typeof rows)[number]) => number) {
  const cells = new Map<string, { n: number; pp: number; tp: number; fp: number; fn: number; tn: number }>();
  for (const r of rows) {
    const key = `${r.nationality || '∅'}|${r.gender}`;
    const c = cells.get(key) ?? { n: 0, pp: 0, tp: 0, fp: 0, fn: 0, tn: 0 };
    const o = outcome(r);
    c.n++;
    c.pp += o;
    if (o && r.label) c.tp++;
    if (o && !r.label) c.fp++;
    if (!o && r.label) c.fn++;
    if (!o && !r.label) c.tn++;
    cells.set(key, c);
  }
  return cells;
}

describe('scanning a decision log', () => {
  it('aggregates a CSV to its finest cells with confusion counts; missing values form their own group', async () => {
    const scan = await scanDecisionLog(write('log.csv', csv()), { protected: ['nationality', 'gender'], outcome: 'outcome', label: 'label' });
    expect(scan.rowsRead).toBe(200);
    expect(scan.rowsRejected).toEqual([]);
    expect(scan.input.attributes).toEqual(['nationality', 'gender']);
    expect(scan.input.labelled).toBe(true);
    const want = expected((r) => r.outcome);
    expect(scan.input.cells).toHaveLength(want.size);
    for (const cell of scan.input.cells) expect(cell.counts, cell.values.join('|')).toEqual(want.get(`${cell.values[0] ?? '∅'}|${cell.values[1]}`));
    expect(scan.input.cells.filter((c) => c.values[0] === null).map((c) => c.values[1])).toEqual(['F', 'M']);
  });

  it('reads semicolons, a BOM and quoted fields; yes/no; Parquet and JSON lines give the same cells', async () => {
    const yesNo = csv(';', (r) => [`"${r.nationality}"`, r.gender, r.outcome ? 'Yes' : 'no', r.label ? 'TRUE' : 'false', r.score]);
    const fromCsv = await scanDecisionLog(write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(yesNo)])), { protected: ['nationality', 'gender'], outcome: 'outcome', label: 'label' });
    const plain = await scanDecisionLog(write('plain.csv', csv()), { protected: ['nationality', 'gender'], outcome: 'outcome', label: 'label' });
    expect(fromCsv.input).toEqual(plain.input);
    const parquet = path.join(dir, 'log.parquet');
    const jsonl = path.join(dir, 'log.jsonl');
    await withDuckDb(async (db) => {
      await db.run(`COPY (SELECT nullif(nationality, '') AS nationality, gender, outcome::BOOLEAN AS outcome, label, score FROM read_csv('${path.join(dir, 'plain.csv')}', header = true)) TO '${parquet}' (FORMAT parquet)`);
      await db.run(`COPY (SELECT nullif(nationality, '') AS nationality, gender, outcome, label, score FROM read_csv('${path.join(dir, 'plain.csv')}', header = true)) TO '${jsonl}' (FORMAT json)`);
    });
    expect((await scanDecisionLog(parquet, { protected: ['nationality', 'gender'], outcome: 'outcome', label: 'label' })).input).toEqual(plain.input);
    expect((await scanDecisionLog(jsonl, { protected: ['nationality', 'gender'], outcome: 'outcome', label: 'label' })).input).toEqual(plain.input);
  });

  it('keeps protected values as written: yes/no stays yes/no, 007 stays 007', async () => {
    const scan = await scanDecisionLog(write('as-written.csv', 'disabled,code,outcome\nyes,007,1\nno,012,0\nyes,007,0\n'), { protected: ['disabled', 'code'], outcome: 'outcome' });
    expect(scan.input.cells.map((c) => c.values)).toEqual([['no', '012'], ['yes', '007']]);
  });

  it('makes a score binary with a threshold, and counts rows without an outcome as rejected, not dropped silently', async () => {
    const scan = await scanDecisionLog(write('scores.csv', csv()), { protected: ['nationality', 'gender'], outcome: 'score', threshold: 0.7, label: 'label' });
    const want = expected((r) => (r.score >= 0.7 ? 1 : 0));
    for (const cell of scan.input.cells) expect(cell.counts).toEqual(want.get(`${cell.values[0] ?? '∅'}|${cell.values[1]}`));
    const gaps = csv(',', (r) => [r.nationality, r.gender, rows.indexOf(r) % 10 === 0 ? '' : r.outcome, r.label, r.score]);
    const withGaps = await scanDecisionLog(write('gaps.csv', gaps), { protected: ['gender'], outcome: 'outcome' });
    expect(withGaps.rowsRead).toBe(200);
    expect(withGaps.rowsRejected).toEqual([{ reason: 'missing_outcome', count: 20 }]);
    expect(withGaps.input.cells.reduce((s, c) => s + c.counts.n, 0)).toBe(180);
    expect(withGaps.input.labelled).toBe(false);
    expect(withGaps.input.cells[0]!.counts).not.toHaveProperty('tp');
  });

  it('names the file, line and column of bad input, and suggests the closest column names', async () => {
    const fail = async (file: string, columns: Parameters<typeof scanDecisionLog>[1]) => {
      const error = await scanDecisionLog(file, columns).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      return (error as Error).message;
    };
    const file = write('named.csv', csv());
    expect(await fail(file, { protected: ['nationalty'], outcome: 'outcome' })).toMatch(/^named\.csv: no column "nationalty" \(protected attribute\): did you mean "nationality"\?/);
    expect(await fail(file, { protected: ['gender'], outcome: 'score' })).toMatch(/^named\.csv: line 3, column "score": the outcome must be 0\/1, true\/false or yes\/no, or a score with --threshold; found "0\.37"/);
    const odd = csv(',', (r) => [r.nationality, r.gender, r.outcome, rows.indexOf(r) === 41 ? 'maybe' : r.label, r.score]);
    expect(await fail(write('odd.csv', odd), { protected: ['gender'], outcome: 'outcome', label: 'label' })).toMatch(/^odd\.csv: line 43, column "label": the label must be 0\/1, true\/false or yes\/no; found "maybe" \(1 such rows\)/);
    const ragged = `${csv().trimEnd()}\nSY,F,1,0,0.5,extra\n`;
    expect(await fail(write('ragged.csv', ragged), { protected: ['gender'], outcome: 'outcome' })).toMatch(/^ragged\.csv: cannot read the CSV file: CSV Error on Line: 202; Expected Number of Columns: 5 Found: 6$/);
    const latin1 = Buffer.concat([Buffer.from('nationality,gender,outcome\n'), Buffer.from([0x43, 0xf4, 0x74, 0x65]), Buffer.from(',F,1\n')]);
    expect(await fail(write('latin1.csv', latin1), { protected: ['nationality'], outcome: 'outcome' })).toMatch(/^latin1\.csv: cannot read the CSV file: .*(unicode|UTF-8)/i);
    expect(await fail(write('empty.csv', ''), { protected: ['gender'], outcome: 'outcome' })).toBe('empty.csv: the file is empty');
    expect(await fail(write('header.csv', 'gender,outcome\n'), { protected: ['gender'], outcome: 'outcome' })).toBe('header.csv: the file has a header but no rows');
    expect(await fail(write('log.xlsx', 'x'), { protected: ['gender'], outcome: 'outcome' })).toMatch(/unsupported file type: give a \.csv, \.csv\.gz, \.parquet, or \.jsonl file/);
  });

  it('suggests names across case, accents and small misspellings', () => {
    expect(closestNames('Nationalite', ['nationalité', 'gender', 'age_band'])).toEqual(['nationalité']);
    expect(closestNames('agebnd', ['nationality', 'gender', 'age_band'])).toEqual(['age_band']);
    expect(closestNames('xyz', ['nationality', 'gender'])).toEqual([]);
  });
});
