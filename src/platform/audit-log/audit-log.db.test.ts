import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase, testEngine } from '../db/test-database.ts';
import { recordAudit } from './store.ts';
import { verifyLog } from './verify-log.ts';

describe(`audit log (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const record = (i: number) =>
    db.transaction((tx) => recordAudit(tx, {
      action: 'deployment.published', actor: { kind: 'user', userId: `user-${i}`, organisationId: null, role: 'editor' },
      subjectType: 'deployment', subjectId: `d-${i}`, details: { title: `Deployment ${i}`, fields: ['status'] },
    }, new Date(Date.UTC(2026, 10, 28, 1, 2, 3, i))));

  it('is empty and intact at first', async () => {
    expect(await verifyLog(db)).toEqual({ ok: true, entries: 0, head: null });
  });

  it('chains entries appended one after another and concurrently, without a fork', async () => {
    await record(1);
    await Promise.all([2, 3, 4, 5, 6, 7].map(record));
    const result = await verifyLog(db, 3);
    expect(result).toEqual({ ok: true, entries: 7, head: { seq: 7, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.query(`UPDATE audit.log SET action = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit.log WHERE seq = 7')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit.log')).rejects.toThrow(/append-only/);
    expect((await verifyLog(db)).ok).toBe(true);
  });

  it('names the first broken entry once someone able to switch the triggers off changes one', async () => {
    await db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE audit.log SET details = '{"title":"Deployment 3 (quietly rewritten)","fields":["status"]}' WHERE seq = 3`);
    });
    const result = await verifyLog(db);
    expect(result).toEqual({ ok: false, entries: 2, broken: expect.objectContaining({ seq: 3, problem: 'hash' }) });
  });
});
