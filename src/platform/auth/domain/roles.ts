import type { AuditActor } from '../../audit-log/domain/chain.ts';

// Roles are held in an organisation (a membership). What each may do is decided in policy.ts.

export const ROLES = ['contributor', 'editor', 'oversight', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must have a second factor before they can do anything else. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['admin', 'oversight'];

export type Membership = { organisationId: string; organisationSlug: string; organisationName: string; role: Role };

/** Who is asking: a visitor without an account, or a signed-in member. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'member';
      userId: string;
      displayName: string;
      memberships: Membership[];
      /** Whether a second factor is set up for this account. */
      totpEnabled: boolean;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export const hasRole = (actor: Actor, ...roles: Role[]) =>
  actor.kind === 'member' && actor.memberships.some((m) => roles.includes(m.role));

/** A member whose role requires a second factor they have not set up yet. */
export const mustSetUpSecondFactor = (actor: Actor) =>
  actor.kind === 'member' && !actor.totpEnabled && actor.memberships.some((m) => SECOND_FACTOR_ROLES.includes(m.role));

/** How an actor (or the operator's CLI) is named in the audit log: ids and role, never an address. */
export const auditActorOf = (actor: Actor | { kind: 'system'; name: string }): AuditActor =>
  actor.kind === 'system' ? actor
    : actor.kind === 'anonymous' ? { kind: 'anonymous' }
    : { kind: 'user', userId: actor.userId, organisationId: actor.memberships[0]?.organisationId ?? null, role: actor.memberships[0]?.role ?? null };
