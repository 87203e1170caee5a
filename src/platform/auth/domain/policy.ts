import { hasRole, mustSetUpSecondFactor, type Actor } from './roles.ts';

// The one place that decides permissions: can(actor, action, resource). Every route names the
// action it needs and asks here; an action without a rule is refused. The rules are a table,
// one line per action, so the whole policy reads at a glance.

export const ACTIONS = [
  // Anyone.
  'register.read',
  // Any signed-in member: their own account.
  'account.view',
  'account.manage_second_factor',
  'session.end',
  // Members with a role.
  'invitation.create',
  'invitation.list',
  'invitation.revoke',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What an action is about, when the rule depends on it (an organisation, an owner). */
export type Resource = { organisationId?: string | null };

type Rule = (actor: Actor, resource: Resource) => boolean;

const anyone: Rule = () => true;
const member: Rule = (actor) => actor.kind === 'member';
/** Admins manage the platform's users (in any organisation); they have no power over content. */
const admin: Rule = (actor) => hasRole(actor, 'admin');

const RULES: Record<Action, Rule> = {
  'register.read': anyone,
  'account.view': member,
  'account.manage_second_factor': member,
  'session.end': member,
  'invitation.create': admin,
  'invitation.list': admin,
  'invitation.revoke': admin,
};

/** Actions a member who must still set up a second factor may take meanwhile. */
const BEFORE_SECOND_FACTOR = new Set<Action>(['register.read', 'account.view', 'account.manage_second_factor', 'session.end']);

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rule = Object.hasOwn(RULES, action) ? RULES[action] : undefined;
  if (!rule) return false;
  if (mustSetUpSecondFactor(actor) && !BEFORE_SECOND_FACTOR.has(action)) return false;
  return rule(actor, resource);
}
