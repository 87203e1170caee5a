import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Translator } from '../../platform/i18n/i18n.ts';
import { pageContext } from '../../platform/http/respond.tsx';
import { renderPage } from '../../platform/views/layout.tsx';
import { DATA_LICENCE } from '../domain/vocabulary.ts';
import { csvZip, datasetToCsvFiles, jsonLd } from '../export-register.ts';
import { loadDataset } from '../store/open-data.ts';
import { lastModified, recentChanges } from '../store/records.ts';
import { atomFeed } from '../domain/atom.ts';
import { openApiDocument } from './openapi.ts';
import type { RouteDeps } from './routes.tsx';

function OpenDataPage({ i18n, api }: { i18n: Translator; api: ReturnType<typeof openApiDocument> }) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('openData.title')}</h1>
      <p class="lead">{t('openData.intro', { licence: DATA_LICENCE.id })}</p>
      <h2>{t('openData.downloads')}</h2>
      <ul class="plain">
        <li><a href="/exports/register-csv.zip">{t('openData.csv')}</a></li>
        <li><a href="/exports/register.json">{t('openData.json')}</a></li>
        <li><a href="/exports/register.jsonld">{t('openData.jsonld')}</a></li>
        <li><a href="/feed.atom">{t('openData.feed')}</a></li>
      </ul>
      <p class="muted">{t('openData.csvInjection')}</p>
      <h2 id="api">{t('openData.api')}</h2>
      <p>{t('openData.apiIntro', { openapi: '/api/openapi.json' })}</p>
      <table>
        <thead><tr><th scope="col">{t('openData.endpoint')}</th><th scope="col">{t('openData.description')}</th></tr></thead>
        <tbody>
          {Object.entries(api.paths).map(([path, op]) => {
            const get = (op as { get: { summary: string; parameters?: { name: string; in: string }[] } }).get;
            const params = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
            return (
              <tr>
                <td><code>GET {path}</code></td>
                <td>{get.summary}{params.length ? <div class="meta">{params.join(', ')}</div> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Exports, the Atom feed, the OpenAPI document and the open-data page. */
export async function registerOpenData(app: FastifyInstance, { db, config }: RouteDeps) {
  const base = (req: FastifyRequest) => config.publicUrl ?? `${req.protocol}://${req.host}`;
  const limited = { config: { rateLimit: { max: Math.max(10, Math.round(config.apiRateLimitPerMinute / 10)), timeWindow: '1 minute' } } };

  app.get('/open-data', async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(renderPage(pageContext(req), req.i18n.t('openData.title'), <OpenDataPage i18n={req.i18n} api={openApiDocument(base(req))} />)),
  );
  app.get('/api', (_req, reply) => reply.redirect('/open-data#api', 301));
  app.get('/api/openapi.json', async (req) => openApiDocument(base(req)));

  app.get('/exports/register.json', limited, async (_req, reply) =>
    reply.type('application/json; charset=utf-8').header('content-disposition', 'attachment; filename="safeguard-register.json"').send(JSON.stringify(await loadDataset(db))),
  );
  app.get('/exports/register.jsonld', limited, async (req, reply) =>
    reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(await jsonLd(db, base(req)))),
  );
  app.get('/exports/register-csv.zip', limited, async (_req, reply) =>
    reply.type('application/zip').header('content-disposition', 'attachment; filename="safeguard-register-csv.zip"').send(Buffer.from(csvZip(datasetToCsvFiles(await loadDataset(db))))),
  );
  app.get('/exports/:name.csv', limited, async (req, reply) => {
    const files = datasetToCsvFiles(await loadDataset(db));
    const file = files[`${(req.params as { name: string }).name}.csv`];
    if (!file) return reply.callNotFound();
    return reply.type('text/csv; charset=utf-8').send(file);
  });

  app.get('/feed.atom', async (req, reply) => {
    const [changes, updated] = await Promise.all([recentChanges(db, 50), lastModified(db)]);
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed({ baseUrl: base(req), title: 'Safeguard register: changes', updated: updated ?? new Date(0), changes }));
  });
}
