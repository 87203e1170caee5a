import type { Queryable } from '../../platform/db/database.ts';
import type { RedLineFacetValue, Verdict } from '../../redlines/domain/screen-profile.ts';
import { FACETS, PAGE_SIZE, toTsQuery, type FacetName, type SearchQuery } from '../domain/search-query.ts';

export type SearchHit = {
  id: string; slug: string; title: string; status: string; decision_role: string; countries: string[]; unverified_claims: string[];
  red_line_verdict: Verdict; facet_red_lines: RedLineFacetValue[];
  technology_slug: string; technology_name: string; deployer_slug: string; deployer_name: string;
};
export type FacetValue = { value: string; label: string; count: number };
export type SearchResult = { total: number; hits: SearchHit[]; ids: string[]; facets: Record<FacetName, FacetValue[]> };
/** A window of results by offset (the API) rather than by page number (the pages). */
export type ResultWindow = { limit: number; offset: number };
/** One statement of a search; `prepare` when its text is fixed whatever the values. */
export type SqlStatement = { name: string; sql: string; params: unknown[]; prepare?: boolean };

const FACET_LIMIT = 25;

/** Each active filter of a search as an SQL condition on rows aliased `alias`, leaving out one facet's own. */
function conditions(query: SearchQuery, p: (v: unknown) => string, alias: string, except?: FacetName): string[] {
  const c: string[] = [];
  const on = (facet: FacetName) => facet !== except && (query[facet] as string[]).length > 0;
  if (on('country')) c.push(`${alias}.countries && ${p(query.country)}::text[]`);
  if (on('status')) c.push(`${alias}.status = ANY(${p(query.status)}::text[])`);
  if (on('role')) c.push(`${alias}.decision_role = ANY(${p(query.role)}::text[])`);
  if (on('redline')) c.push(`${alias}.facet_red_lines && ${p(query.redline)}::text[]`);
  if (on('technique')) c.push(`${alias}.facet_techniques && ${p(query.technique)}::text[]`);
  if (on('data')) c.push(`${alias}.facet_data_categories && ${p(query.data)}::text[]`);
  if (on('deployer'))
    c.push(`${alias}.deployer_id = ANY(ARRAY(SELECT id FROM register.organisations WHERE slug = ANY(${p(query.deployer)}::text[])))`);
  if (on('vendor'))
    c.push(`${alias}.facet_vendors && ARRAY(SELECT id FROM register.organisations WHERE slug = ANY(${p(query.vendor)}::text[]))`);
  return c;
}

/**
 * The conditions of a search over the matched rows `m`, leaving out one facet's own filter
 * (disjunctive facet counts: values within a facet combine with OR, facets with AND).
 */
function filters(query: SearchQuery, p: (v: unknown) => string, except?: FacetName): string {
  const c = conditions(query, p, 'm', except);
  return c.length ? `WHERE ${c.join(' AND ')}` : '';
}

const FACET_SQL: Record<FacetName, (w: string, limit: number) => string> = {
  country: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM matched m, unnest(m.countries) v ${w} GROUP BY v ORDER BY 3 DESC, 1 LIMIT ${l}`,
  status: (w, l) => `SELECT m.status AS value, m.status AS label, count(*)::int AS count FROM matched m ${w} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${l}`,
  role: (w, l) => `SELECT m.decision_role AS value, m.decision_role AS label, count(*)::int AS count FROM matched m ${w} GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${l}`,
  redline: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM matched m, unnest(m.facet_red_lines) v ${w} GROUP BY v ORDER BY 3 DESC, 1 LIMIT ${l}`,
  technique: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM matched m, unnest(m.facet_techniques) v ${w} GROUP BY v ORDER BY 3 DESC, 1 LIMIT ${l}`,
  data: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM matched m, unnest(m.facet_data_categories) v ${w} GROUP BY v ORDER BY 3 DESC, 1 LIMIT ${l}`,
  deployer: (w, l) => `SELECT o.slug AS value, o.name AS label, x.count FROM (SELECT m.deployer_id, count(*)::int AS count FROM matched m ${w} GROUP BY 1) x JOIN register.organisations o ON o.id = x.deployer_id ORDER BY 3 DESC, 2, 1 LIMIT ${l}`,
  vendor: (w, l) => `SELECT o.slug AS value, o.name AS label, x.count FROM (SELECT v, count(*)::int AS count FROM matched m, unnest(m.facet_vendors) v ${w} GROUP BY v) x JOIN register.organisations o ON o.id = x.v ORDER BY 3 DESC, 2, 1 LIMIT ${l}`,
};

const ORDER: Record<SearchQuery['sort'], string> = {
  relevance: 'm.rank DESC, m.title, m.id',
  title: 'm.title, m.id',
  updated: 'm.updated_at DESC, m.id',
};

/** Whether a search has neither text nor filter: the register as a whole. */
const isUnfiltered = (query: SearchQuery) => !query.terms.length && FACETS.every((f) => !(query[f] as string[]).length);

/**
 * The register as a whole: the total and the facet counts are read from what
 * refreshDeploymentIndex counted, the page of hits from the sort order's index.
 */
function unfilteredStatement(query: SearchQuery, limit: number, offset: number): SqlStatement {
  const order = query.sort === 'updated' ? 'd.updated_at DESC, d.id' : 'd.title, d.id';
  const hits = `SELECT d.id, d.slug, d.title, d.status, d.decision_role, d.countries, d.unverified_claims, d.red_line_verdict, d.facet_red_lines,
      t.slug AS technology_slug, t.name AS technology_name, o.slug AS deployer_slug, o.name AS deployer_name
    FROM (SELECT * FROM register.deployments d ORDER BY ${order} LIMIT $1 OFFSET $2) d
    JOIN register.technologies t ON t.id = d.technology_id JOIN register.organisations o ON o.id = d.deployer_id ORDER BY ${order}`;
  const parts = [
    `'total', coalesce((SELECT deployments FROM register.deployment_total), 0)`,
    `'hits', (SELECT coalesce(json_agg(h), '[]') FROM (${hits}) h)`,
    ...FACETS.map((f) => `'${f}', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT value, label, count FROM register.facet_counts
      WHERE facet = '${f}' ORDER BY count DESC, label, value LIMIT ${FACET_LIMIT}) x)`),
  ];
  return { name: 'search (unfiltered)', sql: `SELECT json_build_object(${parts.join(', ')}) AS result`, params: [limit, offset], prepare: true };
}

/**
 * The SQL of one search page, as one statement: the text match runs once (GIN index) into a
 * materialised set of narrow rows; the total, the page of hits and every facet are counted from it.
 */
export function searchStatements(query: SearchQuery, window?: ResultWindow): SqlStatement[] {
  const limit = window?.limit ?? PAGE_SIZE;
  const offset = window?.offset ?? (query.page - 1) * PAGE_SIZE;
  if (isUnfiltered(query)) return [unfilteredStatement(query, limit, offset)];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const tsq = toTsQuery(query.terms);
  const columns = 'd.id, d.title, d.updated_at, d.countries, d.status, d.decision_role, d.facet_red_lines, d.deployer_id, d.facet_vendors, d.facet_techniques, d.facet_data_categories';
  // Only rows failing at most one filter can count anywhere (in the hits, or in the facet whose own
  // filter they fail), so the set is narrowed before it is materialised.
  const activeFacets = FACETS.filter((f) => (query[f] as string[]).length > 0).length;
  const narrow = activeFacets > 1
    ? `(${conditions(query, p, 'd').map((sql) => `(NOT coalesce(${sql}, false))::int`).join(' + ')}) <= 1`
    : '';
  const matched = tsq
    ? `SELECT ${columns}, ${query.sort === 'relevance' ? 'ts_rank(s.search_vector, q)' : '0'} AS rank
       FROM to_tsquery('simple', ${p(tsq)}) q JOIN register.deployment_search s ON s.search_vector @@ q
       JOIN register.deployments d ON d.id = s.deployment_id ${narrow ? `WHERE ${narrow}` : ''}`
    : `SELECT ${columns}, 0 AS rank FROM register.deployments d ${narrow ? `WHERE ${narrow}` : ''}`;
  const all = filters(query, p);
  const hits = `SELECT m.id, d.slug, m.title, m.status, m.decision_role, m.countries, d.unverified_claims, d.red_line_verdict, m.facet_red_lines,
      t.slug AS technology_slug, t.name AS technology_name, o.slug AS deployer_slug, o.name AS deployer_name
    FROM (SELECT m.* FROM matched m ${all} ORDER BY ${ORDER[query.sort]} LIMIT ${p(limit)} OFFSET ${p(offset)}) m
    JOIN register.deployments d ON d.id = m.id JOIN register.technologies t ON t.id = d.technology_id
    JOIN register.organisations o ON o.id = d.deployer_id ORDER BY ${ORDER[query.sort]}`;
  const parts = [
    `'total', (SELECT count(*) FROM matched m ${all})`,
    `'hits', (SELECT coalesce(json_agg(h), '[]') FROM (${hits}) h)`,
    // Selected values always show, even when outside the top values.
    ...FACETS.map((f) => `'${f}', (SELECT coalesce(json_agg(x), '[]') FROM (${FACET_SQL[f](filters(query, p, f), FACET_LIMIT + (query[f] as string[]).length)}) x)`),
  ];
  const sql = `WITH matched AS MATERIALIZED (${matched}) SELECT json_build_object(${parts.join(', ')}) AS result`;
  return [{ name: 'search', sql, params, prepare: true }];
}

/** Runs a search: total, one page of hits and the counts of every facet under the other filters. */
export async function searchDeployments(db: Queryable, query: SearchQuery, window?: ResultWindow): Promise<SearchResult> {
  const [statement] = searchStatements(query, window);
  const [row] = await db.query<{ result: { total: number; hits: SearchHit[] } & Record<FacetName, FacetValue[]> }>(
    statement!.sql, statement!.params, { prepare: statement!.prepare ?? false },
  );
  const r = row!.result;
  const facets = Object.fromEntries(FACETS.map((f) => [f, r[f]])) as Record<FacetName, FacetValue[]>;
  return { total: r.total, hits: r.hits, ids: r.hits.map((h) => h.id), facets };
}
