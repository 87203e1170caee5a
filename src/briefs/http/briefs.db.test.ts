import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { signedInMember, testClient, type Jar } from '../../platform/http/test-client.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { seedFirstContent } from '../../register/import-dataset.ts';
import { CATALOGUE } from '../catalogue.ts';
import { briefOf } from '../compose-brief.ts';
import { STAKEHOLDERS } from '../domain/catalogue.ts';
import { renderBriefMarkdown } from '../views/brief-markdown.ts';

// Briefs and analyses as an advocate uses them: a deployment's brief to each stakeholder, as a page
// and as files; an organisation's analysis, saved as its own draft and added to its briefs; and the
// golden briefs of two shipped documented systems, one per stakeholder type.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };
const SLUG = 'iborderctrl-hungarian-national-police';
const GOLDEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'golden');
const GOLDEN_SYSTEMS = ['iborderctrl-hungarian-national-police', 'uk-nhs-home-office-data-sharing-nhs-digital'];
const TODAY = new Date('2026-12-07T12:00:00Z');

describe(`briefs and analyses (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  let advocate: Jar;
  let outsider: Jar;

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config, now: () => TODAY });
    client = testClient(app, ORIGIN);
    advocate = await signedInMember(db, 'advocate', 'Rights Watch', 'contributor');
    outsider = await signedInMember(db, 'outsider', 'Another NGO', 'editor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  describe('golden briefs of two documented systems', () => {
    for (const slug of GOLDEN_SYSTEMS) {
      for (const to of STAKEHOLDERS) {
        it(`${slug} to ${to}`, async () => {
          const doc = await briefOf(db, slug, { stakeholder: to, i18n: translator('en'), baseUrl: ORIGIN }, TODAY);
          const md = renderBriefMarkdown(doc, CATALOGUE.glossary);
          const file = path.join(GOLDEN_DIR, `${slug}.${to}.md`);
          if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, md);
          expect(md).toBe(fs.readFileSync(file, 'utf8'));
        });
      }
    }
  });

  it('offers briefs and the analysis from the deployment page, and a stakeholder choice', async () => {
    const page = await client.get({}, `/deployments/${SLUG}`);
    expect(page.body).toContain(`href="/deployments/${SLUG}/brief?to=company"`);
    expect(page.body).toContain(`href="/deployments/${SLUG}/analysis"`);
    const chooser = await client.get({}, `/deployments/${SLUG}/brief`);
    expect(chooser.statusCode).toBe(200);
    for (const s of STAKEHOLDERS) expect(chooser.body).toContain(`value="${s}"`);
    // The vendors of the technology are offered as addressees.
    expect(chooser.body).toContain('value="european-dynamics"');
  });

  it('writes the brief to a vendor, in Arabic, with the briefing quoted in English', async () => {
    const res = await client.get({}, `/deployments/${SLUG}/brief?to=company&addressee=european-dynamics&lang=ar`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<article class="brief" lang="ar" dir="rtl"');
    expect(res.body).toContain('European Dynamics');
    expect(res.body).toContain('<blockquote lang="en" dir="ltr">');
    expect(res.body).toContain('company.avoid-and-remediate-abuses');
    expect(res.body).toContain('href="/glossary/');
    for (const f of ['md', 'html', 'docx']) expect(res.body).toContain(`/deployments/${SLUG}/brief.${f}?to=company&amp;addressee=european-dynamics&amp;lang=ar`);
  });

  it('downloads the brief as Markdown, a self-contained HTML file and a DOCX that opens', async () => {
    const md = await client.get({}, `/deployments/${SLUG}/brief.md?to=state`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toContain(`brief-${SLUG}-state-en.md`);
    expect(md.body).toContain(`${ORIGIN}/deployments/${SLUG}`);
    const html = await client.get({}, `/deployments/${SLUG}/brief.html?to=state&lang=fr`);
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(html.body).not.toMatch(/<script|<link/);
    expect(html.body).toContain('<html lang="fr" dir="ltr">');
    const docx = await client.get({}, `/deployments/${SLUG}/brief.docx?to=company&lang=ar`);
    expect(docx.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(docx.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('company.avoid-and-remediate-abuses');
    expect(xml).toContain('<w:bidi');
  });

  it('prints and compares', async () => {
    const print = await client.get({}, `/deployments/${SLUG}/brief/print?to=international_organisation`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('class="print-view"');
    const compare = await client.get({}, `/deployments/${SLUG}/brief/compare?a=state&b=company`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('id="brief-a"');
    expect(compare.body).toContain('id="brief-b"');
    expect(compare.body).toContain('state.ban.inherently-rights-violating');
    expect(compare.body).toContain('company.respect-human-rights');
  });

  it('answers a wrong choice with a clear error listing the valid values, and an unknown deployment with 404', async () => {
    const bad = await client.get({}, `/deployments/${SLUG}/brief?to=ngo`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('use one of state, company, international_organisation, service_provider');
    expect(bad.body).toContain('name="to"'); // the form again
    const wrongAddressee = await client.get({}, `/deployments/${SLUG}/brief?to=state&addressee=european-dynamics`);
    expect(wrongAddressee.statusCode).toBe(400);
    expect(wrongAddressee.body).toContain('hungarian-national-police');
    expect((await client.get({}, `/deployments/${SLUG}/brief.md?to=nobody`)).statusCode).toBe(400);
    expect((await client.get({}, `/deployments/${SLUG}/brief.pdf?to=state`)).statusCode).toBe(404);
    expect((await client.get({}, `/deployments/${SLUG}/brief.md?to=state&lang=de`)).body).toContain('use one of en, fr, ar');
    expect((await client.get({}, '/deployments/no-such-thing/brief?to=state')).statusCode).toBe(404);
  });

  it('saves an analysis as the organisation’s draft, re-renders a refused one as typed, and adds it to the brief', async () => {
    // A visitor is sent to sign in first.
    const anonymous = await client.get({}, `/deployments/${SLUG}/analysis`);
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/login/);
    const form = await client.get(advocate, `/deployments/${SLUG}/analysis`);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('Is technology needed at all');
    const refused = await client.post(advocate, `/deployments/${SLUG}/analysis?org=rights-watch`,
      { 'necessity.needed': 'perhaps', 'necessity.alternatives': 'Trained staff at the border.' }, { tokenFrom: `/deployments/${SLUG}/analysis` });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('class="error-summary"');
    expect(refused.body).toContain('Trained staff at the border.');
    expect((await db.query('SELECT 1 FROM briefs.analyses')).length).toBe(0);
    const saved = await client.post(advocate, `/deployments/${SLUG}/analysis?org=rights-watch`,
      { 'necessity.needed': 'no', 'necessity.alternatives': 'Trained staff at the border.', 'participation.consulted': 'no', 'binding.state': 'soft_only' },
      { tokenFrom: `/deployments/${SLUG}/analysis` });
    expect(saved.statusCode).toBe(303);
    const again = await client.get(advocate, String(saved.headers.location));
    expect(again.body).toContain('The analysis is saved.');
    expect(again.body).toMatch(/value="no"[^>]*checked|checked[^>]*value="no"/);
    const withAnalysis = await client.get(advocate, `/deployments/${SLUG}/brief?to=state&analysis=rights-watch`);
    expect(withAnalysis.statusCode).toBe(200);
    expect(withAnalysis.headers['cache-control']).toBe('no-store');
    expect(withAnalysis.body).toContain('Analysis by Rights Watch');
    expect(withAnalysis.body).toContain('Trained staff at the border.');
    expect(withAnalysis.body).toContain('No consultation of the people affected is recorded.');
  });

  it('keeps an analysis to its organisation', async () => {
    expect((await client.get(outsider, `/deployments/${SLUG}/brief?to=state&analysis=rights-watch`)).statusCode).toBe(403);
    expect((await client.get({}, `/deployments/${SLUG}/brief?to=state&analysis=rights-watch`)).statusCode).toBe(401);
    const theirs = await client.get(outsider, `/deployments/${SLUG}/analysis`);
    expect(theirs.body).not.toContain('Trained staff at the border.');
    // The public brief says nothing of it.
    expect((await client.get({}, `/deployments/${SLUG}/brief?to=state`)).body).not.toContain('Rights Watch');
  });

  it('lists a technology’s deployments to analyse', async () => {
    const res = await client.get({}, '/technologies/iborderctrl/analyse');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/deployments/${SLUG}/analysis"`);
    expect((await client.get({}, '/technologies/iborderctrl')).body).toContain('href="/technologies/iborderctrl/analyse"');
  });
});
