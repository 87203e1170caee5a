import type { Database } from '../db/database.ts';
import type { Actor } from './domain/roles.ts';
import { needsTouch, sessionExpiry } from './domain/session-rules.ts';
import { tokenHash } from './secrets.ts';
import { deleteSession, findSession, findUserById, membershipsOf, touchSession } from './store.ts';

export type ResolvedSession =
  | { state: 'none' }
  | { state: 'expired' }
  /** The password was right; the second factor is still to come. */
  | { state: 'second_factor_pending'; userId: string }
  | { state: 'active'; actor: Extract<Actor, { kind: 'member' }> };

/** The session behind a cookie's token: ended when idle 30 min or 12 h old, touched when used. */
export async function resolveSession(db: Database, token: string | undefined, now: Date): Promise<ResolvedSession> {
  if (!token) return { state: 'none' };
  const hash = tokenHash(token);
  const session = await findSession(db, hash);
  if (!session) return { state: 'none' };
  const times = { createdAt: session.created_at, lastSeenAt: session.last_seen_at };
  const user = await findUserById(db, session.user_id);
  if (sessionExpiry(times, now) !== 'active' || !user || user.disabled_at) {
    await deleteSession(db, hash);
    return { state: 'expired' };
  }
  if (needsTouch(times, now)) await touchSession(db, hash, now);
  if (!session.second_factor_done) return { state: 'second_factor_pending', userId: user.id };
  return {
    state: 'active',
    actor: { kind: 'member', userId: user.id, displayName: user.display_name, memberships: await membershipsOf(db, user.id), totpEnabled: !!user.totp_enabled_at },
  };
}
