import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import type { Database } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { definitionOf, requireReviewer, visibleAssessment, type Member } from './access.ts';
import { composeFindings, redactionsFromForm } from './domain/findings.ts';
import { nextAssessmentStatus, isoDay } from './domain/workflow.ts';
import { scoresOf, submittedFile } from './review-assessment.ts';
import { recordPublication, registerScreeningOf, reviewsOf, versionsOf } from './store.ts';


/**
 * Publishes a decided assessment's findings: the decision, the scores, the review, and the answers
 * minus those withheld, each withheld one logged with its reason. The deployment's page shows it.
 */
export async function publishAssessment(db: Database, actor: Member, id: string, state: Record<string, string | string[]>, now: Date):
  Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  return db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    requireReviewer(actor, a);
    const status = nextAssessmentStatus(a.status, 'publish');
    if (!status || !a.decision || !a.decided_at) throw new DomainError('invalid_input', 'Only a decided assessment is published.');
    const definition = definitionOf(a);
    const read = redactionsFromForm(definition, state);
    if (!read.ok) return read;
    const file = await submittedFile(tx, a);
    const review = (await reviewsOf(tx, id)).filter((r) => r.outcome === 'decided').at(-1);
    if (!review) throw new DomainError('invalid_input', 'This assessment has no decided review.');
    const version = (await versionsOf(tx, id)).find((v) => v.number === a.version)!;
    const scores = scoresOf(file, review.content, isoDay(a.decided_at), registerScreeningOf(a));
    const findings = composeFindings({
      definition, file, answers: version.answers, review: review.content, score: a.decision_score ?? scores.reviewer, authorScore: scores.author, redactions: read.redactions,
      meta: {
        deployment: { slug: a.deployment_slug, title: a.deployment_title }, organisation: a.organisation_name, edition: a.edition, version: a.version,
        decision: a.decision, decidedOn: isoDay(a.decided_at), reassessBy: a.reassess_by, publishedOn: isoDay(now),
      },
    });
    await recordPublication(tx, id, findings, actor.userId, now);
    await tx.query(`INSERT INTO register.changes (occurred_at, record_type, record_id, slug, title, action) VALUES ($1, 'deployment', $2, $3, $4, 'updated')`, [
      now, a.deployment_id, a.deployment_slug, a.deployment_title,
    ]);
    await recordAudit(tx, { action: 'assessment.published', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { decision: a.decision, withheld: read.redactions } }, now);
    return { ok: true as const };
  });
}
