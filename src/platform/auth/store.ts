import type { Queryable } from '../db/database.ts';
import type { Membership, Role } from './domain/roles.ts';
import type { LoginFailures } from './domain/session-rules.ts';

// The SQL of accounts, memberships, invitations, sessions and login failures.

export type UserRow = {
  id: string; email: string; display_name: string; credit_by_name: boolean; password_hash: string;
  totp_pending_secret: string | null; totp_secret: string | null; totp_enabled_at: Date | null; totp_last_step: number | null;
  disabled_at: Date | null;
};
const USER_COLUMNS = 'id, email, display_name, credit_by_name, password_hash, totp_pending_secret, totp_secret, totp_enabled_at, totp_last_step, disabled_at';

export const countUsers = async (q: Queryable) => (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts.users'))[0]!.n;

export const findUserByEmail = async (q: Queryable, email: string) =>
  (await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM accounts.users WHERE lower(email) = lower($1)`, [email]))[0];

export const findUserById = async (q: Queryable, id: string) =>
  (await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM accounts.users WHERE id = $1`, [id]))[0];

export async function insertUser(q: Queryable, u: { id: string; email: string; displayName: string; creditByName: boolean; passwordHash: string }, now: Date) {
  await q.query(
    'INSERT INTO accounts.users (id, email, display_name, credit_by_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [u.id, u.email, u.displayName, u.creditByName, u.passwordHash, now],
  );
}

export const membershipsOf = (q: Queryable, userId: string) =>
  q.query<Membership>(
    `SELECT m.organisation_id AS "organisationId", o.slug AS "organisationSlug", o.name AS "organisationName", m.role
     FROM accounts.memberships m JOIN accounts.organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name`,
    [userId],
  );

export async function insertMembership(q: Queryable, userId: string, organisationId: string, role: Role, now: Date) {
  await q.query('INSERT INTO accounts.memberships (user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, $4)', [userId, organisationId, role, now]);
}

export type OrganisationRow = { id: string; slug: string; name: string };
export const findMemberOrganisation = async (q: Queryable, slug: string) =>
  (await q.query<OrganisationRow>('SELECT id, slug, name FROM accounts.organisations WHERE slug = $1', [slug]))[0];
export const listMemberOrganisations = (q: Queryable) => q.query<OrganisationRow>('SELECT id, slug, name FROM accounts.organisations ORDER BY name');
export async function insertMemberOrganisation(q: Queryable, o: OrganisationRow, now: Date) {
  await q.query('INSERT INTO accounts.organisations (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [o.id, o.slug, o.name, now]);
}

// Invitations.

export type InvitationRow = {
  id: string; purpose: 'first_admin' | 'member'; organisation_id: string | null; organisation_name: string | null; role: Role;
  created_at: Date; expires_at: Date; used_at: Date | null; revoked_at: Date | null;
};
const INVITATION_COLUMNS = 'id, purpose, organisation_id, organisation_name, role, created_at, expires_at, used_at, revoked_at';

export async function insertInvitation(
  q: Queryable,
  i: { id: string; tokenHash: string; purpose: InvitationRow['purpose']; organisationId: string | null; organisationName: string | null; role: Role; createdBy: string | null; expiresAt: Date },
  now: Date,
) {
  await q.query(
    `INSERT INTO accounts.invitations (id, token_hash, purpose, organisation_id, organisation_name, role, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [i.id, i.tokenHash, i.purpose, i.organisationId, i.organisationName, i.role, i.createdBy, now, i.expiresAt],
  );
}

/** The invitation behind a token, locked for the transaction that uses it. */
export const findInvitationForUpdate = async (q: Queryable, tokenHash: string) =>
  (await q.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM accounts.invitations WHERE token_hash = $1 FOR UPDATE`, [tokenHash]))[0];

export const findInvitation = async (q: Queryable, tokenHash: string) =>
  (await q.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM accounts.invitations WHERE token_hash = $1`, [tokenHash]))[0];

export async function markInvitationUsed(q: Queryable, id: string, userId: string, now: Date) {
  await q.query('UPDATE accounts.invitations SET used_at = $2, used_by = $3 WHERE id = $1', [id, now, userId]);
}

export async function revokeOpenFirstAdminInvitations(q: Queryable, now: Date) {
  await q.query(`UPDATE accounts.invitations SET revoked_at = $1 WHERE purpose = 'first_admin' AND used_at IS NULL AND revoked_at IS NULL`, [now]);
}

export const revokeInvitation = async (q: Queryable, id: string, now: Date) =>
  (await q.query<{ id: string }>('UPDATE accounts.invitations SET revoked_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id', [id, now])).length > 0;

export type InvitationListItem = InvitationRow & { organisation_slug: string | null; used_by_name: string | null };
export const listInvitations = (q: Queryable) =>
  q.query<InvitationListItem>(
    `SELECT i.id, i.purpose, i.organisation_id, coalesce(o.name, i.organisation_name) AS organisation_name, i.role, i.created_at, i.expires_at,
       i.used_at, i.revoked_at, o.slug AS organisation_slug, u.display_name AS used_by_name
     FROM accounts.invitations i LEFT JOIN accounts.organisations o ON o.id = i.organisation_id LEFT JOIN accounts.users u ON u.id = i.used_by
     ORDER BY i.created_at DESC LIMIT 200`,
  );

// Sessions (by the SHA-256 of their token).

export type SessionRow = { token_hash: string; user_id: string; created_at: Date; last_seen_at: Date; second_factor_done: boolean };

export async function insertSession(q: Queryable, tokenHash: string, userId: string, secondFactorDone: boolean, now: Date) {
  await q.query(
    'INSERT INTO accounts.sessions (token_hash, user_id, created_at, last_seen_at, second_factor_done) VALUES ($1, $2, $3, $3, $4)',
    [tokenHash, userId, now, secondFactorDone],
  );
}
export const findSession = async (q: Queryable, tokenHash: string) =>
  (await q.query<SessionRow>('SELECT token_hash, user_id, created_at, last_seen_at, second_factor_done FROM accounts.sessions WHERE token_hash = $1', [tokenHash]))[0];
export const touchSession = (q: Queryable, tokenHash: string, now: Date) =>
  q.query('UPDATE accounts.sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
export const deleteSession = (q: Queryable, tokenHash: string) => q.query('DELETE FROM accounts.sessions WHERE token_hash = $1', [tokenHash]);

// Login failures per account name.

export async function findFailures(q: Queryable, emailHash: string): Promise<LoginFailures | undefined> {
  const [row] = await q.query<{ failures: number; first_failed_at: Date; last_failed_at: Date }>(
    'SELECT failures, first_failed_at, last_failed_at FROM accounts.login_failures WHERE email_hash = $1', [emailHash]);
  return row && { failures: row.failures, firstFailedAt: row.first_failed_at, lastFailedAt: row.last_failed_at };
}
export async function saveFailures(q: Queryable, emailHash: string, f: LoginFailures) {
  await q.query(
    `INSERT INTO accounts.login_failures (email_hash, failures, first_failed_at, last_failed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email_hash) DO UPDATE SET failures = $2, first_failed_at = $3, last_failed_at = $4`,
    [emailHash, f.failures, f.firstFailedAt, f.lastFailedAt],
  );
}
export const clearFailures = (q: Queryable, emailHash: string) => q.query('DELETE FROM accounts.login_failures WHERE email_hash = $1', [emailHash]);

// Second factor.

export const setPendingTotpSecret = (q: Queryable, userId: string, secret: string) =>
  q.query('UPDATE accounts.users SET totp_pending_secret = $2 WHERE id = $1', [userId, secret]);
export const enableTotp = (q: Queryable, userId: string, secret: string, step: number, now: Date) =>
  q.query('UPDATE accounts.users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = $3, totp_last_step = $4 WHERE id = $1', [userId, secret, now, step]);
/** Records a used time step; false when a step at or after it was used already (a replayed code). */
export const useTotpStep = async (q: Queryable, userId: string, step: number) =>
  (await q.query<{ id: string }>('UPDATE accounts.users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [userId, step])).length > 0;

export async function replaceRecoveryCodes(q: Queryable, userId: string, codeHashes: string[]) {
  await q.query('DELETE FROM accounts.recovery_codes WHERE user_id = $1', [userId]);
  for (const h of codeHashes) await q.query('INSERT INTO accounts.recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, h]);
}
/** Uses one recovery code; false when it is unknown or used. */
export const useRecoveryCode = async (q: Queryable, userId: string, codeHash: string, now: Date) =>
  (await q.query<{ user_id: string }>('UPDATE accounts.recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id', [userId, codeHash, now])).length > 0;
export const unusedRecoveryCodes = async (q: Queryable, userId: string) =>
  (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts.recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]))[0]!.n;
