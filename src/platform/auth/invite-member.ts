import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit-log/store.ts';
import { DomainError } from '../errors.ts';
import { slugify } from '../slug.ts';
import { can } from './domain/policy.ts';
import { auditActorOf, ROLES, type Actor, type Role } from './domain/roles.ts';
import { randomToken, tokenHash } from './secrets.ts';
import { findMemberOrganisation, insertInvitation, insertMemberOrganisation, revokeOpenFirstAdminInvitations, countUsers } from './store.ts';

export const INVITATION_TTL_MS = 72 * 3600_000;
export const FIRST_ADMIN_TTL_MS = 24 * 3600_000;

/** Who creates an invitation: a signed-in admin (checked by the policy) or the operator's CLI. */
export type Inviter = { kind: 'system'; name: string } | Actor;

export type CreatedInvitation = { token: string; expiresAt: Date; organisation: { slug: string; name: string; created: boolean }; role: Role };

/**
 * Creates a one-time invitation link into an organisation with a role. The organisation is named
 * by slug or name and created when it does not exist yet.
 */
export async function inviteMember(db: Database, actor: Inviter, input: { organisation: string; role: string }, now: Date): Promise<CreatedInvitation> {
  if (actor.kind !== 'system' && !can(actor, 'invitation.create')) throw new DomainError('forbidden', 'Only an admin can invite members.');
  const role = ROLES.find((r) => r === input.role);
  if (!role) throw new DomainError('invalid_input', `role must be one of ${ROLES.join(', ')}`, 'role');
  const name = input.organisation.trim().replace(/\s+/g, ' ');
  const slug = slugify(name);
  if (!slug || name.length > 200) throw new DomainError('invalid_input', 'Name the organisation (1 to 200 characters, with letters or digits).', 'organisation');
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  return db.transaction(async (tx) => {
    let organisation = await findMemberOrganisation(tx, slug);
    const created = !organisation;
    if (!organisation) {
      organisation = { id: randomUUID(), slug, name };
      await insertMemberOrganisation(tx, organisation, now);
      await recordAudit(tx, { action: 'organisation.created', actor: auditActorOf(actor), subjectType: 'member_organisation', subjectId: organisation.id, details: { slug, name } }, now);
    }
    const id = randomUUID();
    await insertInvitation(tx, { id, tokenHash: tokenHash(token), purpose: 'member', organisationId: organisation.id, organisationName: null, role, createdBy: actor.kind === 'member' ? actor.userId : null, expiresAt }, now);
    await recordAudit(tx, { action: 'invitation.created', actor: auditActorOf(actor), subjectType: 'invitation', subjectId: id, details: { organisation: slug, role, expiresAt: expiresAt.toISOString() } }, now);
    return { token, expiresAt, organisation: { slug: organisation.slug, name: organisation.name, created }, role };
  });
}

/**
 * While nobody has an account, makes a fresh one-time link (valid 24 h) to create the first
 * administrator, revoking any earlier one (only hashes are stored, so an old link cannot be shown
 * again). Returns null once an account exists.
 */
export async function ensureFirstAdminInvitation(db: Database, now: Date): Promise<{ token: string; expiresAt: Date } | null> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('accounts.first_admin'))`);
    if ((await countUsers(tx)) > 0) return null;
    await revokeOpenFirstAdminInvitations(tx, now);
    const token = randomToken();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + FIRST_ADMIN_TTL_MS);
    await insertInvitation(tx, { id, tokenHash: tokenHash(token), purpose: 'first_admin', organisationId: null, organisationName: null, role: 'admin', createdBy: null, expiresAt }, now);
    await recordAudit(tx, { action: 'invitation.created', actor: { kind: 'system', name: 'first start' }, subjectType: 'invitation', subjectId: id, details: { purpose: 'first_admin', role: 'admin', expiresAt: expiresAt.toISOString() } }, now);
    return { token, expiresAt };
  });
}
