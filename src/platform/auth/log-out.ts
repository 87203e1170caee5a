import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit-log/store.ts';
import { tokenHash } from './secrets.ts';
import { deleteSession, findSession } from './store.ts';

/** Ends a session on the server: its token is worthless from now on. */
export async function logOut(db: Database, token: string | undefined, now: Date): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const session = await findSession(tx, tokenHash(token));
    if (!session) return;
    await deleteSession(tx, session.token_hash);
    await recordAudit(tx, { action: 'session.ended', actor: { kind: 'user', userId: session.user_id, organisationId: null, role: null }, subjectType: 'user', subjectId: session.user_id, details: {} }, now);
  });
}
