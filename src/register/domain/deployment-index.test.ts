import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDeploymentIndex, FACET_LIMIT, parseTsQuery, searchIndex, type IndexedDeployment, type IndexedLexeme, type IndexedOrganisation, type SearchResult,
  type TextQuery,
} from './deployment-index.ts';
import { FACETS, parseSearchParams, type FacetName, type SearchQuery } from './search-query.ts';

const organisations: IndexedOrganisation[] = [
  { id: 'o1', slug: 'ministry', name: 'Ministry' },
  { id: 'o2', slug: 'agency', name: 'Agency' },
  { id: 'o3', slug: 'acme', name: 'Acme' },
  { id: 'o4', slug: 'bolt', name: 'Acme' }, // same name: ties go by slug
];

function deployment(n: number, over: Partial<IndexedDeployment> = {}): IndexedDeployment {
  return {
    id: `d${n}`, slug: `deployment-${n}`, title: `Deployment ${n}`, status: 'active', decision_role: 'decision_support', countries: ['GR'],
    unverified_claims: [], red_line_verdict: 'insufficient_information', facet_red_lines: ['undetermined'],
    technology_slug: `technology-${n}`, technology_name: `Technology ${n}`, deployer_slug: 'ministry', deployer_name: 'Ministry',
    title_rank: n, updated_rank: n, deployer_id: 'o1', facet_vendors: [], facet_techniques: [], facet_data_categories: [], ...over,
  };
}

const query = (raw: Record<string, unknown>): SearchQuery => {
  const parsed = parseSearchParams(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const counts = (r: SearchResult, facet: FacetName) => r.facets[facet].map((v) => `${v.value}:${v.count}`);

describe('the in-memory search index, by hand', () => {
  const rows = [
    deployment(1, { countries: ['GR', 'IT'], status: 'active', facet_vendors: ['o3'], facet_techniques: ['facial recognition'] }),
    deployment(2, { countries: ['GR'], status: 'pilot', deployer_id: 'o2', deployer_slug: 'agency', facet_vendors: ['o3', 'o4'] }),
    deployment(3, { countries: ['IT'], status: 'active', facet_techniques: ['facial recognition', 'database'] }),
    deployment(4, { countries: ['DE'], status: 'halted', deployer_id: 'o2', deployer_slug: 'agency' }),
  ];
  const index = buildDeploymentIndex(rows, organisations);

  it('counts the whole register without filters', () => {
    const r = searchIndex(index, query({}), null);
    expect(r.total).toBe(4);
    expect(r.hits.map((h) => h.slug)).toEqual(['deployment-1', 'deployment-2', 'deployment-3', 'deployment-4']);
    expect(counts(r, 'country')).toEqual(['GR:2', 'IT:2', 'DE:1']);
    expect(counts(r, 'status')).toEqual(['active:2', 'halted:1', 'pilot:1']);
    // Organisations by count, then name, then slug; shown by slug and name.
    expect(r.facets.vendor).toEqual([{ value: 'acme', label: 'Acme', count: 2 }, { value: 'bolt', label: 'Acme', count: 1 }]);
    expect(r.facets.deployer).toEqual([{ value: 'agency', label: 'Agency', count: 2 }, { value: 'ministry', label: 'Ministry', count: 2 }]);
  });

  it('counts each facet under the other filters only (OR within a facet, AND across)', () => {
    const r = searchIndex(index, query({ country: ['IT'], status: ['active', 'pilot'] }), null);
    expect(r.hits.map((h) => h.slug)).toEqual(['deployment-1', 'deployment-3']);
    // Countries under status ∈ {active, pilot}: deployments 1, 2, 3.
    expect(counts(r, 'country')).toEqual(['GR:2', 'IT:2']);
    // Statuses under country = IT: deployments 1 and 3.
    expect(counts(r, 'status')).toEqual(['active:2']);
    // Other facets count the hits.
    expect(counts(r, 'technique')).toEqual(['facial recognition:2', 'database:1']);
  });

  it('matches nothing for a value the register does not hold, and still counts that facet', () => {
    const r = searchIndex(index, query({ vendor: ['nobody'] }), null);
    expect(r.total).toBe(0);
    expect(r.hits).toEqual([]);
    expect(counts(r, 'vendor')).toEqual(['acme:2', 'bolt:1']);
    expect(counts(r, 'country')).toEqual([]);
  });

  // Lexemes as PostgreSQL's parser left them, with the rows (positions in `rows`) whose text holds them.
  const lexemes: IndexedLexeme[] = [
    { lexeme: 'border', rows: [1, 2, 3] }, { lexeme: 'borders', rows: [1] }, { lexeme: 'bord', rows: [0] }, { lexeme: 'camera', rows: [2, 3] },
  ];
  const withText = buildDeploymentIndex(rows, organisations, lexemes);
  const text = (...items: [string, boolean][]): TextQuery => ({ items: items.map(([lexeme, prefix]) => ({ lexeme, prefix })) });

  it('matches every search word, the last one as a prefix, and ranks by how many word forms matched, then by title', () => {
    const r = searchIndex(withText, query({ q: 'border' }), text(['border', true]));
    expect(r.total).toBe(3);
    // Deployment 2 holds "border" and "borders"; 3 and 4 hold "border" only.
    expect(r.hits.map((h) => h.slug)).toEqual(['deployment-2', 'deployment-3', 'deployment-4']);
    expect(counts(r, 'country')).toEqual(['DE:1', 'GR:1', 'IT:1']);
    expect(searchIndex(withText, query({ q: 'border' }), text(['border', false])).total).toBe(3);
    expect(searchIndex(withText, query({ q: 'bord' }), text(['bord', false])).hits.map((h) => h.slug)).toEqual(['deployment-1']);
    expect(searchIndex(withText, query({ q: 'bord' }), text(['bord', true])).total).toBe(4);
    expect(searchIndex(withText, query({ q: 'border camera' }), text(['border', false], ['camera', true])).hits.map((h) => h.slug)).toEqual(['deployment-3', 'deployment-4']);
    expect(searchIndex(withText, query({ q: 'camera bord' }), text(['camera', false], ['bord', false])).total).toBe(0);
    expect(searchIndex(withText, query({ q: 'zebra' }), text(['zebra', true])).total).toBe(0);
    // Words the parser dropped entirely leave no items: nothing matches.
    expect(searchIndex(withText, query({ q: 'x' }), text()).total).toBe(0);
    // Other sorts ignore the relevance.
    const byUpdated = searchIndex(withText, query({ q: 'border', sort: 'updated' }), text(['border', true]));
    expect(byUpdated.hits.map((h) => h.slug)).toEqual(['deployment-2', 'deployment-3', 'deployment-4']);
  });

  it('reads the tsquery text PostgreSQL gives back for search words', () => {
    expect(parseTsQuery("'border':*")).toEqual(text(['border', true]));
    expect(parseTsQuery("'a' & 'b' & 'école':*")).toEqual(text(['a', false], ['b', false], ['école', true]));
    expect(parseTsQuery("'foo-bar' <-> 'foo' <-> 'bar' & 'x':*")).toEqual(text(['foo-bar', false], ['foo', false], ['bar', false], ['x', true]));
    expect(parseTsQuery("( 'a' <2> 'b' ) & 'o''brien'")).toEqual(text(['a', false], ['b', false], ["o'brien", false]));
    expect(parseTsQuery('')).toEqual(text());
    expect(() => parseTsQuery("'a' | 'b'")).toThrow(/unexpected search query/);
    expect(() => parseTsQuery("!'a'")).toThrow(/unexpected search query/);
  });

  it('pages through the hits', () => {
    const r = searchIndex(index, query({}), null, { limit: 2, offset: 1 });
    expect(r.hits.map((h) => h.slug)).toEqual(['deployment-2', 'deployment-3']);
    expect(searchIndex(index, query({ country: 'GR' }), null, { limit: 5, offset: 1 }).hits.map((h) => h.slug)).toEqual(['deployment-2']);
    expect(searchIndex(withText, query({ q: 'border' }), text(['border', true]), { limit: 1, offset: 1 }).hits.map((h) => h.slug)).toEqual(['deployment-3']);
    expect(searchIndex(index, query({}), null, { limit: 5, offset: 10 }).hits).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Against a plain computation over the rows, on random registers, searches and text matches.

const FACET_OF: Record<FacetName, (d: IndexedDeployment) => readonly string[]> = {
  redline: (d) => d.facet_red_lines, country: (d) => d.countries, status: (d) => [d.status], role: (d) => [d.decision_role],
  deployer: (d) => [d.deployer_id], vendor: (d) => d.facet_vendors, technique: (d) => d.facet_techniques, data: (d) => d.facet_data_categories,
};

function reference(rows: IndexedDeployment[], words: string[][], q: SearchQuery, text: TextQuery | null, window: { limit: number; offset: number }) {
  const orgBySlug = new Map(organisations.map((o) => [o.slug, o.id]));
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const isOrg = (f: FacetName) => f === 'deployer' || f === 'vendor';
  const wanted = (f: FacetName) => (q[f] as string[]).map((v) => (isOrg(f) ? orgBySlug.get(v) ?? `missing:${v}` : v));
  // A row's relevance: for every item, how many of its distinct words the item matches; it matches the text when every item matches one.
  const score = new Map<string, number>();
  const candidates = rows.filter((d, r) => {
    if (!text) return true;
    const mine = [...new Set(words[r])];
    const perItem = text.items.map(({ lexeme, prefix }) => mine.filter((w) => (prefix ? w.startsWith(lexeme) : w === lexeme)).length);
    score.set(d.id, perItem.reduce((a, b) => a + b, 0));
    return text.items.length > 0 && perItem.every((n) => n > 0);
  });
  const passes = (d: IndexedDeployment, except?: FacetName) =>
    FACETS.every((f) => f === except || !wanted(f).length || FACET_OF[f](d).some((v) => wanted(f).includes(v)));
  const hits = candidates.filter((d) => passes(d));
  const key = (d: IndexedDeployment) => (q.sort === 'updated' ? d.updated_rank : d.title_rank);
  hits.sort((a, b) => (q.sort === 'relevance' && text ? score.get(b.id)! - score.get(a.id)! : 0) || key(a) - key(b));
  const facets = Object.fromEntries(FACETS.map((f) => {
    const c = new Map<string, number>();
    for (const d of candidates.filter((d) => passes(d, f))) {
      for (const v of new Set(FACET_OF[f](d))) if (!isOrg(f) || orgById.has(v)) c.set(v, (c.get(v) ?? 0) + 1);
    }
    const shown = [...c].map(([v, count]) => ({ value: isOrg(f) ? orgById.get(v)!.slug : v, label: isOrg(f) ? orgById.get(v)!.name : v, count }));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    shown.sort((a, b) => b.count - a.count || (isOrg(f) ? cmp(a.label, b.label) : 0) || cmp(a.value, b.value));
    return [f, shown.slice(0, FACET_LIMIT + (q[f] as string[]).length)];
  }));
  return { total: hits.length, slugs: hits.slice(window.offset, window.offset + window.limit).map((d) => d.slug), facets };
}

const pick = <T>(values: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: max });
const COUNTRIES = ['GR', 'IT', 'DE', 'EU', 'ES'];
const TECHNIQUES = ['a', 'b', 'c', 'database', 'facial recognition', 'Zeta', 'ähnlich'];
// Words sharing prefixes, so prefix items match several forms.
const WORDS = ['border', 'borders', 'bord', 'board', 'camera', 'cameras', 'école', 'écoles', 'حدود', 'حد'];
const textArb = fc.array(fc.tuple(fc.constantFrom(...WORDS, 'bo', 'cam', 'é', 'ح', 'zebra'), fc.boolean()), { minLength: 1, maxLength: 2 })
  .map((items): TextQuery => ({ items: items.map(([lexeme, prefix]) => ({ lexeme, prefix })) }));
const rowsArb = fc.tuple(fc.array(fc.record({
  countries: pick(COUNTRIES, 3), status: fc.constantFrom('active', 'pilot', 'halted'), decision_role: fc.constantFrom('decision_support', 'fully_automated', 'none'),
  facet_red_lines: pick(['A', 'B', 'none', 'undetermined'] as const, 2), deployer_id: fc.constantFrom('o1', 'o2', 'o3', 'o-gone'),
  facet_vendors: pick(['o1', 'o3', 'o4', 'o-gone'], 3), facet_techniques: fc.array(fc.constantFrom(...TECHNIQUES), { maxLength: 4 }),
  facet_data_categories: pick(['names', 'faces'], 2), updated: fc.integer({ min: 0, max: 1000 }), titleKey: fc.integer({ min: 0, max: 50 }),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
}), { minLength: 3, maxLength: 40, size: 'medium' }),
// Often a long tail of rows no search word matches, interleaved: then the matches are few next to the
// register's size, as on the real one, and the index takes its sparse paths.
fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 700 })), fc.integer({ min: 1, max: 5 }),
).map(([matching, filler, every]) => {
  const specs = [...matching];
  const quiet = { ...matching[0]!, countries: ['DE'], facet_techniques: ['a'], words: ['filler'] };
  for (let i = 0; i < filler; i++) specs.splice(Math.min(specs.length, (i + 1) * every), 0, { ...quiet, updated: i % 1000, titleKey: i % 51 });
  const rows = specs.map((s, i) => deployment(i, { ...s, title: `T${s.titleKey}`, title_rank: 0, updated_rank: 0 }));
  // Ranks as the SQL orders give them: (title, id) and (updated DESC, id); ties are possible in the keys, never in the ranks.
  [...rows.keys()].sort((a, b) => specs[a]!.titleKey - specs[b]!.titleKey || a - b).forEach((r, i) => (rows[r]!.title_rank = i + 1));
  [...rows.keys()].sort((a, b) => specs[b]!.updated - specs[a]!.updated || a - b).forEach((r, i) => (rows[r]!.updated_rank = i + 1));
  return { rows, words: specs.map((s) => s.words) };
});
// Each filter is off most of the time, so searches with many hits are common.
const filter = <T>(values: readonly T[], max: number) => fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: pick(values, max), weight: 1 });
const queryArb = fc.record({
  country: filter([...COUNTRIES, 'FR'], 2), status: filter(['active', 'pilot', 'halted'], 2), role: filter(['decision_support', 'none'], 1),
  redline: filter(['A', 'none'], 2), deployer: filter(['ministry', 'acme', 'unknown-org'], 2), vendor: filter(['ministry', 'acme', 'bolt'], 2),
  technique: filter(TECHNIQUES, 2), data: filter(['names', 'nothing'], 1), sort: fc.constantFrom('relevance', 'title', 'updated'),
});

describe('the in-memory search index, against a plain computation', () => {
  it('gives the same total, page of hits and facets for any register, search and window', () => {
    // How many runs ordered several hits by relevance: the property must reach that case, not only empty pages.
    let rankedPages = 0;
    fc.assert(fc.property(
      rowsArb, queryArb, fc.option(textArb, { freq: 2 }), fc.integer({ min: 1, max: 30 }),
      fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 1 }),
      queryArb, fc.option(textArb, { freq: 2 }),
      ({ rows, words }, raw, text, limit, offset, earlierRaw, earlierText) => {
        const lexemes = [...new Set(words.flat())].map((lexeme) => ({ lexeme, rows: words.flatMap((w, r) => (w.includes(lexeme) ? [r] : [])) }));
        const index = buildDeploymentIndex(rows, organisations, lexemes);
        // An earlier search on the same index: whatever working state it leaves must not leak into the next.
        const earlier = query({ ...earlierRaw, ...(earlierText ? { q: 'words' } : {}) });
        expect(searchIndex(index, earlier, earlierText).total).toBe(reference(rows, words, earlier, earlierText, { limit: 1, offset: 0 }).total);
        const q = query({ ...raw, ...(text ? { q: 'words' } : {}) });
        const got = searchIndex(index, q, text, { limit, offset });
        const want = reference(rows, words, q, text, { limit, offset });
        expect(got.total).toBe(want.total);
        expect(got.hits.map((h) => h.slug)).toEqual(want.slugs);
        expect(got.ids).toEqual(got.hits.map((h) => h.id));
        expect(got.facets).toEqual(want.facets);
        if (text && q.sort === 'relevance' && got.hits.length >= 3) rankedPages++;
      },
    ), { numRuns: 800, seed: 20261207 });
    expect(rankedPages).toBeGreaterThan(20);
  });

  it('keeps answering right when its per-search counter wraps around', () => {
    const rows = [deployment(1), deployment(2), deployment(3)];
    const index = buildDeploymentIndex(rows, organisations, [{ lexeme: 'border', rows: [0, 2] }, { lexeme: 'camera', rows: [1, 2] }]);
    const border = () => searchIndex(index, query({ q: 'border' }), { items: [{ lexeme: 'border', prefix: false }] }).hits.map((h) => h.slug);
    expect(border()).toEqual(['deployment-1', 'deployment-3']);
    index.scratch!.epoch = 0x7fff_ffff - 1;
    expect(searchIndex(index, query({ q: 'camera' }), { items: [{ lexeme: 'camera', prefix: false }] }).total).toBe(2);
    expect(border()).toEqual(['deployment-1', 'deployment-3']);
    expect(index.scratch!.epoch).toBe(1);
    expect(border()).toEqual(['deployment-1', 'deployment-3']);
  });

  it('answers the unfiltered register the same the second time (its counts are kept)', () => {
    const index = buildDeploymentIndex([deployment(1), deployment(2, { countries: ['IT'] })], organisations);
    const first = searchIndex(index, query({}), null);
    expect(searchIndex(index, query({ sort: 'updated' }), null).facets).toBe(first.facets);
    expect(first.facets).toEqual(searchIndex(index, query({ status: ['active'] }), null).facets);
  });
});
