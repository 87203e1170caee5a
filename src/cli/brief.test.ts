import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runSafeguard } from './run-command.ts';

// `safeguard brief`, as an advocate runs it on a fresh checkout: the embedded database gets its
// first content, and the brief comes out as Markdown or a file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-brief-'));
const env = { ...process.env, DATABASE_URL: '', SAFEGUARD_DATA_DIR: path.join(dir, 'data') };
const brief = (...args: string[]) => runSafeguard(['brief', ...args], env);
const SPAWN_TIMEOUT = 120_000;
const SLUG = 'iborderctrl-hungarian-national-police';

describe('safeguard brief', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the Markdown brief to standard output, and a DOCX to a file', async () => {
    const md = await brief(SLUG, '--to', 'company', '--base-url', 'https://sg.example');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('# Brief: iBorderCtrl');
    expect(md.stdout).toContain('`company.avoid-and-remediate-abuses`');
    expect(md.stdout).toContain('(https://sg.example/glossary/');
    const out = path.join(dir, 'brief.docx');
    const docx = await brief(SLUG, '--to', 'state', '--lang', 'ar', '--format', 'docx', '--out', out);
    expect(docx.code, docx.stderr).toBe(0);
    expect(docx.stderr).toMatch(/Wrote .*brief\.docx: \d+ recommendations/);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)))['word/document.xml']!);
    expect(xml).toContain('state.ban.inherently-rights-violating');
    expect(xml).toContain('<w:bidi');
  }, SPAWN_TIMEOUT);

  it('names the valid values of a wrong option or slug', async () => {
    const to = await brief(SLUG, '--to', 'ngo');
    expect(to.code).toBe(1);
    expect(to.stderr).toContain('--to must be one of state, company, international_organisation, service_provider (got "ngo")');
    const docx = await brief(SLUG, '--to', 'state', '--format', 'docx');
    expect(docx.stderr).toContain('give --out brief.docx');
    const slug = await brief('iborderctrl-hungarian-police', '--to', 'state');
    expect(slug.code).toBe(1);
    expect(slug.stderr).toContain('no deployment "iborderctrl-hungarian-police" on the register');
    expect(slug.stderr).toContain(`Did you mean: `);
    expect(slug.stderr).toContain(SLUG);
    const addressee = await brief(SLUG, '--to', 'company', '--addressee', 'hungarian-national-police');
    expect(addressee.code).toBe(1);
    expect(addressee.stderr).toMatch(/--addressee: .*use one of .*european-dynamics/);
  }, SPAWN_TIMEOUT);
});
