import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { seedFirstContent } from '../../register/import-dataset.ts';
import { CATALOGUE } from '../catalogue.ts';

// The briefing's glossary as public pages, in every interface language, the definitions quoted in English.
describe(`the glossary pages (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config: { apiRateLimitPerMinute: 10_000, publicUrl: 'https://safeguard.example', logLevel: 'silent', cacheMegabytes: 0 } });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists every term with its definition, and links each to its own page', async () => {
    const res = await app.inject({ method: 'GET', url: '/glossary' });
    expect(res.statusCode).toBe(200);
    // The definitions as text: their own terms link to each other, and footnote numbers are marks.
    const text = res.body.replace(/<\/?(a|sup)\b[^>]*>/g, '');
    for (const term of CATALOGUE.glossary) {
      expect(res.body).toContain(`href="/glossary/${term.id}"`);
      expect(text).toContain(term.definition.replace(/<\/?sup>/g, '').slice(0, 60).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;'));
    }
    expect(res.body).toContain('POL 30/0290/2025');
    expect(res.body).not.toContain('&lt;sup');
    expect(res.body).toContain('<sup>2</sup>');
  });

  it('shows one term, quoted in English with a note in Arabic and French, and 404 for a term it does not have', async () => {
    const term = CATALOGUE.glossary.find((g) => g.id === 'intersectionality')!;
    for (const [lang, note] of [['ar', 'الإنجليزية'], ['fr', 'l’anglais']] as const) {
      const res = await app.inject({ method: 'GET', url: `/glossary/${term.id}`, headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain('<blockquote lang="en" dir="ltr">');
      expect(res.body).toContain(note);
    }
    expect((await app.inject({ method: 'GET', url: '/glossary/not-a-term' })).statusCode).toBe(404);
  });

  it('links the glossary terms where they appear on the register\'s pages, once each', async () => {
    const technology = await app.inject({ method: 'GET', url: '/technologies/us-cbp-one' });
    expect(technology.statusCode).toBe(200);
    const summary = /<p class="lead">(.*?)<\/p>/s.exec(technology.body)?.[1] ?? '';
    expect(summary).toContain('<a class="term" href="/glossary/facial-recognition-technology">facial recognition</a>');

    // A deployment's page: its screening quotes the briefing, whose terms link to their pages.
    const deployment = await app.inject({ method: 'GET', url: '/deployments/iborderctrl-hungarian-national-police' });
    expect(deployment.statusCode).toBe(200);
    const quotes = [...deployment.body.matchAll(/<blockquote lang="en" dir="ltr">(.*?)<\/blockquote>/gs)].map((m) => m[1]).join('\n');
    const links = [...deployment.body.matchAll(/<a class="term" href="\/glossary\/([a-z-]+)">/g)].map((m) => m[1]);
    expect(quotes).toMatch(/<a class="term" href="\/glossary\/[a-z-]+">/);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links).size).toBe(links.length);
  });

  it('cross-links the terms inside a definition, but not the term itself', async () => {
    const res = await app.inject({ method: 'GET', url: '/glossary/remote-biometric-identification' });
    const quote = /<blockquote lang="en" dir="ltr">(.*?)<\/blockquote>/s.exec(res.body)?.[1] ?? '';
    expect(quote).toContain('Remote biometric identification (RBI) systems');
    expect(quote).not.toContain('href="/glossary/remote-biometric-identification"');
    expect(quote).toContain('<a class="term" href="/glossary/facial-recognition-technology">Facial recognition technology</a>');
  });
});
