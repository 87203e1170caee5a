import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Starts Safeguard the way a newcomer does (the CLI on a fresh embedded database) and uses it
// in Debian's Chromium: search, filter, open a deployment, switch to Arabic; axe on every page type.

const PORT = 3900 + Math.floor(Math.random() * 90);
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = path.resolve('test-results');
let server: ChildProcess;
let browser: Browser;
let output = '';

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    if (output.includes(`Open http://127.0.0.1:${PORT}/`)) return;
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${output}`);
}

beforeAll(async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-e2e-'));
  server = spawn(process.execPath, ['bin/safeguard.js', 'serve', '--port', String(PORT), '--data', data], {
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (c) => (output += c));
  server.stderr!.on('data', (c) => (output += c));
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

async function newPage(width = 1280, javaScript = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  return context.newPage();
}

async function expectNoAxeViolations(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

describe('the register in a browser, without JavaScript', () => {
  it('searches, filters and opens a deployment', async () => {
    const page = await newPage();
    await page.goto(`${BASE}/`);
    await page.getByLabel('Search the register').first().fill('fingerprint');
    await page.getByRole('button', { name: 'Search' }).first().click();
    await expect.poll(() => page.url()).toContain('/register?q=fingerprint');
    const heading = await page.locator('[role=status]').innerText();
    expect(heading).toMatch(/\d+ deployments? match/);
    await page.getByLabel(/^Active/).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('status=active');
    expect(await page.getByRole('link', { name: /Remove filter: Active/ }).count()).toBe(1);
    const first = page.locator('ol.results a.title').first();
    const title = await first.innerText();
    await first.click();
    await expect.poll(() => page.url()).toContain('/deployments/');
    expect(await page.locator('h1').innerText()).toBe(title);
    expect(await page.getByRole('heading', { name: 'Sources' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'deployment-en.png'), fullPage: true });
  });

  it('switches to Arabic, right to left, and remembers it', async () => {
    const page = await newPage(390);
    await page.goto(`${BASE}/register?country=DE`);
    await page.getByRole('link', { name: 'العربية' }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(page.url()).toContain('/register?country=DE');
    await page.goto(`${BASE}/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // Phone width: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'home-ar-phone.png'), fullPage: true });
    await page.goto(`${BASE}/register?country=DE`);
    await page.screenshot({ path: path.join(SHOTS, 'register-ar-phone.png'), fullPage: true });
  });
});

describe('accessibility (axe) on every page type, in English and Arabic', () => {
  const pages = {
    home: '/',
    register: '/register?q=border&status=active',
    'register-empty': '/register?q=zzzznothing',
    deployment: '/deployments/etias-screening-rules-frontex',
    technology: '/technologies/iborderctrl',
    organisation: '/organisations/uk-home-office',
    country: '/countries/GR',
    countries: '/countries',
    'open-data': '/open-data',
    glossary: '/glossary',
    'glossary-term': '/glossary/intersectionality',
    'brief-chooser': '/deployments/iborderctrl-hungarian-national-police/brief',
    brief: '/deployments/iborderctrl-hungarian-national-police/brief?to=state',
    'brief-compare': '/deployments/iborderctrl-hungarian-national-police/brief/compare?a=state&b=company',
    'brief-print': '/deployments/uk-nhs-home-office-data-sharing-nhs-digital/brief/print?to=service_provider',
    'brief-bad-stakeholder': '/deployments/iborderctrl-hungarian-national-police/brief?to=ngo',
    'technology-analyse': '/technologies/iborderctrl/analyse',
    'not-found': '/deployments/missing',
    'bad-request': '/register?page=abc',
  };
  for (const lang of ['en', 'ar'] as const) {
    for (const [name, url] of Object.entries(pages)) {
      it(`${name} (${lang})`, async () => {
        // axe runs as a script in the page, so this context allows JavaScript; the pages themselves ship none.
        const page = await newPage(lang === 'ar' ? 390 : 1280, true);
        if (lang === 'ar') await page.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
        await page.goto(`${BASE}${url}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await expectNoAxeViolations(page, `${url} (${lang})`);
      });
    }
  }
});

describe('accounts in a browser, without JavaScript', () => {
  const firstAdminLink = () => {
    const match = /http:\/\/[^\s]+\/invitations\/[\w-]+/.exec(output);
    if (!match) throw new Error(`no first-administrator link in the server output: ${output}`);
    return match[0];
  };

  for (const lang of ['en', 'ar'] as const) {
    it(`shows the sign-in page and the invitation form's error summary without axe violations (${lang})`, async () => {
      const page = await newPage(lang === 'ar' ? 390 : 1280, true);
      if (lang === 'ar') await page.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
      await page.goto(`${BASE}/login`);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expectNoAxeViolations(page, `/login (${lang})`);

      await page.goto(firstAdminLink());
      await page.fill('#field-email', 'not an address');
      await page.fill('#field-password', 'short');
      await page.click('button[type=submit]');
      const summary = page.locator('.error-summary');
      await expect.poll(() => summary.count()).toBe(1);
      expect(await page.locator('#field-email').inputValue()).toBe('not an address');
      expect(await summary.locator('a[href="#field-password"]').count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `invitation-errors-${lang}.png`), fullPage: true });
      await expectNoAxeViolations(page, `invitation form with errors (${lang})`);
    });
  }

  it('creates the first administrator, who is asked for a second factor first', async () => {
    const page = await newPage(390, false);
    await page.goto(firstAdminLink());
    await page.fill('#field-organisationName', 'Safeguard Collective');
    await page.fill('#field-displayName', 'Amal');
    await page.fill('#field-email', 'amal@example.org');
    await page.fill('#field-password', 'a long and unguessable passphrase');
    await page.fill('#field-confirmPassword', 'a long and unguessable passphrase');
    await page.click('button[type=submit]');
    await page.waitForURL(`${BASE}/account`);
    expect(await page.locator('main').innerText()).toContain('Set it up before you continue');
    await page.goto(`${BASE}/admin/invitations`);
    expect(page.url()).toBe(`${BASE}/account/second-factor`);
    await page.screenshot({ path: path.join(SHOTS, 'second-factor-setup-phone.png'), fullPage: true });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
  });
});

describe('contributing in a browser, without JavaScript', () => {
  const PASSWORD = 'a long and unguessable passphrase';
  let admin: Page;
  let arabicWriter: { cookies: Awaited<ReturnType<ReturnType<Page['context']>['cookies']>>; draftUrl: string } | undefined;

  /** Signs the first administrator in again and returns invitation links made on the admin page. */
  async function invite(organisation: string, role: string): Promise<string> {
    await admin.goto(`${BASE}/admin/invitations`);
    await admin.fill('#field-organisation', organisation);
    await admin.selectOption('#field-role', role);
    await admin.click('form[action="/admin/invitations"] button[type=submit]');
    const link = await admin.locator('.notice code').innerText();
    expect(link).toMatch(/\/invitations\/[\w-]+$/);
    return link;
  }

  /** Accepts an invitation; `javaScript` for a page axe will run in (as a script; the pages ship none). */
  async function join(link: string, name: string, email: string, lang: 'en' | 'ar', javaScript = false): Promise<Page> {
    const page = await newPage(lang === 'ar' ? 390 : 1280, javaScript);
    if (lang === 'ar') await page.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
    await page.goto(link);
    await page.fill('#field-displayName', name);
    await page.fill('#field-email', email);
    await page.fill('#field-password', PASSWORD);
    await page.fill('#field-confirmPassword', PASSWORD);
    await page.click('button[type=submit]');
    // Members who must set up a second factor first are sent on to it.
    await page.waitForURL((url) => url.pathname === '/account' || url.pathname === '/account/second-factor');
    return page;
  }

  beforeAll(async () => {
    // The first administrator was created by the accounts tests above; they set up the second factor here.
    const { totpCode } = await import('../src/platform/auth/secrets.ts');
    admin = await newPage(1280, false);
    await admin.goto(`${BASE}/login`);
    await admin.fill('#field-email', 'amal@example.org');
    await admin.fill('#field-password', 'a long and unguessable passphrase');
    await admin.click('button[type=submit]');
    await admin.goto(`${BASE}/account/second-factor`);
    const secret = (await admin.locator('.secret code').innerText()).replace(/\s+/g, '');
    await admin.fill('#field-code', totpCode(secret, new Date()));
    await admin.click('button[type=submit]');
    expect(await admin.locator('.codes li').count()).toBe(10);
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`invite → create account → draft a deployment → another editor approves → public (${lang})`, async () => {
      const writer = await join(await invite(`Border Watch ${lang}`, 'contributor'), `Writer ${lang}`, `writer-${lang}@example.org`, lang);
      const editor = await join(await invite(`Editorial team ${lang}`, 'editor'), `Editor ${lang}`, `editor-${lang}@example.org`, lang);
      const title = `Heron checkpoint kiosks (${lang})`;

      await writer.goto(`${BASE}/drafts/new/deployment`);
      expect(await writer.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await writer.fill('#field-title', title);
      await writer.fill('#field-technology', 'iborderctrl');
      await writer.fill('#field-deployer', 'uk-home-office');
      await writer.fill('#field-countries', 'GR');
      await writer.selectOption('#field-status', 'pilot');
      await writer.fill('#field-purpose', 'Identity checks at a land border crossing.');
      // The profile: "Not known" unless said otherwise; here a "lie detector" (red line D).
      await writer.check('input[name="profile.capabilities.known"][value=known]');
      await writer.check('input[name="profile.capabilities"][value=deception_detection]');
      await writer.click('button[name=intent][value=submit]');
      await writer.waitForURL(/\/drafts\/[0-9a-f-]{36}$/);
      const draftUrl = writer.url();
      await writer.screenshot({ path: path.join(SHOTS, `draft-in-review-${lang}.png`), fullPage: true });
      if (lang === 'ar') arabicWriter = { cookies: await writer.context().cookies(), draftUrl };

      await editor.goto(draftUrl);
      await editor.fill('#field-comment', 'Checked against the sources.');
      await editor.click('button[name=decision][value=approve]');
      await editor.waitForURL(draftUrl);

      const visitor = await newPage(1280, false);
      await visitor.goto(`${BASE}/register?q=heron`);
      expect(await visitor.locator('main').innerText()).toContain(title);
      await visitor.getByRole('link', { name: title }).click();
      expect(await visitor.locator('.screening.v-red_line .finding h3').allInnerTexts()).toEqual(['D — emotion recognition, “lie detectors”, behavioural analytics']);
      expect(await visitor.locator('.screening .verdict').innerText()).toBe('Falls under a red line: must not be deployed');
      const scrollWidth = await writer.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(lang === 'ar' ? 390 : 1280);
    });
  }

  it('shows a draft form with errors, a draft and a record history without axe violations (ar)', async () => {
    if (!arabicWriter) throw new Error('the Arabic flow did not run');
    const page = await newPage(390, true);
    await page.context().addCookies(arabicWriter.cookies);
    await page.goto(`${BASE}/drafts/new/deployment`);
    await page.click('button[name=intent][value=save]');
    expect(await page.locator('.error-summary a').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'draft-form-errors-ar.png'), fullPage: true });
    await expectNoAxeViolations(page, 'draft form with errors (ar)');
    await page.goto(arabicWriter.draftUrl);
    await expectNoAxeViolations(page, 'published draft (ar)');
    await page.goto(`${BASE}/deployments/heron-checkpoint-kiosks-en/history`);
    await expectNoAxeViolations(page, 'history (ar)');
  });

  it('upload a decision log → map its columns → the audit runs → another editor publishes it (ar, phone; axe on each page)', async () => {
    const slug = 'etias-screening-rules-frontex';
    const analyst = await join(await invite('Audit Watch', 'contributor'), 'Analyst', 'analyst@example.org', 'ar');
    const editor = await join(await invite('Editorial audits', 'editor'), 'Audit editor', 'audit-editor@example.org', 'en');
    // 3,000 decisions, region East flagged twice as often; 6 people in region West (suppressed when published).
    const rows = Array.from({ length: 3000 }, (_, i) => `${['North', 'South', 'East'][i % 3]},${i % 2 ? 'F' : 'M'},${(i * 7919) % 100 < (i % 3 === 2 ? 40 : 20) ? 1 : 0}`);
    const csv = `region,gender,flagged\n${rows.join('\n')}\n${Array.from({ length: 6 }, (_, i) => `West,${i % 2 ? 'F' : 'M'},${i % 2}`).join('\n')}\n`;

    // With JavaScript on for axe, which runs as a script; the pages themselves ship none.
    const page = await newPage(390, true);
    await page.context().addCookies(await analyst.context().cookies());
    await page.goto(`${BASE}/deployments/${slug}`);
    await page.click(`a[href="/deployments/${slug}/audits/new"]`);
    await expectNoAxeViolations(page, 'upload form (ar)');
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    expect(await page.locator('.error-summary a').count()).toBe(1);
    await expectNoAxeViolations(page, 'upload form with an error (ar)');
    await page.setInputFiles('#field-file', { name: 'decisions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForURL(/\/audits\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();
    await page.click('form[action$="/mapping"] button[type=submit]');
    expect(await page.locator('.error-summary a').count()).toBe(2);
    await expectNoAxeViolations(page, 'column mapping with errors (ar)');
    await page.screenshot({ path: path.join(SHOTS, 'audit-mapping-errors-ar.png'), fullPage: true });
    await page.check('input[name=protected][value=region]');
    await page.check('input[name=protected][value=gender]');
    await page.selectOption('#field-outcome', 'flagged');
    await page.click('form[action$="/mapping"] button[type=submit]');
    await expect.poll(async () => {
      await page.goto(jobUrl);
      return page.locator('a[href$="/report.html"]').count();
    }, { timeout: 30_000 }).toBe(1);
    await expectNoAxeViolations(page, 'finished audit (ar)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await editor.goto(jobUrl);
    await editor.click('form[action$="/publish"] button[type=submit]');
    await editor.waitForURL(jobUrl);

    const visitor = await newPage(390, true);
    await visitor.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
    await visitor.goto(`${BASE}/deployments/${slug}`);
    expect(await visitor.locator('#audits-h').count()).toBe(1);
    expect(await visitor.locator('section[aria-labelledby=audits-h]').innerText()).toContain('region = East');
    await expectNoAxeViolations(visitor, 'deployment page with a published audit (ar)');
    await visitor.screenshot({ path: path.join(SHOTS, 'deployment-audits-ar.png'), fullPage: true });
    // The full report is served under its own strict policy: its stylesheet applies, nothing else loads.
    const errors: string[] = [];
    visitor.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await visitor.click('section[aria-labelledby=audits-h] a[href$="/report.html"]');
    // Its stylesheet applied (an h2's top border), so the policy's hash matches it.
    expect(await visitor.locator('h2').first().evaluate((h) => getComputedStyle(h).borderTopWidth)).toBe('2px');
    expect(await visitor.content()).toContain('This is the published version of the audit.');
    expect(errors, 'console errors (CSP)').toEqual([]);
  });

  // A deployment the register cannot screen to a conclusion (a red-line one would halt whatever the answers).
  const ASSESSED = 'eu-entry-exit-system-border-authorities-of-schengen-states';

  /**
   * Types one section's answers into its form, adding table rows as a person would, and saves it;
   * questions that apply only given an earlier answer show after saving, and are filled then.
   */
  async function fillSection(page: Page, state: Record<string, string | string[]>) {
    const left = new Set(Object.keys(state));
    for (let pass = 0; pass < 3 && left.size; pass++) {
      for (const name of [...left]) {
        const value = state[name]!;
        const row = /^q\.(.+)\.(\d+)\.[A-Za-z0-9_]+$/.exec(name);
        if (row && (await page.locator(`[name="${name}"]`).count()) === 0 && (await page.locator(`button[name=_then][value="add:${row[1]}"]`).count())) {
          await page.click(`button[name=_then][value="add:${row[1]}"]`);
          await page.waitForLoadState();
        }
        const field = page.locator(`[name="${name}"]`);
        if ((await field.count()) === 0) continue;
        const kind = await field.first().evaluate((el) => (el.tagName === 'INPUT' ? (el as HTMLInputElement).type : el.tagName.toLowerCase()));
        if (kind === 'radio') await page.check(`[name="${name}"][value="${value}"]`);
        else if (kind === 'checkbox') { for (const v of [value].flat()) await page.check(`[name="${name}"][value="${v}"]`); }
        else if (kind === 'select') await page.selectOption(`[name="${name}"]`, String(value));
        else await field.fill(String(value));
        left.delete(name);
      }
      await page.click('button[name=_then][value=stay]');
      expect(await page.locator('.error-summary').allInnerTexts(), 'the section was refused').toEqual([]);
    }
    expect([...left], 'fields the form never showed').toEqual([]);
  }

  it('an officer fills and submits it, oversight requests changes, it is resubmitted, decided and published (axe on every page)', async () => {
    const { CURRENT_DEFINITION: definition } = await import('../src/assessments/definitions.ts');
    const { answersFromFile, formStateOf } = await import('../src/assessments/domain/answers.ts');
    const { assessmentFileSchema } = await import('../src/assessments/domain/assessment-file.ts');
    const example = assessmentFileSchema.parse(JSON.parse(fs.readFileSync('schemas/examples/visa-triage-assessment.json', 'utf8')));
    const answers: Record<string, unknown> = {
      ...answersFromFile(definition, example),
      'groups.matrix': undefined,
      'decision.proposed': 'proceed_with_conditions', 'decision.accepting_official': 'Head of the police data office',
      'decision.conditions': 'Quarterly disaggregated audits; human review of every match.', 'context.frequency': 'Daily',
    };
    for (const s of definition.sections) for (const q of s.questions) if (q.required && q.type === 'longtext' && answers[q.id] === undefined) answers[q.id] = `Our answer on ${q.id}.`;

    const officer = await join(await invite('Interior Ministry Transparency Office', 'contributor'), 'Officer', 'officer@example.org', 'en', true);
    const reviewer = await join(await invite('Data Protection Authority', 'oversight'), 'Reviewer', 'dpa@example.org', 'ar', true);
    // An oversight member sets up a second factor before anything else.
    {
      const { totpCode } = await import('../src/platform/auth/secrets.ts');
      await reviewer.goto(`${BASE}/account/second-factor`);
      const secret = (await reviewer.locator('.secret code').innerText()).replace(/\s+/g, '');
      await reviewer.fill('#field-code', totpCode(secret, new Date()));
      await reviewer.click('button[type=submit]');
      expect(await reviewer.locator('.codes li').count()).toBe(10);
    }

    await officer.goto(`${BASE}/deployments/${ASSESSED}`);
    await officer.click(`a[href="/deployments/${ASSESSED}/assessments/new"]`);
    await expectNoAxeViolations(officer, 'start an assessment');
    await officer.click(`form[action="/deployments/${ASSESSED}/assessments"] button[type=submit]`);
    await officer.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const overviewUrl = officer.url();
    const id = overviewUrl.split('/').pop()!;

    // Submitting too early lists every missing answer, each a link to its field.
    await officer.click(`form[action="/assessments/${id}/submit"] button[type=submit]`);
    const missing = officer.locator('.error-summary li a');
    expect(await missing.count()).toBeGreaterThan(10);
    await expectNoAxeViolations(officer, 'overview with missing answers');
    await officer.screenshot({ path: path.join(SHOTS, 'assessment-missing-en.png'), fullPage: true });
    await missing.first().click();
    await officer.waitForURL(/\/edit\/[a-z_]+#q-/);

    // A malformed answer re-shows the section with an error summary.
    await officer.goto(`${BASE}/assessments/${id}/edit/environment`);
    await officer.fill('#q-environment-pue', '12');
    await officer.click('button[name=_then][value=stay]');
    expect(await officer.locator('.error-summary a[href="#q-environment-pue"]').count()).toBe(1);
    await expectNoAxeViolations(officer, 'section with an error');
    await officer.fill('#q-environment-pue', '');

    const state = formStateOf(definition, answers as never);
    for (const section of definition.sections) {
      if (section.id === 'company') continue;
      await officer.goto(`${BASE}/assessments/${id}/edit/${section.id}`);
      const ids = section.questions.map((q) => q.id);
      const own = Object.fromEntries(Object.entries(state).filter(([n, v]) => ids.some((q) => n === `q.${q}` || n.startsWith(`q.${q}.`)) && !/\.review$/.test(n) && (Array.isArray(v) ? v.length : v !== '')));
      if (section.id === 'groups') {
        for (let r = 0; r < 7; r++) Object.assign(own, { [`q.groups.matrix.${r}.affected`]: r < 2 ? 'yes' : 'unknown', [`q.groups.matrix.${r}.disaggregated_data`]: r === 0 ? 'available' : 'missing' });
      }
      await fillSection(officer, own);
      if (section.id === 'harms') {
        await expectNoAxeViolations(officer, 'the harms register');
        await officer.screenshot({ path: path.join(SHOTS, 'assessment-harms-en.png'), fullPage: true });
        await officer.locator('fieldset.table-row').first().screenshot({ path: path.join(SHOTS, 'assessment-harm-row-en.png') });
      }
    }
    await officer.goto(overviewUrl);
    await officer.click(`form[action="/assessments/${id}/submit"] button[type=submit]`);
    expect(await officer.locator('.error-summary').allInnerTexts()).toEqual([]);
    expect(await officer.locator('.tag.a-submitted').count()).toBe(1);

    // The oversight reviewer, in Arabic on a phone.
    await reviewer.goto(`${BASE}/assessments`);
    await expectNoAxeViolations(reviewer, 'oversight list (ar)');
    await reviewer.click(`a[href="/assessments/${id}"]`);
    await reviewer.click(`form[action="/assessments/${id}/start-review"] button[type=submit]`);
    await reviewer.waitForURL(/\/review$/);
    await expectNoAxeViolations(reviewer, 'review (ar)');
    await reviewer.screenshot({ path: path.join(SHOTS, 'assessment-review-ar-phone.png'), fullPage: true });
    await reviewer.screenshot({ path: path.join(SHOTS, 'assessment-review-top-ar-phone.png') });
    expect(await reviewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await reviewer.check('input[name="section.necessity.evaluation"][value=to_correct]');
    await reviewer.fill('[name="section.necessity.comment"]', 'Quantify the need.');
    await reviewer.click('button[name=_action][value=request_changes]');
    await reviewer.waitForURL(new RegExp(`/assessments/${id}$`));

    await officer.goto(overviewUrl);
    expect(await officer.locator('main').innerText()).toContain('Quantify the need.');
    await officer.goto(`${BASE}/assessments/${id}/edit/necessity`);
    await officer.fill('#q-necessity-necessity', 'Without it, 40% of requests wait more than the legal limit (2025 report).');
    await officer.click('button[name=_then][value=overview]');
    await officer.click(`form[action="/assessments/${id}/submit"] button[type=submit]`);
    expect(await officer.locator('.tag.a-resubmitted').count()).toBe(1);

    await reviewer.goto(`${BASE}/assessments/${id}`);
    await reviewer.click(`form[action="/assessments/${id}/start-review"] button[type=submit]`);
    await reviewer.waitForURL(/\/review$/);
    await reviewer.check('input[name="section.necessity.evaluation"][value=acceptable]');
    await reviewer.check('input[name="mitigation.m1"][value=accepted]');
    await reviewer.check('input[name="decision"][value=proceed_with_conditions]');
    await reviewer.click('button[name=_action][value=decide]');
    await reviewer.waitForURL(new RegExp(`/assessments/${id}$`));
    await reviewer.click(`a[href="/assessments/${id}/publish"]`);
    await expectNoAxeViolations(reviewer, 'publish (ar)');
    await reviewer.selectOption('[name="withhold.data.integrity_confidentiality"]', 'security');
    await reviewer.click(`form[action="/assessments/${id}/publish"] button[type=submit]`);
    await reviewer.waitForURL(/\/findings$/);

    for (const lang of ['en', 'ar'] as const) {
      const visitor = await newPage(lang === 'ar' ? 390 : 1280, true);
      if (lang === 'ar') await visitor.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
      await visitor.goto(`${BASE}/deployments/${ASSESSED}`);
      await visitor.click(`a[href="/assessments/${id}/findings"]`);
      expect(await visitor.locator('.decision.d-proceed_with_conditions').count()).toBe(1);
      expect(await visitor.locator('svg.risk-map').count()).toBe(1);
      expect(await visitor.locator('#redactions-h + ul li').count()).toBe(1);
      expect(await visitor.locator('main').innerText()).not.toContain('Our answer on data.integrity_confidentiality.');
      await expectNoAxeViolations(visitor, `published findings (${lang})`);
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(lang === 'ar' ? 390 : 1280);
      await visitor.screenshot({ path: path.join(SHOTS, `assessment-findings-${lang}.png`), fullPage: true });
      await visitor.screenshot({ path: path.join(SHOTS, `assessment-findings-top-${lang}.png`) });
      await visitor.locator('section.score').screenshot({ path: path.join(SHOTS, `assessment-findings-score-${lang}.png`) });
      await visitor.goto(`${BASE}/assessments/${id}/print`);
      await expectNoAxeViolations(visitor, `print view (${lang})`);
    }

    // Before go-live, the oversight body verifies the conditions (a missing note is refused, kept on the page).
    await reviewer.goto(`${BASE}/assessments/${id}`);
    await reviewer.click(`form[action="/assessments/${id}/conditions-verified"] button[type=submit]`);
    expect(await reviewer.locator('.error-summary').count()).toBe(1);
    await expectNoAxeViolations(reviewer, 'conditions before go-live, with an error (ar)');
    await reviewer.fill('#field-note', 'Written acceptance by the head of the police data office; audits contracted.');
    await reviewer.click(`form[action="/assessments/${id}/conditions-verified"] button[type=submit]`);
    await reviewer.waitForURL(new RegExp(`/assessments/${id}$`));
    expect(await reviewer.locator('#golive-h + p').innerText()).toContain('2026');
    await expectNoAxeViolations(reviewer, 'overview after the conditions were verified (ar)');

    // The next edition, compared with this one.
    await officer.goto(overviewUrl);
    await officer.click(`form[action="/assessments/${id}/reassess"] button[type=submit]`);
    await officer.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const next = /\/assessments\/([0-9a-f-]{36})$/.exec(officer.url())![1]!;
    expect(next).not.toBe(id);
    await officer.goto(`${BASE}/assessments/${next}/edit/necessity`);
    await officer.fill('#q-necessity-necessity', 'Waiting times fell after the first year; the need is reviewed.');
    await officer.click('button[name=_then][value=overview]');
    await officer.click(`a[href="/assessments/${next}/compare-previous"]`);
    expect(await officer.locator('h1').innerText()).toBe('Edition 1 and edition 2 compared');
    expect(await officer.locator('table.diff ins').first().innerText()).toContain('Waiting times fell');
    await expectNoAxeViolations(officer, 'edition comparison (en)');
  });
  it('an advocate analyses a deployment, writes a brief to its vendor in Arabic and downloads the DOCX (phone; axe on each page)', async () => {
    const advocate = await join(await invite('Rights Watch e2e', 'contributor'), 'Advocate ar', 'advocate-ar@example.org', 'ar', true);
    const slug = 'iborderctrl-hungarian-national-police';
    await advocate.goto(`${BASE}/deployments/${slug}`);
    await advocate.click(`a[href="/deployments/${slug}/analysis"]`);
    await advocate.waitForURL(`${BASE}/deployments/${slug}/analysis`);
    await expectNoAxeViolations(advocate, 'analysis form (ar)');
    await advocate.check('input[name="necessity.needed"][value=no]');
    await advocate.fill('#field-necessity\\.alternatives', 'Trained border staff and a right to be heard.');
    await advocate.check('input[name="participation.consulted"][value=no]');
    await advocate.check('input[name="rights.direct"][value=privacy]');
    await advocate.click('form.analysis button[type=submit]');
    await advocate.waitForURL(/saved=1/);
    expect(await advocate.locator('.notice').innerText()).not.toBe('');
    expect(await advocate.isChecked('input[name="necessity.needed"][value=no]')).toBe(true);
    await advocate.screenshot({ path: path.join(SHOTS, 'analysis-ar.png'), fullPage: true });

    await advocate.click(`a[href^="/deployments/${slug}/brief?analysis="]`);
    await advocate.check('input[name=to][value=company]');
    await advocate.selectOption('#addressee', 'european-dynamics');
    await advocate.click('form.brief-form button[type=submit]');
    await advocate.waitForURL(/to=company/);
    expect(await advocate.locator('article.brief').getAttribute('dir')).toBe('rtl');
    expect(await advocate.locator('article.brief').innerText()).toContain('European Dynamics');
    expect(await advocate.locator('article.brief blockquote').first().getAttribute('lang')).toBe('en');
    expect(await advocate.locator('article.brief').innerText()).toContain('Trained border staff');
    await expectNoAxeViolations(advocate, 'brief to the vendor (ar)');
    const scrollWidth = await advocate.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await advocate.screenshot({ path: path.join(SHOTS, 'brief-company-ar.png'), fullPage: true });

    const [download] = await Promise.all([advocate.waitForEvent('download'), advocate.click('a[href*="/brief.docx?"]')]);
    expect(download.suggestedFilename()).toBe(`brief-${slug}-company-ar.docx`);
    const file = path.join(SHOTS, 'brief-company-ar.docx');
    await download.saveAs(file);
    const { unzipSync, strFromU8 } = await import('fflate');
    const { DOMParser } = await import('@xmldom/xmldom');
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const errors: string[] = [];
    const xml = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(strFromU8(parts['word/document.xml']!), 'text/xml');
    expect(errors).toEqual([]);
    const text = Array.from(xml.getElementsByTagName('w:t')).map((n) => n.textContent).join('');
    expect(text).toContain('European Dynamics');
    expect(text).toContain('company.avoid-and-remediate-abuses');
    expect(text).toContain('Trained border staff');
    expect(xml.getElementsByTagName('w:bidi').length).toBeGreaterThan(0);

    await advocate.goto(`${BASE}/deployments/${slug}/brief/compare?a=state&b=company&lang=ar`);
    await expectNoAxeViolations(advocate, 'two briefs side by side (ar)');
  });
});

describe('suggesting a correction, without an account', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`the form has no axe violations, and with JavaScript the proof of work lets it go at once (${lang})`, async () => {
      const page = await newPage(lang === 'ar' ? 390 : 1280, true);
      if (lang === 'ar') await page.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(`${BASE}/deployments/etias-screening-rules-frontex/suggest`);
      await expectNoAxeViolations(page, `suggestion form (${lang})`);
      await page.fill('#field-body', 'The rules changed in 2025.');
      await expect.poll(() => page.locator('input[name=altcha]').inputValue(), { timeout: 20_000 }).not.toBe('');
      await page.click('button[type=submit]');
      const thanks = (JSON.parse(fs.readFileSync(`src/platform/i18n/messages/${lang}.json`, 'utf8')) as Record<string, string>)['suggest.thanksTitle'];
      await expect.poll(() => page.locator('h1').innerText()).toBe(thanks);
      expect(await page.locator('.field-error').count()).toBe(0);
      expect(page.url()).toBe(`${BASE}/deployments/etias-screening-rules-frontex/suggest`);
      expect(errors, 'console errors (CSP or script)').toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `suggestion-sent-${lang}.png`), fullPage: true });
    });
  }
});

describe('the audit report, a page of its own', () => {
  it('has no axe violations, fits a phone, and loads nothing from elsewhere (en, 1280 and 390 px)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-e2e-audit-'));
    const log = path.join(dir, 'decisions.csv');
    // 3,000 decisions over three attributes, with a disparity by region and a missing value or two.
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const region = ['North', 'South', 'East'][i % 3]!;
      const gender = i % 7 === 0 ? '' : i % 2 ? 'F' : 'M';
      const age = ['18-30', '31-50', '51+'][Math.floor(i / 3) % 3]!;
      const flagged = (i * 7919) % 100 < (region === 'East' ? 40 : 20) ? 1 : 0;
      return `${region},${gender},${age},${flagged},${(i * 31) % 4 === 0 ? 1 : 0}`;
    });
    fs.writeFileSync(log, `region,gender,age,flagged,label\n${rows.join('\n')}\n`);
    const { runAudit } = await import('../src/audits/run-audit.ts');
    const { DEFAULT_AUDIT_OPTIONS } = await import('../src/audits/domain/options.ts');
    const { reportHtml } = await import('../src/audits/views/report-page.tsx');
    const report = await runAudit({ file: log, columns: { protected: ['region', 'gender', 'age'], outcome: 'flagged', label: 'label' }, options: DEFAULT_AUDIT_OPTIONS });
    expect(report.findings.length).toBeGreaterThan(0);
    const html = path.join(dir, 'report.html');
    fs.writeFileSync(html, reportHtml(report));
    for (const width of [1280, 390]) {
      const page = await newPage(width, true);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${html}`);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await expectNoAxeViolations(page, `audit report (${width} px)`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `audit-report-${width}.png`), fullPage: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
