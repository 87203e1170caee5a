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

  it('uses prepared statements inside transactions too', async () => {
    const out = await db.transaction((tx) => tx.query<{ v: string }>('SELECT $1::text AS v', ['in a transaction'], { prepare: true }));
    expect(out).toEqual([{ v: 'in a transaction' }]);
  });
});
