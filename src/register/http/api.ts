import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidInput, notFound } from '../../platform/errors.ts';
import { searchQueryFrom } from '../domain/search-query.ts';
import { deploymentsInDatasetFormat, listContracts, listOrganisations, listRelations, listSources, listTechnologies } from '../store/open-data.ts';
import { recentChanges } from '../store/records.ts';
import { API_LISTS, pageSchema } from './api-schemas.ts';
import type { RegisterDeps, RouteDeps } from './routes.tsx';

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = String(issue.path[0] ?? 'query');
    throw invalidInput(field, `${field}: ${issue.message}`);
  }
  return r.data;
}

type Loader = (db: RouteDeps['db'], filter: object, page: { limit: number; offset: number }) => Promise<{ total: number; items: unknown[] }>;
/** The store query behind each list of the API (all but deployments, which run the register search). */
const LOADERS: Record<keyof typeof API_LISTS, Loader> = {
  organisations: listOrganisations, technologies: listTechnologies, relations: listRelations, contracts: listContracts, sources: listSources,
};

const one = <T>(items: T[], what: string) => {
  if (!items[0]) throw notFound(what);
  return items[0];
};

/** The read-only JSON API: one list per record type with filters and pagination, and one record by slug. */
export async function registerApi(app: FastifyInstance, { db, config, search }: RegisterDeps) {
  const limited = { config: { rateLimit: { max: config.apiRateLimitPerMinute, timeWindow: '1 minute' } } };
  const list = <T>(page: { limit: number; offset: number }, total: number, items: T[]) => ({ total, limit: page.limit, offset: page.offset, items });

  app.get('/api/deployments', limited, async (req) => {
    const { limit, offset, ...rest } = req.query as Record<string, unknown>;
    const page = parse(pageSchema, { limit, offset });
    // The API pages by offset; the search pages by page number, so run the search at the right window.
    const result = await search.search({ ...searchQueryFrom(rest), page: 1 }, page);
    const items = await deploymentsInDatasetFormat(db, result.ids, undefined, { screening: true });
    return { ...list(page, result.total, items), facets: result.facets };
  });
  for (const [path, spec] of Object.entries(API_LISTS)) {
    app.get(`/api/${path}`, limited, async (req) => {
      const q = parse(spec.query.extend(pageSchema.shape), req.query);
      const { limit, offset, ...filter } = q as Record<string, unknown> & { limit: number; offset: number };
      const r = await LOADERS[path as keyof typeof API_LISTS](db, filter, { limit, offset });
      return list({ limit, offset }, r.total, r.items);
    });
  }
  app.get('/api/deployments/:slug', limited, async (req) => {
    const rows = await db.query<{ id: string }>('SELECT id FROM register.deployments WHERE slug = $1', [(req.params as { slug: string }).slug]);
    return one(await deploymentsInDatasetFormat(db, rows.map((r) => r.id), undefined, { screening: true }), 'deployment');
  });
  // Relations have no slug of their own; every other record type is also served one by one.
  for (const path of ['organisations', 'technologies', 'contracts', 'sources'] as const) {
    app.get(`/api/${path}/:slug`, limited, async (req) => {
      const r = await LOADERS[path](db, { slug: (req.params as { slug: string }).slug }, { limit: 1, offset: 0 });
      return one(r.items as unknown[], path.replace(/ies$/, 'y').replace(/s$/, ''));
    });
  }
  app.get('/api/changes', limited, async (req) => {
    const { limit } = parse(z.object({ limit: pageSchema.shape.limit }), req.query);
    const rows = await recentChanges(db, limit);
    return { items: rows.map((c) => ({ id: c.id, occurredAt: c.occurred_at.toISOString(), recordType: c.record_type, recordId: c.record_id, slug: c.slug, title: c.title, action: c.action })) };
  });
}
