import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/respond.tsx';
import { renderPage } from '../../platform/views/layout.tsx';
import { CATALOGUE } from '../catalogue.ts';
import { GlossaryPage, GlossaryTermPage } from './views/glossary-pages.tsx';

// Public routes of the advocacy capability: the briefing's glossary.
export async function briefRoutes(app: FastifyInstance) {
  const html = 'text/html; charset=utf-8';
  app.get('/glossary', { config: { action: 'register.read' } }, async (req, reply) =>
    reply.type(html).send(renderPage(pageContext(req), req.i18n.t('glossary.title'), <GlossaryPage i18n={req.i18n} catalogue={CATALOGUE} />)));
  app.get('/glossary/:term', { config: { action: 'register.read' } }, async (req, reply) => {
    const term = CATALOGUE.glossary.find((g) => g.id === (req.params as { term: string }).term);
    if (!term) throw notFound('glossary term');
    return reply.type(html).send(renderPage(pageContext(req), term.term, <GlossaryTermPage i18n={req.i18n} catalogue={CATALOGUE} term={term} />));
  });
}
