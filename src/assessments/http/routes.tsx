import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { FileError } from '../../platform/json-file.ts';
import { parseAssessmentFile } from '../read-assessment-file.ts';
import { formValues, requireMember } from '../../platform/http/requests.ts';
import { pageContext, sendPrivatePage } from '../../platform/http/respond.tsx';
import { renderPage } from '../../platform/views/layout.tsx';
import { canSee, definitionOf, isAuthor, isReviewer, visibleAssessment } from '../access.ts';
import { aiActMappingMarkdown } from '../domain/ai-act-mapping.ts';
import { answerSource, formStateOf, type FileProblem, type FormState } from '../domain/answers.ts';
import type { AssessmentFile } from '../domain/assessment-file.ts';
import { holds, type MissingAnswer } from '../domain/definition.ts';
import { reviewFormState, reviewFromForm } from '../domain/review.ts';
import { isoDay } from '../domain/workflow.ts';
import { importAssessment } from '../import-assessment.ts';
import { publishAssessment } from '../publish-assessment.ts';
import { decideAssessment, requestChanges, saveReview, scoresOf, startReview, submittedFile, verifyConditions } from '../review-assessment.ts';
import { saveAnswers } from '../save-answers.ts';
import { startAssessment, startReassessment } from '../start-assessment.ts';
import { submitAssessment } from '../submit-assessment.ts';
import { recordTrigger } from '../record-trigger.ts';
import { compareVersions } from '../domain/compare.ts';
import { asOfToday, exportableFile, previewScore, progressOf, reassessmentOf, viewAiActMapping, viewAssessmentLists, viewEditionComparison, viewOverview } from '../view-assessment.ts';
import { findAssessment, openReviewOf, registerScreeningOf, versionsOf, type AssessmentRow } from '../store.ts';
import { ComparePage, FindingsPage, ListPage, OverviewPage, PublishPage, ReviewPage, SectionPage, StartPage } from './views/assessment-pages.tsx';
import { applicableSections } from './views/answer-view.tsx';
import { PrintPage } from './views/print-page.tsx';
import { environmentalImpact, environmentInputOf } from '../domain/environment.ts';
import { gridIntensity } from '../grid-intensity.ts';
import { viewDeploymentAudits } from '../../audits/view-deployment-audits.ts';

// Routes of impact assessments. Writers of the assessing organisation start, write and submit;
// oversight members of another organisation review, decide and publish; the published findings are
// public. Every action is checked twice: the route's action by the policy, the assessment's own
// organisation by the use case.

export type AssessmentRouteDeps = { db: Database; now?: () => Date };

const IMPORT_LIMIT = 5 * 1024 * 1024;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) ?? '' : v ?? '');

const environmentOf = (answers: Record<string, unknown>) => environmentalImpact(environmentInputOf(answers), gridIntensity);

export async function assessmentRoutes(app: FastifyInstance, { db, now = () => new Date() }: AssessmentRouteDeps) {
  const page = sendPrivatePage;
  const param = (req: FastifyRequest, name: string) => (req.params as Record<string, string>)[name]!;
  const load = (req: FastifyRequest) => visibleAssessment(db, req.actor, param(req, 'id'));

  const overview = async (req: FastifyRequest, reply: FastifyReply, a: AssessmentRow, submission?: { missing: MissingAnswer[]; problems: FileProblem[] }, status = 200,
    triggerForm?: { values: Record<string, string | string[]>; errors: Record<string, string> }, verifyForm?: { values: Record<string, string | string[]>; errors: Record<string, string> }) => {
    a = asOfToday(a, now());
    const extra = await viewOverview(db, req.actor, a);
    return page(req, reply, a.title, (
      <OverviewPage i18n={req.i18n} a={a} definition={definitionOf(a)} csrf={reply.generateCsrf()} progress={progressOf(a)} score={previewScore(a, now())}
        {...extra} submission={submission} reassessment={reassessmentOf(a, now())} environment={environmentOf(a.answers)} triggerForm={triggerForm} verifyForm={verifyForm} />
    ), status);
  };

  // Lists and starting.
  app.get('/assessments', { config: { action: 'assessment.view' } }, async (req, reply) => {
    const lists = await viewAssessmentLists(db, requireMember(req), now());
    return page(req, reply, req.i18n.t('assessment.list.title'), <ListPage i18n={req.i18n} {...lists} />);
  });

  const startPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, status = 200, error?: string, detail?: string) => {
    const [deployment] = await db.query<{ slug: string; title: string }>('SELECT slug, title FROM register.deployments WHERE slug = $1', [slug]);
    if (!deployment) throw notFound('deployment');
    const actor = requireMember(req);
    const organisations = actor.memberships.filter((m) => m.role === 'contributor' || m.role === 'editor');
    return page(req, reply, req.i18n.t('assessment.start.title'), (
      <StartPage i18n={req.i18n} deployment={deployment} organisations={organisations} csrf={reply.generateCsrf()} error={error} detail={detail} />
    ), status);
  };
  app.get('/deployments/:slug/assessments/new', { config: { action: 'assessment.write' } }, (req, reply) => startPage(req, reply, param(req, 'slug')));
  app.post('/deployments/:slug/assessments', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const values = formValues(req);
    const organisationId = one(values.organisation) || undefined;
    const id = await startAssessment(db, requireMember(req), { deploymentSlug: param(req, 'slug'), ...(organisationId ? { organisationId } : {}) }, now());
    return reply.redirect(`/assessments/${id}`, 303);
  });

  // Importing an export as a new draft: multipart, so the CSRF token travels in the address.
  app.post('/deployments/:slug/assessments/import', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const slug = param(req, 'slug');
    let text: string | null = null;
    let name = 'assessment.json';
    let organisationId: string | undefined;
    if (req.isMultipart()) {
      for await (const part of req.parts({ limits: { fileSize: IMPORT_LIMIT, files: 1, fields: 3 } })) {
        if (part.type === 'field') {
          if (part.fieldname === 'organisation' && typeof part.value === 'string' && part.value) organisationId = part.value;
          continue;
        }
        name = part.filename || name;
        const buffer = await part.toBuffer().catch(() => null);
        if (!buffer || part.file.truncated) return startPage(req, reply, slug, 413, 'assessment_import_too_large');
        text = buffer.toString('utf8');
      }
    }
    if (text === null || !text.trim()) return startPage(req, reply, slug, 400, 'assessment_import_required');
    let file: AssessmentFile;
    try {
      file = parseAssessmentFile(name, text);
    } catch (error) {
      if (error instanceof FileError) return startPage(req, reply, slug, 400, 'assessment_import_invalid', error.message);
      throw error;
    }
    const id = await importAssessment(db, requireMember(req), { deploymentSlug: slug, file, ...(organisationId ? { organisationId } : {}) }, now());
    return reply.redirect(`/assessments/${id}`, 303);
  });

  // The working overview; a visitor who is neither author nor reviewer sees the published findings.
  app.get('/assessments/:id', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await load(req);
    if (!isAuthor(req.actor, a) && !isReviewer(req.actor, a)) return reply.redirect(`/assessments/${a.id}/findings`, 303);
    return overview(req, reply, a);
  });

  // Writing, one section at a time.
  const sectionPage = async (req: FastifyRequest, reply: FastifyReply, a: AssessmentRow, sectionId: string, form?: { state: FormState & { title?: string }; errors: Record<string, string> }, opts: { addRowTo?: string; saved?: boolean; status?: number } = {}) => {
    const definition = definitionOf(a);
    const sections = applicableSections(definition, a.answers);
    const section = sections.find((s) => s.id === sectionId);
    if (!section) throw notFound('section');
    const valueOf = answerSource(a.answers);
    const questions = section.questions.filter((q) => holds(q.when, definition, valueOf));
    // The affected groups link the deployment's published audits (the audits capability's, not redone here).
    const audits = section.questions.some((q) => q.columns?.some((c) => c.id === 'audit_links'))
      ? (await viewDeploymentAudits(db, a.deployment_id, req.actor)).published.map((j) => ({ id: j.id, publishedAt: j.published_at!, findings: j.report?.findings.length ?? 0 }))
      : [];
    return page(req, reply, req.i18n.t('assessment.form.pageTitle', { section: section.title[req.i18n.locale] }), (
      <SectionPage i18n={req.i18n} a={a} definition={definition} section={section} questions={questions} sections={sections} progress={progressOf(a)}
        state={form?.state ?? formStateOf(definition, a.answers)} errors={form?.errors ?? {}} csrf={reply.generateCsrf()} addRowTo={opts.addRowTo} saved={opts.saved ?? false} audits={audits} />
    ), opts.status ?? 200);
  };
  const writable = async (req: FastifyRequest) => {
    const a = await load(req);
    if (!isAuthor(req.actor, a)) throw notFound('assessment');
    if (a.status !== 'draft' && a.status !== 'changes_requested') throw new DomainError('invalid_input', 'This assessment is with the oversight body: it cannot change until changes are requested.');
    return a;
  };
  app.get('/assessments/:id/edit/:section', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    return sectionPage(req, reply, await writable(req), param(req, 'section'), undefined, { saved: q.saved === '1', ...(q.add ? { addRowTo: q.add } : {}) });
  });
  app.post('/assessments/:id/edit/:section', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const a = await writable(req);
    const sectionId = param(req, 'section');
    if (!definitionOf(a).sections.some((s) => s.id === sectionId)) throw notFound('section');
    const values = formValues(req);
    const then = one(values._then);
    const title = values.title === undefined ? a.title : one(values.title);
    const result = await saveAnswers(db, requireMember(req), a.id, { title, state: values, sections: new Set([sectionId]) }, now());
    if (!result.ok) return sectionPage(req, reply, a, sectionId, { state: { ...values, title }, errors: result.errors }, { status: 400, ...(then.startsWith('add:') ? { addRowTo: then.slice(4) } : {}) });
    if (then.startsWith('next:')) return reply.redirect(`/assessments/${a.id}/edit/${encodeURIComponent(then.slice(5))}`, 303);
    if (then === 'overview') return reply.redirect(`/assessments/${a.id}`, 303);
    if (then.startsWith('add:')) return reply.redirect(`/assessments/${a.id}/edit/${sectionId}?add=${encodeURIComponent(then.slice(4))}#q-${then.slice(4).replaceAll('.', '-')}`, 303);
    return reply.redirect(`/assessments/${a.id}/edit/${sectionId}?saved=1`, 303);
  });

  app.post('/assessments/:id/submit', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const result = await submitAssessment(db, requireMember(req), param(req, 'id'), now());
    const a = await load(req);
    if (!result.ok) return overview(req, reply, a, result, 400);
    return reply.redirect(`/assessments/${a.id}`, 303);
  });

  app.post('/assessments/:id/reassess', { config: { action: 'assessment.write' } }, async (req, reply) => {
    const id = await startReassessment(db, requireMember(req), param(req, 'id'), now());
    app.responseCache.invalidate();
    return reply.redirect(`/assessments/${id}`, 303);
  });

  // What changed since the decision.
  app.post('/assessments/:id/triggers', { config: { action: 'assessment.trigger' } }, async (req, reply) => {
    const values = formValues(req);
    const result = await recordTrigger(db, requireMember(req), param(req, 'id'), { kind: one(values.kind), on: one(values.on), note: one(values.note) }, now());
    const a = await load(req);
    if (!result.ok) return overview(req, reply, a, undefined, 400, { values, errors: result.errors });
    app.responseCache.invalidate();
    return reply.redirect(`/assessments/${a.id}`, 303);
  });

  // Oversight.
  app.post('/assessments/:id/conditions-verified', { config: { action: 'assessment.review' } }, async (req, reply) => {
    const values = formValues(req);
    const result = await verifyConditions(db, requireMember(req), param(req, 'id'), one(values.note), now());
    const a = await load(req);
    if (!result.ok) return overview(req, reply, a, undefined, 400, undefined, { values, errors: result.errors });
    app.responseCache.invalidate();
    return reply.redirect(`/assessments/${a.id}`, 303);
  });
  app.post('/assessments/:id/start-review', { config: { action: 'assessment.review' } }, async (req, reply) => {
    await startReview(db, requireMember(req), param(req, 'id'), now());
    return reply.redirect(`/assessments/${param(req, 'id')}/review`, 303);
  });

  const reviewPage = async (req: FastifyRequest, reply: FastifyReply, a: AssessmentRow, form?: { state: Record<string, string | string[]>; errors: Record<string, string> }, opts: { saved?: boolean; status?: number } = {}) => {
    if (!isReviewer(req.actor, a)) throw notFound('assessment');
    const review = a.status === 'under_review' ? await openReviewOf(db, a.id) : undefined;
    if (!review) return reply.redirect(`/assessments/${a.id}`, 303);
    const file = await submittedFile(db, a);
    const state = form?.state ?? reviewFormState(review.content);
    // The scores shown follow the form as it stands (the re-estimates just typed, too).
    const read = reviewFromForm(definitionOf(a), file, state);
    const scores = scoresOf(file, read.ok ? read.review : review.content, isoDay(now()), registerScreeningOf(a));
    return page(req, reply, req.i18n.t('assessment.review.title'), (
      <ReviewPage i18n={req.i18n} a={a} definition={definitionOf(a)} file={file} state={state} errors={form?.errors ?? {}} csrf={reply.generateCsrf()}
        score={scores.reviewer} authorScore={scores.author} saved={opts.saved ?? false} />
    ), opts.status ?? 200);
  };
  app.get('/assessments/:id/review', { config: { action: 'assessment.review' } }, async (req, reply) => reviewPage(req, reply, await load(req), undefined, { saved: (req.query as Record<string, string>).saved === '1' }));
  app.post('/assessments/:id/review', { config: { action: 'assessment.review' } }, async (req, reply) => {
    const values = formValues(req);
    const action = one(values._action);
    const actor = requireMember(req);
    const id = param(req, 'id');
    const result = action === 'request_changes' ? await requestChanges(db, actor, id, values, now())
      : action === 'decide' ? await decideAssessment(db, actor, id, values, now())
      : await saveReview(db, actor, id, values, now());
    if (!result.ok) return reviewPage(req, reply, await load(req), { state: values, errors: result.errors }, { status: 400 });
    if (action === 'decide') app.responseCache.invalidate();
    return reply.redirect(action === 'save' || !action ? `/assessments/${id}/review?saved=1` : `/assessments/${id}`, 303);
  });

  const publishPage = async (req: FastifyRequest, reply: FastifyReply, a: AssessmentRow, form?: { state: Record<string, string | string[]>; errors: Record<string, string> }, status = 200) => {
    if (!isReviewer(req.actor, a) || a.status !== 'decided') return reply.redirect(`/assessments/${a.id}`, 303);
    const version = (await versionsOf(db, a.id)).find((v) => v.number === a.version);
    const shown = { ...a, answers: version?.answers ?? a.answers };
    return page(req, reply, req.i18n.t('assessment.publish.title'), <PublishPage i18n={req.i18n} a={shown} definition={definitionOf(a)} state={form?.state ?? {}} errors={form?.errors ?? {}} csrf={reply.generateCsrf()} />, status);
  };
  app.get('/assessments/:id/publish', { config: { action: 'assessment.review' } }, async (req, reply) => publishPage(req, reply, await load(req)));
  app.post('/assessments/:id/publish', { config: { action: 'assessment.review' } }, async (req, reply) => {
    const values = formValues(req);
    const result = await publishAssessment(db, requireMember(req), param(req, 'id'), values, now());
    if (!result.ok) return publishPage(req, reply, await load(req), { state: values, errors: result.errors }, 400);
    app.responseCache.invalidate();
    return reply.redirect(`/assessments/${param(req, 'id')}/findings`, 303);
  });

  // Versions side by side.
  app.get('/assessments/:id/compare', { config: { action: 'assessment.view' } }, async (req, reply) => {
    const a = await load(req);
    if (!isAuthor(req.actor, a) && !isReviewer(req.actor, a)) throw notFound('assessment');
    const q = req.query as Record<string, string | undefined>;
    const versions = await versionsOf(db, a.id);
    const from = versions.find((v) => String(v.number) === q.from);
    const to = versions.find((v) => String(v.number) === q.to);
    if (!from || !to) throw notFound('version');
    const t = req.i18n.t;
    const title = t('assessment.compare.title', { from: from.number, to: to.number });
    return page(req, reply, title, (
      <ComparePage i18n={req.i18n} a={a} definition={definitionOf(a)} title={title} before={t('assessment.compare.before', { n: from.number })} after={t('assessment.compare.after', { n: to.number })}
        changes={compareVersions(definitionOf(a), from.answers, to.answers)} back={`/assessments/${a.id}`} />
    ));
  });

  // This edition beside the one it repeats: the latest versions for insiders, what both published for anyone.
  app.get('/assessments/:id/compare-previous', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await load(req);
    const compared = await viewEditionComparison(db, req.actor, a);
    if (!compared) throw notFound('previous edition');
    const t = req.i18n.t;
    const title = t('assessment.compare.editionsTitle', { from: compared.previous.edition, to: a.edition });
    if (!compared.published) reply.header('cache-control', 'no-store');
    return page(req, reply, title, (
      <ComparePage i18n={req.i18n} a={a} definition={definitionOf(a)} title={title} changes={compared.changes}
        before={t('assessment.compare.edition', { n: compared.previous.edition })} after={t('assessment.compare.edition', { n: a.edition })}
        back={compared.published ? `/assessments/${a.id}/findings` : `/assessments/${a.id}`}
        {...(compared.published ? { note: t('assessment.compare.publishedNote') } : {})} />
    ));
  });

  // Public: the findings, their print view, their JSON, and the AI Act mapping.
  const published = async (req: FastifyRequest) => {
    const a = await load(req);
    if (!a.published || !a.published_at) throw notFound('findings');
    return a;
  };
  app.get('/assessments/:id/findings', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await published(req);
    const r = reassessmentOf(a, now());
    const previous = a.previous_id ? await findAssessment(db, a.previous_id) : undefined;
    const html = (
      <FindingsPage i18n={req.i18n} findings={a.published!} definition={definitionOf(a)} id={a.id} overdue={r?.overdue ?? false} superseded={a.status === 'superseded'} environment={environmentOf(a.published!.answers)}
        previousEdition={previous?.published_at ? previous.edition : undefined} row={a} />
    );
    return reply.type('text/html; charset=utf-8').send(renderPage(pageContext(req), a.published!.title, html));
  });
  app.get('/assessments/:id/print', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await published(req);
    return reply.type('text/html; charset=utf-8').send(PrintPage({ i18n: req.i18n, findings: a.published!, definition: definitionOf(a), overdue: reassessmentOf(a, now())?.overdue ?? false, environment: environmentOf(a.published!.answers) }));
  });
  app.get('/assessments/:id/findings.json', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await published(req);
    return reply.header('content-disposition', `attachment; filename="assessment-${a.id}-findings.json"`).type('application/json; charset=utf-8').send(JSON.stringify(a.published, null, 2));
  });
  app.get('/assessments/:id/export.json', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await load(req);
    const file = await exportableFile(db, req.actor, a, now());
    if (!a.published_at || isAuthor(req.actor, a) || isReviewer(req.actor, a)) reply.header('cache-control', 'no-store');
    return reply.header('content-disposition', `attachment; filename="assessment-${a.id}.json"`).type('application/json; charset=utf-8').send(JSON.stringify(file, null, 2));
  });
  app.get('/assessments/:id/ai-act.md', { config: { action: 'register.read' } }, async (req, reply) => {
    const a = await load(req);
    if (!canSee(req.actor, a)) throw notFound('assessment');
    const doc = await viewAiActMapping(db, req.actor, a, now());
    if (!a.published_at || isAuthor(req.actor, a) || isReviewer(req.actor, a)) reply.header('cache-control', 'no-store');
    return reply.type('text/markdown; charset=utf-8').send(aiActMappingMarkdown(doc));
  });
}
