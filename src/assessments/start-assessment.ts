import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import { can } from '../platform/auth/domain/policy.ts';
import type { Database } from '../platform/db/database.ts';
import { DomainError, forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { requireAuthor, visibleAssessment, type Member } from './access.ts';
import { CURRENT_DEFINITION } from './definitions.ts';
import type { Answers } from './domain/answers.ts';
import { questionById, type Definition } from './domain/definition.ts';
import { nextAssessmentStatus } from './domain/workflow.ts';
import { insertAssessment, setStatus } from './store.ts';

// Starting an assessment of a deployment on the register, and starting its next version when a
// published one falls due. What the register already knows is filled in (the red-line screening's
// verdict, the legal basis, the role in decisions): the assessment links the screening, it does
// not redo it.

type DeploymentFacts = { id: string; slug: string; title: string; legal_basis: string | null; decision_role: string; red_line_verdict: string; facet_red_lines: string[] };

/** The answers the register's facts give a new assessment. */
export function answersFromRegister(definition: Definition, d: DeploymentFacts): Answers {
  const answers: Answers = {};
  const set = (id: string, value: unknown) => {
    if (questionById(definition, id)) answers[id] = value;
  };
  set('screening.verdict', d.red_line_verdict);
  if (d.red_line_verdict === 'red_line') set('screening.red_lines', d.facet_red_lines.filter((v) => /^[A-F]$/.test(v)));
  if (d.legal_basis) set('legality.legal_basis', d.legal_basis);
  if (d.decision_role !== 'unknown') set('context.decision_role', d.decision_role);
  // One row per group the briefing names, so none is forgotten.
  const matrix = questionById(definition, 'groups.matrix');
  const group = matrix?.columns?.find((c) => c.id === 'group');
  if (group?.options) set('groups.matrix', group.options.filter((o) => o.value !== 'other').map((o) => ({ group: o.value })));
  return answers;
}

/** The writer membership an actor assesses for: the one named, or their first. */
export function assessingOrganisation(actor: Member, organisationId?: string) {
  const writers = actor.memberships.filter((m) => m.role === 'contributor' || m.role === 'editor');
  if (!writers.length) throw forbidden('Contributors and editors start assessments for their organisation.');
  const m = organisationId ? writers.find((w) => w.organisationId === organisationId) : writers[0];
  if (!m) throw invalidInput('organisation', 'Choose one of the organisations you write for.');
  return m;
}

export async function startAssessment(db: Database, actor: Member, input: { deploymentSlug: string; organisationId?: string }, now: Date): Promise<string> {
  const membership = assessingOrganisation(actor, input.organisationId);
  if (!can(actor, 'assessment.write', { organisationId: membership.organisationId })) throw forbidden();
  const [d] = await db.query<DeploymentFacts>(
    'SELECT id, slug, title, legal_basis, decision_role, red_line_verdict, facet_red_lines FROM register.deployments WHERE slug = $1', [input.deploymentSlug],
  );
  if (!d) throw notFound('deployment');
  const id = randomUUID();
  const definition = CURRENT_DEFINITION;
  await db.transaction(async (tx) => {
    await insertAssessment(tx, {
      id, deploymentId: d.id, organisationId: membership.organisationId, createdBy: actor.userId, title: `Impact assessment: ${d.title}`.slice(0, 300),
      definitionId: definition.id, definitionVersion: definition.version, previousId: null, edition: 1, answers: answersFromRegister(definition, d),
    }, now);
    await recordAudit(tx, { action: 'assessment.started', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { deployment: d.slug, definition: `${definition.id} ${definition.version}` } }, now);
  });
  return id;
}

/**
 * Starts the next version of a published (or due) assessment: a new draft with the same answers,
 * on the current questionnaire (answers to questions it no longer has are dropped); the old one is superseded.
 */
export async function startReassessment(db: Database, actor: Member, previousId: string, now: Date): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const prev = await visibleAssessment(tx, actor, previousId, { forUpdate: true });
    requireAuthor(actor, prev);
    const status = nextAssessmentStatus(prev.status, 'start_new_version');
    if (!status) throw new DomainError('invalid_input', 'Only a published assessment is repeated.');
    const definition = CURRENT_DEFINITION;
    const answers = Object.fromEntries(Object.entries(prev.answers).filter(([q]) => questionById(definition, q)));
    await insertAssessment(tx, {
      id, deploymentId: prev.deployment_id, organisationId: prev.organisation_id, createdBy: actor.userId, title: prev.title,
      definitionId: definition.id, definitionVersion: definition.version, previousId: prev.id, edition: prev.edition + 1, answers,
    }, now);
    await setStatus(tx, prev.id, status, now);
    await recordAudit(tx, { action: 'assessment.superseded', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: prev.id, details: { by: id } }, now);
    await recordAudit(tx, { action: 'assessment.started', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { deployment: prev.deployment_slug, previous: prev.id, edition: prev.edition + 1, definition: `${definition.id} ${definition.version}` } }, now);
  });
  return id;
}
