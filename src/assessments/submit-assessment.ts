import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import type { Database } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { definitionOf, requireAuthor, visibleAssessment, type Member } from './access.ts';
import { answerSource, buildAssessmentFile, type FileProblem } from './domain/answers.ts';
import { crossAnswerProblems } from './domain/consistency.ts';
import { missingAnswers, type MissingAnswer } from './domain/definition.ts';
import { nextAssessmentStatus, isoDay } from './domain/workflow.ts';
import type { AssessmentRow } from './store.ts';
import { insertVersion, setStatus } from './store.ts';

export type SubmissionCheck = { ok: true } | { ok: false; missing: MissingAnswer[]; problems: FileProblem[] };


/** The export of an assessment's answers as they stand (dated today), or what stops it. */
export function assessmentFileOf(a: Pick<AssessmentRow, 'definition_id' | 'definition_version' | 'answers' | 'title' | 'deployment_slug'>, assessedOn: string) {
  return buildAssessmentFile(definitionOf(a), a.answers, { title: a.title, deployment: a.deployment_slug, assessedOn });
}

/** Whether the answers can be submitted: every required answer given and every fact the scoring reads well formed. */
export function checkSubmission(a: AssessmentRow, now: Date): SubmissionCheck {
  const definition = definitionOf(a);
  const missing = missingAnswers(definition, answerSource(a.answers));
  const built = assessmentFileOf(a, isoDay(now));
  // A missing answer is listed once, as missing, not again as a problem of the export.
  const missingAnchors = new Set(missing.map((m) => m.anchor));
  const problems = [...(built.ok ? [] : built.problems.filter((p) => !missingAnchors.has(p.anchor))), ...crossAnswerProblems(a.answers)];
  return missing.length || problems.length ? { ok: false, missing, problems } : { ok: true };
}

/** Submits a draft (or resubmits after changes were requested): the answers become a numbered version, sent to oversight. */
export async function submitAssessment(db: Database, actor: Member, id: string, now: Date): Promise<SubmissionCheck> {
  return db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    requireAuthor(actor, a);
    const step = a.status === 'changes_requested' ? 'resubmit' : 'submit';
    const status = nextAssessmentStatus(a.status, step);
    if (!status) throw new DomainError('invalid_input', 'This assessment is not a draft: it cannot be submitted.');
    const check = checkSubmission(a, now);
    if (!check.ok) return check;
    const number = a.version + 1;
    await insertVersion(tx, { assessmentId: id, number, answers: a.answers, submittedBy: actor.userId }, now);
    await setStatus(tx, id, status, now, { version: number });
    await recordAudit(tx, { action: `assessment.${status}`, actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { version: number } }, now);
    return { ok: true };
  });
}
