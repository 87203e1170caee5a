import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PREPARED, type Database } from './database.ts';
import { openTestDatabase, testEngine } from './test-database.ts';

describe(`prepared statements (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers a prepared statement as the same statement unprepared, run after run', async () => {
    const sql = 'SELECT $1::int * 2 AS doubled, $2::text AS label';
    for (let i = 0; i < 8; i++) {
      const prepared = await db.query(sql, [i, `run ${i}`], { prepare: true });
      expect(prepared).toEqual(await db.query(sql, [i, `run ${i}`]));
      expect(prepared).toEqual([{ doubled: i * 2, label: `run ${i}` }]);
    }
  });

  it(`keeps answering beyond ${MAX_PREPARED} distinct prepared texts (the rest run unprepared)`, async () => {
    const n = MAX_PREPARED + 10;
    const rows = await Promise.all(Array.from({ length: n }, (_, i) => db.query<{ v: number }>(`SELECT $1::int + ${i} AS v`, [1], { prepare: true })));
    expect(rows.map((r) => r[0]!.v)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it('passes every kind of parameter and reads every kind of column as unprepared statements do', async () => {
    const sql = `SELECT $1::text AS quote, $2::int[] AS ids, $3::jsonb AS doc, $4::text IS NULL AS missing, $5::bool AS flag, $6::bigint AS big,
      $7::date AS day, $8::timestamptz AS at, $9::uuid[] AS uuids, $10::numeric AS amount`;
    const params = ["it's a \\ test; DROP TABLE x; --", [1, 2, 3], { a: [1, 'two'], b: null }, null, true, 9007199254740991, '2026-12-08',
      new Date('2026-12-08T10:00:00Z'), ['00000000-0000-4000-8000-000000000001'], '1234.50'];
    for (let i = 0; i < 7; i++) expect(await db.query(sql, params, { prepare: true })).toEqual(await db.query(sql, params));
  });

  it('reports an error of a prepared statement, and goes on answering', async () => {
    const sql = 'SELECT 1 / $1::int AS v';
    expect(await db.query(sql, [1], { prepare: true })).toEqual([{ v: 1 }]);
    await expect(db.query(sql, [0], { prepare: true })).rejects.toThrow(/division by zero/);
    expect(await db.query(sql, [1], { prepare: true })).toEqual([{ v: 1 }]);
    await expect(db.query('SELECT $1::int AS v FROM no_such_table', [1], { prepare: true })).rejects.toThrow(/no_such_table/);
    expect(await db.query('SELECT 2 AS v')).toEqual([{ v: 2 }]);
  });

  it('uses prepared statements inside transactions too', async () => {
    const out = await db.transaction((tx) => tx.query<{ v: string }>('SELECT $1::text AS v', ['in a transaction'], { prepare: true }));
    expect(out).toEqual([{ v: 'in a transaction' }]);
  });
});
