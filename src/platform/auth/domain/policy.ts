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
  // Editing the register.
  'draft.list',
  'draft.create',
  'draft.edit',
  'draft.review',
  'record.unpublish',
  // Suggestions: anyone sends one, editors handle them.
  'suggestion.create',
  'suggestion.moderate',
  // Discrimination audits: contributors and editors upload decision logs and follow their jobs;
  // an editor other than the uploader publishes the (suppressed) report.
  'audit.upload',
  'audit.view',
  'audit.publish',
  // Impact assessments: the assessing organisation's writers write and submit them; a member of an
  // oversight body (never of the assessing organisation) reviews, decides and publishes.
  'assessment.write',
  'assessment.view',
  'assessment.review',
  'assessment.trigger',
  // Advocates' analyses: an organisation's writers keep theirs, private to the organisation.
  'analysis.write',
  'analysis.view',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What an action is about, when the rule depends on it (an organisation, an author). */
export type Resource = { organisationId?: string | null; authorId?: string | null };

type Rule = (actor: Actor, resource: Resource) => boolean;

const anyone: Rule = () => true;
const member: Rule = (actor) => actor.kind === 'member';
/** Admins manage the platform's users (in any organisation); they have no power over content. */
const admin: Rule = (actor) => hasRole(actor, 'admin');

/** Contributors and editors write for their organisation: a draft is edited by its organisation's members. */
const writerFor: Rule = (actor, resource) =>
  actor.kind === 'member' && actor.memberships.some((m) => (m.role === 'contributor' || m.role === 'editor') && (resource.organisationId === undefined || m.organisationId === resource.organisationId));
/** Editors review for the whole platform, but never a draft they wrote themselves (four eyes). */
const reviewer: Rule = (actor, resource) =>
  actor.kind === 'member' && hasRole(actor, 'editor') && (resource.authorId === undefined || resource.authorId !== actor.userId);

/** An oversight body's member, independent of the organisation whose work it reviews. */
const independentOversight: Rule = (actor, resource) =>
  actor.kind === 'member' && actor.memberships.some((m) => m.role === 'oversight' && (resource.organisationId === undefined || m.organisationId !== resource.organisationId));

const RULES: Record<Action, Rule> = {
  'register.read': anyone,
  'account.view': member,
  'account.manage_second_factor': member,
  'session.end': member,
  'invitation.create': admin,
  'invitation.list': admin,
  'invitation.revoke': admin,
  'draft.list': (actor) => hasRole(actor, 'contributor', 'editor'),
  'draft.create': writerFor,
  'draft.edit': writerFor,
  'draft.review': reviewer,
  'record.unpublish': (actor) => hasRole(actor, 'editor'),
  'suggestion.create': anyone,
  'suggestion.moderate': (actor) => hasRole(actor, 'editor'),
  'audit.upload': writerFor,
  'audit.view': (actor, resource) => writerFor(actor, resource) || hasRole(actor, 'editor'),
  'audit.publish': reviewer,
  'assessment.write': writerFor,
  'assessment.view': (actor, resource) => writerFor(actor, resource) || independentOversight(actor, resource),
  'assessment.review': independentOversight,
  // What changed since the decision: recorded by either side.
  'assessment.trigger': (actor, resource) => writerFor(actor, resource) || independentOversight(actor, resource),
  'analysis.write': writerFor,
  'analysis.view': writerFor,
};

/** Actions a member who must still set up a second factor may take meanwhile. */
const BEFORE_SECOND_FACTOR = new Set<Action>(['register.read', 'suggestion.create', 'account.view', 'account.manage_second_factor', 'session.end']);

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rule = Object.hasOwn(RULES, action) ? RULES[action] : undefined;
  if (!rule) return false;
  if (mustSetUpSecondFactor(actor) && !BEFORE_SECOND_FACTOR.has(action)) return false;
  return rule(actor, resource);
}
