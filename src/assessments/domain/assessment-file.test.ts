import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assessmentFileSchema, scoringInputOf } from './assessment-file.ts';
import { assessmentJsonSchema } from './assessment-json-schema.ts';
import { scoreAssessment } from './scoring.ts';

// The exported assessment format: its committed JSON Schema, the shipped example and what is refused.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const committed = JSON.parse(fs.readFileSync(path.join(root, 'schemas/safeguard.assessment-1.schema.json'), 'utf8'));
const example = JSON.parse(fs.readFileSync(path.join(root, 'schemas/examples/visa-triage-assessment.json'), 'utf8'));

const problems = (value: unknown) => {
  const r = assessmentFileSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the assessment file (safeguard.assessment/1)', () => {
  it('has its JSON Schema committed as the code defines it', () => {
    // Regenerate with: node bin/safeguard.js assessment score --json-schema > schemas/safeguard.assessment-1.schema.json
    expect(committed).toEqual(assessmentJsonSchema());
  });

  it('accepts the shipped example, by the committed JSON Schema and by the code', () => {
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(committed);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(problems(example)).toEqual([]);
    expect(scoreAssessment(scoringInputOf(assessmentFileSchema.parse(example))).decision).toBe('proceed_with_conditions');
  });

  it('refuses what the JSON Schema refuses', () => {
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(committed);
    const bad = { ...example, harms: [{ ...example.harms[0], scale: 5 }] };
    expect(validate(bad)).toBe(false);
    expect(problems(bad)).toEqual([expect.stringMatching(/^harms\.0\.scale: /)]);
  });

  it('names each problem by its path', () => {
    const h = example.harms[0];
    expect(problems({ ...example, harms: [], mitigations: [] })).toEqual(['harms: an assessment names at least one harm, one row per harm per right']);
    expect(problems({ ...example, harms: [h, h] })).toContain('harms.1.id: the harm id h1 is used twice');
    expect(problems({ ...example, mitigations: [{ ...example.mitigations[0], harm: 'h9' }] })).toEqual(['mitigations.0.harm: no harm has the id h9']);
    expect(problems({ ...example, mitigations: [example.mitigations[0], example.mitigations[0]] })).toEqual(['mitigations.1.id: the mitigation id m1 is used twice']);
    expect(problems({ ...example, screening: { verdict: 'red_line', redLines: [] } })).toEqual(['screening.redLines: a red-line verdict names the red lines (A–F) it found']);
    expect(problems({ ...example, assessment: { ...example.assessment, assessedOn: '2026-02-30' } })).toEqual(['assessment.assessedOn: not a calendar date']);
    expect(problems({ ...example, schema: 'safeguard.assessment/2' })).toHaveLength(1);
    expect(problems({ ...example, context: { ...example.context, decisionRole: 'unknown' } })).toEqual([expect.stringMatching(/^context\.decisionRole: /)]);
  });

  it('fills the defaults an author may leave out', () => {
    const { id, harm, targets, description, status } = example.mitigations[0];
    const parsed = assessmentFileSchema.parse({ ...example, alternatives: undefined, mitigations: [{ id, harm, targets, description, status }] });
    expect(parsed.alternatives).toEqual([]);
    expect(parsed.mitigations[0]).toMatchObject({ kind: 'measure', evidence: [], review: 'pending' });
  });
});
