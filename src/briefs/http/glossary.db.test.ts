import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { CATALOGUE } from '../catalogue.ts';

// The briefing's glossary as public pages, in every interface language, the definitions quoted in English.
describe(`the glossary pages (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDatabase();
    app = await buildApp({ db, config: { apiRateLimitPerMinute: 10_000, publicUrl: 'https://safeguard.example', logLevel: 'silent', cacheMegabytes: 0 } });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists every term with its definition, and links each to its own page', async () => {
    const res = await app.inject({ method: 'GET', url: '/glossary' });
    expect(res.statusCode).toBe(200);
    for (const term of CATALOGUE.glossary) {
      expect(res.body).toContain(`href="/glossary/${term.id}"`);
      expect(res.body).toContain(term.definition.slice(0, 60).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;'));
    }
    expect(res.body).toContain('POL 30/0290/2025');
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
});
