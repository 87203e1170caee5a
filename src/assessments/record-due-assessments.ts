import { recordAudit } from '../platform/audit-log/store.ts';
import type { Database } from '../platform/db/database.ts';
import { isoDay } from './domain/workflow.ts';
import { assessmentsInForce, findAssessment } from './store.ts';
import { reassessmentOf } from './view-assessment.ts';

// A published assessment falls due for re-assessment by date or on a trigger. Pages compute that
// when they are read, so a mark never lags; this records the transition itself in the audit log,
// once per assessment and reason: run when the server starts and then every hour.

const SYSTEM = { kind: 'system' as const, name: 'safeguard' };

/** Logs every assessment in force that is due and not yet logged as due for that reason; returns how many entries it wrote. */
export async function recordDueAssessments(db: Database, now: Date): Promise<number> {
  let written = 0;
  for (const candidate of await assessmentsInForce(db)) {
    if (!reassessmentOf(candidate, now)?.due) continue;
    written += await db.transaction(async (tx) => {
      // Locked and read again, so two servers on one database log each reason once.
      const a = await findAssessment(tx, candidate.id, { forUpdate: true });
      const r = a && (a.status === 'published' || a.status === 'reassessment_due') ? reassessmentOf(a, now) : null;
      if (!a || !r?.due) return 0;
      const reasons = r.reasons.map((x) => (x.kind === 'date' ? `date:${x.by}` : `trigger:${x.trigger.kind}:${x.trigger.on}`));
      const logged = new Set((await tx.query<{ reason: string }>(
        `SELECT details->>'reason' AS reason FROM audit.log WHERE action = 'assessment.reassessment_due' AND subject_type = 'assessment' AND subject_id = $1`, [a.id],
      )).map((x) => x.reason));
      let n = 0;
      for (const reason of reasons) {
        if (logged.has(reason)) continue;
        await recordAudit(tx, { action: 'assessment.reassessment_due', actor: SYSTEM, subjectType: 'assessment', subjectId: a.id, details: { reason, on: isoDay(now), overdue: r.overdue } }, now);
        n++;
      }
      return n;
    });
  }
  return written;
}
