import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { cookieHeader, csrfFrom, keep, signedInMember, testClient, type Jar } from '../../platform/http/test-client.ts';
import { seedFirstContent } from '../../register/import-dataset.ts';
import { AuditJobs } from '../audit-jobs.ts';
import type { AuditReport } from '../domain/report.ts';
import { auditReportSchema } from '../domain/report-schema.ts';

// The platform's audits, as members use them: a contributor uploads a decision log for a
// deployment, maps its columns, the audit runs in the background and the file is deleted; another
// editor publishes the protected report, which then shows on the deployment's page and in the API.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };
const SLUG = 'etias-screening-rules-frontex';

// 2,400 decisions: group B is flagged at twice group A's rate; 4 people of group C (too few to
// publish) and 40 of group D. C's count could be worked out from everyone's minus A's, B's and D's,
// so one of those is withheld too: D's, the smallest.
const rows = Array.from({ length: 2400 }, (_, i) => {
  const group = i % 3 === 0 ? 'B' : 'A';
  const gender = i % 2 ? 'F' : 'M';
  const flagged = (i % 10) / 10 < (group === 'B' ? 0.4 : 0.2) ? 1 : 0;
  return `${group},${gender},${flagged},${(i % 7) % 2}`;
});
const groupD = Array.from({ length: 40 }, (_, i) => `D,${i % 2 ? 'F' : 'M'},${i % 5 === 0 ? 1 : 0},${i % 2}`);
const LOG = `group,gender,flagged,label\n${rows.join('\n')}\nC,F,1,1\nC,F,0,0\nC,M,1,0\nC,M,0,1\n${groupD.join('\n')}\n`;

/** A multipart/form-data body with one file, as a browser sends the upload form. */
function multipart(fileName: string, content: string | Buffer) {
  const boundary = '----safeguardtest7MA4YWxkTrZu0gW';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`audits on the platform (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  let dir: string;
  let contributor: Jar;
  let editor: Jar;
  let otherContributor: Jar;
  let jobId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-audit-uploads-'));
    app = await buildApp({ db, config, audits: { dir, uploadLimitBytes: 200_000 } });
    client = testClient(app, ORIGIN);
    contributor = await signedInMember(db, 'analyst', 'Watchdog NGO', 'contributor');
    editor = await signedInMember(db, 'editor', 'Editorial Team', 'editor');
    otherContributor = await signedInMember(db, 'outsider', 'Another NGO', 'contributor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Uploads a file through the form, with the form's token (unless told otherwise). */
  async function upload(jar: Jar, fileName: string, content: string | Buffer, opts: { noToken?: boolean } = {}) {
    const form = await client.get(jar, `/deployments/${SLUG}/audits/new`);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(form.body)![1]!.replace(/&amp;/g, '&');
    const url = opts.noToken ? action.replace(/\?_csrf=[^&]+/, '') : action;
    const { body, contentType } = multipart(fileName, content);
    return keep(jar, await app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': contentType, cookie: cookieHeader(jar), origin: ORIGIN, 'sec-fetch-site': 'same-origin' } }));
  }
  const files = () => fs.readdirSync(dir);

  it('offers members the upload on the deployment page, and nobody else', async () => {
    const page = await client.get(contributor, `/deployments/${SLUG}`);
    expect(page.body).toContain(`href="/deployments/${SLUG}/audits/new"`);
    const anonymous = await client.get({}, `/deployments/${SLUG}`);
    expect(anonymous.body).not.toContain('/audits/new');
    const form = await client.get({}, `/deployments/${SLUG}/audits/new`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toContain('/login');
  });

  it('streams an upload to disk, reads its columns and shows the mapping form', async () => {
    const res = await upload(contributor, 'decisions.csv', LOG);
    expect(res.statusCode).toBe(303);
    jobId = /\/audits\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    expect(files()).toEqual([`${jobId}.csv`]);
    const page = await client.get(contributor, `/audits/${jobId}`);
    expect(page.statusCode).toBe(200);
    for (const column of ['group', 'gender', 'flagged', 'label']) expect(page.body).toContain(`name="protected" value="${column}"`);
    // Not the organisation's: not shown.
    expect((await client.get(otherContributor, `/audits/${jobId}`)).statusCode).toBe(404);
    expect((await client.get({}, `/audits/${jobId}`)).statusCode).toBe(401);
  });

  it('re-shows the mapping form with what was chosen and an error summary when the mapping is wrong', async () => {
    const res = await client.post(contributor, `/audits/${jobId}/mapping`, { outcome: 'flagged', label: 'flagged', min_cell: '3' }, { tokenFrom: `/audits/${jobId}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Tick at least one protected characteristic');
    expect(res.body).toContain('What turned out to be true must be another column than the decision');
    expect(res.body).toContain('Enter a whole number from 5 to 1000');
    expect(res.body).toMatch(/<option value="flagged" selected(="")?>flagged<\/option>/);
    expect(res.body).toContain('value="3"');
  });

  it('runs the audit in the background, then deletes the file and keeps only the protected report', async () => {
    const res = await client.post(contributor, `/audits/${jobId}/mapping`, { protected: ['group', 'gender'], outcome: 'flagged', label: 'label', min_cell: '10', round: '5' }, { tokenFrom: `/audits/${jobId}` });
    expect(res.statusCode).toBe(303);
    await app.auditJobs.idle();
    expect(files()).toEqual([]);
    const page = await client.get(contributor, `/audits/${jobId}`);
    expect(page.body).toContain('The uploaded file has been deleted.');
    expect(page.body).toMatch(/People with group = B were selected at 2\.00 times the rate of people with group = A/);
    expect(page.body).not.toContain('Publish on the deployment');
    const [row] = await db.query<{ status: string; report: AuditReport; file_deleted_at: Date | null }>('SELECT status, report, file_deleted_at FROM audits.jobs WHERE id = $1', [jobId]);
    expect(row!.status).toBe('done');
    expect(row!.file_deleted_at).not.toBeNull();
    expect(row!.report.published).toBe(true);
    expect(row!.report.input.file).toBe('decisions.csv');
    expect(row!.report.groups.find((g) => JSON.stringify(g.attributes) === '{"group":"C"}')!.n).toBeNull();
  });

  it('is published by an editor other than the uploader, then shows on the deployment page and in the API', async () => {
    // The contributor may not publish.
    const refused = await client.post(contributor, `/audits/${jobId}/publish`, {}, { tokenFrom: `/audits/${jobId}` });
    expect(refused.statusCode).toBe(403);
    expect((await client.get({}, '/api/audits')).json()).toMatchObject({ total: 0 });
    const page = await client.get(editor, `/audits/${jobId}`);
    expect(page.body).toContain('Publish on the deployment');
    // An impact assessment of the deployment in force: a published audit with flagged findings calls it into question.
    const [member] = await db.query<{ user_id: string; organisation_id: string }>('SELECT user_id, organisation_id FROM accounts.memberships LIMIT 1');
    const [dep] = await db.query<{ id: string }>('SELECT id FROM register.deployments WHERE slug = $1', [SLUG]);
    await db.query(
      `INSERT INTO assessments.assessments (id, deployment_id, organisation_id, created_by, created_at, updated_at, title, definition_id, definition_version, status, decision, decided_at, reassess_by)
       VALUES ('00000000-0000-4000-8000-00000000a55e', $1, $2, $3, now(), now(), 'In force', 'safeguard-hria', '1.0.0', 'published', 'proceed', now(), now() + interval '1 year')`,
      [dep!.id, member!.organisation_id, member!.user_id],
    );
    const res = await client.post(editor, `/audits/${jobId}/publish`, {}, { tokenFrom: `/audits/${jobId}` });
    expect(res.statusCode).toBe(303);
    const [assessment] = await db.query<{ triggers: { kind: string; note: string }[] }>(`SELECT triggers FROM assessments.assessments WHERE id = '00000000-0000-4000-8000-00000000a55e'`);
    expect(assessment!.triggers).toEqual([expect.objectContaining({ kind: 'audit_flagged', note: `/audits/${jobId}` })]);
    // A new impact assessment of the deployment offers the published audit for its affected groups.
    const started = await client.post(contributor, `/deployments/${SLUG}/assessments`, {}, { tokenFrom: `/deployments/${SLUG}/assessments/new` });
    const groups = await client.get(contributor, `${started.headers.location}/edit/groups`);
    expect(groups.body).toContain(`href="/audits/${jobId}"`);

    const deployment = await client.get({}, `/deployments/${SLUG}`);
    expect(deployment.body).toContain('Discrimination audits');
    expect(deployment.body).toMatch(/People with group = B were selected at 2\.00 times/);
    const list = (await client.get({}, `/api/audits?deployment=${SLUG}`)).json() as { total: number; items: { id: string; findings: number }[] };
    expect(list.total).toBe(1);
    expect(list.items[0]!.id).toBe(jobId);
    const api = await client.get({}, `/api/audits/${jobId}`);
    expect(api.statusCode).toBe(200);
    const report = api.json() as AuditReport;
    expect(auditReportSchema.safeParse(report).error).toBeUndefined();
    expect(report.suppression).toMatchObject({ min_cell: 10, rounding_base: 5 });
    const html = await client.get({}, `/audits/${jobId}/report.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    expect(html.body).toContain('This is the published version of the audit.');
    // A second visitor gets it from the response cache, with the same policy (or its stylesheet would be blocked).
    const cached = await client.get({}, `/audits/${jobId}/report.html`);
    expect(cached.headers['x-cache']).toBe('hit');
    expect(cached.headers['content-security-policy']).toBe(html.headers['content-security-policy']);
    // The change is public: the feed of changes names the deployment.
    expect(JSON.stringify((await client.get({}, '/api/changes')).json())).toContain(SLUG);
    expect((await client.get({}, '/api/audits/00000000-0000-0000-0000-000000000000')).headers['content-type']).toContain('application/problem+json');
    const bad = await client.get({}, '/api/audits?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, detail: expect.stringContaining('limit is at least 1') });
    const doc = (await client.get({}, '/api/openapi.json')).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/audits', '/api/audits/{id}']));
    expect(doc.components.schemas.AuditReport!.properties).toHaveProperty('suppression');
  });

  it('refuses an upload without its token, of the wrong type, or over the limit, and keeps no file', async () => {
    expect((await upload(contributor, 'decisions.csv', LOG, { noToken: true })).statusCode).toBe(403);
    const wrong = await upload(contributor, 'decisions.xlsx', 'PK');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Upload a .csv, .csv.gz, .parquet or .jsonl file');
    const large = await upload(contributor, 'large.csv', `${LOG}${'A,F,1,0\n'.repeat(30_000)}`);
    expect(large.statusCode).toBe(413);
    expect(large.body).toContain('The file is larger than the upload limit');
    const empty = await upload(contributor, 'empty.csv', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('The file is empty');
    expect(files()).toEqual([]);
  });

  it('says what is wrong with the data when the audit cannot run, naming the file, line and column, and deletes the file', async () => {
    const res = await upload(contributor, 'scores.csv', 'group,score\nA,0.5\nB,0.7\n');
    const id = /\/audits\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    await client.post(contributor, `/audits/${id}/mapping`, { protected: 'group', outcome: 'score' }, { tokenFrom: `/audits/${id}` });
    await app.auditJobs.idle();
    const page = await client.get(contributor, `/audits/${id}`);
    expect(page.body).toContain('The audit could not be run');
    expect(page.body).toMatch(/scores\.csv: line 2, column &quot;score&quot;: the outcome must be 0\/1, true\/false or yes\/no, or a score with --threshold/);
    expect(files()).toEqual([]);
  });

  it('discards an upload nobody maps, deleting its file', async () => {
    // Larger than any form body (64 kB): uploads stream past that limit, up to their own.
    const res = await upload(contributor, 'later.csv', `${LOG}${'A,F,1,0\n'.repeat(15_000)}`);
    expect(res.statusCode).toBe(303);
    const id = /\/audits\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    expect(files()).toHaveLength(1);
    const discarded = await client.post(contributor, `/audits/${id}/discard`, {}, { tokenFrom: `/audits/${id}` });
    expect(discarded.statusCode).toBe(303);
    expect(files()).toEqual([]);
    expect(csrfFrom((await client.get(contributor, `/audits/${id}`)).body)).toBeUndefined();
  });

  it('shows a running job\'s progress on a page that refreshes itself; a new process ends jobs left running and uploads left unmapped for a day', async () => {
    const idOf = (res: { headers: Record<string, unknown> }) => /\/audits\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const running = idOf(await upload(contributor, 'interrupted.csv', LOG));
    const stale = idOf(await upload(contributor, 'forgotten.csv', LOG));
    await db.query(`UPDATE audits.jobs SET status = 'running', progress = 42, mapping = $2 WHERE id = $1`, [running, JSON.stringify({ protected: ['group'], outcome: 'flagged', threshold: null, label: null, positive: 'unfavourable', minCell: 10, round: null })]);
    await db.query(`UPDATE audits.jobs SET created_at = created_at - interval '2 days' WHERE id = $1`, [stale]);
    const page = await client.get(contributor, `/audits/${running}`);
    expect(page.body).toContain('<meta http-equiv="refresh" content="2"/>');
    expect(page.body).toContain('The audit is running: 42% of the file read.');
    expect(page.body).toMatch(/<progress max="100" value="42"/);
    expect(files()).toHaveLength(2);

    const restarted = new AuditJobs({ db, dir });
    await restarted.start();
    await restarted.close();
    expect(files()).toEqual([]);
    expect((await client.get(contributor, `/audits/${running}`)).body).toContain('The server stopped while the audit was running.');
    expect((await client.get(contributor, `/audits/${stale}`)).body).toContain('This upload was discarded and its file deleted.');
  });
});
