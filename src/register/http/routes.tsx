import { DeploymentAdvocacy } from '../../briefs/http/views/technology-analyse-page.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { pageContext } from '../../platform/http/respond.tsx';
import { renderPage } from '../../platform/views/layout.tsx';
import { searchQueryFrom } from '../domain/search-query.ts';
import { countries, recentChanges, registerCounts } from '../store/records.ts';
import { DeploymentSearch } from '../search-deployments.ts';
import { findWithdrawal, type WithdrawableType } from '../unpublish-record.ts';
import { viewCountry, viewDeployment, viewOrganisation, viewTechnology } from '../view-records.ts';
import { WithdrawnPage } from './views/editing-pages.tsx';
import { CountriesPage, CountryPage, DeploymentPage, OrganisationPage, TechnologyPage } from './views/record-pages.tsx';
import { HomePage, RegisterPage } from './views/search-pages.tsx';
import { registerApi } from './api.ts';
import { registerOpenData } from './open-data.tsx';
import { DeploymentAudits } from '../../audits/http/views/audit-pages.tsx';
import { viewDeploymentAudits } from '../../audits/view-deployment-audits.ts';
import { DeploymentAssessments } from '../../assessments/http/views/assessment-pages.tsx';
import { viewDeploymentAssessments } from '../../assessments/view-assessment.ts';

export type RouteDeps = { db: Database; config: Pick<Config, 'apiRateLimitPerMinute' | 'publicUrl'> };
/** What the register's pages and API share: the dependencies and one search (with its in-memory index). */
export type RegisterDeps = RouteDeps & { search: DeploymentSearch };

const html = 'text/html; charset=utf-8';

/** The register's public pages, API, exports and feed. */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { db } = deps;
  const search = new DeploymentSearch(db);

  app.get('/', async (req, reply) => {
    const [counts, changes] = await Promise.all([registerCounts(db), recentChanges(db, 10)]);
    const ctx = pageContext(req);
    return reply.type(html).send(renderPage(ctx, req.i18n.t('nav.home'), <HomePage i18n={req.i18n} counts={counts} changes={changes} />));
  });

  app.get('/register', async (req, reply) => {
    const query = searchQueryFrom(req.query);
    const result = await search.search(query);
    const title = query.q ? `${query.q} — ${req.i18n.t('register.title')}` : req.i18n.t('register.title');
    return reply.type(html).send(renderPage(pageContext(req), title, <RegisterPage i18n={req.i18n} query={query} result={result} />));
  });

  /** A record page, or, for a record withdrawn from the register, why it was withdrawn (410 Gone). */
  const recordPage = async (req: FastifyRequest, reply: FastifyReply, type: WithdrawableType, show: (slug: string) => Promise<FastifyReply>) => {
    const slug = (req.params as { slug: string }).slug;
    try {
      return await show(slug);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
      const withdrawal = await findWithdrawal(db, type, slug);
      if (!withdrawal) throw error;
      return reply.code(410).type(html).send(renderPage(pageContext(req), withdrawal.title, <WithdrawnPage i18n={req.i18n} type={type} slug={slug} withdrawal={withdrawal} />));
    }
  };

  app.get('/deployments/:slug', (req, reply) => recordPage(req, reply, 'deployment', async (slug) => {
    const data = await viewDeployment(db, slug);
    const audits = await viewDeploymentAudits(db, data.deployment.id, req.actor);
    const assessments = await viewDeploymentAssessments(db, data.deployment.id, req.actor, new Date());
    const sections = (
      <>
        <DeploymentAssessments i18n={req.i18n} slug={slug} {...assessments} />
        <DeploymentAudits i18n={req.i18n} slug={slug} {...audits} />
        <DeploymentAdvocacy i18n={req.i18n} slug={slug} />
      </>
    );
    return reply.type(html).send(renderPage(pageContext(req), data.deployment.title, <DeploymentPage i18n={req.i18n} data={data} sections={sections} />));
  }));

  app.get('/technologies/:slug', (req, reply) => recordPage(req, reply, 'technology', async (slug) => {
    const data = await viewTechnology(db, slug);
    return reply.type(html).send(renderPage(pageContext(req), data.technology.name, <TechnologyPage i18n={req.i18n} data={data} />));
  }));

  app.get('/organisations/:slug', (req, reply) => recordPage(req, reply, 'organisation', async (slug) => {
    const data = await viewOrganisation(db, slug);
    return reply.type(html).send(renderPage(pageContext(req), data.organisation.name, <OrganisationPage i18n={req.i18n} data={data} />));
  }));

  app.get('/countries', async (req, reply) => {
    const items = await countries(db);
    return reply.type(html).send(renderPage(pageContext(req), req.i18n.t('country.all'), <CountriesPage i18n={req.i18n} items={items} />));
  });

  app.get('/countries/:code', async (req, reply) => {
    const data = await viewCountry(db, (req.params as { code: string }).code.toUpperCase());
    return reply.type(html).send(renderPage(pageContext(req), req.i18n.country(data.code), <CountryPage i18n={req.i18n} data={data} />));
  });

  await registerApi(app, { ...deps, search });
  await registerOpenData(app, deps);
}
