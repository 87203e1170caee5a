import { can } from '../platform/auth/domain/policy.ts';
import type { Actor } from '../platform/auth/domain/roles.ts';
import type { Queryable } from '../platform/db/database.ts';
import { DomainError, forbidden, notFound } from '../platform/errors.ts';
import { findDefinition } from './definitions.ts';
import type { Definition } from './domain/definition.ts';
import { findAssessment, type AssessmentRow } from './store.ts';

// Who may see and act on an assessment, on top of the policy's actions: the assessing
// organisation's writers see theirs; an oversight member of another organisation sees it once it is
// submitted; anyone sees a published one.

export type Member = Extract<Actor, { kind: 'member' }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isAuthor = (actor: Actor, a: Pick<AssessmentRow, 'organisation_id'>) => can(actor, 'assessment.write', { organisationId: a.organisation_id });
export const isReviewer = (actor: Actor, a: Pick<AssessmentRow, 'organisation_id' | 'status'>) =>
  a.status !== 'draft' && can(actor, 'assessment.review', { organisationId: a.organisation_id });

export function canSee(actor: Actor, a: AssessmentRow): boolean {
  return a.published_at !== null || isAuthor(actor, a) || isReviewer(actor, a);
}

/** The assessment, when the actor may see it; a missing or hidden one is "not found" alike (an anonymous visitor is asked to sign in). */
export async function visibleAssessment(q: Queryable, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<AssessmentRow> {
  const a = UUID.test(id) ? await findAssessment(q, id, opts) : undefined;
  if (!a) throw notFound('assessment');
  if (canSee(actor, a)) return a;
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in to see this assessment.');
  throw notFound('assessment');
}

export function requireAuthor(actor: Actor, a: AssessmentRow) {
  if (!isAuthor(actor, a)) throw forbidden('Only members of the assessing organisation write its assessment.');
}

export function requireReviewer(actor: Actor, a: AssessmentRow) {
  if (!isReviewer(actor, a)) throw forbidden('A member of an oversight body, independent of the assessing organisation, reviews an assessment.');
}

export function definitionOf(a: Pick<AssessmentRow, 'definition_id' | 'definition_version'>): Definition {
  const d = findDefinition(a.definition_id, a.definition_version);
  if (!d) throw new DomainError('invalid_input', `The questionnaire ${a.definition_id} ${a.definition_version} is not shipped with this version of Safeguard.`);
  return d;
}
