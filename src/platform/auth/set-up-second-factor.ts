import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit-log/store.ts';
import type { Actor } from './domain/roles.ts';
import { newRecoveryCodes, newTotpSecret, tokenHash, totpStep, totpUri } from './secrets.ts';
import { enableTotp, findUserById, replaceRecoveryCodes, setPendingTotpSecret } from './store.ts';

type Member = Extract<Actor, { kind: 'member' }>;

/** The secret being set up (made once, kept until confirmed), as text and as an otpauth:// URI. */
export async function beginSecondFactor(db: Database, actor: Member): Promise<{ secret: string; uri: string } | { alreadyEnabled: true }> {
  const user = (await findUserById(db, actor.userId))!;
  if (user.totp_enabled_at) return { alreadyEnabled: true };
  const secret = user.totp_pending_secret ?? newTotpSecret();
  if (!user.totp_pending_secret) await setPendingTotpSecret(db, user.id, secret);
  return { secret, uri: totpUri(secret, user.email) };
}

/** Turns the second factor on once a code from the app matches; returns ten recovery codes, shown once. */
export async function confirmSecondFactor(db: Database, actor: Member, code: string, now: Date): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false }> {
  const user = (await findUserById(db, actor.userId))!;
  if (user.totp_enabled_at || !user.totp_pending_secret) return { ok: false };
  const step = totpStep(user.totp_pending_secret, code, now);
  if (step === null) return { ok: false };
  const recoveryCodes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await enableTotp(tx, user.id, user.totp_pending_secret!, step, now);
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(tokenHash));
    await recordAudit(tx, { action: 'second_factor.enabled', actor: { kind: 'user', userId: user.id, organisationId: actor.memberships[0]?.organisationId ?? null, role: actor.memberships[0]?.role ?? null }, subjectType: 'user', subjectId: user.id, details: {} }, now);
  });
  return { ok: true, recoveryCodes };
}
