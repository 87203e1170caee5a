import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../platform/db/test-database.ts';
import { buildApp } from '../platform/http/app.tsx';
import { signedInMember, testClient, type Jar } from '../platform/http/test-client.ts';
import { validateDataset, type Dataset } from '../register/domain/dataset.ts';
import { importDataset, seedFirstContent } from '../register/import-dataset.ts';
import { rescreenDeployments } from '../register/store/write.ts';
import { SCREENING_RULES_VERSION } from './domain/screen-profile.ts';

// Red-line screening on the register, through the app: stored verdicts and the facet, the
// deployment page's explanation, the API and exports, and editors who can change the profile
// (in the public history) but never the verdict.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 100_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };

describe(`red-line screening on the register (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  const jars: Record<string, Jar> = {};

  async function member(key: string, organisation: string, role: 'contributor' | 'editor') {
    jars[key] = await signedInMember(db, key, organisation, role);
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config, sleep: async () => undefined });
    client = testClient(app, ORIGIN);
    await member('writer', 'Border Watch', 'contributor');
    await member('editor', 'Editorial Team', 'editor');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (url: string, lang = 'en') => app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
  const total = (body: string) => Number(/<strong>(\d+) deployments?(?: match)?<\/strong>|(\d+) deployments? match/.exec(body)?.slice(1).find(Boolean) ?? NaN);

  it('stores each deployment’s verdict as the rules reach it from the shipped profile', async () => {
    const rows = await db.query<{ slug: string; red_line_verdict: string; facet_red_lines: string[]; screened_with: string }>(
      "SELECT slug, red_line_verdict, facet_red_lines, screened_with FROM register.deployments WHERE slug LIKE 'iborderctrl-%' OR slug LIKE 'roborder-%' ORDER BY slug");
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(r.screened_with).toBe(SCREENING_RULES_VERSION);
    expect(rows.find((r) => r.slug.startsWith('iborderctrl'))).toMatchObject({ red_line_verdict: 'red_line', facet_red_lines: ['A', 'B', 'D'] });
    expect(rows.find((r) => r.slug.startsWith('roborder'))).toMatchObject({ red_line_verdict: 'insufficient_information', facet_red_lines: ['undetermined'] });
  });

  it('filters the register by red line, with counts, and shows each hit’s badge', async () => {
    const all = await get('/register');
    expect(all.body).toContain('<legend>Red lines</legend>');
    expect(all.body).toMatch(/D — emotion recognition, “lie detectors”, behavioural analytics <span class="count">\(\d+\)<\/span>/);
    const d = await get('/register?redline=D');
    expect(d.statusCode).toBe(200);
    const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM register.deployments WHERE 'D' = ANY(facet_red_lines)") as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(total(d.body)).toBe(n);
    expect(d.body).toContain('Red line: A, B, D');
    // Values of one facet combine with OR.
    const either = await get('/register?redline=D&redline=C');
    expect(total(either.body)).toBeGreaterThan(n);
    expect((await get('/register?redline=G')).statusCode).toBe(400);
    const api = JSON.parse((await get('/api/deployments?redline=undetermined&limit=100')).body) as { total: number; items: { redLineScreening: { verdict: string } }[] };
    expect(api.total).toBeGreaterThan(0);
    expect(api.items.every((i) => i.redLineScreening.verdict === 'insufficient_information')).toBe(true);
  });

  it('explains a red-line verdict in plain words with the briefing’s passage, in English and in Arabic', async () => {
    const page = await get('/deployments/iborderctrl-hungarian-national-police');
    expect(page.body).toContain('Falls under a red line: must not be deployed');
    expect(page.body).toContain('it does deception (“lie”) detection');
    expect(page.body).toContain('<blockquote lang="en" dir="ltr">“<a class="term" href="/glossary/artificial-intelligence">AI</a>-based emotion recognition tools, such as AI ‘lie-detectors’ and behavioural analytics.”</blockquote>');
    expect(page.body).toMatch(/“\u2068facial images\u2069”: biometric data/);
    expect(page.body).toContain('What the system does');
    const ar = await get('/deployments/iborderctrl-hungarian-national-police', 'ar');
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('يقع ضمن خط أحمر');
    expect(ar.body).toContain('<blockquote lang="en" dir="ltr">');
    const undecided = await get('/deployments/roborder-interior-defence-and-border-authorities-of-greece-hungary-and-portugal');
    expect(undecided.statusCode).toBe(200);
    expect(undecided.body).toContain('Not enough information to conclude');
    expect(undecided.body).toContain('with whom it shares data');
  });

  it('carries the profile and the screening in the API and every export; the JSON export re-imports unchanged', async () => {
    const one = JSON.parse((await get('/api/deployments/iborderctrl-hungarian-national-police')).body) as Record<string, any>;
    expect(one.profile.capabilities).toContain('deception_detection');
    expect(one.redLineScreening).toMatchObject({ verdict: 'red_line', categories: ['A', 'B', 'D'], rules: SCREENING_RULES_VERSION });
    expect(one.redLineScreening.findings[0].passage.section).toBe('Recommendations to states › Total bans');

    const json = JSON.parse((await get('/exports/register.json')).body) as { deployments: Record<string, any>[] };
    const exported = json.deployments.find((d) => d.slug === 'iborderctrl-hungarian-national-police')!;
    expect(exported.profile).toEqual(one.profile);
    expect(exported.redLineScreening.verdict).toBe('red_line');
    const valid = validateDataset(json);
    expect(valid.ok).toBe(true);
    const again = await importDataset(db, (valid as { dataset: Dataset }).dataset);
    expect(again.created + again.updated).toBe(0);

    const ld = JSON.parse((await get('/exports/register.jsonld')).body) as { hasPart: { '@id': string; additionalProperty?: { propertyID: string; value: string }[] }[] };
    const action = ld.hasPart.find((p) => p['@id'].endsWith('/deployments/iborderctrl-hungarian-national-police'))!;
    expect(action.additionalProperty?.map((p) => `${p.propertyID}=${p.value}`)).toEqual(['redLineVerdict=red_line', 'redLineCategory=A', 'redLineCategory=B', 'redLineCategory=D']);

    const zip = unzipSync(new Uint8Array((await get('/exports/register-csv.zip')).rawPayload));
    const rows = parse(strFromU8(zip['deployments.csv']!), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.slug === 'iborderctrl-hungarian-national-police')).toMatchObject({
      redLineVerdict: 'red_line', redLineCategories: 'A; B; D', profileSubjects: 'individuals',
    });
    expect(rows.find((r) => r.slug!.startsWith('roborder'))!.profileDataSharing).toBe('unknown');
  });

  it('refuses an invalid profile on import, naming the field', async () => {
    const bad = validateDataset({
      format: 'safeguard-register', version: 1,
      organisations: [{ slug: 'o', name: 'O', kind: 'company' }], technologies: [{ slug: 't', name: 'T', summary: 'S' }],
      deployments: [{ slug: 'd', technology: 't', deployer: 'o', status: 'active', profile: { capabilities: ['mind_reading'], subjects: 7 } }],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const paths = bad.problems.map((p) => p.path);
    expect(paths).toContain('deployments[0].profile.capabilities');
    expect(paths).toContain('deployments[0].profile.subjects');
  });

  it('screens again, on start, deployments screened with other rules', async () => {
    await db.query("UPDATE register.deployments SET red_line_verdict = 'no_red_line_found', facet_red_lines = '{none}', screened_with = 'old' WHERE slug LIKE 'iborderctrl-%'");
    const n = await rescreenDeployments(db);
    expect(n).toBeGreaterThan(0);
    const rows = await db.query<{ red_line_verdict: string }>("SELECT red_line_verdict FROM register.deployments WHERE slug LIKE 'iborderctrl-%'");
    expect(rows.every((r) => r.red_line_verdict === 'red_line')).toBe(true);
    expect(await rescreenDeployments(db)).toBe(0);
  });

  it('lets editors change the profile through review, shown in the history, but never set the verdict', async () => {
    const slug = 'roborder-interior-defence-and-border-authorities-of-greece-hungary-and-portugal';
    const from = `/drafts/new/deployment?from=${slug}`;
    const form = await client.get(jars.writer!, from);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="profile.capabilities.known"');
    expect(form.body).not.toMatch(/name="(redLineScreening|red_line_verdict|verdict)/);
    const values = Object.fromEntries([...form.body.matchAll(/<input type="text" id="field-(\w+)" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[2], m[3]]));
    const record = JSON.parse((await get(`/api/deployments/${slug}`)).body) as Record<string, any>;
    // An impact assessment in force: the changed profile makes it due for re-assessment.
    const [who] = await db.query<{ user_id: string; organisation_id: string }>(`SELECT m.user_id, m.organisation_id FROM accounts.memberships m LIMIT 1`);
    await db.query(
      `INSERT INTO assessments.assessments (id, deployment_id, organisation_id, created_by, created_at, updated_at, title, definition_id, definition_version, status, version, decision, decided_at, reassess_by)
       SELECT '00000000-0000-4000-8000-0000000000aa', d.id, $1, $2, now(), now(), 'An assessment', 'safeguard-hria', '1.0.0', 'published', 1, 'proceed', now(), current_date + 365 FROM register.deployments d WHERE d.slug = $3`,
      [who!.organisation_id, who!.user_id, slug]);
    const res = await client.post(jars.writer!, from, {
      ...values, title: record.title, technology: record.technology, deployer: record.deployer, status: record.status, sources: '',
      'profile.context.known': 'known', 'profile.context': record.profile.context, 'profile.subjects': 'individuals',
      'profile.capabilities.known': 'known', 'profile.capabilities': ['person_detection', 'biometric_identification_live'],
      'profile.inputs.known': 'unknown', 'profile.dataSharing.known': 'known', 'profile.dataSharing.with': ['police'], 'profile.dataSharing.scale': ['case_by_case'],
      'profile.dataSharing.legalBasis': ['Art. 5 of the border act'],
      // Whatever a client posts, the verdict is computed.
      redLineScreening: 'no_red_line_found', verdict: 'no_red_line_found', intent: 'submit',
    }, { tokenFrom: from });
    expect(res.statusCode).toBe(303);
    const draft = String(res.headers.location);
    const draftPage = await client.get(jars.editor!, draft);
    expect(draftPage.body).toContain('What it can do');
    expect((await client.post(jars.editor!, `${draft}/review`, { decision: 'approve', comment: '' }, { tokenFrom: draft })).statusCode).toBe(303);

    const page = await get(`/deployments/${slug}`);
    expect(page.body).toContain('Falls under a red line: must not be deployed');
    expect(page.body).toContain('it identifies people from their biometric data, one-to-many (live)');
    expect(page.body).toContain('case-by-case sharing with the police');
    const [row] = await db.query<{ red_line_verdict: string; facet_red_lines: string[] }>('SELECT red_line_verdict, facet_red_lines FROM register.deployments WHERE slug = $1', [slug]);
    expect(row).toEqual({ red_line_verdict: 'red_line', facet_red_lines: ['E'] });
    const history = await get(`/deployments/${slug}/history`);
    expect(history.body).toContain('Revision 2');
    expect(history.body).toMatch(/What it can do<\/th><td><del>[^<]*<\/del><\/td><td><ins>[^<]*live biometric identification \(one-to-many\)/);
    const [assessment] = await db.query<{ triggers: { kind: string; note: string }[] }>(`SELECT triggers FROM assessments.assessments WHERE id = '00000000-0000-4000-8000-0000000000aa'`);
    expect(assessment!.triggers).toEqual([expect.objectContaining({ kind: 'profile_changed', note: `/deployments/${slug}/history` })]);
  });
});
