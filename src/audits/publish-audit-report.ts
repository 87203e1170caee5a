import { recordAudit } from '../platform/audit-log/store.ts';
import { can } from '../platform/auth/domain/policy.ts';
import { auditActorOf, type Actor } from '../platform/auth/domain/roles.ts';
import type { Database } from '../platform/db/database.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { discardJob, findJob, markPublished, saveMapping } from './store.ts';
import { readMapping, type MappingValues } from './domain/column-mapping.ts';
import { triggerReassessment } from '../assessments/record-trigger.ts';

// What members do with an audit job once its file is uploaded: map its columns (which queues it),
// discard it, and — an editor other than the uploader — publish its report on the deployment's page.

type Member = Extract<Actor, { kind: 'member' }>;

async function jobFor(db: Database, id: string) {
  const job = await findJob(db, id);
  if (!job) throw notFound('audit');
  return job;
}

/** Saves the column mapping of an uploaded file and queues its audit; returns the form's problems otherwise. */
export async function mapColumns(db: Database, actor: Member, id: string, values: MappingValues, now: Date): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const job = await jobFor(db, id);
  if (!can(actor, 'audit.upload', { organisationId: job.organisation_id })) throw forbidden('This upload belongs to another organisation.');
  if (job.status !== 'uploaded') return { ok: false, errors: { protected: 'audit_not_awaiting_mapping' } };
  const result = readMapping(values, job.columns);
  if (!result.ok) return result;
  await db.transaction(async (tx) => {
    if (!(await saveMapping(tx, id, result.mapping))) throw forbidden('This upload is not waiting for its columns any more.');
    await recordAudit(tx, { action: 'audit.queued', actor: auditActorOf(actor), subjectType: 'audit', subjectId: id, details: { protected: result.mapping.protected, outcome: result.mapping.outcome, label: result.mapping.label, min_cell: result.mapping.minCell, round: result.mapping.round } }, now);
  });
  return { ok: true };
}

/** Discards an upload that was not mapped; the caller deletes its file. */
export async function discardUpload(db: Database, actor: Member, id: string, now: Date): Promise<boolean> {
  const job = await jobFor(db, id);
  if (!can(actor, 'audit.upload', { organisationId: job.organisation_id })) throw forbidden('This upload belongs to another organisation.');
  return db.transaction(async (tx) => {
    if (!(await discardJob(tx, id, now))) return false;
    await recordAudit(tx, { action: 'audit.discarded', actor: auditActorOf(actor), subjectType: 'audit', subjectId: id, details: {} }, now);
    return true;
  });
}

/**
 * Publishes a finished audit's report (the suppressed version, the only one kept) on its
 * deployment's page and in the API. Four eyes: an editor other than the uploader. The deployment
 * gets a public change, so cached pages and the feed show it.
 */
export async function publishAuditReport(db: Database, actor: Member, id: string, now: Date): Promise<{ ok: true } | { ok: false; error: 'audit_not_done' | 'audit_published_already' }> {
  const job = await jobFor(db, id);
  if (!can(actor, 'audit.publish', { authorId: job.created_by })) throw forbidden('An editor other than the person who uploaded the log publishes its audit.');
  if (job.published_at) return { ok: false, error: 'audit_published_already' };
  if (job.status !== 'done' || !job.report) return { ok: false, error: 'audit_not_done' };
  await db.transaction(async (tx) => {
    if (!(await markPublished(tx, id, actor.userId, now))) throw forbidden('This audit cannot be published.');
    await tx.query(
      `INSERT INTO register.changes (occurred_at, record_type, record_id, slug, title, action) VALUES ($1, 'deployment', $2, $3, $4, 'updated')`,
      [now, job.deployment_id, job.deployment_slug, job.deployment_title],
    );
    await recordAudit(tx, { action: 'audit.published', actor: auditActorOf(actor), subjectType: 'audit', subjectId: id, details: { deployment: job.deployment_slug } }, now);
    // A published audit with flagged findings calls the deployment's impact assessments into question.
    if (job.report!.findings.length) {
      await triggerReassessment(tx, job.deployment_id, { kind: 'audit_flagged', note: `/audits/${id}` }, { kind: 'system', name: 'audit publication' }, now);
    }
  });
  return { ok: true };
}
