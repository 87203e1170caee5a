import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngine } from '../../db/test-database.ts';
import { buildApp } from '../../http/app.tsx';
import { cookieHeader, csrfFrom, testClient, type Jar } from '../../http/test-client.ts';
import { verifyLog } from '../../audit-log/verify-log.ts';
import { acceptInvitation } from '../accept-invitation.ts';
import type { Role } from '../domain/roles.ts';
import { ensureFirstAdminInvitation, inviteMember } from '../invite-member.ts';
import { totpCode } from '../secrets.ts';
import { beginSecondFactor, confirmSecondFactor } from '../set-up-second-factor.ts';
import { resolveSession } from '../resolve-session.ts';

// Sign-in, sessions, second factor, CSRF and the route × role table, through app.inject().

const PASSWORD = 'a long and unguessable passphrase';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: 'https://safeguard.example', logLevel: 'silent' as const, cacheMegabytes: 0 };
const ORIGIN = 'https://safeguard.example';

let clock = new Date('2026-11-28T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

describe(`accounts and sessions (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDatabase();
    app = await buildApp({ db, config, now: () => clock, sleep: async () => undefined });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const client = () => testClient(app, ORIGIN);
  const get = (jar: Jar, url: string) => client().get(jar, url);
  const post = (...args: Parameters<ReturnType<typeof client>['post']>) => client().post(...args);
  const session = (jar: Jar) => jar['__Host-safeguard_session'];

  const admin: Jar = {};
  let adminSecret = '';
  let recovery: string[] = [];

  it('creates the first administrator from the first-start link, with GOV.UK-style errors on the way', async () => {
    const first = await ensureFirstAdminInvitation(db, clock);
    expect(first).not.toBeNull();
    const url = `/invitations/${first!.token}`;
    const form = await get(admin, url);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toContain('no-store');

    const bad = await post(admin, url, { organisationName: '', displayName: 'Amal', email: 'not-an-address', password: 'short', confirmPassword: 'short' }, { tokenFrom: url });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toMatch(/href="#field-email"[^>]*>[^<]*e-mail address in the correct format/);
    expect(bad.body).toMatch(/href="#field-password"[^>]*>[^<]*at least 12 characters/);
    expect(bad.body).toMatch(/href="#field-organisationName"/);
    expect(bad.body).toContain('value="not-an-address"');
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).not.toContain('value="short"');

    const common = await post(admin, url, { organisationName: 'Safeguard Collective', displayName: 'Amal', email: 'amal@example.org', password: 'password1234', confirmPassword: 'password1234' }, { tokenFrom: url });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('too common');

    const ok = await post(admin, url, { organisationName: 'Safeguard Collective', displayName: 'Amal', email: 'amal@example.org', password: PASSWORD, confirmPassword: PASSWORD }, { tokenFrom: url });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account');
    const cookie = (ok.cookies as { name: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; path?: string }[]).find((c) => c.name === '__Host-safeguard_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

    expect((await get({}, url)).statusCode).toBe(410);
    expect(await ensureFirstAdminInvitation(db, clock)).toBeNull();
  });

  it('sends an administrator without a second factor to set one up first', async () => {
    const account = await get(admin, '/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Set it up before you continue');
    const blocked = await get(admin, '/admin/invitations');
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe('/account/second-factor');

    const setUp = await get(admin, '/account/second-factor');
    adminSecret = /<code>([A-Z2-7 ]+)<\/code>/.exec(setUp.body)![1]!.replace(/ /g, '');
    expect(setUp.body).toContain('otpauth://totp/');
    const wrong = await post(admin, '/account/second-factor', { code: '000000' }, { tokenFrom: '/account/second-factor' });
    expect(wrong.statusCode).toBe(400);
    const right = await post(admin, '/account/second-factor', { code: totpCode(adminSecret, clock) }, { tokenFrom: '/account/second-factor' });
    expect(right.statusCode).toBe(200);
    recovery = [...right.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    expect((await get(admin, '/admin/invitations')).statusCode).toBe(200);
  });

  it('logs out on the server, and logs in again with a new session id at each step', async () => {
    const before = session(admin)!;
    const out = await post(admin, '/logout', {}, { tokenFrom: '/account' });
    expect(out.statusCode).toBe(200);
    expect((await resolveSession(db, before, clock)).state).toBe('none');
    expect((await get({ '__Host-safeguard_session': before }, '/account')).statusCode).toBe(303);

    const wrong = await post(admin, '/login', { email: 'amal@example.org', password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('value="amal@example.org"');
    expect(wrong.body).toContain('is not right');

    const step1 = await post(admin, '/login?next=/admin/invitations', { email: 'AMAL@example.org', password: PASSWORD });
    expect(step1.statusCode).toBe(303);
    expect(step1.headers.location).toBe('/login/second-factor?next=%2Fadmin%2Finvitations');
    const pending = session(admin)!;
    expect(pending).not.toBe(before);
    expect((await get(admin, '/account')).statusCode).toBe(303);

    // A code already used cannot be used again; a recovery code works once.
    advance(60_000);
    const step2 = await post(admin, '/login/second-factor?next=/admin/invitations', { code: recovery[0]! }, { tokenFrom: '/login/second-factor' });
    expect(step2.statusCode).toBe(303);
    expect(step2.headers.location).toBe('/admin/invitations');
    expect(session(admin)).not.toBe(pending);
    expect((await resolveSession(db, pending, clock)).state).toBe('none');
    expect((await get(admin, '/admin/invitations')).statusCode).toBe(200);
  });

  it('refuses a cross-site POST, and a POST without its CSRF token', async () => {
    const jar: Jar = {};
    const token = csrfFrom((await get(jar, '/login')).body)!;
    const form = new URLSearchParams({ email: 'amal@example.org', password: PASSWORD, _csrf: token }).toString();
    const send = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/login', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), ...headers } });
    expect((await send({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await send({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    const noToken = await app.inject({ method: 'POST', url: '/login', payload: 'email=amal%40example.org&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), origin: ORIGIN } });
    expect(noToken.statusCode).toBe(403);
    expect((await send({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(303);
  });

  it('refuses an account after five failed logins in 15 minutes, even with the right password', async () => {
    const jar: Jar = {};
    for (let i = 0; i < 5; i++) expect((await post(jar, '/login', { email: 'amal@example.org', password: `wrong guess number ${i}` })).statusCode).toBe(401);
    const locked = await post(jar, '/login', { email: 'amal@example.org', password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('wait 15 minutes');
    advance(15 * 60_000);
    expect((await post(jar, '/login', { email: 'amal@example.org', password: PASSWORD })).statusCode).toBe(303);
  });

  it('ends a session after 30 idle minutes, and 12 hours after sign-in however active', async () => {
    const jar: Jar = {};
    const result = await acceptInvitation(db, (await inviteMember(db, { kind: 'system', name: 'test' }, { organisation: 'Idle Org', role: 'contributor' }, clock)).token,
      { displayName: 'Idle', email: 'idle@example.org', password: PASSWORD, confirmPassword: PASSWORD }, clock);
    if (!result.ok) throw new Error('account not created');
    jar['__Host-safeguard_session'] = result.token;
    advance(29 * 60_000);
    expect((await get(jar, '/account')).statusCode).toBe(200);
    advance(31 * 60_000);
    expect((await get(jar, '/account')).statusCode).toBe(303);

    const again = await post(jar, '/login', { email: 'idle@example.org', password: PASSWORD });
    expect(again.statusCode).toBe(303);
    for (let h = 0; h < 11 * 3; h++) {
      advance(20 * 60_000);
      expect((await get(jar, '/account')).statusCode).toBe(200);
    }
    advance(60 * 60_000 - 1);
    expect((await get(jar, '/account')).statusCode).toBe(303);
  });

  it('records logins, invitations and second factors in an intact audit log', async () => {
    const log = await verifyLog(db);
    expect(log.ok).toBe(true);
    const actions = (await db.query<{ action: string }>('SELECT DISTINCT action FROM audit.log')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'user.created', 'second_factor.enabled', 'session.ended', 'login.failed', 'login.password_accepted', 'login.succeeded']));
    const logged = JSON.stringify(await db.query('SELECT actor, details FROM audit.log'));
    expect(logged).not.toContain('127.0.0.1');
    expect(logged).not.toContain(PASSWORD);
  });

  // Every route, every role: what the policy must allow (anything but 401/403 and the redirect to
  // sign-in or to the second-factor set-up) and refuse.
  describe('route × role table', () => {
    const ACTORS = ['anonymous', 'contributor', 'editor', 'oversight', 'admin'] as const;
    type Who = (typeof ACTORS)[number];
    const members = ACTORS.filter((a): a is Exclude<Who, 'anonymous'> => a !== 'anonymous');
    const EVERYONE = new Set<Who>(ACTORS);
    const MEMBERS = new Set<Who>(members);
    const ADMINS = new Set<Who>(['admin']);
    const WRITERS = new Set<Who>(['contributor', 'editor']);
    const EDITORS = new Set<Who>(['editor']);
    const OVERSIGHT = new Set<Who>(['oversight']);
    const ASSESSMENT_READERS = new Set<Who>(['contributor', 'editor', 'oversight']);
    /** Routes and who may use them; routes marked 'start' are the sign-in flow, open to anyone holding its link. */
    const TABLE: Record<string, Set<Who> | 'start'> = {
      'GET /login': 'start', 'POST /login': 'start', 'GET /login/second-factor': 'start', 'POST /login/second-factor': 'start',
      'GET /invitations/:token': 'start', 'POST /invitations/:token': 'start',
      'GET /account': MEMBERS, 'GET /account/second-factor': MEMBERS, 'POST /account/second-factor': MEMBERS,
      'GET /admin/invitations': ADMINS, 'POST /admin/invitations': ADMINS, 'POST /admin/invitations/:id/revoke': ADMINS,
      'GET /drafts': WRITERS, 'GET /drafts/new/:type': WRITERS, 'POST /drafts/new/:type': WRITERS, 'GET /drafts/:id': WRITERS,
      'POST /drafts/:id': WRITERS, 'POST /drafts/:id/move': WRITERS, 'POST /drafts/:id/review': EDITORS,
      'GET /suggest': EVERYONE, 'POST /suggest': EVERYONE, 'GET /suggestions': EDITORS, 'POST /suggestions/:id/close': EDITORS,
      'GET /deployments/:slug/suggest': EVERYONE, 'POST /deployments/:slug/suggest': EVERYONE,
      'GET /organisations/:slug/suggest': EVERYONE, 'POST /organisations/:slug/suggest': EVERYONE,
      'GET /technologies/:slug/suggest': EVERYONE, 'POST /technologies/:slug/suggest': EVERYONE,
      'GET /deployments/:slug/unpublish': EDITORS, 'POST /deployments/:slug/unpublish': EDITORS,
      'GET /organisations/:slug/unpublish': EDITORS, 'POST /organisations/:slug/unpublish': EDITORS,
      'GET /technologies/:slug/unpublish': EDITORS, 'POST /technologies/:slug/unpublish': EDITORS,
      'GET /deployments/:slug/audits/new': WRITERS, 'POST /deployments/:slug/audits': WRITERS,
      'POST /audits/:id/mapping': WRITERS, 'POST /audits/:id/discard': WRITERS, 'POST /audits/:id/publish': EDITORS,
      'GET /assessments': ASSESSMENT_READERS, 'GET /assessments/:id/compare': ASSESSMENT_READERS,
      'GET /deployments/:slug/assessments/new': WRITERS, 'POST /deployments/:slug/assessments': WRITERS, 'POST /deployments/:slug/assessments/import': WRITERS,
      'GET /assessments/:id/edit/:section': WRITERS, 'POST /assessments/:id/edit/:section': WRITERS, 'POST /assessments/:id/submit': WRITERS, 'POST /assessments/:id/reassess': WRITERS,
      'POST /assessments/:id/start-review': OVERSIGHT, 'GET /assessments/:id/review': OVERSIGHT, 'POST /assessments/:id/review': OVERSIGHT,
      'GET /assessments/:id/publish': OVERSIGHT, 'POST /assessments/:id/publish': OVERSIGHT, 'POST /assessments/:id/conditions-verified': OVERSIGHT, 'POST /assessments/:id/triggers': ASSESSMENT_READERS,
      'GET /deployments/:slug/analysis': WRITERS, 'POST /deployments/:slug/analysis': WRITERS,
      // Last: it ends the session the other rows use.
      'POST /logout': MEMBERS,
    };
    const jars = {} as Record<Who, Jar>;

    beforeAll(async () => {
      jars.anonymous = {};
      for (const role of members) {
        const invite = await inviteMember(db, { kind: 'system', name: 'test' }, { organisation: `Org of the ${role}`, role: role as Role }, clock);
        const result = await acceptInvitation(db, invite.token, { displayName: role, email: `${role}@table.example`, password: PASSWORD, confirmPassword: PASSWORD }, clock);
        if (!result.ok) throw new Error(`could not create ${role}`);
        const actor = (await resolveSession(db, result.token, clock)) as Extract<Awaited<ReturnType<typeof resolveSession>>, { state: 'active' }>;
        if (role === 'admin' || role === 'oversight') {
          const setUp = await beginSecondFactor(db, actor.actor);
          if ('secret' in setUp) await confirmSecondFactor(db, actor.actor, totpCode(setUp.secret, clock), clock);
        }
        jars[role] = { '__Host-safeguard_session': result.token };
      }
    });

    it('has an expectation for every route, and every route declares an action', () => {
      for (const r of app.routeList) {
        expect(r.action, `${r.method} ${r.url} declares no action`).toBeDefined();
        if (r.action === 'register.read') continue;
        expect(TABLE, `${r.method} ${r.url} is missing from the table`).toHaveProperty([`${r.method} ${r.url}`]);
      }
    });

    for (const [route, allowed] of Object.entries(TABLE)) {
      if (allowed === 'start') continue;
      for (const who of ACTORS) {
        const expected = allowed.has(who) ? 'allow' : 'deny';
        it(`${route} — ${who}: ${expected}`, async () => {
          const [method, pattern] = route.split(' ') as [string, string];
          const url = pattern.replace(':id', '00000000-0000-0000-0000-000000000000').replace(':type', 'deployment').replace(':slug', 'no-such-record');
          const jar = { ...jars[who] };
          const res = method === 'GET' ? await get(jar, url) : await post(jar, url, { organisation: 'Table Org', role: 'contributor', code: '123456' }, { tokenFrom: who === 'anonymous' ? '/login' : '/account' });
          const denied = res.statusCode === 401 || res.statusCode === 403 || (res.statusCode === 303 && /^\/(login|account\/second-factor)/.test(String(res.headers.location)));
          expect(denied ? 'deny' : 'allow', `${route} as ${who} answered ${res.statusCode} ${res.headers.location ?? ''}`).toBe(expected);
        });
      }
    }

    it('lets every actor use every public route (the policy\'s register.read)', async () => {
      const open = app.routeList.filter((r) => r.action === 'register.read');
      expect(open.length).toBeGreaterThan(20);
      for (const r of open) {
        expect(r.method, `${r.url} is public but changes something`).toBe('GET');
        const url = r.url.replace(':slug', 'no-such-record').replace(':code', 'GR').replace(':number', '1').replace(':type', 'deployment').replace(':id', 'x');
        for (const who of ACTORS) {
          const res = await get({ ...jars[who] }, url);
          const denied = res.statusCode === 401 || res.statusCode === 403 || (res.statusCode === 303 && /^\/(login|account)/.test(String(res.headers.location)));
          expect(denied, `${url} as ${who} answered ${res.statusCode}`).toBe(false);
          expect(res.statusCode, `${url} as ${who}`).toBeLessThan(500);
        }
      }
      expect(EVERYONE.size).toBe(5);
    });
  });
});
