import type { Queryable } from '../../platform/db/database.ts';
import { FACETS, PAGE_SIZE, toTsQuery, type FacetName, type SearchQuery } from '../domain/search-query.ts';

export type SearchHit = {
  id: string; slug: string; title: string; status: string; decision_role: string; countries: string[]; unverified_claims: string[];
  technology_slug: string; technology_name: string; deployer_slug: string; deployer_name: string;
};
export type FacetValue = { value: string; label: string; count: number };
export type SearchResult = { total: number; hits: SearchHit[]; ids: string[]; facets: Record<FacetName, FacetValue[]> };
/** A window of results by offset (the API) rather than by page number (the pages). */
export type ResultWindow = { limit: number; offset: number };
export type SqlStatement = { name: string; sql: string; params: unknown[] };

const FACET_LIMIT = 25;

/** The WHERE clause of a search, leaving out one facet's own filter (disjunctive facet counts). */
function where(query: SearchQuery, params: unknown[], except?: FacetName): string {
  const clauses: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const tsq = toTsQuery(query.terms);
  if (tsq) clauses.push(`d.search_vector @@ to_tsquery('simple', ${p(tsq)})`);
  if (except !== 'country' && query.country.length) clauses.push(`d.countries && ${p(query.country)}::text[]`);
  if (except !== 'status' && query.status.length) clauses.push(`d.status = ANY(${p(query.status)}::text[])`);
  if (except !== 'role' && query.role.length) clauses.push(`d.decision_role = ANY(${p(query.role)}::text[])`);
  if (except !== 'technique' && query.technique.length) clauses.push(`d.facet_techniques && ${p(query.technique)}::text[]`);
  if (except !== 'data' && query.data.length) clauses.push(`d.facet_data_categories && ${p(query.data)}::text[]`);
  if (except !== 'deployer' && query.deployer.length)
    clauses.push(`d.deployer_id IN (SELECT id FROM register.organisations WHERE slug = ANY(${p(query.deployer)}::text[]))`);
  if (except !== 'vendor' && query.vendor.length)
    clauses.push(`d.facet_vendors && ARRAY(SELECT id FROM register.organisations WHERE slug = ANY(${p(query.vendor)}::text[]))`);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

const FACET_SQL: Record<FacetName, (w: string, limit: string) => string> = {
  country: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM register.deployments d, unnest(d.countries) v ${w} GROUP BY v ORDER BY count DESC, v LIMIT ${l}`,
  status: (w, l) => `SELECT d.status AS value, d.status AS label, count(*)::int AS count FROM register.deployments d ${w} GROUP BY d.status ORDER BY count DESC, value LIMIT ${l}`,
  role: (w, l) => `SELECT d.decision_role AS value, d.decision_role AS label, count(*)::int AS count FROM register.deployments d ${w} GROUP BY d.decision_role ORDER BY count DESC, value LIMIT ${l}`,
  technique: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM register.deployments d, unnest(d.facet_techniques) v ${w} GROUP BY v ORDER BY count DESC, v LIMIT ${l}`,
  data: (w, l) => `SELECT v AS value, v AS label, count(*)::int AS count FROM register.deployments d, unnest(d.facet_data_categories) v ${w} GROUP BY v ORDER BY count DESC, v LIMIT ${l}`,
  deployer: (w, l) => `SELECT o.slug AS value, o.name AS label, x.count FROM (SELECT d.deployer_id, count(*)::int AS count FROM register.deployments d ${w} GROUP BY d.deployer_id ORDER BY count DESC, d.deployer_id LIMIT ${l}) x JOIN register.organisations o ON o.id = x.deployer_id ORDER BY x.count DESC, o.name`,
  vendor: (w, l) => `SELECT o.slug AS value, o.name AS label, x.count FROM (SELECT v, count(*)::int AS count FROM register.deployments d, unnest(d.facet_vendors) v ${w} GROUP BY v ORDER BY count DESC, v LIMIT ${l}) x JOIN register.organisations o ON o.id = x.v ORDER BY x.count DESC, o.name`,
};

const ORDER: Record<SearchQuery['sort'], string> = {
  relevance: 'rank DESC, d.title, d.id',
  title: 'd.title, d.id',
  updated: 'd.updated_at DESC, d.id',
};

/** The SQL statements of one search page: the total, the page of hits and one per facet. */
export function searchStatements(query: SearchQuery, window?: ResultWindow): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const countParams: unknown[] = [];
  statements.push({ name: 'total', sql: `SELECT count(*)::int AS total FROM register.deployments d ${where(query, countParams)}`, params: countParams });

  const hitParams: unknown[] = [];
  const w = where(query, hitParams);
  const tsq = toTsQuery(query.terms);
  const rank = tsq && query.sort === 'relevance' ? `ts_rank(d.search_vector, to_tsquery('simple', $${hitParams.push(tsq)}))` : '0';
  const limit = window?.limit ?? PAGE_SIZE;
  const offset = window?.offset ?? (query.page - 1) * PAGE_SIZE;
  statements.push({
    name: 'hits',
    sql: `SELECT d.id, d.slug, d.title, d.status, d.decision_role, d.countries, d.unverified_claims,
            t.slug AS technology_slug, t.name AS technology_name, o.slug AS deployer_slug, o.name AS deployer_name, ${rank} AS rank
          FROM register.deployments d
          JOIN register.technologies t ON t.id = d.technology_id
          JOIN register.organisations o ON o.id = d.deployer_id
          ${w} ORDER BY ${ORDER[query.sort]} LIMIT ${limit} OFFSET ${offset}`,
    params: hitParams,
  });
  for (const facet of FACETS) {
    const params: unknown[] = [];
    const selected = query[facet] as string[];
    // Selected values always show, even when outside the top values.
    const limit = String(FACET_LIMIT + selected.length);
    statements.push({ name: facet, sql: FACET_SQL[facet](where(query, params, facet), limit), params });
  }
  return statements;
}

/** Runs a search: total, one page of hits and the counts of every facet under the other filters. */
export async function searchDeployments(db: Queryable, query: SearchQuery, window?: ResultWindow): Promise<SearchResult> {
  const statements = searchStatements(query, window);
  const results = await Promise.all(statements.map((s) => db.query<Record<string, unknown>>(s.sql, s.params)));
  const facets = {} as Record<FacetName, FacetValue[]>;
  statements.forEach((s, i) => {
    if ((FACETS as readonly string[]).includes(s.name)) facets[s.name as FacetName] = results[i] as FacetValue[];
  });
  return {
    total: (results[0]![0] as { total: number }).total,
    hits: results[1] as SearchHit[],
    ids: (results[1] as SearchHit[]).map((h) => h.id),
    facets,
  };
}
