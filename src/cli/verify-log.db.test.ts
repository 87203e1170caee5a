import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSafeguard } from './run-command.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { openPglite } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

// The command itself, as an operator runs it, on an embedded database in a temporary directory.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-verify-log-'));
const env = { ...process.env, DATABASE_URL: '', SAFEGUARD_DATA_DIR: dataDir };

const verifyLogCommand = () => runSafeguard(['verify-log'], env);

async function withDatabase(fn: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<void>) {
  const db = await openPglite(path.join(dataDir, 'pgdata'));
  try {
    await migrate(db);
    await fn(db);
  } finally {
    await db.close();
  }
}

describe('safeguard verify-log', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('reports an intact log with its head hash, then exits non-zero naming the entry someone changed', async () => {
    await withDatabase(async (db) => {
      for (const i of [1, 2, 3]) {
        await db.transaction((tx) => recordAudit(tx, {
          action: 'user.invited', actor: { kind: 'system', name: 'cli' }, subjectType: 'invitation', subjectId: `i-${i}`, details: { role: 'editor' },
        }, new Date()));
      }
    });
    const intact = await verifyLogCommand();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/intact: 3 entries; the last is entry 3 with hash [0-9a-f]{64}/);

    await withDatabase(async (db) => {
      await db.transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        await tx.query(`UPDATE audit.log SET details = '{"role":"admin"}' WHERE seq = 2`);
      });
    });
    const broken = await verifyLogCommand();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/BROKEN at entry 2: entry 2 \(user\.invited, .*\) does not match its hash/);
    expect(broken.stderr).toMatch(/The entry before it is intact/);
  });
});
