import { solveChallenge } from 'altcha-lib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../platform/auth/accept-invitation.ts';
import { inviteMember } from '../../platform/auth/invite-member.ts';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { testClient, type Jar } from '../../platform/http/test-client.ts';
import { MIN_FORM_SECONDS } from '../domain/suggestion.ts';
import { seedFirstContent } from '../import-dataset.ts';

// Suggestions from the public: no account, no tracking; a proof of work or a short wait keeps
// robots out; editors take them up or dismiss them, and the sender's contact is then erased.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };
let clock = new Date('2026-11-28T10:00:00Z');

/** Solves the form's challenge as the page's script does. */
async function solve(html: string): Promise<string> {
  const attr = (name: string) => new RegExp(`data-pow-${name}="([^"]+)"`).exec(html)![1]!.replace(/&amp;/g, '&');
  const solution = await solveChallenge(attr('challenge'), attr('salt'), attr('algorithm'), Number(attr('max'))).promise;
  return Buffer.from(JSON.stringify({ algorithm: attr('algorithm'), challenge: attr('challenge'), number: solution!.number, salt: attr('salt'), signature: attr('signature') })).toString('base64');
}
const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!;

describe(`public suggestions (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  const editor: Jar = {};

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config, now: () => clock, sleep: async () => undefined });
    client = testClient(app, ORIGIN);
    const invite = await inviteMember(db, { kind: 'system', name: 'test' }, { organisation: 'Editorial Team', role: 'editor' }, clock);
    const result = await acceptInvitation(db, invite.token, { displayName: 'Ed', email: 'ed@example.org', password: 'a long and unguessable passphrase', confirmPassword: 'a long and unguessable passphrase' }, clock);
    if (!result.ok) throw new Error('no editor');
    editor['__Host-safeguard_session'] = result.token;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const url = '/deployments/etias-screening-rules-frontex/suggest';
  const text = { body: 'The screening rules were changed in 2025.', sources: 'https://example.org/report', contact: 'reader@example.org' };

  it('serves the form with its challenge, its one script and a CSP that allows only that', async () => {
    const page = await client.get({}, url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<script type="module" src="\/assets\/pow\.[0-9a-f]{12}\.js"><\/script>/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.body).toContain('data-pow-challenge=');
    const script = await client.get({}, /src="(\/assets\/pow\.[0-9a-f]{12}\.js)"/.exec(page.body)![1]!);
    expect(script.headers['content-type']).toContain('text/javascript');
    // Other pages still forbid scripts outright.
    expect((await client.get({}, '/register')).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('accepts a solved proof of work at once, but only once', async () => {
    const jar: Jar = {};
    const page = await client.get(jar, url);
    const altcha = await solve(page.body);
    const form = { ...text, altcha, shown: field(page.body, 'shown'), website: '' };
    const sent = await client.post(jar, url, form, { tokenFrom: url });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Thank you');
    const replay = await client.post(jar, url, form, { tokenFrom: url });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('please wait');
  });

  it('without JavaScript, asks for a short wait, keeps what was typed, then accepts', async () => {
    const jar: Jar = {};
    const page = await client.get(jar, '/suggest');
    const form = { body: 'The Kestrel kiosks are used in Evros.', sources: '', contact: '', altcha: '', shown: field(page.body, 'shown'), website: '' };
    const early = await client.post(jar, '/suggest', form, { tokenFrom: '/suggest' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The Kestrel kiosks are used in Evros.');
    clock = new Date(clock.getTime() + MIN_FORM_SECONDS * 1000);
    expect((await client.post(jar, '/suggest', form, { tokenFrom: '/suggest' })).statusCode).toBe(200);
  });

  it('refuses a robot that fills the hidden field, and reports bad input by field', async () => {
    const jar: Jar = {};
    const page = await client.get(jar, url);
    const robot = await client.post(jar, url, { ...text, altcha: await solve(page.body), shown: field(page.body, 'shown'), website: 'http://spam.example' }, { tokenFrom: url });
    expect(robot.statusCode).toBe(400);
    const page2 = await client.get(jar, url);
    const bad = await client.post(jar, url, { body: '', sources: 'not a url', contact: '', altcha: await solve(page2.body), shown: field(page2.body, 'shown'), website: '' }, { tokenFrom: url });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/href="#field-body"/);
    expect(bad.body).toMatch(/href="#field-sources"/);
  });

  it('shows editors the queue; closing a suggestion erases the contact; nothing identifies the sender', async () => {
    const queue = await client.get(editor, '/suggestions');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('The screening rules were changed in 2025.');
    expect(queue.body).toContain('reader@example.org');
    const [row] = await db.query<{ id: string }>(`SELECT id FROM editorial.suggestions WHERE contact = 'reader@example.org'`);
    const closed = await client.post(editor, `/suggestions/${row!.id}/close`, { outcome: 'accepted', note: 'Draft on its way.' }, { tokenFrom: '/suggestions' });
    expect(closed.statusCode).toBe(303);
    const [after] = await db.query<{ contact: string | null; status: string }>('SELECT contact, status FROM editorial.suggestions WHERE id = $1', [row!.id]);
    expect(after).toEqual({ contact: null, status: 'accepted' });
    const stored = JSON.stringify(await db.query('SELECT * FROM editorial.suggestions')) + JSON.stringify(await db.query(`SELECT * FROM audit.log WHERE action LIKE 'suggestion.%'`));
    expect(stored).not.toMatch(/127\.0\.0\.1|lightMyRequest|user-agent/i);
    expect((await client.get({}, '/suggestions')).statusCode).toBe(303);
  });
});
