import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/domain/roles.ts';
import { verifyLog } from '../../platform/audit-log/verify-log.ts';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { signedInMember, testClient, type Jar } from '../../platform/http/test-client.ts';
import { seedFirstContent } from '../import-dataset.ts';

// Editing with review, through the app: a contributor drafts, another member's editor reviews, the
// change goes public with a revision; what nobody may do is refused.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };

describe(`editing with review (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  const jars: Record<string, Jar> = {};

  async function member(key: string, organisation: string, role: Role, creditByName = false) {
    jars[key] = await signedInMember(db, key, organisation, role, creditByName);
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config, sleep: async () => undefined });
    client = testClient(app, ORIGIN);
    await member('writer', 'Border Watch', 'contributor', true);
    await member('colleague', 'Border Watch', 'editor');
    await member('editor', 'Editorial Team', 'editor');
    await member('outsider', 'Other NGO', 'contributor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const deployment = {
    title: 'Kestrel screening pilot at the Evros border', technology: 'iborderctrl', deployer: 'uk-home-office', countries: 'GR EU',
    status: 'pilot', decisionRole: 'decision_support', purpose: 'Screening travellers at the land border.', sources: '',
  };
  let draftUrl = '';

  it('re-renders a bad form with its errors and what was typed', async () => {
    const res = await client.post(jars.writer!, '/drafts/new/deployment', { ...deployment, technology: 'no-such-technology', countries: 'Greece', periodStart: '2024-13-45' }, { tokenFrom: '/drafts/new/deployment' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toMatch(/href="#field-technology"[^>]*>[^<]*No technology with this slug/);
    expect(res.body).toMatch(/href="#field-countries"/);
    expect(res.body).toMatch(/href="#field-periodStart"/);
    expect(res.body).toContain('value="Kestrel screening pilot at the Evros border"');
    expect(res.body).toContain('value="no-such-technology"');
  });

  it('lets a contributor draft a deployment and send it for review; an outsider cannot see or touch it', async () => {
    const res = await client.post(jars.writer!, '/drafts/new/deployment', { ...deployment, intent: 'submit' }, { tokenFrom: '/drafts/new/deployment' });
    expect(res.statusCode).toBe(303);
    draftUrl = String(res.headers.location);
    expect(draftUrl).toMatch(/^\/drafts\/[0-9a-f-]{36}$/);
    const page = await client.get(jars.writer!, draftUrl);
    expect(page.body).toContain('in review');
    expect(page.body).toContain('Kestrel screening pilot');
    expect((await client.get(jars.outsider!, draftUrl)).statusCode).toBe(403);
    expect((await client.post(jars.outsider!, `${draftUrl}/move`, { step: 'withdraw' }, { tokenFrom: '/drafts' })).statusCode).toBe(403);
    // Not public yet.
    expect((await client.get({}, '/register?q=kestrel')).body).not.toContain('Kestrel screening pilot');
  });

  it('does not let an editor review a draft of their own', async () => {
    const own = await client.post(jars.colleague!, '/drafts/new/organisation', { name: 'Evros Border Police Directorate', kind: 'public_body', country: 'GR', intent: 'submit', notDuplicate: 'yes' }, { tokenFrom: '/drafts/new/organisation' });
    expect(own.statusCode).toBe(303);
    const res = await client.post(jars.colleague!, `${own.headers.location}/review`, { decision: 'approve', comment: '' }, { tokenFrom: '/drafts' });
    expect(res.statusCode).toBe(403);
  });

  it('asks for changes with a comment, which the authors see; then publishes the corrected draft', async () => {
    const noComment = await client.post(jars.editor!, `${draftUrl}/review`, { decision: 'request_changes', comment: '' }, { tokenFrom: draftUrl });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toMatch(/href="#field-comment"/);
    const asked = await client.post(jars.editor!, `${draftUrl}/review`, { decision: 'request_changes', comment: 'Cite a source for the pilot.' }, { tokenFrom: draftUrl });
    expect(asked.statusCode).toBe(303);
    const seen = await client.get(jars.writer!, draftUrl);
    expect(seen.body).toContain('changes requested');
    expect(seen.body).toContain('Cite a source for the pilot.');

    const source = (await db.query<{ slug: string }>('SELECT slug FROM register.sources ORDER BY slug LIMIT 1'))[0]!.slug;
    const fixed = await client.post(jars.writer!, draftUrl, { ...deployment, sources: `${source}: purpose, status`, intent: 'submit' }, { tokenFrom: draftUrl });
    expect(fixed.statusCode).toBe(303);
    const approved = await client.post(jars.editor!, `${draftUrl}/review`, { decision: 'approve', comment: 'Thanks.' }, { tokenFrom: draftUrl });
    expect(approved.statusCode).toBe(303);

    const search = await client.get({}, '/register?q=kestrel');
    expect(search.body).toContain('Kestrel screening pilot at the Evros border');
    const record = await client.get({}, '/deployments/kestrel-screening-pilot-at-the-evros-border');
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Screening travellers at the land border.');
  });

  it('keeps a public history with a field-by-field diff and the credit the author chose', async () => {
    const history = await client.get({}, '/deployments/kestrel-screening-pilot-at-the-evros-border/history');
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Revision 1');
    expect(history.body).toContain('Border Watch');
    expect(history.body).toContain('writer person');
    expect(history.body).toContain('<ins>Screening travellers at the land border.</ins>');
    expect((await client.get({}, '/deployments/kestrel-screening-pilot-at-the-evros-border/history/1')).statusCode).toBe(200);
    expect((await client.get({}, '/deployments/kestrel-screening-pilot-at-the-evros-border/history/2')).statusCode).toBe(404);
  });

  it('changes an imported record: its imported version becomes revision 1, the change revision 2', async () => {
    const from = '/drafts/new/organisation?from=uk-home-office';
    const form = await client.get(jars.writer!, from);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="UK Home Office"');
    const res = await client.post(jars.writer!, from, { name: 'UK Home Office', kind: 'public_body', country: 'GB', website: 'https://www.gov.uk/government/organisations/home-office', intent: 'submit' }, { tokenFrom: from });
    expect(res.statusCode).toBe(303);
    expect((await client.post(jars.editor!, `${res.headers.location}/review`, { decision: 'approve', comment: '' }, { tokenFrom: String(res.headers.location) })).statusCode).toBe(303);
    const history = await client.get({}, '/organisations/uk-home-office/history');
    expect(history.body).toContain('Revision 2');
    expect(history.body).toContain('as imported');
    expect(history.body).toContain('<ins>https://www.gov.uk/government/organisations/home-office</ins>');
  });

  it('flags a new organisation whose name is close to one on the register until the author confirms', async () => {
    const name = 'U.K. Home Office Ltd';
    const first = await client.post(jars.writer!, '/drafts/new/organisation', { name, kind: 'public_body' }, { tokenFrom: '/drafts/new/organisation' });
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('href="/organisations/uk-home-office"');
    const confirmed = await client.post(jars.writer!, '/drafts/new/organisation', { name, kind: 'public_body', notDuplicate: 'yes' }, { tokenFrom: '/drafts/new/organisation' });
    expect(confirmed.statusCode).toBe(303);
  });

  it('publishes a contract and a relation through drafts; both show on the technology page', async () => {
    const contract = await client.post(jars.writer!, '/drafts/new/contract', {
      title: 'Kiosk supply framework', payer: 'uk-home-office', recipient: 'babel-street', technology: 'iborderctrl', amount: '1250000.50', currency: 'eur', intent: 'submit',
    }, { tokenFrom: '/drafts/new/contract' });
    expect(contract.statusCode).toBe(303);
    const relation = await client.post(jars.writer!, '/drafts/new/relation', { organisation: 'babel-street', kind: 'sells', technology: 'iborderctrl', intent: 'submit' }, { tokenFrom: '/drafts/new/relation' });
    expect(relation.statusCode).toBe(303);
    const lonely = await client.post(jars.writer!, '/drafts/new/relation', { organisation: 'babel-street', kind: 'sells' }, { tokenFrom: '/drafts/new/relation' });
    expect(lonely.statusCode).toBe(400);
    for (const url of [contract.headers.location, relation.headers.location]) {
      expect((await client.post(jars.editor!, `${url}/review`, { decision: 'approve', comment: '' }, { tokenFrom: String(url) })).statusCode).toBe(303);
    }
    const page = await client.get({}, '/technologies/iborderctrl');
    expect(page.body).toContain('Kiosk supply framework');
    // Cents are shown, not rounded away.
    expect(page.body).toContain('€1,250,000.50');
    const [stored] = await db.query<{ amount: string; currency: string }>(`SELECT amount::text, currency FROM register.contracts WHERE slug = 'kiosk-supply-framework'`);
    expect(stored).toEqual({ amount: '1250000.50', currency: 'EUR' });
    expect((await db.query(`SELECT 1 FROM register.relations r JOIN register.organisations o ON o.id = r.organisation_id WHERE o.slug = 'babel-street' AND r.kind = 'sells'`)).length).toBe(1);
  });

  it('withdraws a record with a reason that stays visible at its address; publishing it again lifts it', async () => {
    const url = '/deployments/kestrel-screening-pilot-at-the-evros-border';
    expect((await client.post(jars.writer!, `${url}/unpublish`, { reason: 'Duplicate.' }, { tokenFrom: '/drafts' })).statusCode).toBe(403);
    const noReason = await client.post(jars.editor!, `${url}/unpublish`, { reason: ' ' }, { tokenFrom: `${url}/unpublish` });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(/href="#field-reason"/);
    const done = await client.post(jars.editor!, `${url}/unpublish`, { reason: 'The pilot never took place: the source was retracted.' }, { tokenFrom: `${url}/unpublish` });
    expect(done.statusCode).toBe(303);

    const gone = await client.get({}, url);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('The pilot never took place: the source was retracted.');
    expect(gone.body).toContain('Editorial Team');
    expect((await client.get({}, '/register?q=kestrel')).body).not.toContain('Kestrel screening pilot');
    expect((await client.get({}, '/api/deployments?q=kestrel')).body).not.toContain('kestrel-screening-pilot');
    const history = await client.get({}, `${url}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('The pilot never took place');
    expect((await client.get({}, '/')).body).toContain('Withdrawn deployment: Kestrel screening pilot at the Evros border');

    const again = await client.post(jars.writer!, '/drafts/new/deployment', { ...deployment, intent: 'submit' }, { tokenFrom: '/drafts/new/deployment' });
    expect(again.statusCode).toBe(303);
    expect((await client.post(jars.editor!, `${again.headers.location}/review`, { decision: 'approve', comment: '' }, { tokenFrom: String(again.headers.location) })).statusCode).toBe(303);
    expect((await client.get({}, url)).statusCode).toBe(200);
  });

  it('refuses to withdraw a record others still refer to, and says which', async () => {
    const res = await client.post(jars.editor!, '/technologies/iborderctrl/unpublish', { reason: 'Testing.' }, { tokenFrom: '/technologies/iborderctrl/unpublish' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/Deployments still refer to it: \d+/);
    expect((await client.get({}, '/technologies/iborderctrl')).statusCode).toBe(200);
  });

  it('answers random form bodies on every write route with no 5xx (property)', async () => {
    // Every POST route the app has, with its parameters filled in with real or random-looking values.
    const fill = (url: string) => url.replace(':type', 'deployment').replace(':id', draftUrl.split('/').pop()!).replace(':slug', 'uk-home-office').replace(':token', 'not-a-real-token');
    const routes = app.routeList.filter((r) => r.method === 'POST').map((r) => fill(r.url));
    expect(routes.length).toBeGreaterThan(15);
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...routes),
      fc.dictionary(fc.constantFrom('title', 'name', 'kind', 'technology', 'deployer', 'countries', 'status', 'sources', 'url', 'periodStart', 'step', 'decision', 'comment', 'intent', 'documentedRedLines', 'organisation', 'role', 'email', 'password', 'notDuplicate', 'amount', 'currency', 'payer', 'counterpart', 'deployment', 'reason'),
        fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constantFrom('submit', 'approve', 'withdraw', 'GR', 'A', 'https://example.org', '2024-01-01'))),
      fc.constantFrom('writer', 'editor', 'outsider'),
      async (route, form, who) => {
        const res = await client.post({ ...jars[who]! }, route, form, { tokenFrom: '/drafts' });
        expect(res.statusCode, `${route} ${JSON.stringify(form)}`).toBeLessThan(500);
      },
    ), { numRuns: 60 });
  });

  it('refuses an oversized body with 413', async () => {
    const res = await client.post({ ...jars.writer! }, '/drafts/new/deployment', { ...deployment, purpose: 'x'.repeat(70_000) }, { tokenFrom: '/drafts' });
    expect(res.statusCode).toBe(413);
  });

  it('leaves an intact audit log of drafts, reviews and publications', async () => {
    expect((await verifyLog(db)).ok).toBe(true);
    const actions = (await db.query<{ action: string }>('SELECT DISTINCT action FROM audit.log')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['draft.created', 'draft.submitted', 'draft.changes_requested', 'record.published']));
  });
});
