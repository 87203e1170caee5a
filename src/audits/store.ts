import type { Queryable } from '../platform/db/database.ts';
import type { Mapping } from './domain/column-mapping.ts';
import type { AuditReport } from './domain/report.ts';

// The SQL of the platform's audit jobs (audits.jobs).

export type JobStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'discarded';

export type AuditJob = {
  id: string;
  deployment_id: string;
  deployment_slug: string;
  deployment_title: string;
  organisation_id: string;
  created_by: string;
  created_at: Date;
  file_name: string;
  file_format: 'csv' | 'parquet' | 'jsonl';
  file_bytes: number;
  columns: string[];
  mapping: Mapping | null;
  status: JobStatus;
  progress: number;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  file_deleted_at: Date | null;
  report: AuditReport | null;
  published_at: Date | null;
  published_by: string | null;
};

const SELECT = `
  SELECT j.id, j.deployment_id, d.slug AS deployment_slug, d.title AS deployment_title, j.organisation_id, j.created_by, j.created_at,
    j.file_name, j.file_format, j.file_bytes::float8 AS file_bytes, j.columns, j.mapping, j.status, j.progress, j.error, j.started_at,
    j.finished_at, j.file_deleted_at, j.report, j.published_at, j.published_by
  FROM audits.jobs j JOIN register.deployments d ON d.id = j.deployment_id`;

export async function insertJob(q: Queryable, job: Pick<AuditJob, 'id' | 'deployment_id' | 'organisation_id' | 'created_by' | 'created_at' | 'file_name' | 'file_format' | 'file_bytes' | 'columns'>): Promise<void> {
  await q.query(
    `INSERT INTO audits.jobs (id, deployment_id, organisation_id, created_by, created_at, file_name, file_format, file_bytes, columns, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'uploaded')`,
    [job.id, job.deployment_id, job.organisation_id, job.created_by, job.created_at, job.file_name, job.file_format, job.file_bytes, JSON.stringify(job.columns)],
  );
}

export async function findJob(q: Queryable, id: string): Promise<AuditJob | undefined> {
  return (await q.query<AuditJob>(`${SELECT} WHERE j.id = $1`, [id]))[0];
}

/** A deployment's jobs, newest first: published ones only, or (for members) those of the given organisations and every published one. */
export async function jobsOfDeployment(q: Queryable, deploymentId: string, organisationIds: string[] | null): Promise<AuditJob[]> {
  if (organisationIds === null) return q.query<AuditJob>(`${SELECT} WHERE j.deployment_id = $1 AND j.published_at IS NOT NULL ORDER BY j.published_at DESC`, [deploymentId], { prepare: true });
  return q.query<AuditJob>(
    `${SELECT} WHERE j.deployment_id = $1 AND (j.published_at IS NOT NULL OR j.organisation_id = ANY($2::uuid[])) AND j.status <> 'discarded' ORDER BY j.created_at DESC`,
    [deploymentId, organisationIds],
    { prepare: true },
  );
}

/** Published audits, newest first, optionally of one deployment. */
export async function publishedJobs(q: Queryable, filter: { deploymentSlug?: string }, page: { limit: number; offset: number }): Promise<{ total: number; items: AuditJob[] }> {
  const where = `j.published_at IS NOT NULL${filter.deploymentSlug ? ' AND d.slug = $3' : ''}`;
  const params: unknown[] = [page.limit, page.offset, ...(filter.deploymentSlug ? [filter.deploymentSlug] : [])];
  const items = await q.query<AuditJob>(`${SELECT} WHERE ${where} ORDER BY j.published_at DESC, j.id LIMIT $1 OFFSET $2`, params);
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audits.jobs j JOIN register.deployments d ON d.id = j.deployment_id WHERE ${where.replace('$3', '$1')}`,
    filter.deploymentSlug ? [filter.deploymentSlug] : [],
  );
  return { total: row!.n, items };
}

export async function saveMapping(q: Queryable, id: string, mapping: Mapping): Promise<boolean> {
  const rows = await q.query(`UPDATE audits.jobs SET mapping = $2, status = 'queued' WHERE id = $1 AND status = 'uploaded' RETURNING id`, [id, JSON.stringify(mapping)]);
  return rows.length === 1;
}

/** Takes the oldest queued job, if any, and marks it running. */
export async function claimNextJob(q: Queryable, now: Date): Promise<AuditJob | undefined> {
  const rows = await q.query<{ id: string }>(
    `UPDATE audits.jobs SET status = 'running', started_at = $1, progress = 0
     WHERE id = (SELECT id FROM audits.jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [now],
  );
  return rows[0] ? findJob(q, rows[0].id) : undefined;
}

export async function setProgress(q: Queryable, id: string, progress: number): Promise<void> {
  await q.query(`UPDATE audits.jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, Math.max(0, Math.min(100, progress))]);
}

export async function finishJob(q: Queryable, id: string, outcome: { report: AuditReport } | { error: string }, now: Date): Promise<void> {
  if ('report' in outcome) {
    await q.query(`UPDATE audits.jobs SET status = 'done', progress = 100, report = $2, finished_at = $3, file_deleted_at = $3 WHERE id = $1`, [id, JSON.stringify(outcome.report), now]);
  } else {
    await q.query(`UPDATE audits.jobs SET status = 'failed', error = $2, finished_at = $3, file_deleted_at = $3 WHERE id = $1`, [id, outcome.error, now]);
  }
}

/** Ends jobs a stopped server left running, and uploads never mapped since `staleBefore`; returns their ids (their files are to be deleted). */
export async function endAbandonedJobs(q: Queryable, now: Date, staleBefore: Date): Promise<string[]> {
  const running = await q.query<{ id: string }>(
    `UPDATE audits.jobs SET status = 'failed', error = 'interrupted', finished_at = $1, file_deleted_at = $1 WHERE status = 'running' RETURNING id`,
    [now],
  );
  const stale = await q.query<{ id: string }>(
    `UPDATE audits.jobs SET status = 'discarded', finished_at = $1, file_deleted_at = $1 WHERE status = 'uploaded' AND created_at < $2 RETURNING id`,
    [now, staleBefore],
  );
  return [...running, ...stale].map((r) => r.id);
}

export async function discardJob(q: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await q.query(`UPDATE audits.jobs SET status = 'discarded', finished_at = $2, file_deleted_at = $2 WHERE id = $1 AND status = 'uploaded' RETURNING id`, [id, now]);
  return rows.length === 1;
}

export async function markPublished(q: Queryable, id: string, by: string, now: Date): Promise<boolean> {
  const rows = await q.query(`UPDATE audits.jobs SET published_at = $3, published_by = $2 WHERE id = $1 AND status = 'done' AND published_at IS NULL RETURNING id`, [id, by, now]);
  return rows.length === 1;
}
