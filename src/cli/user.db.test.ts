import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSafeguard } from './run-command.ts';
import { openInvitation } from '../platform/auth/accept-invitation.ts';
import { openPglite } from '../platform/db/database.ts';

// `safeguard user invite`, as an operator runs it, on an embedded database in a temporary directory.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-user-invite-'));
const env = { ...process.env, DATABASE_URL: '', SAFEGUARD_DATA_DIR: dataDir, SAFEGUARD_PUBLIC_URL: 'https://safeguard.example' };

const run = (args: string[]) => runSafeguard(args, env);

describe('safeguard user invite', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints a one-time link into a new organisation, and refuses an unknown role naming it', async () => {
    const ok = await run(['user', 'invite', '--org', 'Border Watch', '--role', 'editor']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Created the member organisation "Border Watch" (border-watch).');
    const token = /https:\/\/safeguard\.example\/invitations\/([\w-]+)/.exec(ok.stdout)?.[1];
    expect(token).toBeDefined();

    const bad = await run(['user', 'invite', '--org', 'Border Watch', '--role', 'superuser']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('role must be one of contributor, editor, oversight, admin');

    const db = await openPglite(path.join(dataDir, 'pgdata'));
    try {
      const state = await openInvitation(db, token!, new Date());
      expect(state.state).toBe('open');
      if (state.state === 'open') expect(state.invitation).toMatchObject({ role: 'editor', purpose: 'member' });
    } finally {
      await db.close();
    }
  });
});
