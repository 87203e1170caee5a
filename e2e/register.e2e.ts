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
