import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSafeguard } from './run-command.ts';

// `safeguard screen`, as an analyst runs it: verdict as text or JSON, and an exit code per verdict.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-screen-'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const screen = (...args: string[]) => runSafeguard(['screen', ...args]);
/** Each run starts Node and the TypeScript loader (about a second here): these tests get more time. */
const SPAWN_TIMEOUT = 60_000;
const base = { context: ['border'], decisionRole: 'none', subjects: 'groups', capabilities: ['person_detection'], inputs: [], dataSharing: [] };

describe('safeguard screen', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0, 3, 4 or 2 by verdict, and explains itself', async () => {
    expect((await screen(write('clean.json', base))).code).toBe(0);
    const red = await screen(write('red.json', { ...base, capabilities: ['deception_detection'] }));
    expect(red.code).toBe(3);
    expect(red.stdout).toContain('falls under a red line: must not be deployed');
    expect(red.stdout).toContain('AI-based emotion recognition tools');
    const unknown = await screen(write('unknown.json', { ...base, capabilities: 'unknown' }));
    expect(unknown.code).toBe(4);
    expect(unknown.stdout).toMatch(/C: capabilities/);
    expect(unknown.stdout).not.toMatch(/A: /); // scoring of groups is not A, whatever the capabilities
    const bad = await screen(write('bad.json', '{\n  "context": ["border"],\n  "capabilities": ["mind_reading"]\n}'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json:3:\d+: capabilities\.0: Invalid option/);
    const broken = await screen(write('broken.json', '{ "context": '));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json:1:\d+: this is not valid JSON/);
  }, SPAWN_TIMEOUT);

  it('prints JSON with --json', async () => {
    const out = await screen(write('json.json', { ...base, capabilities: ['biometric_identification_live'] }), '--json');
    expect(out.code).toBe(3);
    const parsed = JSON.parse(out.stdout) as { verdict: string; findings: { id: string }[] };
    expect(parsed.verdict).toBe('red_line');
    expect(parsed.findings.map((f) => f.id)).toEqual(['E']);
  }, SPAWN_TIMEOUT);

  it('prints the JSON Schema of its output, and asks for a file when none is named', async () => {
    const out = await screen('--json-schema');
    expect(out.code).toBe(0);
    const schema = JSON.parse(out.stdout) as { screening: { properties: Record<string, unknown> }; profile: { properties: Record<string, unknown> } };
    expect(Object.keys(schema.screening.properties)).toEqual(['verdict', 'findings', 'undetermined', 'toReview', 'unrecognisedInputs']);
    expect(Object.keys(schema.profile.properties)).toContain('dataSharing');
    const none = await screen();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name a profile file');
  }, SPAWN_TIMEOUT);
});
