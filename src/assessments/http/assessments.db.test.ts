import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLog } from '../../platform/audit-log/verify-log.ts';
import { totpCode } from '../../platform/auth/secrets.ts';
import { resolveSession } from '../../platform/auth/resolve-session.ts';
import { beginSecondFactor, confirmSecondFactor } from '../../platform/auth/set-up-second-factor.ts';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../../platform/db/test-database.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { cookieHeader, keep, signedInMember, testClient, type Jar } from '../../platform/http/test-client.ts';
import { seedFirstContent } from '../../register/import-dataset.ts';
import { CURRENT_DEFINITION as definition } from '../definitions.ts';
import { answersFromFile, fieldName, formStateOf, type Answers } from '../domain/answers.ts';
import { assessmentFileSchema } from '../domain/assessment-file.ts';
import { missingAnswers, questionById } from '../domain/definition.ts';
import { recordDueAssessments } from '../record-due-assessments.ts';
import { answerSource } from '../domain/answers.ts';

// Impact assessments as their users go through them: a transparency officer of a public body
// writes one section by section and submits it; a reviewer of an oversight body (another
// organisation) asks for changes; it is resubmitted, decided and published; the public reads the
// findings, with what was withheld listed. A second assessment ends in an order to halt, which the
// register shows.

const ORIGIN = 'https://safeguard.example';
const config = { apiRateLimitPerMinute: 10_000, publicUrl: ORIGIN, logLevel: 'silent' as const, cacheMegabytes: 32 };
// A deployment the register cannot screen to a conclusion: the engine lets it proceed only with conditions.
const SLUG = 'eu-entry-exit-system-eu-lisa';

const example = assessmentFileSchema.parse(JSON.parse(fs.readFileSync(path.resolve('schemas/examples/visa-triage-assessment.json'), 'utf8')));

/** The example's answers with every other required answer filled in, as an officer would. */
function completeAnswers(): Answers {
  const answers = answersFromFile(definition, example);
  for (const m of missingAnswers(definition, answerSource(answers))) {
    if (m.question === 'groups.matrix') continue;
    if (m.question === 'decision.proposed') answers[m.question] = 'proceed_with_conditions';
    else if (m.question === 'context.frequency') answers[m.question] = 'About 2,000 applications a day';
    else answers[m.question] = `Answer to ${m.question}, with its evidence.`;
  }
  const groups = definition.sections.find((s) => s.id === 'groups')!.questions[0]!.columns!.find((c) => c.id === 'group')!.options!;
  answers['groups.matrix'] = groups.filter((o) => o.value !== 'other').map((o, i) => ({ group: o.value, affected: i < 3 ? 'yes' : 'unknown', disaggregated_data: i === 0 ? 'available' : 'missing' }));
  // Conditional answers of the proposed decision.
  answers['decision.accepting_official'] = 'Director of Consular Affairs';
  answers['decision.conditions'] = 'Human review of every referral; quarterly disaggregated audit.';
  answers['environment.country'] = 'DE';
  return answers;
}

/** The form fields of one section for these answers. */
function sectionForm(sectionId: string, answers: Answers): Record<string, string | string[]> {
  const state = formStateOf(definition, answers);
  const section = definition.sections.find((s) => s.id === sectionId)!;
  const ids = new Set(section.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(state).filter(([name]) => [...ids].some((id) => name === `q.${id}` || name.startsWith(`q.${id}.`))));
}

describe(`impact assessments on the platform (${testEngine})`, () => {
  let db: Database;
  let app: FastifyInstance;
  let client: ReturnType<typeof testClient>;
  let officer: Jar;
  let colleague: Jar;
  let outsider: Jar;
  let reviewer: Jar;
  let selfReviewer: Jar;
  let id: string;

  async function oversightMember(key: string, organisation: string): Promise<Jar> {
    const jar = await signedInMember(db, key, organisation, 'oversight');
    const session = await resolveSession(db, jar['__Host-safeguard_session']!, new Date());
    if (session.state !== 'active' || session.actor.kind !== 'member') throw new Error('no session');
    const setUp = await beginSecondFactor(db, session.actor);
    if ('secret' in setUp) await confirmSecondFactor(db, session.actor, totpCode(setUp.secret, new Date()), new Date());
    return jar;
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
    app = await buildApp({ db, config });
    client = testClient(app, ORIGIN);
    officer = await signedInMember(db, 'officer', 'Ministry Transparency Office', 'contributor');
    colleague = await signedInMember(db, 'colleague', 'Ministry Transparency Office', 'editor');
    outsider = await signedInMember(db, 'outsider', 'Another NGO', 'contributor');
    reviewer = await oversightMember('ombud', 'Office of the Ombudsperson');
    // An oversight member of the assessing organisation itself: never its reviewer.
    selfReviewer = await oversightMember('inhouse', 'Ministry Transparency Office');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const status = async () => (await db.query<{ status: string }>('SELECT status FROM assessments.assessments WHERE id = $1', [id]))[0]!.status;

  /** A colleague's new assessment of a deployment with every section saved from these answers (and these extra fields); its id. */
  async function assessmentWith(slug: string, answers: Answers, extra: Record<string, string> = {}): Promise<string> {
    const start = await client.post(colleague, `/deployments/${slug}/assessments`, {}, { tokenFrom: `/deployments/${slug}/assessments/new` });
    const created = /\/assessments\/([0-9a-f-]{36})$/.exec(String(start.headers.location))![1]!;
    for (const s of definition.sections) {
      if (s.id === 'company') continue;
      const res = await client.post(colleague, `/assessments/${created}/edit/${s.id}`, { ...sectionForm(s.id, answers), ...extra }, { tokenFrom: `/assessments/${created}/edit/${s.id}` });
      expect(res.statusCode, `${s.id}: ${res.body.slice(0, 300)}`).toBe(303);
    }
    return created;
  }

  /** Submits an assessment as the colleague, and the oversight member starts its review. */
  async function submitForReview(assessment: string) {
    expect((await client.post(colleague, `/assessments/${assessment}/submit`, {}, { tokenFrom: `/assessments/${assessment}` })).statusCode).toBe(303);
    await client.post(reviewer, `/assessments/${assessment}/start-review`, {}, { tokenFrom: `/assessments/${assessment}` });
  }

  it('offers writers to start an assessment from the deployment page, prefilled from the register', async () => {
    const page = await client.get(officer, `/deployments/${SLUG}`);
    expect(page.body).toContain(`href="/deployments/${SLUG}/assessments/new"`);
    expect(page.body).toContain('No impact assessment of this deployment has been published');
    expect((await client.get({}, `/deployments/${SLUG}`)).body).not.toContain('/assessments/new');
    const res = await client.post(officer, `/deployments/${SLUG}/assessments`, {}, { tokenFrom: `/deployments/${SLUG}/assessments/new` });
    expect(res.statusCode).toBe(303);
    id = /\/assessments\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const [row] = await db.query<{ answers: Answers; status: string }>('SELECT answers, status FROM assessments.assessments WHERE id = $1', [id]);
    expect(row!.status).toBe('draft');
    const [dep] = await db.query<{ red_line_verdict: string }>('SELECT red_line_verdict FROM register.deployments WHERE slug = $1', [SLUG]);
    expect(row!.answers['screening.verdict']).toBe(dep!.red_line_verdict);
    expect((row!.answers['groups.matrix'] as unknown[]).length).toBe(7);
    const overview = await client.get(officer, `/assessments/${id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain(`href="/assessments/${id}/edit/screening"`);
    // Each data-protection principle asks for its evidence beside the answer.
    const data = await client.get(officer, `/assessments/${id}/edit/data`);
    expect(data.body).toMatch(/name="q\.data\.accuracy"[^]*name="q\.data\.accuracy_evidence"/);
    expect(data.body).toContain('Evidence for “Accuracy”');
  });

  it('keeps the draft to its organisation: others and the public do not see it', async () => {
    expect((await client.get(outsider, `/assessments/${id}`)).statusCode).toBe(404);
    expect((await client.get({}, `/assessments/${id}`)).statusCode).toBe(401);
    expect((await client.get(reviewer, `/assessments/${id}`)).statusCode).toBe(404);
    expect((await client.get(colleague, `/assessments/${id}`)).statusCode).toBe(200);
    const edit = await client.post(outsider, `/assessments/${id}/edit/legality`, { 'q.legality.foreseeability': 'x' }, { tokenFrom: '/account' });
    expect(edit.statusCode).toBe(404);
  });

  it('refuses to submit an incomplete assessment, listing every missing answer with a link to it', async () => {
    const res = await client.post(officer, `/assessments/${id}/submit`, {}, { tokenFrom: `/assessments/${id}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`href="/assessments/${id}/edit/necessity#q-necessity-aim"`);
    expect(res.body).toContain(`href="/assessments/${id}/edit/harms#q-harms-register"`);
    expect(res.body).toMatch(/answers must be given or corrected before submission/);
    expect(await status()).toBe('draft');
  });

  it('re-shows a section with what was typed and an error summary when a value is malformed, saving nothing', async () => {
    const form = { ...sectionForm('environment', completeAnswers()), [fieldName('environment.pue')]: '9', [fieldName('environment.compute_hours')]: 'lots', [fieldName('environment.notes')]: 'Our notes' };
    const res = await client.post(officer, `/assessments/${id}/edit/environment`, form, { tokenFrom: `/assessments/${id}/edit/environment` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#q-environment-pue"');
    expect(res.body).toContain('id="q-environment-pue"');
    expect(res.body).toContain('value="lots"');
    expect(res.body).toContain('Our notes');
    const [row] = await db.query<{ answers: Answers }>('SELECT answers FROM assessments.assessments WHERE id = $1', [id]);
    expect(row!.answers['environment.notes']).toBeUndefined();
  });

  it('saves each section through its form and then accepts the submission as version 1', async () => {
    const answers = completeAnswers();
    for (const s of definition.sections) {
      if (s.id === 'company') continue;
      const res = await client.post(officer, `/assessments/${id}/edit/${s.id}`, { ...sectionForm(s.id, answers), _then: 'stay' }, { tokenFrom: `/assessments/${id}/edit/${s.id}` });
      expect(res.statusCode, `${s.id}: ${res.body.slice(0, 300)}`).toBe(303);
    }
    const [row] = await db.query<{ answers: Answers }>('SELECT answers FROM assessments.assessments WHERE id = $1', [id]);
    // The form does not carry the reviewer's acceptance: the officer's mitigations are pending.
    expect((row!.answers['mitigation.plan'] as { review?: string }[]).every((m) => m.review === undefined)).toBe(true);
    expect(row!.answers['harms.register']).toEqual(answers['harms.register']);
    const res = await client.post(officer, `/assessments/${id}/submit`, {}, { tokenFrom: `/assessments/${id}` });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect(await status()).toBe('submitted');
    // Submitted: it cannot change any more.
    const edit = await client.post(officer, `/assessments/${id}/edit/legality`, sectionForm('legality', answers), { tokenFrom: '/account' });
    expect(edit.statusCode).toBe(400);
  });

  it('lets only an oversight member of another organisation review it', async () => {
    expect((await client.get(selfReviewer, `/assessments/${id}`)).statusCode).toBe(404);
    const denied = await client.post(selfReviewer, `/assessments/${id}/start-review`, {}, { tokenFrom: '/account' });
    expect(denied.statusCode).toBe(404);
    const queue = await client.get(reviewer, '/assessments');
    expect(queue.body).toContain(`href="/assessments/${id}"`);
    const start = await client.post(reviewer, `/assessments/${id}/start-review`, {}, { tokenFrom: `/assessments/${id}` });
    expect(start.statusCode).toBe(303);
    expect(await status()).toBe('under_review');
  });

  it('asks for an explanation before sending changes back, then sends the evaluations to the authors', async () => {
    const bare = await client.post(reviewer, `/assessments/${id}/review`, { _action: 'request_changes' }, { tokenFrom: `/assessments/${id}/review` });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('Say what must change');
    const res = await client.post(reviewer, `/assessments/${id}/review`, {
      _action: 'request_changes', 'section.necessity.evaluation': 'to_correct', 'section.necessity.comment': 'The aim must name the backlog figures.',
      'section.legality.evaluation': 'acceptable', comment: 'Please correct the necessity section.',
    }, { tokenFrom: `/assessments/${id}/review` });
    expect(res.statusCode).toBe(303);
    expect(await status()).toBe('changes_requested');
    const overview = await client.get(officer, `/assessments/${id}`);
    expect(overview.body).toContain('The aim must name the backlog figures.');
    expect(overview.body).toContain('To correct');
  });

  it('takes the corrected answers as version 2, and compares the two versions', async () => {
    const answers = { ...completeAnswers(), 'necessity.aim': 'Clear a backlog of 120,000 applications within a year.' };
    const save = await client.post(officer, `/assessments/${id}/edit/necessity`, sectionForm('necessity', answers), { tokenFrom: `/assessments/${id}/edit/necessity` });
    expect(save.statusCode).toBe(303);
    const res = await client.post(officer, `/assessments/${id}/submit`, {}, { tokenFrom: `/assessments/${id}` });
    expect(res.statusCode).toBe(303);
    expect(await status()).toBe('resubmitted');
    const compare = await client.get(officer, `/assessments/${id}/compare?from=1&to=2`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('120,000 applications');
    expect(compare.body).toContain('1 answer changed');
  });

  it('scores the decision on the reviewer\'s view and refuses a decision milder than the scoring', async () => {
    await client.post(reviewer, `/assessments/${id}/start-review`, {}, { tokenFrom: `/assessments/${id}` });
    const page = await client.get(reviewer, `/assessments/${id}/review`);
    // The review starts from the last one.
    expect(page.body).toContain('The aim must name the backlog figures.');
    const review = {
      'section.necessity.evaluation': 'acceptable', 'mitigation.m1': 'accepted', 'mitigation.m3': 'accepted', 'mitigation.m4': 'accepted',
      'estimate.h1.likelihood': '3', comment: 'Accepted with conditions.',
    };
    const mild = await client.post(reviewer, `/assessments/${id}/review`, { ...review, _action: 'decide', decision: 'proceed' }, { tokenFrom: `/assessments/${id}/review` });
    expect(mild.statusCode).toBe(400);
    expect(mild.body).toContain('The scoring reaches a stricter decision');
    const res = await client.post(reviewer, `/assessments/${id}/review`, { ...review, _action: 'decide', decision: 'proceed_with_conditions' }, { tokenFrom: `/assessments/${id}/review` });
    expect(res.statusCode).toBe(303);
    const [row] = await db.query<{ status: string; decision: string; reassess_by: string | null }>(`SELECT status, decision, to_char(reassess_by, 'YYYY-MM-DD') AS reassess_by FROM assessments.assessments WHERE id = $1`, [id]);
    expect(row).toMatchObject({ status: 'decided', decision: 'proceed_with_conditions' });
    expect(row!.reassess_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('publishes the findings with a redaction log, and the public reads them without what was withheld', async () => {
    const form = await client.get(reviewer, `/assessments/${id}/publish`);
    expect(form.body).toContain('name="withhold.data.system"');
    const bad = await client.post(reviewer, `/assessments/${id}/publish`, { 'withhold.data.system': 'because' }, { tokenFrom: `/assessments/${id}/publish` });
    expect(bad.statusCode).toBe(400);
    const res = await client.post(reviewer, `/assessments/${id}/publish`, { 'withhold.data.system': 'security' }, { tokenFrom: `/assessments/${id}/publish` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/assessments/${id}/findings`);
    const findings = await client.get({}, `/assessments/${id}/findings`);
    expect(findings.statusCode).toBe(200);
    expect(findings.body).toContain('PROCEED WITH CONDITIONS');
    expect(findings.body).toContain('<svg');
    expect(findings.body).toContain('What was withheld');
    expect(findings.body).toContain('it would endanger security');
    expect(findings.body).not.toContain('Answer to data.system');
    expect(findings.body).toContain('Answer to data.accuracy');
    // The reviewer's estimate beside the author's.
    expect(findings.body).toContain('Oversight reviewer');
    // The calculator: 8,760 h × 0.4 kW × PUE 1.5 = 5,256 kWh; × 341 g/kWh (Germany, 2024) = 1,792.3 kg.
    expect(findings.body).toContain('<strong>5,256</strong> kWh');
    expect(findings.body).toContain('<strong>1,792.3</strong> kg CO2eq');
    expect(findings.body).toContain('Electricity Maps');
    const json = JSON.parse((await client.get({}, `/assessments/${id}/findings.json`)).body);
    expect(json.schema).toBe('safeguard.assessment-findings/1');
    expect(json.redactions).toEqual([{ question: 'data.system', reason: 'security' }]);
    expect(json.harms.find((h: { id: string }) => h.id === 'h1').reviewer).toEqual({ likelihood: 3 });
    const exported = JSON.parse((await client.get({}, `/assessments/${id}/export.json`)).body);
    expect(exported.answers['data.system']).toBeUndefined();
    expect(exported.answers['data.accuracy']).toBe('Answer to data.accuracy, with its evidence.');
    const aiAct = await client.get({}, `/assessments/${id}/ai-act.md`);
    expect(aiAct.statusCode).toBe(200);
    expect(aiAct.body).toContain('Article 27');
    expect(aiAct.body).toContain('49(4)');
    const print = await client.get({}, `/assessments/${id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<details open');
    // The anonymous visitor's working-page address leads to the findings.
    const working = await client.get({}, `/assessments/${id}`);
    expect(working.statusCode).toBe(303);
    const dep = await client.get({}, `/deployments/${SLUG}`);
    expect(dep.body).toContain(`href="/assessments/${id}/findings"`);
  });

  it('shows the findings in French and Arabic too', async () => {
    for (const lang of ['fr', 'ar']) {
      const res = await app.inject({ method: 'GET', url: `/assessments/${id}/findings`, headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`lang="${lang}"`);
      expect(res.body).not.toMatch(/assessment\.(score|findings|form)\./);
    }
  });

  it('keeps a decision to proceed with conditions from going live until the oversight body verifies them', async () => {
    const findings = async () => (await client.get({}, `/assessments/${id}/findings`)).body;
    expect(await findings()).toContain('the system must not go live until it has');
    expect((await client.post(officer, `/assessments/${id}/conditions-verified`, { note: 'Seen.' }, { tokenFrom: `/assessments/${id}` })).statusCode).toBe(403);
    const empty = await client.post(reviewer, `/assessments/${id}/conditions-verified`, { note: '  ' }, { tokenFrom: `/assessments/${id}` });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter an answer');
    const res = await client.post(reviewer, `/assessments/${id}/conditions-verified`, { note: 'Written acceptance by the Director of Consular Affairs; quarterly audit contracted.' }, { tokenFrom: `/assessments/${id}` });
    expect(res.statusCode).toBe(303);
    const after = await findings();
    expect(after).not.toContain('the system must not go live until it has');
    expect(after).toContain('The oversight body (Office of the Ombudsperson) verified the conditions on');
    expect(after).toContain('quarterly audit contracted');
    expect((await client.post(reviewer, `/assessments/${id}/conditions-verified`, { note: 'Again.' }, { tokenFrom: `/assessments/${id}` })).statusCode).toBe(400);
    const [logged] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.log WHERE action = 'assessment.conditions_verified' AND subject_id = $1`, [id]);
    expect(logged!.n).toBe(1);
  });

  it('round-trips an export through the import: the new draft has the same answers', async () => {
    const exported = await client.get(officer, `/assessments/${id}/export.json`);
    expect(exported.statusCode).toBe(200);
    const file = JSON.parse(exported.body);
    const form = await client.get(officer, `/deployments/${SLUG}/assessments/new`);
    const action = /action="([^"]+\/assessments\/import\?_csrf=[^"]+)"/.exec(form.body)![1]!.replace(/&amp;/g, '&');
    const boundary = '----safeguardassessment';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(file)}\r\n--${boundary}--\r\n`;
    const res = keep(officer, await app.inject({ method: 'POST', url: action, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(officer), origin: ORIGIN, 'sec-fetch-site': 'same-origin' } }));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const copy = /\/assessments\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const again = JSON.parse((await client.get(officer, `/assessments/${copy}/export.json`)).body);
    // The same assessment, but the reviewer's acceptances stay with the reviewed one.
    expect({ ...again, assessment: { ...again.assessment, assessedOn: file.assessment.assessedOn } }).toEqual({
      ...file, mitigations: file.mitigations.map((m: Record<string, unknown>) => ({ ...m, review: 'pending' })),
    });

    const broken = { ...file, harms: [{ ...file.harms[0], scale: 7 }] };
    const text = JSON.stringify(broken, null, 2);
    const bodyBad = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="broken.json"\r\nContent-Type: application/json\r\n\r\n${text}\r\n--${boundary}--\r\n`;
    const refused = keep(officer, await app.inject({ method: 'POST', url: action, payload: bodyBad, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(officer), origin: ORIGIN, 'sec-fetch-site': 'same-origin' } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('broken.json');
    expect(refused.body).toContain('harms.0.scale');

    // A file naming a questionnaire version that is not shipped is refused at that path.
    const other = JSON.stringify({ ...file, definition: { ...file.definition, version: '9.0.0' } }, null, 2);
    const bodyVersion = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="version.json"\r\nContent-Type: application/json\r\n\r\n${other}\r\n--${boundary}--\r\n`;
    const wrong = keep(officer, await app.inject({ method: 'POST', url: action, payload: bodyVersion, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader(officer), origin: ORIGIN, 'sec-fetch-site': 'same-origin' } }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/version\.json:\d+:\d+: definition\.version: no questionnaire definition safeguard-hria 9\.0\.0 is shipped/);
  });

  it('falls due on a recorded change, is marked overdue in public, and is repeated as a new version', async () => {
    const bad = await client.post(officer, `/assessments/${id}/triggers`, { kind: 'model_changed', on: '2999-01-01' }, { tokenFrom: `/assessments/${id}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    const res = await client.post(officer, `/assessments/${id}/triggers`, { kind: 'model_changed', on: '', note: 'Model v2 in production' }, { tokenFrom: `/assessments/${id}` });
    expect(res.statusCode).toBe(303);
    const overview = await client.get(officer, `/assessments/${id}`);
    expect(overview.body).toContain('A re-assessment is due.');
    expect(overview.body).toContain('<span class="tag a-reassessment_due">Re-assessment due</span>');
    expect(overview.body).toContain('the model changed');
    expect((await client.get({}, `/assessments/${id}/findings`)).body).not.toContain('This assessment is overdue');
    // 120 days on (the decision and the change moved back in time): overdue, on the public pages too.
    await db.query(`UPDATE assessments.assessments SET decided_at = decided_at - interval '120 days', triggers = jsonb_build_array(jsonb_build_object('kind', 'model_changed', 'on', to_char(now() - interval '100 days', 'YYYY-MM-DD'))) WHERE id = $1`, [id]);
    // (Days passing clear the response cache; here the clock is moved by hand.)
    app.responseCache.invalidate();
    expect((await client.get({}, `/assessments/${id}/findings`)).body).toContain('This assessment is overdue');
    expect((await client.get({}, `/deployments/${SLUG}`)).body).toMatch(new RegExp(`/assessments/${id}/findings[^]*?overdue`));
    const list = await client.get(reviewer, '/assessments');
    expect(list.body).toMatch(/Overdue re-assessments<\/h2><div[^>]*><table><caption>Overdue re-assessments/);
    // The transition to "re-assessment due" is in the audit log, once per reason however often it is checked.
    expect(await recordDueAssessments(db, new Date())).toBe(1);
    expect(await recordDueAssessments(db, new Date())).toBe(0);
    const [due] = await db.query<{ details: { reason: string; overdue: boolean } }>(`SELECT details FROM audit.log WHERE action = 'assessment.reassessment_due' AND subject_id = $1`, [id]);
    expect(due!.details).toMatchObject({ reason: expect.stringMatching(/^trigger:model_changed:\d{4}-\d{2}-\d{2}$/), overdue: true });
    // The next version starts from the answers given; the published one is superseded but stays public.
    const next = await client.post(officer, `/assessments/${id}/reassess`, {}, { tokenFrom: `/assessments/${id}` });
    expect(next.statusCode).toBe(303);
    const nextId = /\/assessments\/([0-9a-f-]{36})$/.exec(String(next.headers.location))![1]!;
    const rows = await db.query<{ id: string; status: string; edition: number; previous_id: string | null; answers: Answers }>('SELECT id, status, edition, previous_id, answers FROM assessments.assessments WHERE id = ANY($1::uuid[])', [[id, nextId]]);
    expect(rows.find((r) => r.id === id)!.status).toBe('superseded');
    expect(rows.find((r) => r.id === nextId)).toMatchObject({ status: 'draft', edition: 2, previous_id: id });
    expect(rows.find((r) => r.id === nextId)!.answers['necessity.aim']).toBe('Clear a backlog of 120,000 applications within a year.');
    const findings = await client.get({}, `/assessments/${id}/findings`);
    expect(findings.statusCode).toBe(200);
    expect(findings.body).toContain('A newer assessment of this deployment replaces this one.');

    // The two editions side by side: for its authors, the latest answers; the public only once both are published.
    const nextOverview = await client.get(officer, `/assessments/${nextId}`);
    expect(nextOverview.body).toContain(`href="/assessments/${nextId}/compare-previous"`);
    await client.post(officer, `/assessments/${nextId}/edit/necessity`, { ...sectionForm('necessity', rows.find((r) => r.id === nextId)!.answers), 'q.necessity.aim': 'Clear a backlog of 80,000 applications.' }, { tokenFrom: `/assessments/${nextId}/edit/necessity` });
    const inside = await client.get(officer, `/assessments/${nextId}/compare-previous`);
    expect(inside.statusCode).toBe(200);
    expect(inside.body).toContain('Edition 1 and edition 2 compared');
    expect(inside.body).toMatch(/<del>[^]*120,000 applications[^]*<\/del>[^]*<ins>[^]*80,000 applications/);
    expect((await client.get({}, `/assessments/${nextId}/compare-previous`)).statusCode).toBe(401);
    // Published (as stored by publication), the comparison is public, without what either edition withheld.
    const [first] = await db.query<{ published: { answers: Record<string, unknown>; redactions: { question: string }[] } }>('SELECT published FROM assessments.assessments WHERE id = $1', [id]);
    const withheld = first!.published.redactions[0]!.question;
    // Edition 2 publishes the answer edition 1 withheld: it must still not be shown beside edition 1.
    const second = { ...first!.published, edition: 2, redactions: [], answers: { ...first!.published.answers, 'necessity.aim': 'Clear a backlog of 80,000 applications.', [withheld]: 'Published in edition 2 only.' } };
    await db.query(`UPDATE assessments.assessments SET status = 'published', decision = 'proceed', decided_at = now(), published = $2, published_at = now() WHERE id = $1`, [nextId, JSON.stringify(second)]);
    app.responseCache.invalidate();
    expect((await client.get({}, `/assessments/${nextId}/findings`)).body).toContain(`href="/assessments/${nextId}/compare-previous"`);
    const outside = await client.get({}, `/assessments/${nextId}/compare-previous`);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('answers that either of them withheld are left out');
    expect(outside.body).toContain('1 answer changed');
    expect(outside.body).toMatch(/<ins>[^]*80,000 applications/);
    expect(outside.body).not.toContain(questionById(definition, withheld)!.label.en);
    expect(outside.body).not.toContain('Published in edition 2 only.');
  });

  it('turns an order to halt into the deployment\'s status on the register', async () => {
    // An assessment without a legal basis: a red line whatever the score.
    const answers = completeAnswers();
    delete answers['legality.legal_basis'];
    const halted = await assessmentWith(SLUG, answers, { 'q.legality.legal_basis': '' });
    await submitForReview(halted);
    const page = await client.get(reviewer, `/assessments/${halted}/review`);
    expect(page.body).toContain('there is no legal basis');
    // Only "halt" is offered.
    expect(page.body).not.toContain('value="proceed"');
    const res = await client.post(reviewer, `/assessments/${halted}/review`, { _action: 'decide', decision: 'halt' }, { tokenFrom: `/assessments/${halted}/review` });
    expect(res.statusCode).toBe(303);
    const [dep] = await db.query<{ status: string; status_note: string }>('SELECT status, status_note FROM register.deployments WHERE slug = $1', [SLUG]);
    expect(dep!.status).toBe('halted');
    expect(dep!.status_note).toContain('Office of the Ombudsperson');
    const history = await client.get({}, `/deployments/${SLUG}/history`);
    expect(history.body).toContain('Office of the Ombudsperson');
  });

  it('halts a system the register screens as a red line, whatever the assessment answers, and says why', async () => {
    const RED = 'etias-screening-rules-frontex'; // the register finds red lines A, B and F
    const other = await assessmentWith(RED, { ...completeAnswers(), 'screening.verdict': 'no_red_line_found', 'screening.red_lines': [] });
    const screening = await client.get(colleague, `/assessments/${other}/edit/screening`);
    expect(screening.body).toContain('The register’s red-line screening of this deployment: falls under a red line (A, B, and F).');
    const [row] = await db.query<{ answers: Answers }>('SELECT answers FROM assessments.assessments WHERE id = $1', [other]);
    expect(row!.answers['screening.verdict']).toBe('no_red_line_found');
    await submitForReview(other);
    const page = await client.get(reviewer, `/assessments/${other}/review`);
    expect(page.body).toContain('the register’s red-line screening of this deployment (falls under a red line: A, B, and F) is stricter than this assessment’s answer (no red line found)');
    expect(page.body).not.toContain('value="proceed_with_conditions"');
    const mild = await client.post(reviewer, `/assessments/${other}/review`, { _action: 'decide', decision: 'proceed_with_conditions' }, { tokenFrom: `/assessments/${other}/review` });
    expect(mild.statusCode).toBe(400);
  });

  it('gives a decision stricter than the engine its own terms: conditions and re-assessment within 6 months', async () => {
    // A fresh assessment of the same (unscreenable) deployment: the engine proceeds with conditions; the reviewer halts.
    const answers = completeAnswers();
    // First with a groups matrix that has no disaggregated data, against harms that claim some: refused.
    const noData = { ...answers, 'groups.matrix': (answers['groups.matrix'] as Record<string, unknown>[]).map((r) => ({ ...r, disaggregated_data: 'missing' })) };
    const harms = answers['harms.register'] as Record<string, unknown>[];
    expect(harms.some((h) => h.subgroupData === 'available')).toBe(true);
    const other = await assessmentWith(SLUG, noData);
    const refused = await client.post(colleague, `/assessments/${other}/submit`, {}, { tokenFrom: `/assessments/${other}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('the affected groups matrix lists none for any affected group');
    expect((await client.post(colleague, `/assessments/${other}/edit/groups`, sectionForm('groups', answers), { tokenFrom: `/assessments/${other}/edit/groups` })).statusCode).toBe(303);
    await submitForReview(other);
    expect((await client.post(reviewer, `/assessments/${other}/review`, { _action: 'decide', decision: 'halt' }, { tokenFrom: `/assessments/${other}/review` })).statusCode).toBe(303);
    const [row] = await db.query<{ decision: string; reassess_by: string | null; decision_score: { decision: string; reassessBy: string | null; steps: { code: string }[] } }>(
      `SELECT decision, to_char(reassess_by, 'YYYY-MM-DD') AS reassess_by, decision_score FROM assessments.assessments WHERE id = $1`, [other]);
    expect(row).toMatchObject({ decision: 'halt', reassess_by: null });
    expect(row!.decision_score.decision).toBe('halt');
    expect(row!.decision_score.steps.at(-1)).toMatchObject({ code: 'stricter_decision', engine: 'proceed_with_conditions', decision: 'halt' });
    // Halted, it has no date to be re-assessed by, but a change still calls for a new assessment.
    expect((await client.get(colleague, `/assessments/${other}`)).body).not.toContain('A re-assessment is due.');
    expect((await client.post(colleague, `/assessments/${other}/triggers`, { kind: 'law_changed', on: '', note: 'New legal basis adopted' }, { tokenFrom: `/assessments/${other}` })).statusCode).toBe(303);
    expect((await client.get(colleague, `/assessments/${other}`)).body).toContain('A re-assessment is due.');
  });

  it('records every transition in an intact audit log', async () => {
    const actions = (await db.query<{ action: string }>(`SELECT action FROM audit.log WHERE subject_type = 'assessment' ORDER BY seq`)).map((r) => r.action);
    for (const a of ['assessment.started', 'assessment.submitted', 'assessment.under_review', 'assessment.changes_requested', 'assessment.resubmitted', 'assessment.decided', 'assessment.published', 'assessment.imported']) {
      expect(actions).toContain(a);
    }
    expect((await verifyLog(db)).ok).toBe(true);
  });
});
