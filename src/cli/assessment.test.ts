import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSafeguard } from './run-command.ts';

// `safeguard assessment score`, as an assessor or a reviewer runs it: text or JSON, an exit code per decision.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-assessment-'));
const example = JSON.parse(fs.readFileSync(path.resolve('schemas/examples/visa-triage-assessment.json'), 'utf8'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const score = (...args: string[]) => runSafeguard(['assessment', 'score', ...args]);
/** Each run starts Node and the TypeScript loader (about a second here): these tests get more time. */
const SPAWN_TIMEOUT = 60_000;
const lowHarm = { id: 'h1', right: 'privacy', description: 'Names are kept a month longer than needed.', scale: 1, scope: 1, irremediability: 1, likelihood: 2, disproportionate: false, subgroupData: 'available' };

describe('safeguard assessment score', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 5, 0 or 3 by decision, and explains every step', async () => {
    const conditions = await score('schemas/examples/visa-triage-assessment.json');
    expect(conditions.code).toBe(5);
    expect(conditions.stdout).toContain('Decision: PROCEED WITH CONDITIONS');
    expect(conditions.stdout).toContain('condition: a named official accepts the residual high risk, in writing');
    expect(conditions.stdout).toContain('Re-assess by: 2027-05-30');
    expect(conditions.stdout).toContain('mitigation m4 (on scope C) does not count: a consultation never earns mitigation credit');
    expect(conditions.stdout).toContain('likelihood L stays at least 3 while disaggregated data for the affected groups are missing');
    // The example answers only part of the questionnaire: what is missing is listed, by question.
    expect(conditions.stdout).toMatch(/Questionnaire \(safeguard-hria 1\.0\.0\): \d+ required answers missing, so it can be saved as a draft but not submitted:/);
    expect(conditions.stdout).toContain('  - necessity.technology_needed');
    expect(conditions.stdout).not.toContain('  - legality.foreseeability');
    expect(conditions.stdout).not.toContain('  - company.supply_chain'); // the company section is for companies

    const low = await score(write('low.json', { ...example, harms: [lowHarm], mitigations: [] }));
    expect(low.code).toBe(0);
    expect(low.stdout).toContain('Decision: PROCEED');
    expect(low.stdout).toContain('Re-assess by: 2028-11-30');

    // One grave harm among small ones: the result is the worst harm, never an average.
    const grave = { ...lowHarm, id: 'h9', right: 'non_refoulement', scale: 1, irremediability: 4, likelihood: 2 };
    const halt = await score(write('halt.json', { ...example, harms: [lowHarm, { ...lowHarm, id: 'h2' }, grave], mitigations: [] }));
    expect(halt.code).toBe(3);
    expect(halt.stdout).toContain('because harm h9 keeps a critical residual risk to an absolute right or liberty (non refoulement)');
    expect(halt.stdout).toContain('h9: non refoulement is an absolute right or liberty, so scale S rises from 1 to 3');
  }, SPAWN_TIMEOUT);

  it('prints the score as JSON with --json, and the file format with --json-schema', async () => {
    const json = await score('--json', 'schemas/examples/visa-triage-assessment.json');
    expect(json.code).toBe(5);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ decision: 'proceed_with_conditions', overall: { inherent: 'high', residual: 'high', projected: 'high' }, reassessBy: '2027-05-30' });
    expect(parsed.harms.map((h: { harm: string; residual: { band: string } }) => [h.harm, h.residual.band])).toEqual([['h1', 'high'], ['h2', 'high'], ['h3', 'medium']]);
    const schema = await score('--json-schema');
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(fs.readFileSync('schemas/safeguard.assessment-1.schema.json', 'utf8')));
  }, SPAWN_TIMEOUT);

  it('exits 2 and names the file, line and column of each problem', async () => {
    const text = JSON.stringify({ ...example, harms: [{ ...lowHarm, scale: 7 }], mitigations: [] }, null, 2);
    const bad = await score(write('bad.json', text));
    expect(bad.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('"scale": 7')) + 1;
    expect(bad.stderr).toMatch(new RegExp(`bad\\.json:${line}:\\d+: harms\\.0\\.scale: `));
    expect(bad.stdout).toBe('');
    const broken = await score(write('broken.json', '{ "schema": '));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json:1:\d+: this is not valid JSON/);
    const version = await score(write('version.json', { ...example, definition: { id: 'safeguard-hria', version: '9.0.0' } }));
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(/version\.json:\d+:\d+: definition\.version: no questionnaire definition safeguard-hria 9\.0\.0 is shipped \(shipped: safeguard-hria 1\.0\.0, safeguard-hria 1\.1\.0\)/);
    const answersText = JSON.stringify({ ...example, answers: { ...example.answers, 'screening.phase': 'someday', 'legality.legal_basis': 'Act' } }, null, 2);
    const answers = await score(write('answers.json', answersText));
    expect(answers.code).toBe(2);
    const phaseLine = answersText.split('\n').findIndex((l) => l.includes('"screening.phase"')) + 1;
    expect(answers.stderr).toMatch(new RegExp(`answers\\.json:${phaseLine}:\\d+: answers\\.screening\\.phase: expected one of design, procurement, pilot, deployment, re_assessment`));
    expect(answers.stderr).toContain('answers.legality.legal_basis: legality.legal_basis is answered in legality.legalBasis, not under answers');
    const missing = await score(path.join(dir, 'nowhere.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.json:0:0: cannot read the file \(ENOENT\)/);
    const none = await score();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name an assessment file');
  }, SPAWN_TIMEOUT);
});
