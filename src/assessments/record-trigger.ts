import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import type { Database, Queryable } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { isAuthor, isReviewer, visibleAssessment, type Member } from './access.ts';
import type { RegisterChanges } from '../register/store/write.ts';
import { isoDay, TRIGGERS, type Trigger } from './domain/workflow.ts';

// A change since the decision that calls for a new assessment: recorded by the assessing
// organisation or the oversight body (a new model, new data, a change of law, a complaint), or by
// the platform itself when the register sees it (a changed profile, a published audit with flagged
// findings). The assessment falls due at once, and is overdue 90 days later (workflow.ts).

const IN_FORCE = `status IN ('decided', 'published', 'reassessment_due')`;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds a trigger dated today to every assessment of a deployment that is in force (inside the caller's transaction); returns their ids. */
export async function triggerReassessment(tx: Queryable, deploymentId: string, change: Omit<Trigger, 'on'>, actor: Parameters<typeof auditActorOf>[0], now: Date): Promise<string[]> {
  const trigger: Trigger = { ...change, on: isoDay(now) };
  const rows = await tx.query<{ id: string }>(
    `UPDATE assessments.assessments SET triggers = triggers || $2::jsonb, updated_at = $3 WHERE deployment_id = $1 AND ${IN_FORCE} RETURNING id`,
    [deploymentId, JSON.stringify([trigger]), now],
  );
  for (const r of rows) {
    await recordAudit(tx, { action: 'assessment.triggered', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: r.id, details: { kind: trigger.kind, on: trigger.on } }, now);
  }
  return rows.map((r) => r.id);
}

/**
 * The triggers the register's own writes set (inside their transaction): a deployment whose
 * profile changed, and every deployment of a technology whose developers or vendors changed.
 * One statement per kind, however many records the write touched; returns the assessments' ids.
 */
export async function triggerRegisterChanges(tx: Queryable, changed: RegisterChanges, actor: Parameters<typeof auditActorOf>[0], now: Date): Promise<string[]> {
  const on = isoDay(now);
  const ids: string[] = [];
  const kinds: [Trigger['kind'], string, string[]][] = [
    ['profile_changed', 'deployment_id = ANY($1::uuid[])', changed.profileChanged],
    ['vendor_changed', 'deployment_id IN (SELECT id FROM register.deployments WHERE technology_id = ANY($1::uuid[]))', changed.vendorsChanged],
  ];
  for (const [kind, where, of] of kinds) {
    if (!of.length) continue;
    const rows = await tx.query<{ id: string; slug: string }>(
      `UPDATE assessments.assessments a SET triggers = a.triggers || jsonb_build_array(jsonb_build_object('kind', $2::text, 'on', $3::text, 'note', '/deployments/' || d.slug || '/history')), updated_at = $4
       FROM register.deployments d WHERE d.id = a.deployment_id AND a.${where} AND a.${IN_FORCE} RETURNING a.id, d.slug`,
      [of, kind, on, now],
    );
    for (const r of rows) {
      await recordAudit(tx, { action: 'assessment.triggered', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: r.id, details: { kind, on } }, now);
      ids.push(r.id);
    }
  }
  return ids;
}

/** A member's record of a change, from the assessment's page; errors by field name. */
export async function recordTrigger(db: Database, actor: Member, id: string, input: { kind: string; on: string; note: string }, now: Date): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  if (!(TRIGGERS as readonly string[]).includes(input.kind)) errors.kind = 'choice_invalid';
  const on = input.on.trim() || isoDay(now);
  if (!ISO_DATE.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`)) || on > isoDay(now)) errors.on = 'date_invalid';
  const note = input.note.trim();
  if (note.length > 2000) errors.note = 'too_long';
  if (Object.keys(errors).length) return { ok: false, errors };
  return db.transaction(async (tx) => {
    const a = await visibleAssessment(tx, actor, id, { forUpdate: true });
    if (!isAuthor(actor, a) && !isReviewer(actor, a)) throw new DomainError('forbidden', 'The assessing organisation or the oversight body records what changed.');
    if (!['decided', 'published', 'reassessment_due'].includes(a.status)) throw new DomainError('invalid_input', 'Only a decided assessment falls due again.');
    const trigger: Trigger = { kind: input.kind as Trigger['kind'], on, ...(note ? { note } : {}) };
    await tx.query(`UPDATE assessments.assessments SET triggers = triggers || $2::jsonb, updated_at = $3 WHERE id = $1`, [id, JSON.stringify([trigger]), now]);
    await recordAudit(tx, { action: 'assessment.triggered', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { kind: trigger.kind, on } }, now);
    return { ok: true as const };
  });
}
