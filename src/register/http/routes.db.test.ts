import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { importDataset, seedFirstContent } from '../import-dataset.ts';
import { validateDataset } from '../domain/dataset.ts';

const config = { apiRateLimitPerMinute: 100_000, publicUrl: 'https://register.example', logLevel: 'info' as const };

describe(`public pages, API and open data (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let log = '';
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    const logStream = new Writable({ write: (chunk, _enc, done) => ((log += chunk.toString()), done()) });
    app = await buildApp({ db, config, logStream });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('serves the home page with counts, a search box and recent changes, under a strict CSP', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en" dir="ltr">');
    expect(res.body).toMatch(/33 technologies, \d+ deployments/);
    expect(res.body).toContain('name="q"');
    expect(res.body).toContain('New deployment: ');
    expect(res.body).not.toContain('<script');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('searches the register by text, with facets that combine and keep every state in the URL', async () => {
    const all = await get('/register');
    const allTotal = Number(/<strong>(\d+) deployments<\/strong>/.exec(all.body)?.[1]);
    const text = await get('/register?q=fingerprint');
    expect(text.statusCode).toBe(200);
    const textTotal = Number(/(\d+) deployments? match/.exec(text.body)?.[1]);
    expect(textTotal).toBeGreaterThan(0);
    expect(textTotal).toBeLessThan(allTotal);
    const both = await get('/register?country=GB&status=withdrawn');
    expect(both.body).toContain('NHS');
    expect(both.body).toMatch(/value="GB" id="[^"]+" checked/);
    expect(both.body).toContain('Remove filter: United Kingdom');
    const combined = await get('/register?country=GB&status=withdrawn&status=active');
    const n = (body: string) => Number(/<strong>(\d+) deployments?<\/strong>/.exec(body)?.[1] ?? 0);
    expect(n(combined.body)).toBeGreaterThan(n(both.body));
    const page2 = await get('/register?sort=title&page=2');
    expect(page2.body).toContain('Page 2 of');
    expect(page2.body).toContain('rel="prev" href="/register?sort=title"');
    // "Clear all filters" clears every facet, red lines included, and keeps the search text.
    const clear = /<a href="([^"]+)">Clear all filters<\/a>/.exec((await get('/register?q=border&redline=A&country=GR&vendor=x')).body)?.[1];
    expect(clear).toBe('/register?q=border&amp;sort=relevance');
  });

  it('answers malformed parameters with 400 and a message, in the visitor’s language', async () => {
    const res = await get('/register?page=abc');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('page must be a number');
    const fr = await get('/register?status=bogus', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.statusCode).toBe(400);
    expect(fr.body).toContain('<html lang="fr" dir="ltr">');
  });

  it('shows a deployment with its sources and visible unverified markers', async () => {
    const res = await get('/deployments/etias-screening-rules-frontex');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sources');
    expect(res.body).toContain('https://frontex.europa.eu/what-we-do/etias/etias-central-unit/');
    expect(res.body).toContain('class="badge unverified"');
    expect(res.body).toContain('Deployment (the record as a whole)');
  });

  it('shows technology, organisation and country pages', async () => {
    const tech = await get('/technologies/iborderctrl');
    expect(tech.body).toContain('European Dynamics');
    expect(tech.body).toContain('Red-line concerns documented by research');
    const org = await get('/organisations/uk-home-office');
    expect(org.statusCode).toBe(200);
    expect(org.body).toContain('Deploys');
    const funder = await get('/organisations/european-union');
    expect(funder.body).toContain('Funds');
    expect(funder.body).toContain('iBorderCtrl');
    const country = await get('/countries/DE');
    expect(country.body).toContain('Germany');
    expect(country.body).toContain('Federal Office for Migration and Refugees');
  });

  it('answers unknown records with a 404 page in the visitor’s language, right-to-left in Arabic', async () => {
    const fr = await get('/deployments/does-not-exist', { 'accept-language': 'fr' });
    expect(fr.statusCode).toBe(404);
    expect(fr.body).toContain('<html lang="fr" dir="ltr">');
    const ar = await get('/technologies/nope', { cookie: 'lang=ar' });
    expect(ar.statusCode).toBe(404);
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('remembers a language choice and only redirects to local addresses', async () => {
    const res = await get('/language?lang=ar&next=%2Fregister%3Fq%3Dx');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/register?q=x');
    expect(String(res.headers['set-cookie'])).toMatch(/lang=ar;.*HttpOnly/);
    const evil = await get('/language?lang=fr&next=%2F%2Fevil.example');
    expect(evil.headers.location).toBe('/');
    expect((await get('/language?lang=xx')).statusCode).toBe(400);
  });

  it('serves the API with filters, pagination and problem+json errors', async () => {
    const list = await get('/api/deployments?country=DE&limit=1');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.total).toBeGreaterThan(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].countries).toContain('DE');
    const next = (await get('/api/deployments?country=DE&limit=1&offset=1')).json();
    expect(next.items[0].slug).not.toBe(body.items[0].slug);
    const orgs = (await get('/api/organisations?kind=company&limit=100')).json();
    expect(orgs.items.every((o: { kind: string }) => o.kind === 'company')).toBe(true);
    expect((await get('/api/technologies/eurodac')).json().name).toContain('Eurodac');
    const missing = await get('/api/technologies/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const bad = await get('/api/deployments?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, detail: expect.stringContaining('limit') });
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/deployments', '/api/organisations', '/api/technologies/{slug}', '/api/sources']));
    expect(doc.components.schemas.Deployment.properties.status.enum).toContain('court_ruling');
    const page = await get('/open-data');
    expect(page.body).toContain('GET /api/deployments');
  });

  it('exports the whole register as JSON, JSON-LD and CSV, neutralising formula cells', async () => {
    await importDataset(db, validDataset('=HYPERLINK("http://evil.example","click")'));
    const json = (await get('/exports/register.json')).json();
    expect(validateDataset(json).ok).toBe(true);
    const ld = (await get('/exports/register.jsonld')).json();
    expect(ld['@type']).toContain('dcat:Dataset');
    expect(ld.license).toContain('creativecommons.org');
    expect(Date.parse(ld.dateModified)).toBeGreaterThan(0);
    const zip = await app.inject({ method: 'GET', url: '/exports/register-csv.zip' });
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['contracts.csv', 'deployments.csv', 'organisations.csv', 'relations.csv', 'sources.csv', 'technologies.csv']);
    const techs = strFromU8(files['technologies.csv']!);
    expect(techs).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(techs).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('publishes an Atom feed of changes with stable URLs', async () => {
    const res = await get('/feed.atom');
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(res.body).toMatch(/<id>https:\/\/register\.example\/changes\/\d+<\/id>/);
  });

  it('logs requests without IP addresses or user agents', async () => {
    log = '';
    await app.inject({ method: 'GET', url: '/register?q=secret-name', remoteAddress: '203.0.113.7', headers: { 'user-agent': 'SecretAgent/1.0', 'x-forwarded-for': '198.51.100.9' } });
    await app.inject({ method: 'GET', url: '/nope', remoteAddress: '203.0.113.7', headers: { 'user-agent': 'SecretAgent/1.0' } });
    expect(log).toContain('"route":"/register"');
    expect(log).not.toContain('203.0.113.7');
    expect(log).not.toContain('198.51.100.9');
    expect(log).not.toContain('SecretAgent');
    expect(log).not.toContain('secret-name');
  });

  it('never answers 5xx to random query strings on search and API routes (property)', async () => {
    const key = fc.constantFrom('q', 'country', 'status', 'role', 'deployer', 'vendor', 'technique', 'data', 'sort', 'page', 'limit', 'offset', 'lang', 'x');
    const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer().map(String), fc.constantFrom('GB', 'active', '-1', '1e9', '%', '%%', '[]', "'", '\\'));
    const query = fc.array(fc.tuple(key, value), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs).toString());
    const raw = fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, ''));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/register', '/api/deployments', '/api/organisations', '/api/technologies', '/api/relations', '/api/sources', '/api/contracts', '/api/changes'), fc.oneof(query, raw), async (path, qs) => {
        const res = await app.inject({ method: 'GET', url: `${path}?${qs}` });
        expect(res.statusCode, `${path}?${qs}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('serves repeated pages from its cache, and fresh ones once the data changes', async () => {
    app.responseCache.invalidate(); // start from a freshly read data version, whatever earlier tests wrote
    const first = await get('/technologies/eurodac', { 'accept-language': 'fr' });
    expect(first.headers['x-cache']).toBeUndefined();
    const second = await get('/technologies/eurodac', { 'accept-language': 'fr' });
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect((await get('/technologies/eurodac', { 'accept-language': 'en' })).headers['x-cache']).toBeUndefined();
    await get('/technologies/formula-test');
    expect((await get('/technologies/formula-test')).headers['x-cache']).toBe('hit');
    await importDataset(db, validDataset('Cache probe technology'));
    await new Promise((r) => setTimeout(r, 1100));
    const after = await get('/technologies/formula-test');
    expect(after.headers['x-cache']).toBeUndefined();
    expect(after.body).toContain('Cache probe technology');
  });

  it('rate-limits the API with problem+json', async () => {
    const limited = await buildApp({ db, config: { ...config, apiRateLimitPerMinute: 3, logLevel: 'silent' } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject({ method: 'GET', url: '/api/sources?limit=1' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await limited.inject({ method: 'GET', url: '/api/sources' });
    expect(res.headers['content-type']).toContain('application/problem+json');
    await limited.close();
  });
});

function validDataset(name: string) {
  const parsed = validateDataset({
    format: 'safeguard-register', version: 1,
    sources: [{ slug: 'example-source', url: 'https://example.org/formula' }],
    technologies: [{ slug: 'formula-test', name, summary: '+summary starting with plus', sources: [{ source: 'example-source' }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.dataset;
}
