import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit-log/store.ts';
import { slugify } from '../slug.ts';
import { passwordProblems } from './domain/password.ts';
import { isCommonPassword, hashPassword, randomToken, tokenHash } from './secrets.ts';
import {
  findInvitation, findInvitationForUpdate, findMemberOrganisation, findUserByEmail, insertMemberOrganisation, insertMembership, insertSession, insertUser,
  markInvitationUsed, type InvitationRow,
} from './store.ts';

/** A form's problems, field by field, as message codes the views translate. */
export type FieldErrors = Record<string, string>;

export type InvitationState = { state: 'open'; invitation: InvitationRow } | { state: 'used' | 'expired' | 'revoked' | 'unknown' };

export async function openInvitation(db: Database, token: string, now: Date): Promise<InvitationState> {
  const invitation = await findInvitation(db, tokenHash(token));
  if (!invitation) return { state: 'unknown' };
  if (invitation.used_at) return { state: 'used' };
  if (invitation.revoked_at) return { state: 'revoked' };
  if (invitation.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'open', invitation };
}

export const acceptInvitationForm = z.object({
  displayName: z.string().trim().min(1, 'required').max(100, 'too_long'),
  email: z.string().trim().min(1, 'required').max(254, 'too_long').pipe(z.email('email_invalid')),
  password: z.string().min(1, 'required'),
  confirmPassword: z.string(),
  creditByName: z.enum(['yes', 'no']).default('no'),
  organisationName: z.string().trim().max(200, 'too_long').default(''),
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationForm>;

export type AcceptResult = { ok: true; token: string; userId: string } | { ok: false; errors: FieldErrors } | { ok: false; invitation: Exclude<InvitationState['state'], 'open'> };

/**
 * Creates an account from an invitation: the member (or, for the first-start link, the first
 * administrator and their organisation), signed in at once. Everything happens in one transaction.
 */
export async function acceptInvitation(db: Database, token: string, raw: Record<string, unknown>, now: Date): Promise<AcceptResult> {
  const parsed = acceptInvitationForm.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const input = parsed.success ? parsed.data : undefined;
  const password = typeof raw.password === 'string' ? raw.password : '';
  if (!errors.password && password) {
    const problems = passwordProblems(password, isCommonPassword, [String(raw.email ?? ''), String(raw.displayName ?? '')]);
    if (problems[0]) errors.password = `password_${problems[0]}`;
  }
  if (!errors.password && !errors.confirmPassword && password !== raw.confirmPassword) errors.confirmPassword = 'password_mismatch';
  const state = await openInvitation(db, token, now);
  if (state.state !== 'open') return { ok: false, invitation: state.state };
  if (state.invitation.purpose === 'first_admin' && !errors.organisationName && !String(raw.organisationName ?? '').trim()) errors.organisationName = 'required';
  if (input && !errors.email && (await findUserByEmail(db, input.email))) errors.email = 'email_taken';
  if (!input || Object.keys(errors).length) return { ok: false, errors };

  const passwordHash = await hashPassword(input.password);
  const sessionToken = randomToken();
  const userId = randomUUID();
  return db.transaction(async (tx) => {
    const invitation = await findInvitationForUpdate(tx, tokenHash(token));
    if (!invitation || invitation.used_at || invitation.revoked_at || invitation.expires_at.getTime() <= now.getTime()) return { ok: false, invitation: 'used' } as const;
    if (await findUserByEmail(tx, input.email)) return { ok: false, errors: { email: 'email_taken' } } as const;
    let organisationId = invitation.organisation_id;
    if (invitation.purpose === 'first_admin') {
      const slug = slugify(input.organisationName);
      const existing = await findMemberOrganisation(tx, slug);
      organisationId = existing?.id ?? randomUUID();
      if (!existing) await insertMemberOrganisation(tx, { id: organisationId, slug, name: input.organisationName }, now);
    }
    await insertUser(tx, { id: userId, email: input.email, displayName: input.displayName, creditByName: input.creditByName === 'yes', passwordHash }, now);
    await insertMembership(tx, userId, organisationId!, invitation.role, now);
    await markInvitationUsed(tx, invitation.id, userId, now);
    await insertSession(tx, tokenHash(sessionToken), userId, true, now);
    await recordAudit(tx, {
      action: 'user.created', actor: { kind: 'user', userId, organisationId, role: invitation.role }, subjectType: 'user', subjectId: userId,
      details: { invitation: invitation.id, role: invitation.role, organisation: organisationId, creditByName: input.creditByName === 'yes' },
    }, now);
    return { ok: true, token: sessionToken, userId } as const;
  });
}
