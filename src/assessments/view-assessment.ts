import type { Actor } from '../platform/auth/domain/roles.ts';
import type { Queryable } from '../platform/db/database.ts';
import { can } from '../platform/auth/domain/policy.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { canSee, definitionOf, isAuthor, isReviewer } from './access.ts';
import { answerSource, buildAssessmentFile, type Answers } from './domain/answers.ts';
import { aiActMapping, type AiActFria } from './domain/ai-act-mapping.ts';
import type { AssessmentFile } from './domain/assessment-file.ts';
import { scoringInputOf } from './domain/assessment-file.ts';
import { missingAnswers } from './domain/definition.ts';
import { scoreAssessment, stricterScreening, type Score } from './domain/scoring.ts';
import { reassessment, type Reassessment, isoDay } from './domain/workflow.ts';
import { submittedFile } from './review-assessment.ts';
import { assessmentsForOversight, assessmentsInForce, assessmentsOfDeployment, assessmentsOfOrganisations, findAssessment, registerScreeningOf, reviewsOf, versionsOf, type AssessmentRow } from './store.ts';
import { compareVersions } from './domain/compare.ts';

// Reading assessments for the pages: the working overview, the lists, a deployment's section, the
// exports. Re-assessment is computed when read (from the decision date, the band's date and the
// triggers), so an overdue mark never waits for a scheduled job.


export function reassessmentOf(a: AssessmentRow, now: Date): Reassessment | null {
  // A halted system has no re-assessment date, but a change (of law, model, vendor…) or a complaint
  // still calls for a new assessment before anyone proposes to deploy it again.
  if (!a.decided_at || a.status === 'superseded') return null;
  return reassessment({ decidedOn: isoDay(a.decided_at), reassessBy: a.reassess_by }, a.triggers, isoDay(now));
}

/**
 * The assessment with the status it is in today: a published one whose re-assessment is due (by
 * date or trigger) is "re-assessment due". Computed when read, from dates and logged triggers, so it
 * needs no scheduled job and never lags.
 */
export function asOfToday(a: AssessmentRow, now: Date): AssessmentRow {
  return a.status === 'published' && reassessmentOf(a, now)?.due ? { ...a, status: 'reassessment_due' } : a;
}

/** Required answers still missing, by section. */
export function progressOf(a: AssessmentRow): Record<string, number> {
  const progress: Record<string, number> = {};
  for (const m of missingAnswers(definitionOf(a), answerSource(a.answers))) progress[m.section] = (progress[m.section] ?? 0) + 1;
  return progress;
}

/** The score the overview shows: the decision's once decided, else a preview of the answers as they stand (when they read as a whole assessment). */
export function previewScore(a: AssessmentRow, now: Date): Score | null {
  if (a.decision_score) return a.decision_score;
  const built = buildAssessmentFile(definitionOf(a), a.answers, { title: a.title, deployment: a.deployment_slug, assessedOn: isoDay(now) });
  return built.ok ? scoreAssessment(scoringInputOf(built.file, registerScreeningOf(a))) : null;
}

export async function viewOverview(db: Queryable, actor: Actor, a: AssessmentRow) {
  return {
    versions: await versionsOf(db, a.id),
    reviews: await reviewsOf(db, a.id),
    canWrite: isAuthor(actor, a),
    canReview: isReviewer(actor, a),
  };
}

/** What a deployment's page shows: published findings (overdue marked), and a member's own assessments. */
export async function viewDeploymentAssessments(db: Queryable, deploymentId: string, actor: Actor, now: Date) {
  const writers = actor.kind === 'member' ? actor.memberships.filter((m) => m.role === 'contributor' || m.role === 'editor').map((m) => m.organisationId) : [];
  const all = actor.kind === 'member' ? await assessmentsOfDeployment(db, deploymentId, { organisationIds: writers, oversight: false }) : await assessmentsOfDeployment(db, deploymentId, null);
  return {
    published: all.filter((a) => a.published_at).map((a) => ({ a, overdue: reassessmentOf(a, now)?.overdue ?? false })),
    mine: all.filter((a) => !a.published_at && writers.includes(a.organisation_id)),
    canStart: can(actor, 'assessment.write'),
  };
}

/** A member's lists: their organisations' assessments; for oversight members, the queue and every assessment in force with its due state. */
export async function viewAssessmentLists(db: Queryable, actor: Extract<Actor, { kind: 'member' }>, now: Date) {
  const writerOrgs = actor.memberships.filter((m) => m.role === 'contributor' || m.role === 'editor').map((m) => m.organisationId);
  const oversightOrgs = actor.memberships.filter((m) => m.role === 'oversight').map((m) => m.organisationId);
  const withDue = (a: AssessmentRow) => {
    const r = reassessmentOf(a, now);
    return { a: asOfToday(a, now), due: r?.due ?? false, overdue: r?.overdue ?? false };
  };
  const isOversight = oversightOrgs.length > 0;
  return {
    mine: writerOrgs.length ? (await assessmentsOfOrganisations(db, writerOrgs)).map(withDue) : [],
    queue: isOversight ? (await assessmentsForOversight(db, oversightOrgs)).map(withDue) : [],
    inForce: isOversight ? (await assessmentsInForce(db, 5000)).filter((a) => !oversightOrgs.includes(a.organisation_id)).map(withDue) : [],
    isWriter: writerOrgs.length > 0,
    isOversight,
  };
}

/**
 * The export (safeguard.assessment/1) a visitor may have: the public one of a published assessment
 * is its findings' answers only (withheld ones left out); the assessing organisation and its
 * reviewers get the latest version, or the draft's answers when they read as a whole.
 */
export async function exportableFile(db: Queryable, actor: Actor, a: AssessmentRow, now: Date): Promise<AssessmentFile> {
  if (!canSee(actor, a)) throw notFound('assessment');
  const insider = isAuthor(actor, a) || isReviewer(actor, a);
  const draft = insider ? buildAssessmentFile(definitionOf(a), a.answers, { title: a.title, deployment: a.deployment_slug, assessedOn: isoDay(now) }) : null;
  let file: AssessmentFile;
  if (draft?.ok && (a.status === 'draft' || a.status === 'changes_requested' || a.version === 0)) file = draft.file;
  else if (a.version > 0) file = await submittedFile(db, a);
  else throw new DomainError('invalid_input', 'This draft is not complete enough to export yet: answer the questions its overview lists.');
  if (!insider) {
    const published = a.published!.answers;
    file = { ...file, answers: Object.fromEntries(Object.entries(file.answers).filter(([q]) => q in published)) };
  }
  // The screening the platform scores: the register's when it is stricter than the answer, so
  // that \`safeguard assessment score\` on the export reaches the platform's decision.
  file = { ...file, screening: stricterScreening(file.screening, registerScreeningOf(a)) as AssessmentFile['screening'] };
  // A mitigation's acceptance is the reviewer's: the latest review's, or pending.
  const review = (await reviewsOf(db, a.id)).filter((r) => r.outcome !== null).at(-1);
  return { ...file, mitigations: file.mitigations.map((m) => ({ ...m, review: review?.content.mitigations[m.id] ?? 'pending' })) };
}

/** The AI Act mapping of what the visitor may see of an assessment. */
export async function viewAiActMapping(db: Queryable, actor: Actor, a: AssessmentRow, now: Date): Promise<AiActFria> {
  const file = await exportableFile(db, actor, a, now);
  const score = a.decision_score ?? scoreAssessment(scoringInputOf(file, registerScreeningOf(a)));
  const [deployer] = await db.query<{ name: string; country: string | null; website: string | null }>(
    'SELECT o.name, o.country, o.website FROM register.deployments d JOIN register.organisations o ON o.id = d.deployer_id WHERE d.id = $1', [a.deployment_id],
  );
  return aiActMapping(file, score, deployer ? { deployer } : {});
}

/**
 * This edition of an assessment beside the one it repeats. Its authors and reviewers compare their
 * latest submitted versions (or the draft being written); anyone else compares what both published,
 * leaving out what either withheld. Null when there is nothing the actor may compare.
 */
export async function viewEditionComparison(db: Queryable, actor: Actor, a: AssessmentRow) {
  const previous = a.previous_id ? await findAssessment(db, a.previous_id) : undefined;
  if (!previous) return null;
  // The latest submitted version; for the edition being written, the answers as they stand.
  const latest = async (x: AssessmentRow) => (x.status === 'draft' || x.status === 'changes_requested' ? undefined : (await versionsOf(db, x.id)).at(-1)?.answers) ?? x.answers;
  if (isAuthor(actor, a) || isReviewer(actor, a)) {
    return { previous, changes: compareVersions(definitionOf(a), await latest(previous), await latest(a)), published: false };
  }
  if (!a.published || !previous.published) return null;
  const withheld = new Set([...a.published.redactions, ...previous.published.redactions].map((r) => r.question));
  const shown = (answers: Answers) => Object.fromEntries(Object.entries(answers).filter(([q]) => !withheld.has(q)));
  return { previous, changes: compareVersions(definitionOf(a), shown(previous.published.answers), shown(a.published.answers)), published: true };
}

