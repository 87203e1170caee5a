import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/auth/domain/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError, invalidInput, notFound } from '../../platform/errors.ts';
import { formValues, requireMember } from '../../platform/http/requests.ts';
import { selfContainedCsp, sendPrivatePage } from '../../platform/http/respond.tsx';
import type { AuditJobs } from '../audit-jobs.ts';
import { mappingValues, type MappingValues } from '../domain/column-mapping.ts';
import { discardUpload, mapColumns, publishAuditReport } from '../publish-audit-report.ts';
import { findJob, publishedJobs, type AuditJob } from '../store.ts';
import { uploadDecisionLog, type IncomingFile } from '../upload-decision-log.ts';
import { pageSchema } from '../../register/http/api-schemas.ts';
import { reportHtml } from '../views/report-page.tsx';
import { JobPage, UploadPage } from './views/audit-pages.tsx';

// Routes of the platform's discrimination audits. Members upload, map and follow their jobs;
// another editor publishes; a published audit is public (page, self-contained report, JSON, API).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AuditRouteDeps = { db: Database; jobs: AuditJobs; uploadLimitBytes: number; apiRateLimitPerMinute: number; now?: () => Date };

/** Public JSON of a published audit in lists: where it is, and what it found. */
function auditItem(job: AuditJob) {
  const r = job.report!;
  return {
    id: job.id,
    deployment: job.deployment_slug,
    publishedAt: job.published_at!.toISOString(),
    rowsCounted: r.rows.counted,
    protected: r.input.protected,
    findings: r.findings.length,
    report: `/api/audits/${job.id}`,
  };
}

export async function auditRoutes(app: FastifyInstance, { db, jobs, uploadLimitBytes, apiRateLimitPerMinute, now = () => new Date() }: AuditRouteDeps) {
  const page = sendPrivatePage;

  /** A job the visitor may see: a published one is public, any other only to its organisation and to editors. */
  const visibleJob = async (req: FastifyRequest): Promise<AuditJob> => {
    const id = (req.params as { id: string }).id;
    const job = UUID.test(id) ? await findJob(db, id) : undefined;
    if (!job || (job.status === 'discarded' && !can(req.actor, 'audit.view', { organisationId: job.organisation_id }))) throw notFound('audit');
    if (job.published_at) return job;
    if (req.actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in to see this audit.');
    if (!can(req.actor, 'audit.view', { organisationId: job.organisation_id })) throw notFound('audit');
    return job;
  };

  const uploadPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, status = 200, error?: string, detail?: string) => {
    const [deployment] = await db.query<{ slug: string; title: string }>('SELECT slug, title FROM register.deployments WHERE slug = $1', [slug]);
    if (!deployment) throw notFound('deployment');
    return page(req, reply, req.i18n.t('audit.upload.title'), (
      <UploadPage i18n={req.i18n} deployment={deployment} csrf={reply.generateCsrf()} error={error} detail={detail} limitBytes={uploadLimitBytes} />
    ), status);
  };

  app.get('/deployments/:slug/audits/new', { config: { action: 'audit.upload' } }, (req, reply) => uploadPage(req, reply, (req.params as { slug: string }).slug));

  app.post('/deployments/:slug/audits', { config: { action: 'audit.upload' } }, async (req, reply) => {
    const slug = (req.params as { slug: string }).slug;
    const actor = requireMember(req);
    let incoming: IncomingFile | undefined;
    if (req.isMultipart()) {
      const part = await req.file({ limits: { fileSize: uploadLimitBytes, files: 1, fields: 2 } });
      if (part) incoming = { filename: part.filename, file: part.file };
    }
    const result = await uploadDecisionLog(db, actor, { deploymentSlug: slug, incoming, dir: jobs.dir, limitBytes: uploadLimitBytes }, now());
    if (!result.ok) return uploadPage(req, reply, slug, result.error === 'audit_file_too_large' ? 413 : 400, result.error, result.detail);
    return reply.redirect(`/audits/${result.jobId}`, 303);
  });

  const jobPage = async (req: FastifyRequest, reply: FastifyReply, job: AuditJob, form?: { values: MappingValues; errors: Record<string, string> }, status = 200) => {
    const actor = req.actor;
    const canMap = can(actor, 'audit.upload', { organisationId: job.organisation_id });
    const canPublish = can(actor, 'audit.publish', { authorId: job.created_by });
    // A running job's page refreshes itself: the progress shows without JavaScript.
    const head = job.status === 'queued' || job.status === 'running' ? <meta http-equiv="refresh" content="2" /> : undefined;
    const values = form?.values ?? (job.mapping ? mappingValues(job.mapping) : {});
    return page(req, reply, req.i18n.t('audit.job.title'), <JobPage i18n={req.i18n} job={job} csrf={reply.generateCsrf()} canMap={canMap} canPublish={canPublish} form={{ values, errors: form?.errors ?? {} }} />, status, head);
  };

  app.get('/audits/:id', { config: { action: 'register.read' } }, async (req, reply) => jobPage(req, reply, await visibleJob(req)));

  app.post('/audits/:id/mapping', { config: { action: 'audit.upload' } }, async (req, reply) => {
    const job = await visibleJob(req);
    const values: MappingValues = formValues(req);
    const result = await mapColumns(db, requireMember(req), job.id, values, now());
    if (!result.ok) return jobPage(req, reply, (await findJob(db, job.id))!, { values, errors: result.errors }, 400);
    jobs.kick();
    return reply.redirect(`/audits/${job.id}`, 303);
  });

  app.post('/audits/:id/discard', { config: { action: 'audit.upload' } }, async (req, reply) => {
    const job = await visibleJob(req);
    if (await discardUpload(db, requireMember(req), job.id, now())) jobs.deleteFiles(job.id);
    return reply.redirect(`/deployments/${job.deployment_slug}`, 303);
  });

  app.post('/audits/:id/publish', { config: { action: 'audit.publish' } }, async (req, reply) => {
    const job = await visibleJob(req);
    const result = await publishAuditReport(db, requireMember(req), job.id, now());
    if (!result.ok) throw invalidInput('audit', result.error === 'audit_published_already' ? 'This audit is published already.' : 'This audit has no report to publish yet.');
    app.responseCache.invalidate();
    return reply.redirect(`/audits/${job.id}`, 303);
  });

  /** The report as a self-contained page: its one inline stylesheet is allowed by its hash, nothing else. */
  app.get('/audits/:id/report.html', { config: { action: 'register.read' } }, async (req, reply) => {
    const job = await visibleJob(req);
    if (!job.report) throw notFound('report');
    const html = reportHtml(job.report);
    reply.header('content-security-policy', selfContainedCsp(html));
    if (!job.published_at) reply.header('cache-control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/audits/:id/report.json', { config: { action: 'register.read' } }, async (req, reply) => {
    const job = await visibleJob(req);
    if (!job.report) throw notFound('report');
    if (!job.published_at) reply.header('cache-control', 'no-store');
    return reply.header('content-disposition', `attachment; filename="audit-${job.id}.json"`).type('application/json; charset=utf-8').send(JSON.stringify(job.report));
  });

  // The API: published audits only.
  const limited = { config: { action: 'register.read' as const, rateLimit: { max: apiRateLimitPerMinute, timeWindow: '1 minute' } } };
  const listQuery = pageSchema.extend({ deployment: z.string().min(1).max(200).optional() });
  app.get('/api/audits', limited, async (req) => {
    const q = listQuery.safeParse(req.query ?? {});
    if (!q.success) {
      const field = String(q.error.issues[0]!.path[0] ?? 'query');
      throw invalidInput(field, `${field}: ${q.error.issues[0]!.message}`);
    }
    const { deployment, limit, offset } = q.data;
    const r = await publishedJobs(db, deployment ? { deploymentSlug: deployment } : {}, { limit, offset });
    return { total: r.total, limit, offset, items: r.items.map(auditItem) };
  });
  app.get('/api/audits/:id', limited, async (req) => {
    const id = (req.params as { id: string }).id;
    const job = UUID.test(id) ? await findJob(db, id) : undefined;
    if (!job?.published_at || !job.report) throw notFound('audit');
    return job.report;
  });
}
