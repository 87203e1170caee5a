import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import type { Database, Queryable } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { haltDeployment } from '../register/halt-deployment.ts';
import { definitionOf, requireReviewer, visibleAssessment, type Member } from './access.ts';
import { buildAssessmentFile } from './domain/answers.ts';
import type { AssessmentFile } from './domain/assessment-file.ts';
import { changesRequestProblem, emptyReview, reviewedFile, reviewFromForm, type Review } from './domain/review.ts';
import { allowedDecisions, scoreAssessment, withStricterDecision, type Decision, type Score, type ScreeningResult } from './domain/scoring.ts';
import { scoringInputOf } from './domain/assessment-file.ts';
import { nextAssessmentStatus, isoDay } from './domain/workflow.ts';
import { insertReview, needsGoLiveVerification, openReviewOf, recordConditionsVerified, registerScreeningOf, recordDecision, reviewsOf, setStatus, updateReview, versionsOf, type AssessmentRow, type ReviewRow } from './store.ts';

// The oversight body's side: open the review of a submitted version, evaluate it section by section
// (saved as it is written), then request changes or record the decision. The decision is scored on
// the reviewer's view (their re-estimates and mitigation acceptances); a reviewer may be stricter
// than the engine, never milder. An order to halt sets the deployment's status on the register.

type FormState = Record<string, string | string[]>;

/** The submitted version under review, as an export file dated on its submission. */
export async function submittedFile(q: Queryable, a: AssessmentRow): Promise<AssessmentFile> {
  const versions = await versionsOf(q, a.id);
  const v = versions.find((x) => x.number === a.version);
  if (!v) throw new DomainError('invalid_input', 'This assessment has no submitted version.');
  const built = buildAssessmentFile(definitionOf(a), v.answers, { title: a.title, deployment: a.deployment_slug, assessedOn: isoDay(v.submitted_at) });
  if (!built.ok) throw new DomainError('invalid_input', 'The submitted version does not read as a complete assessment.');
  return built.file;
}

/**
 * The scores of a version: as its author submitted it, and as the reviewer sees it (dated on the
 * decision). Both count the register's own screening of the deployment when it is stricter.
 */
export function scoresOf(file: AssessmentFile, review: Review, on: string, register: ScreeningResult): { author: Score; reviewer: Score } {
  return {
    author: scoreAssessment(scoringInputOf(file, register)),
    reviewer: scoreAssessment(scoringInputOf({ ...reviewedFile(file, review), assessment: { ...file.assessment, assessedOn: on } }, register)),
  };
}

export async function startReview(db: Database, actor: Member, id: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    requireReviewer(actor, a);
    const status = nextAssessmentStatus(a.status, 'start_review');
    if (!status) throw new DomainError('invalid_input', 'This assessment is not waiting for review.');
    const membership = actor.memberships.find((m) => m.role === 'oversight' && m.organisationId !== a.organisation_id)!;
    // A resubmission's review starts from the last one: the reviewer updates what changed.
    const last = (await reviewsOf(tx, id)).at(-1);
    await insertReview(tx, { id: randomUUID(), assessmentId: id, version: a.version, reviewerId: actor.userId, organisationId: membership.organisationId, content: last?.content ?? emptyReview() }, now);
    await setStatus(tx, id, status, now);
    await recordAudit(tx, { action: 'assessment.under_review', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { version: a.version } }, now);
  });
}

type ReviewResult = { ok: true } | { ok: false; errors: Record<string, string> };

async function openReview(tx: Queryable, actor: Member, id: string): Promise<{ a: AssessmentRow; review: ReviewRow; file: AssessmentFile }> {
  const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
  requireReviewer(actor, a);
  const review = a.status === 'under_review' ? await openReviewOf(tx, id) : undefined;
  if (!review) throw new DomainError('invalid_input', 'This assessment is not under review.');
  return { a, review, file: await submittedFile(tx, a) };
}

/** Saves the review as written so far. */
export async function saveReview(db: Database, actor: Member, id: string, state: FormState, now: Date): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const { a, review, file } = await openReview(tx, actor, id);
    const read = reviewFromForm(definitionOf(a), file, state);
    if (!read.ok) return read;
    await updateReview(tx, review.id, read.review, now);
    return { ok: true as const };
  });
}

/** Sends the version back to its authors with the review's evaluations and comments. */
export async function requestChanges(db: Database, actor: Member, id: string, state: FormState, now: Date): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const { a, review, file } = await openReview(tx, actor, id);
    const read = reviewFromForm(definitionOf(a), file, state);
    if (!read.ok) return read;
    const problem = changesRequestProblem(read.review);
    if (problem) return { ok: false as const, errors: { comment: problem } };
    await updateReview(tx, review.id, read.review, now, 'changes_requested');
    await setStatus(tx, id, nextAssessmentStatus(a.status, 'request_changes')!, now);
    await recordAudit(tx, { action: 'assessment.changes_requested', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { version: a.version, sections: Object.fromEntries(Object.entries(read.review.sections).map(([s, r]) => [s, r.evaluation])) } }, now);
    return { ok: true as const };
  });
}

export const DECISIONS: readonly Decision[] = ['halt', 'proceed_with_conditions', 'proceed'];

/** Records the oversight body's decision on the version under review. */
export async function decideAssessment(db: Database, actor: Member, id: string, state: FormState, now: Date): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const { a, review, file } = await openReview(tx, actor, id);
    const read = reviewFromForm(definitionOf(a), file, state);
    if (!read.ok) return read;
    const chosen = (Array.isArray(state.decision) ? state.decision.at(-1) : state.decision) ?? '';
    const { reviewer: engine } = scoresOf(file, read.review, isoDay(now), registerScreeningOf(a));
    if (!(DECISIONS as readonly string[]).includes(chosen)) return { ok: false as const, errors: { decision: 'required' } };
    if (!allowedDecisions(engine.decision).includes(chosen as Decision)) return { ok: false as const, errors: { decision: 'review_decision_too_mild' } };
    const decision = chosen as Decision;
    // A stricter decision than the engine's carries its own terms (conditions, re-assessment date).
    const score = withStricterDecision(engine, decision, isoDay(now));
    await updateReview(tx, review.id, read.review, now, 'decided');
    await recordDecision(tx, id, { decision, score, reassessBy: score.reassessBy, decidedBy: actor.userId }, now);
    if (decision === 'halt') {
      const org = actor.memberships.find((m) => m.organisationId === review.organisation_id) ?? actor.memberships[0]!;
      await haltDeployment(tx, a.deployment_slug, `Halted by order of ${org.organisationName} on ${isoDay(now)}, after the impact assessment “${a.title}”.`, { kind: 'member', organisation: org.organisationName, role: 'oversight' }, now);
    }
    await recordAudit(tx, { action: 'assessment.decided', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { version: a.version, decision, engine: engine.decision, overall: score.overall.residual, reassess_by: score.reassessBy } }, now);
    return { ok: true as const };
  });
}

/**
 * The oversight body records that it verified the conditions of a decision to proceed with
 * conditions, before the system goes live: once, saying what it checked.
 */
export async function verifyConditions(db: Database, actor: Member, id: string, note: string, now: Date): Promise<ReviewResult> {
  const text = note.trim();
  if (!text) return { ok: false, errors: { note: 'required' } };
  if (text.length > 4000) return { ok: false, errors: { note: 'too_long' } };
  return db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    requireReviewer(actor, a);
    if (!['decided', 'published', 'reassessment_due'].includes(a.status) || !needsGoLiveVerification(a)) {
      throw new DomainError('invalid_input', 'Only a decision to proceed with conditions has conditions to verify before go-live.');
    }
    if (a.conditions_verified_at) throw new DomainError('invalid_input', 'The conditions of this decision were verified already.');
    const org = actor.memberships.find((m) => m.role === 'oversight' && m.organisationId !== a.organisation_id)!;
    await recordConditionsVerified(tx, id, { by: actor.userId, organisation: org.organisationName, note: text }, now);
    await recordAudit(tx, { action: 'assessment.conditions_verified', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { version: a.version, organisation: org.organisationName } }, now);
    return { ok: true as const };
  });
}

