import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { parseSearchParams, type FacetName } from '../domain/search-query.ts';
import { DEPLOYMENT_STATUSES } from '../domain/vocabulary.ts';
import { FIRST_CONTENT, importDataset, readDatasetFile, seedFirstContent } from '../import-dataset.ts';
import { DeploymentSearch } from '../search-deployments.ts';
import { readDataVersion } from './search.ts';
import { rescreenDeployments } from './write.ts';

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
  let search: DeploymentSearch;
  beforeAll(async () => {
    db = await openTestDatabase();
    search = new DeploymentSearch(db);
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
      const result = await search.search(parsed.query, { limit: 100, offset: 0 });
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
    const result = await search.search(parsed.query);
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.countries.includes('EU'))).toBe(true);
    const countries = Object.fromEntries(result.facets.country.map((v) => [v.value, v.count]));
    expect(countries.EU).toBe(result.total);
  });

  // The unfiltered register's counts are kept for the index's lifetime; a filter on every status
  // selects the same deployments through the general path, so both must agree on everything they return.
  async function unfilteredAgainstGeneral(sort: string) {
    const unfiltered = parseSearchParams({ sort });
    const everyStatus = parseSearchParams({ sort, status: [...DEPLOYMENT_STATUSES] });
    if (!unfiltered.ok || !everyStatus.ok) throw new Error('bad test query');
    const window = { limit: 30, offset: 5 };
    return [await search.search(unfiltered.query, window), await search.search(everyStatus.query, window)] as const;
  }

  for (const sort of ['title', 'updated']) {
    it(`answers the unfiltered register from its kept counts exactly as a search selecting everything (sort=${sort})`, async () => {
      const [fast, general] = await unfilteredAgainstGeneral(sort);
      expect(fast.total).toBe(dataset.deployments.length);
      expect(fast).toEqual(general);
    });
  }

  it('keeps the index in step with writes', async () => {
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
    const found = await search.search(parsed.query, { limit: 100, offset: 0 });
    // A deployment's text holds its deployer's name and the names of every organisation related to its technology.
    const [{ n: expected }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM register.deployments d JOIN register.organisations o ON o.slug = $1
       WHERE d.deployer_id = o.id OR d.technology_id IN (SELECT technology_id FROM register.relations WHERE organisation_id = o.id)`,
      [vendor.organisation],
    )) as [{ n: number }];
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBe(expected);
  });

  it("matches search text exactly as PostgreSQL's full-text search does on the same vectors", async () => {
    // Every word of the shipped content, by frequency: common, rare and one-off words, each whole and as a prefix.
    const words = (await db.query<{ word: string }>(
      `SELECT word FROM (SELECT word, ndoc, row_number() OVER (ORDER BY ndoc DESC, word) AS r
         FROM ts_stat('SELECT search_vector FROM register.deployment_search')) x WHERE r % 7 = 1 ORDER BY r LIMIT 60`)).map((r) => r.word);
    expect(words.length).toBeGreaterThan(20);
    const texts = [...words, ...words.slice(0, 20).map((w) => w.slice(0, Math.max(1, Math.ceil(w.length / 2)))),
      `${words[0]} ${words[3]}`, `${words[1]} ${words[10]} ${words[20]!.slice(0, 2)}`, 'no-such-word-anywhere', 'Ελλάδα', 'اللجوء'];
    let nonEmpty = 0;
    for (const q of texts) {
      const parsed = parseSearchParams({ q });
      if (!parsed.ok) throw new Error(parsed.message);
      const tsq = parsed.query.terms.map((t, i, all) => (i === all.length - 1 ? `'${t}':*` : `'${t}'`)).join(' & ');
      const want = (await db.query<{ slug: string }>(
        `SELECT d.slug FROM register.deployment_search s JOIN register.deployments d ON d.id = s.deployment_id
         WHERE s.search_vector @@ to_tsquery('simple', $1) ORDER BY d.slug`, [tsq])).map((r) => r.slug);
      const got = (await search.search(parsed.query, { limit: 1000, offset: 0 })).hits.map((h) => h.slug).sort();
      expect(got, q).toEqual(want);
      if (want.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  const logChange = (q: Pick<Database, 'query'>, slug: string) =>
    q.query(`INSERT INTO register.changes (record_type, record_id, slug, title, action) VALUES ('deployment', gen_random_uuid(), $1, $1, 'updated')`, [slug]);

  it('moves the data version on once per committed transaction that logs changes, never for one rolled back', async () => {
    const before = await readDataVersion(db);
    await db.transaction(async (tx) => {
      for (const n of [1, 2, 3]) await logChange(tx, `version-test-${n}`);
    });
    expect(await readDataVersion(db)).toBe(before + 1);
    await expect(db.transaction(async (tx) => {
      await logChange(tx, 'version-test-rolled-back');
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await readDataVersion(db)).toBe(before + 1);
    // Deployments screened with older rules are screened again on start: no change is logged, but the search must see it.
    await db.query(`UPDATE register.deployments SET screened_with = 'older rules' WHERE slug = $1`, [dataset.deployments[0]!.slug]);
    expect(await rescreenDeployments(db)).toBe(1);
    expect(await readDataVersion(db)).toBe(before + 2);
  });

  it.runIf(testEngine === 'postgres')('counts a transaction that commits after a later one, so a reader cannot miss it', async () => {
    const before = await readDataVersion(db);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let logged!: () => void;
    const firstLogged = new Promise<void>((r) => (logged = r));
    // The first transaction takes the smaller change id, then waits while a second one commits.
    const first = db.transaction(async (tx) => {
      await logChange(tx, 'version-test-first');
      logged();
      await held;
    });
    await firstLogged;
    await db.transaction((tx) => logChange(tx, 'version-test-second'));
    const between = await readDataVersion(db);
    release();
    await first;
    expect(between).toBe(before + 1);
    expect(await readDataVersion(db)).toBe(before + 2);
  });
});
