import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Database } from '../../platform/db/database.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { formValues, requireMember } from '../../platform/http/requests.ts';
import { pageContext, selfContainedCsp, sendPrivatePage } from '../../platform/http/respond.tsx';
import { isLocale, LOCALES, translator } from '../../platform/i18n/i18n.ts';
import { renderPage } from '../../platform/views/layout.tsx';
import { viewTechnology } from '../../register/view-records.ts';
import { CATALOGUE } from '../catalogue.ts';
import { briefAnalysisOf, briefFromSubject, loadBriefSubject } from '../compose-brief.ts';
import { answersFromForm, formOfAnswers, unansweredPrinciples } from '../domain/analysis.ts';
import { STAKEHOLDERS, type Stakeholder } from '../domain/catalogue.ts';
import { analysingOrganisation, analysingOrganisations, saveAnalysis, viewAnalysis } from '../save-analysis.ts';
import { addresseesOf, BriefOptionError, parseStakeholder, type BriefDocument, type BriefSubject } from '../views/brief-document.ts';
import { renderBriefDocx } from '../views/brief-docx.ts';
import { renderBriefMarkdown } from '../views/brief-markdown.ts';
import { AnalysisPage } from './views/analysis-page.tsx';
import { briefHtmlFile } from './views/brief-article.tsx';
import { BriefChooserPage, BriefComparePage, BriefPage, briefPrintPage, type BriefChoice } from './views/brief-pages.tsx';
import { GlossaryPage, GlossaryTermPage } from './views/glossary-pages.tsx';
import { TechnologyAnalysePage } from './views/technology-analyse-page.tsx';

// Routes of the advocacy capability: the briefing's glossary; a deployment's brief for a stakeholder
// (page, Markdown, self-contained HTML, DOCX, print view, two side by side); an organisation's
// analysis of a deployment; and a technology's deployments to analyse.

export type BriefRouteDeps = { db: Database; publicUrl: string | undefined; now?: () => Date };

const html = 'text/html; charset=utf-8';
const FORMATS = ['md', 'html', 'docx'] as const;

export async function briefRoutes(app: FastifyInstance, { db, publicUrl, now = () => new Date() }: BriefRouteDeps) {
  const param = (req: FastifyRequest, name: string) => (req.params as Record<string, string>)[name]!;
  const query = (req: FastifyRequest) => req.query as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

  app.get('/glossary', { config: { action: 'register.read' } }, async (req, reply) =>
    reply.type(html).send(renderPage(pageContext(req), req.i18n.t('glossary.title'), <GlossaryPage i18n={req.i18n} catalogue={CATALOGUE} />)));
  app.get('/glossary/:term', { config: { action: 'register.read' } }, async (req, reply) => {
    const term = CATALOGUE.glossary.find((g) => g.id === param(req, 'term'));
    if (!term) throw notFound('glossary term');
    return reply.type(html).send(renderPage(pageContext(req), term.term, <GlossaryTermPage i18n={req.i18n} catalogue={CATALOGUE} term={term} />));
  });

  /** The language of the brief: `lang` when given (a clear error otherwise), else the reader's. */
  const briefLang = (req: FastifyRequest) => {
    const lang = str(query(req).lang);
    if (lang === undefined) return req.i18n.locale;
    if (!isLocale(lang)) throw new DomainError('invalid_input', `Unknown language "${lang}": use one of ${LOCALES.join(', ')}.`, 'lang');
    return lang;
  };

  /** The analysis a brief includes (`analysis` names the reader's organisation), and whether the page is then private. */
  const analysisFor = async (req: FastifyRequest, slug: string) => {
    const org = str(query(req).analysis);
    if (!org) return null;
    const m = analysingOrganisation(req.actor, org);
    const a = await viewAnalysis(db, req.actor, slug, m.organisationId);
    if (!a.row) throw new DomainError('invalid_input', `${m.organisationName} has no analysis of this deployment yet.`, 'analysis');
    return briefAnalysisOf(a, `/deployments/${slug}/analysis?org=${encodeURIComponent(m.organisationSlug)}`);
  };

  const choiceOf = async (req: FastifyRequest, subject: BriefSubject, stakeholder: Stakeholder | null): Promise<BriefChoice> => {
    const q = query(req);
    const analyses = [];
    for (const m of analysingOrganisations(req.actor)) {
      const a = await viewAnalysis(db, req.actor, subject.deployment.slug, m.organisationId);
      if (a.row) analyses.push({ slug: m.organisationSlug, name: m.organisationName });
    }
    return {
      slug: subject.deployment.slug, title: subject.deployment.title, stakeholder, addressee: str(q.addressee) ?? null, lang: briefLang(req),
      addressees: Object.fromEntries(STAKEHOLDERS.map((s) => [s, addresseesOf(subject, s)])) as BriefChoice['addressees'],
      analyses, analysis: str(q.analysis) ?? null,
    };
  };

  /** Composes the brief the request asks for; an unknown stakeholder or addressee is the reader's error. */
  const compose = async (req: FastifyRequest, subject: BriefSubject, stakeholder: Stakeholder, baseUrl: string, addressee?: string): Promise<BriefDocument> => {
    const analysis = await analysisFor(req, subject.deployment.slug);
    try {
      return briefFromSubject(subject, { stakeholder, i18n: translator(briefLang(req)), addressee, analysis, baseUrl }, now());
    } catch (e) {
      if (e instanceof BriefOptionError) throw new DomainError('invalid_input', e.message, e.option);
      throw e;
    }
  };
  const stakeholderOf = (value: unknown): Stakeholder => {
    try { return parseStakeholder(value); } catch (e) {
      if (e instanceof BriefOptionError) throw new DomainError('invalid_input', e.message, 'to');
      throw e;
    }
  };
  /** Pages with an organisation's analysis are the organisation's: never cached or shared. */
  const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: ComponentChildren, status = 200) =>
    str(query(req).analysis) ? sendPrivatePage(req, reply, title, body, status) : reply.code(status).type(html).send(renderPage(pageContext(req), title, body));

  app.get('/deployments/:slug/brief', { config: { action: 'register.read' } }, async (req, reply) => {
    const subject = await loadBriefSubject(db, param(req, 'slug'), now());
    const to = str(query(req).to);
    if (to === undefined) {
      const choice = await choiceOf(req, subject, null);
      return send(req, reply, req.i18n.t('brief.page.chooseTitle'), <BriefChooserPage i18n={req.i18n} choice={choice} />);
    }
    let stakeholder: Stakeholder;
    try {
      stakeholder = parseStakeholder(to);
      const doc = await compose(req, subject, stakeholder, '', str(query(req).addressee));
      const choice = await choiceOf(req, subject, stakeholder);
      return send(req, reply, doc.title, <BriefPage i18n={req.i18n} choice={choice} doc={doc} glossary={CATALOGUE.glossary} />);
    } catch (e) {
      // A wrong choice re-renders the form with what was chosen and the error.
      if (!(e instanceof BriefOptionError) && !(e instanceof DomainError && e.code === 'invalid_input' && (e.field === 'to' || e.field === 'addressee'))) throw e;
      const choice = await choiceOf(req, subject, (STAKEHOLDERS as readonly string[]).includes(to) ? (to as Stakeholder) : null);
      return send(req, reply, req.i18n.t('brief.page.chooseTitle'), <BriefChooserPage i18n={req.i18n} choice={choice} error={e.message} />, 400);
    }
  });

  // Files: their links are absolute (they are read away from the site).
  const fileBase = (req: FastifyRequest) => publicUrl ?? `${req.protocol}://${req.host}`;
  app.get('/deployments/:slug/brief.:format', { config: { action: 'register.read' } }, async (req, reply) => {
    const format = param(req, 'format');
    if (!(FORMATS as readonly string[]).includes(format)) throw notFound(`brief format "${format}" (use ${FORMATS.join(', ')})`);
    const slug = param(req, 'slug');
    const subject = await loadBriefSubject(db, slug, now());
    const stakeholder = stakeholderOf(query(req).to);
    const doc = await compose(req, subject, stakeholder, fileBase(req), str(query(req).addressee));
    // Without a configured public address the links name the request's host: not shared between readers.
    if (!publicUrl || str(query(req).analysis)) reply.header('cache-control', 'no-store');
    const name = `brief-${slug}-${stakeholder}-${doc.lang}`;
    if (format === 'md') {
      return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(renderBriefMarkdown(doc, CATALOGUE.glossary));
    }
    if (format === 'html') {
      const page = briefHtmlFile(doc, CATALOGUE.glossary);
      return reply.type(html).header('content-security-policy', selfContainedCsp(page)).header('content-disposition', `attachment; filename="${name}.html"`).send(page);
    }
    const docx = await renderBriefDocx(doc, CATALOGUE.glossary);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', `attachment; filename="${name}.docx"`).send(docx);
  });

  app.get('/deployments/:slug/brief/print', { config: { action: 'register.read' } }, async (req, reply) => {
    const subject = await loadBriefSubject(db, param(req, 'slug'), now());
    const doc = await compose(req, subject, stakeholderOf(query(req).to), '', str(query(req).addressee));
    if (str(query(req).analysis)) reply.header('cache-control', 'no-store');
    return reply.type(html).send(briefPrintPage(req.i18n, doc, CATALOGUE.glossary));
  });

  app.get('/deployments/:slug/brief/compare', { config: { action: 'register.read' } }, async (req, reply) => {
    const subject = await loadBriefSubject(db, param(req, 'slug'), now());
    const q = query(req);
    const a = await compose(req, subject, stakeholderOf(q.a ?? 'state'), '');
    const b = await compose(req, subject, stakeholderOf(q.b ?? 'company'), '');
    const title = req.i18n.t('brief.page.compareTitle', { a: req.i18n.t(`brief.stakeholderShort.${a.stakeholder}`), b: req.i18n.t(`brief.stakeholderShort.${b.stakeholder}`) });
    return send(req, reply, title, <BriefComparePage i18n={req.i18n} slug={subject.deployment.slug} title={subject.deployment.title} a={a} b={b} glossary={CATALOGUE.glossary} lang={briefLang(req)} analysis={str(q.analysis) ?? null} />);
  });

  // The analysis: an organisation's draft, private to its writers.
  const analysisPage = async (req: FastifyRequest, reply: FastifyReply, form?: { values: Record<string, string | string[]>; errors: Record<string, string> }, saved = false) => {
    const slug = param(req, 'slug');
    const m = analysingOrganisation(req.actor, str(query(req).org));
    const [subject, analysis] = await Promise.all([loadBriefSubject(db, slug, now()), viewAnalysis(db, req.actor, slug, m.organisationId)]);
    return sendPrivatePage(req, reply, req.i18n.t('analysis.title'), (
      <AnalysisPage i18n={req.i18n} subject={subject} organisation={{ slug: m.organisationSlug, name: m.organisationName }}
        values={form?.values ?? formOfAnswers(analysis.answers)} errors={form?.errors ?? {}} csrf={reply.generateCsrf()} saved={saved}
        updated={analysis.row ? req.i18n.date(analysis.row.updated_at) : null} unanswered={unansweredPrinciples(analysis.answers)} />
    ), form?.errors && Object.keys(form.errors).length ? 400 : 200);
  };

  app.get('/deployments/:slug/analysis', { config: { action: 'analysis.write' } }, async (req, reply) => analysisPage(req, reply, undefined, query(req).saved === '1'));

  app.post('/deployments/:slug/analysis', { config: { action: 'analysis.write' } }, async (req, reply) => {
    const actor = requireMember(req);
    const slug = param(req, 'slug');
    const m = analysingOrganisation(actor, str(query(req).org));
    const values = formValues(req);
    const read = answersFromForm(values);
    if ('problems' in read) return analysisPage(req, reply, { values, errors: Object.fromEntries(read.problems.map((p) => [p.field, p.code])) });
    await saveAnalysis(db, actor, slug, m.organisationId, read.answers, now());
    return reply.redirect(`/deployments/${slug}/analysis?org=${encodeURIComponent(m.organisationSlug)}&saved=1`, 303);
  });

  // A technology: its deployments, each to analyse or to brief.
  app.get('/technologies/:slug/analyse', { config: { action: 'register.read' } }, async (req, reply) => {
    const tech = await viewTechnology(db, param(req, 'slug'));
    return reply.type(html).send(renderPage(pageContext(req), req.i18n.t('analysis.technology.title', { name: tech.technology.name }),
      <TechnologyAnalysePage i18n={req.i18n} technology={tech.technology} deployments={tech.deployments} signedIn={req.actor.kind === 'member'} />));
  });
}
