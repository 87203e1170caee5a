import { z } from 'zod';
import { invalidInput } from '../../platform/errors.ts';
import { SLUG_PATTERN } from '../../platform/slug.ts';
import { RED_LINE_FACET_VALUES } from '../../redlines/domain/screen-profile.ts';
import { DECISION_ROLES, DEPLOYMENT_STATUSES } from './vocabulary.ts';

export const SEARCH_SORTS = ['relevance', 'title', 'updated'] as const;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(item).max(20, 'at most 20 values'));

/** Query parameters of the register search (page and API); every state lives in the URL. */
export const searchParamsSchema = z.object({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(200, 'the search text is limited to 200 characters').default('')),
  country: many(z.string().regex(/^[A-Z]{2}$/, 'a country is a two-letter code such as DE or EU')),
  deployer: many(z.string().regex(SLUG_PATTERN, 'a deployer is given by its slug')),
  vendor: many(z.string().regex(SLUG_PATTERN, 'a vendor is given by its slug')),
  technique: many(z.string().min(1).max(100)),
  data: many(z.string().min(1).max(100)),
  status: many(z.enum(DEPLOYMENT_STATUSES)),
  role: many(z.enum(DECISION_ROLES)),
  redline: many(z.enum(RED_LINE_FACET_VALUES)),
  sort: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.enum(SEARCH_SORTS).optional()),
  page: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z.coerce.number({ message: 'page must be a number' }).int('page must be a whole number').min(1, 'page starts at 1').max(MAX_PAGE, `page is at most ${MAX_PAGE}`).default(1),
  ),
});

export type SearchParams = z.infer<typeof searchParamsSchema>;
export type FacetName = 'country' | 'deployer' | 'vendor' | 'technique' | 'data' | 'status' | 'role' | 'redline';
export const FACETS: readonly FacetName[] = ['redline', 'country', 'status', 'role', 'deployer', 'vendor', 'technique', 'data'];

/** The search a visitor asked for, normalised: text terms, filters, sort and page. */
export type SearchQuery = SearchParams & { terms: string[]; sort: (typeof SEARCH_SORTS)[number] };

/** Parses raw query parameters into a SearchQuery, or returns the first problem in plain words. */
export function parseSearchParams(raw: unknown): { ok: true; query: SearchQuery } | { ok: false; field: string; message: string } {
  const parsed = searchParamsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: String(issue.path[0] ?? 'query'), message: issue.message };
  }
  const terms = searchTerms(parsed.data.q);
  return { ok: true, query: { ...parsed.data, terms, sort: parsed.data.sort ?? (terms.length ? 'relevance' : 'title') } };
}

/** Parses raw query parameters into a SearchQuery, or throws an invalid_input error naming the parameter. */
export function searchQueryFrom(raw: unknown): SearchQuery {
  const parsed = parseSearchParams(raw);
  if (!parsed.ok) throw invalidInput(parsed.field, `${parsed.field}: ${parsed.message}`);
  return parsed.query;
}

/** Splits search text into at most 8 lower-case terms of letters and digits (any script). */
export function searchTerms(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8)
    .map((t) => Array.from(t).slice(0, 60).join(''));
}

/** A to_tsquery('simple') expression matching every term, the last as a prefix (search as you type). */
export function toTsQuery(terms: readonly string[]): string | null {
  if (!terms.length) return null;
  return terms.map((t, i) => (i === terms.length - 1 ? `'${t}':*` : `'${t}'`)).join(' & ');
}

/** The URL query string of a search, with one change applied; used for links that keep the other state. */
export function searchHref(query: SearchParams, change: Partial<SearchParams> = {}, base = '/register'): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const f of FACETS) for (const v of next[f]) params.append(f, v);
  if (next.sort) params.set('sort', next.sort);
  if (next.page && next.page > 1) params.set('page', String(next.page));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

/** Toggles one facet value in a search, going back to page 1. */
export function toggleFacet(query: SearchParams, facet: FacetName, value: string): string {
  const current = query[facet] as string[];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return searchHref(query, { [facet]: values, page: 1 } as Partial<SearchParams>);
}
