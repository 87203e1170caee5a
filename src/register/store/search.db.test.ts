import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { parseSearchParams, type FacetName } from '../domain/search-query.ts';
import { DEPLOYMENT_STATUSES } from '../domain/vocabulary.ts';
import { FIRST_CONTENT, importDataset, readDatasetFile, seedFirstContent } from '../import-dataset.ts';
import { searchDeployments } from './search.ts';

// The facet counts checked against a plain computation over the shipped dataset: each facet
// counts the deployments matching every other filter (OR within a facet, AND across facets).
const dataset = readDatasetFile(FIRST_CONTENT);
const techniques = new Map(dataset.technologies.map((t) => [t.slug, t.techniques]));
const rows = dataset.deployments.map((d) => ({ slug: d.slug, country: d.countries, status: [d.status], technique: techniques.get(d.technology) ?? [] }));
type Filters = Partial<Record<'country' | 'status' | 'technique', string[]>>;
const passes = (row: (typeof rows)[number], f: Filters, except?: string) =>
  (Object.entries(f) as [keyof Filters, string[]][]).every(([facet, values]) => facet === except || row[facet].some((v) => values.includes(v)));

function expectedFacet(f: Filters, facet: keyof Filters) {
  const counts = new Map<string, number>();
  for (const r of rows.filter((r) => passes(r, f, facet))) for (const v of new Set(r[facet])) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Object.fromEntries(counts);
}

describe(`search facets (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const cases: Filters[] = [
    {},
    { country: ['GB'] },
    { country: ['GB'], status: ['withdrawn'] },
    { country: ['EU', 'GR'], status: ['active', 'pilot'], technique: ['facial recognition'] },
    { status: ['planned'], technique: ['database', 'risk scoring and profiling'] },
  ];
  for (const f of cases) {
    it(`counts every facet under the other filters: ${JSON.stringify(f)}`, async () => {
      const parsed = parseSearchParams(f);
      if (!parsed.ok) throw new Error(parsed.message);
      const result = await searchDeployments(db, parsed.query, { limit: 100, offset: 0 });
      const matching = rows.filter((r) => passes(r, f)).map((r) => r.slug).sort();
      expect(result.total).toBe(matching.length);
      expect(result.hits.map((h) => h.slug).sort()).toEqual(matching);
      for (const facet of ['country', 'status', 'technique'] as const) {
        const got = Object.fromEntries(result.facets[facet as FacetName].map((v) => [v.value, v.count]));
        const want = expectedFacet(f, facet);
        // Facets show their top 25 values plus the selected ones.
        for (const [value, count] of Object.entries(got)) expect(count, `${facet}=${value}`).toBe(want[value]);
        expect(Object.keys(got).length).toBe(Math.min(Object.keys(want).length, 25 + (f[facet]?.length ?? 0)));
      }
    });
  }

  it('combines the text search with filters', async () => {
    const parsed = parseSearchParams({ q: 'fingerprint', country: 'EU' });
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await searchDeployments(db, parsed.query);
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.countries.includes('EU'))).toBe(true);
    const countries = Object.fromEntries(result.facets.country.map((v) => [v.value, v.count]));
    expect(countries.EU).toBe(result.total);
  });

  // The unfiltered register reads precomputed counts; a filter on every status selects the same
  // deployments through the general path, so both must agree on everything they return.
  async function unfilteredAgainstGeneral(sort: string) {
    const unfiltered = parseSearchParams({ sort });
    const everyStatus = parseSearchParams({ sort, status: [...DEPLOYMENT_STATUSES] });
    if (!unfiltered.ok || !everyStatus.ok) throw new Error('bad test query');
    const window = { limit: 30, offset: 5 };
    return [await searchDeployments(db, unfiltered.query, window), await searchDeployments(db, everyStatus.query, window)] as const;
  }

  for (const sort of ['title', 'updated']) {
    it(`answers the unfiltered register from precomputed counts exactly as a search selecting everything (sort=${sort})`, async () => {
      const [fast, general] = await unfilteredAgainstGeneral(sort);
      expect(fast.total).toBe(dataset.deployments.length);
      expect(fast).toEqual(general);
    });
  }

  it('keeps the precomputed counts in step with writes', async () => {
    const technology = dataset.technologies[0]!;
    const added = { ...dataset.deployments[0]!, slug: 'added-for-the-facet-test', title: 'Added for the facet test', countries: ['IS'], status: 'halted' as const };
    await importDataset(db, { ...dataset, deployments: [...dataset.deployments, { ...added, technology: technology.slug }] });
    const [fast, general] = await unfilteredAgainstGeneral('title');
    expect(fast.total).toBe(dataset.deployments.length + 1);
    expect(fast.facets.country.find((v) => v.value === 'IS')?.count).toBe(1);
    expect(fast).toEqual(general);
  });

  it('re-indexes only what a small write touches, including deployments whose vendor was renamed', async () => {
    const vendor = dataset.relations.find((r) => (r.kind === 'develops' || r.kind === 'sells') && r.technology && dataset.deployments.some((d) => d.technology === r.technology))!;
    const renamed = { ...dataset, organisations: dataset.organisations.map((o) => (o.slug === vendor.organisation ? { ...o, name: 'Zyxwvut Systems' } : o)) };
    await importDataset(db, renamed);
    const parsed = parseSearchParams({ q: 'zyxwvut' });
    if (!parsed.ok) throw new Error(parsed.message);
    const found = await searchDeployments(db, parsed.query, { limit: 100, offset: 0 });
    // A deployment's text holds its deployer's name and the names of every organisation related to its technology.
    const [{ n: expected }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM register.deployments d JOIN register.organisations o ON o.slug = $1
       WHERE d.deployer_id = o.id OR d.technology_id IN (SELECT technology_id FROM register.relations WHERE organisation_id = o.id)`,
      [vendor.organisation],
    )) as [{ n: number }];
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBe(expected);
  });
});
