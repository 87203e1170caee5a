import type { Queryable } from '../platform/db/database.ts';
import type { Answers } from './domain/answers.ts';
import type { PublishedFindings } from './domain/findings.ts';
import type { Review } from './domain/review.ts';
import type { Decision, Score, ScreeningResult, ScreeningVerdict } from './domain/scoring.ts';
import type { AssessmentStatus, Trigger } from './domain/workflow.ts';

// The SQL of impact assessments (schema assessments, migration 0013).

export type AssessmentRow = {
  id: string;
  deployment_id: string;
  deployment_slug: string;
  deployment_title: string;
  organisation_id: string;
  organisation_name: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  title: string;
  definition_id: string;
  definition_version: string;
  previous_id: string | null;
  edition: number;
  status: AssessmentStatus;
  answers: Answers;
  version: number;
  decision: Decision | null;
  decision_score: Score | null;
  decided_at: Date | null;
  decided_by: string | null;
  reassess_by: string | null;
  published: PublishedFindings | null;
  published_at: Date | null;
  published_by: string | null;
  triggers: Trigger[];
  /** The oversight body's verification of the conditions before go-live (a decision to proceed with conditions). */
  conditions_verified_at: Date | null;
  conditions_verified_organisation: string | null;
  conditions_verification: string | null;
  /** The register's current red-line screening of the deployment (its verdict, and the letters found). */
  register_verdict: ScreeningVerdict;
  register_red_lines: string[];
};

/** Whether the decision requires the oversight body to verify its conditions before the system goes live. */
export const needsGoLiveVerification = (a: AssessmentRow): boolean =>
  a.decision === 'proceed_with_conditions' && !!a.decision_score?.conditions.includes('conditions_verified_before_go_live');

export async function recordConditionsVerified(q: Queryable, id: string, v: { by: string; organisation: string; note: string }, now: Date) {
  await q.query(
    'UPDATE assessments.assessments SET conditions_verified_at = $2, conditions_verified_by = $3, conditions_verified_organisation = $4, conditions_verification = $5, updated_at = $2 WHERE id = $1',
    [id, now, v.by, v.organisation, v.note],
  );
}

/** The register's screening of an assessment's deployment, as the scoring takes it. */
export const registerScreeningOf = (a: AssessmentRow): ScreeningResult => ({
  verdict: a.register_verdict,
  redLines: a.register_verdict === 'red_line' ? a.register_red_lines.filter((x) => x.length === 1).sort() : [],
});

const SELECT = `
  SELECT a.id, a.deployment_id, d.slug AS deployment_slug, d.title AS deployment_title, a.organisation_id, o.name AS organisation_name,
    a.created_by, a.created_at, a.updated_at, a.title, a.definition_id, a.definition_version, a.previous_id, a.edition, a.status,
    a.answers, a.version, a.decision, a.decision_score, a.decided_at, a.decided_by, to_char(a.reassess_by, 'YYYY-MM-DD') AS reassess_by,
    a.published, a.published_at, a.published_by, a.triggers,
    a.conditions_verified_at, a.conditions_verified_organisation, a.conditions_verification,
    d.red_line_verdict AS register_verdict, d.facet_red_lines AS register_red_lines
  FROM assessments.assessments a
  JOIN register.deployments d ON d.id = a.deployment_id
  JOIN accounts.organisations o ON o.id = a.organisation_id`;

export async function insertAssessment(q: Queryable, a: { id: string; deploymentId: string; organisationId: string; createdBy: string; title: string; definitionId: string; definitionVersion: string; previousId: string | null; edition: number; answers: Answers }, now: Date) {
  await q.query(
    `INSERT INTO assessments.assessments (id, deployment_id, organisation_id, created_by, created_at, updated_at, title, definition_id, definition_version, previous_id, edition, status, answers)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, 'draft', $11)`,
    [a.id, a.deploymentId, a.organisationId, a.createdBy, now, a.title, a.definitionId, a.definitionVersion, a.previousId, a.edition, JSON.stringify(a.answers)],
  );
}

export async function findAssessment(q: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<AssessmentRow | undefined> {
  return (await q.query<AssessmentRow>(`${SELECT} WHERE a.id = $1${opts.forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]))[0];
}

/** A deployment's assessments, newest first: the published ones, and for members of the given organisations (or oversight) their others too. */
export async function assessmentsOfDeployment(q: Queryable, deploymentId: string, visibleTo: { organisationIds: string[]; oversight: boolean } | null): Promise<AssessmentRow[]> {
  if (!visibleTo) return q.query<AssessmentRow>(`${SELECT} WHERE a.deployment_id = $1 AND a.published_at IS NOT NULL ORDER BY a.created_at DESC`, [deploymentId], { prepare: true });
  return q.query<AssessmentRow>(
    `${SELECT} WHERE a.deployment_id = $1 AND (a.published_at IS NOT NULL OR a.organisation_id = ANY($2::uuid[]) OR ($3 AND a.status <> 'draft'))
     ORDER BY a.created_at DESC`,
    [deploymentId, visibleTo.organisationIds, visibleTo.oversight],
    { prepare: true },
  );
}

/** Assessments of the given organisations (their writers' list), newest change first. */
export function assessmentsOfOrganisations(q: Queryable, organisationIds: string[]): Promise<AssessmentRow[]> {
  return q.query<AssessmentRow>(`${SELECT} WHERE a.organisation_id = ANY($1::uuid[]) ORDER BY a.updated_at DESC LIMIT 500`, [organisationIds]);
}

/** What an oversight body's members work on: submitted, in review or waiting for resubmission, decided but unpublished; not their own organisation's. */
export function assessmentsForOversight(q: Queryable, excludeOrganisationIds: string[]): Promise<AssessmentRow[]> {
  return q.query<AssessmentRow>(
    `${SELECT} WHERE a.status IN ('submitted', 'resubmitted', 'under_review', 'changes_requested', 'decided') AND NOT (a.organisation_id = ANY($1::uuid[]))
     ORDER BY a.updated_at ASC LIMIT 500`,
    [excludeOrganisationIds],
  );
}

/**
 * Published assessments still in force (published or due again), the soonest due first: the
 * candidates for the overdue list (the first `limit`), or all of them.
 */
export function assessmentsInForce(q: Queryable, limit?: number): Promise<AssessmentRow[]> {
  return q.query<AssessmentRow>(`${SELECT} WHERE a.status IN ('published', 'reassessment_due') ORDER BY a.reassess_by ASC NULLS LAST, a.id${limit ? ` LIMIT ${Math.trunc(limit)}` : ''}`);
}

export async function saveAnswers(q: Queryable, id: string, answers: Answers, title: string, now: Date) {
  await q.query('UPDATE assessments.assessments SET answers = $2, title = $3, updated_at = $4 WHERE id = $1', [id, JSON.stringify(answers), title, now]);
}

export async function setStatus(q: Queryable, id: string, status: AssessmentStatus, now: Date, extra: { version?: number } = {}) {
  await q.query('UPDATE assessments.assessments SET status = $2, updated_at = $3, version = coalesce($4, version) WHERE id = $1', [id, status, now, extra.version ?? null]);
}

export async function insertVersion(q: Queryable, v: { assessmentId: string; number: number; answers: Answers; submittedBy: string }, now: Date) {
  await q.query('INSERT INTO assessments.versions (assessment_id, number, answers, submitted_at, submitted_by) VALUES ($1, $2, $3, $4, $5)', [
    v.assessmentId, v.number, JSON.stringify(v.answers), now, v.submittedBy,
  ]);
}

export type VersionRow = { number: number; answers: Answers; submitted_at: Date; submitted_by: string };
export function versionsOf(q: Queryable, assessmentId: string): Promise<VersionRow[]> {
  return q.query<VersionRow>('SELECT number, answers, submitted_at, submitted_by FROM assessments.versions WHERE assessment_id = $1 ORDER BY number', [assessmentId]);
}

export type ReviewRow = { id: string; version: number; reviewer_id: string; reviewer_name: string; organisation_id: string; organisation_name: string; started_at: Date; updated_at: Date; content: Review; outcome: 'changes_requested' | 'decided' | null; closed_at: Date | null };
const REVIEW_SELECT = `
  SELECT r.id, r.version, r.reviewer_id, u.display_name AS reviewer_name, r.organisation_id, o.name AS organisation_name, r.started_at, r.updated_at, r.content, r.outcome, r.closed_at
  FROM assessments.reviews r JOIN accounts.users u ON u.id = r.reviewer_id JOIN accounts.organisations o ON o.id = r.organisation_id`;

export function reviewsOf(q: Queryable, assessmentId: string): Promise<ReviewRow[]> {
  return q.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.assessment_id = $1 ORDER BY r.started_at`, [assessmentId]);
}

export async function openReviewOf(q: Queryable, assessmentId: string): Promise<ReviewRow | undefined> {
  return (await q.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.assessment_id = $1 AND r.outcome IS NULL`, [assessmentId]))[0];
}

export async function insertReview(q: Queryable, r: { id: string; assessmentId: string; version: number; reviewerId: string; organisationId: string; content: Review }, now: Date) {
  await q.query(
    `INSERT INTO assessments.reviews (id, assessment_id, version, reviewer_id, organisation_id, started_at, updated_at, content) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [r.id, r.assessmentId, r.version, r.reviewerId, r.organisationId, now, JSON.stringify(r.content)],
  );
}

export async function updateReview(q: Queryable, id: string, content: Review, now: Date, outcome?: 'changes_requested' | 'decided') {
  await q.query('UPDATE assessments.reviews SET content = $2, updated_at = $3::timestamptz, outcome = $4::text, closed_at = CASE WHEN $4::text IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1', [
    id, JSON.stringify(content), now, outcome ?? null,
  ]);
}

export async function recordDecision(q: Queryable, id: string, d: { decision: Decision; score: Score; reassessBy: string | null; decidedBy: string }, now: Date) {
  await q.query(
    `UPDATE assessments.assessments SET status = 'decided', decision = $2, decision_score = $3, reassess_by = $4, decided_at = $5, decided_by = $6, updated_at = $5 WHERE id = $1`,
    [id, d.decision, JSON.stringify(d.score), d.reassessBy, now, d.decidedBy],
  );
}

export async function recordPublication(q: Queryable, id: string, findings: PublishedFindings, publishedBy: string, now: Date) {
  await q.query(`UPDATE assessments.assessments SET status = 'published', published = $2, published_at = $3, published_by = $4, updated_at = $3 WHERE id = $1`, [
    id, JSON.stringify(findings), now, publishedBy,
  ]);
}
