import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit-log/store.ts';
import { addFailure, failureDelayMs, loginAllowed } from './domain/session-rules.ts';
import { decoyHash, normaliseRecoveryCode, randomToken, tokenHash, totpStep, verifyPassword } from './secrets.ts';
import {
  clearFailures, deleteSession, findFailures, findSession, findUserByEmail, findUserById, insertSession, saveFailures, useRecoveryCode, useTotpStep,
} from './store.ts';

export type LogInResult =
  | { ok: true; token: string; secondFactorNeeded: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

/** Waits before a failed answer (injected, so tests need not wait). */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const accountKey = (email: string) => tokenHash(`login:${email.trim().toLowerCase()}`);

/**
 * Checks an e-mail and password. Every failure slows the answer down and counts against that
 * account name; after five in 15 minutes it is refused without checking. The session a visitor
 * held before (`previousToken`) ends: a new id is issued at every login.
 */
export async function logIn(db: Database, input: { email: string; password: string; previousToken?: string | undefined }, now: Date, sleep: Sleep): Promise<LogInResult> {
  const key = accountKey(input.email);
  const allowed = loginAllowed(await findFailures(db, key), now);
  if (!allowed.allowed) return { ok: false, reason: 'locked', retryAfterMs: allowed.retryAfterMs };
  const user = await findUserByEmail(db, input.email.trim());
  const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
  if (!user || !passwordOk || user.disabled_at) {
    const failures = await db.transaction(async (tx) => {
      const f = addFailure(await findFailures(tx, key), now);
      await saveFailures(tx, key, f);
      // Failures are logged against accounts that exist; a mistyped address is not recorded.
      if (user) await recordAudit(tx, { action: 'login.failed', actor: { kind: 'anonymous' }, subjectType: 'user', subjectId: user.id, details: { failures: f.failures } }, now);
      return f.failures;
    });
    await sleep(failureDelayMs(failures));
    return { ok: false, reason: 'invalid' };
  }
  const token = randomToken();
  const secondFactorNeeded = !!user.totp_enabled_at;
  await db.transaction(async (tx) => {
    if (input.previousToken) await deleteSession(tx, tokenHash(input.previousToken));
    await clearFailures(tx, key);
    await insertSession(tx, tokenHash(token), user.id, !secondFactorNeeded, now);
    await recordAudit(tx, {
      action: secondFactorNeeded ? 'login.password_accepted' : 'login.succeeded', actor: { kind: 'user', userId: user.id, organisationId: null, role: null },
      subjectType: 'user', subjectId: user.id, details: {},
    }, now);
  });
  return { ok: true, token, secondFactorNeeded };
}

/**
 * The second step: a TOTP code (each accepted once) or an unused recovery code. On success the
 * pending session is replaced by a new one (another new id).
 */
export async function completeSecondFactor(db: Database, input: { pendingToken: string; code: string }, now: Date, sleep: Sleep): Promise<LogInResult> {
  const pending = await findSession(db, tokenHash(input.pendingToken));
  const user = pending && !pending.second_factor_done ? await findUserById(db, pending.user_id) : undefined;
  if (!pending || !user?.totp_secret) return { ok: false, reason: 'invalid' };
  const key = accountKey(user.email);
  const allowed = loginAllowed(await findFailures(db, key), now);
  if (!allowed.allowed) return { ok: false, reason: 'locked', retryAfterMs: allowed.retryAfterMs };
  const token = randomToken();
  const result = await db.transaction(async (tx) => {
    const step = totpStep(user.totp_secret!, input.code, now);
    const ok = step !== null ? await useTotpStep(tx, user.id, step) : await useRecoveryCode(tx, user.id, tokenHash(normaliseRecoveryCode(input.code)), now);
    if (!ok) {
      const f = addFailure(await findFailures(tx, key), now);
      await saveFailures(tx, key, f);
      await recordAudit(tx, { action: 'login.second_factor_failed', actor: { kind: 'anonymous' }, subjectType: 'user', subjectId: user.id, details: { failures: f.failures } }, now);
      return { ok: false as const, failures: f.failures };
    }
    await deleteSession(tx, pending.token_hash);
    await clearFailures(tx, key);
    await insertSession(tx, tokenHash(token), user.id, true, now);
    await recordAudit(tx, { action: 'login.succeeded', actor: { kind: 'user', userId: user.id, organisationId: null, role: null }, subjectType: 'user', subjectId: user.id, details: { secondFactor: step !== null ? 'totp' : 'recovery_code' } }, now);
    return { ok: true as const };
  });
  if (!result.ok) {
    await sleep(failureDelayMs(result.failures));
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, token, secondFactorNeeded: false };
}
