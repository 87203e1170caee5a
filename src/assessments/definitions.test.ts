import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { questionnaireJsonSchema } from './domain/assessment-json-schema.ts';
import { LOCALES } from '../platform/i18n/i18n.ts';
import { CURRENT_DEFINITION, DEFINITIONS, findDefinition } from './definitions.ts';
import { alternativeSchema, assessmentFileSchema, harmSchema, mitigationSchema } from './domain/assessment-file.ts';
import type { Binding, Localised, Question } from './domain/definition.ts';

// The shipped questionnaire: the sections the assessment must cover, bound questions that fit the
// typed parts of the export they write to, and every text in every interface language.
const questions = (d = CURRENT_DEFINITION) => d.sections.flatMap((s) => s.questions);
const bound = (binding: Binding): Question => {
  const q = questions().find((x) => x.binds === binding);
  if (!q) throw new Error(`no question binds ${binding}`);
  return q;
};
const fileShape = assessmentFileSchema as unknown as z.ZodObject<Record<string, z.ZodObject<Record<string, z.ZodType>>>>;
/** The values a zod enum (possibly inside an array or a default) accepts. */
const enumValues = (schema: z.ZodType): string[] => {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.def.innerType as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.def.element as z.ZodType;
    else break;
  }
  if (!(s instanceof z.ZodEnum)) throw new Error('not an enum');
  return s.options as string[];
};

describe('the shipped questionnaire definitions', () => {
  it('are found by id and version, the current one last', () => {
    expect(findDefinition(CURRENT_DEFINITION.id, CURRENT_DEFINITION.version)).toBe(CURRENT_DEFINITION);
    expect(findDefinition(CURRENT_DEFINITION.id, '0.0.0')).toBeUndefined();
    expect(new Set(DEFINITIONS.map((d) => `${d.id}@${d.version}`)).size).toBe(DEFINITIONS.length);
    // A version, once shipped, keeps its questions: evidence questions came with 1.1.0.
    const ids = (version: string) => findDefinition('safeguard-hria', version)!.sections.flatMap((s) => s.questions.map((q) => q.id));
    expect(ids('1.0.0').filter((id) => id.endsWith('_evidence'))).toEqual([]);
    expect(ids('1.1.0').filter((id) => id.endsWith('_evidence'))).toHaveLength(11);
    expect(ids('1.1.0').filter((id) => !id.endsWith('_evidence'))).toEqual(ids('1.0.0'));
  });

  it('cover every section an assessment needs, the company section only for companies', () => {
    expect(CURRENT_DEFINITION.sections.map((s) => s.id)).toEqual([
      'screening', 'legality', 'necessity', 'data', 'context', 'groups', 'harms', 'consultation', 'environment', 'mitigation', 'residual', 'decision', 'company',
    ]);
    const company = CURRENT_DEFINITION.sections.find((s) => s.id === 'company')!;
    expect(company.when).toEqual({ question: 'screening.assessor_kind', equals: 'company' });
    expect(questions().find((q) => q.id === 'screening.assessor_kind')!.binds).toBe('assessment.assessorKind');
    // One block per data-protection principle, each asking for its evidence.
    const data = CURRENT_DEFINITION.sections.find((s) => s.id === 'data')!.questions;
    const principles = data.filter((q) => q.evidence);
    expect(principles.length).toBeGreaterThanOrEqual(7);
    for (const p of principles) {
      // The evidence follows its answer, as links, under the same condition, and in every language.
      const next = data[data.indexOf(p) + 1]!;
      expect(next).toMatchObject({ id: `${p.id}_evidence`, type: 'links', required: false });
      expect(next.when).toEqual(p.when);
      for (const l of LOCALES) expect(next.label[l]).toContain(p.label[l]);
    }
  });

  it('bind every fact the scoring reads, with the columns and values of the typed parts', () => {
    const keys = (schema: z.ZodObject) => Object.keys(schema.shape).sort();
    expect(bound('harms').columns!.map((c) => c.id).sort()).toEqual(keys(harmSchema));
    expect(bound('mitigations').columns!.map((c) => c.id).sort()).toEqual(keys(mitigationSchema));
    expect(bound('alternatives').columns!.map((c) => c.id).sort()).toEqual(keys(alternativeSchema));
    const options = (q: Question) => q.options!.map((o) => o.value).sort();
    expect(options(bound('screening.verdict'))).toEqual(enumValues(fileShape.shape.screening!.shape.verdict!).sort());
    expect(options(bound('screening.redLines'))).toEqual(enumValues(fileShape.shape.screening!.shape.redLines!).sort());
    expect(options(bound('assessment.assessorKind'))).toEqual(enumValues(fileShape.shape.assessment!.shape.assessorKind!).sort());
    expect(options(bound('context.decisionRole'))).toEqual(enumValues(fileShape.shape.context!.shape.decisionRole!).sort());
    expect(options(bound('context.decisionAreas'))).toEqual(enumValues(fileShape.shape.context!.shape.decisionAreas!).sort());
    for (const b of ['legality.legalBasis', 'context.adverseDecisions', 'context.contestable'] as const) expect(bound(b)).toBeDefined();
    // Each harm row names its right from the same list the scoring knows.
    expect(bound('harms').columns!.find((c) => c.id === 'right')!.options!.map((o) => o.value).sort()).toEqual(enumValues(harmSchema.shape.right).sort());
  });

  it('say everything in every interface language, never the same text twice across languages by accident', () => {
    const texts: Localised[] = [CURRENT_DEFINITION.title];
    for (const s of CURRENT_DEFINITION.sections) {
      texts.push(s.title, ...(s.intro ? [s.intro] : []));
      for (const q of s.questions) {
        texts.push(q.label, ...(q.help ? [q.help] : []), ...(q.options ?? []).map((o) => o.label));
        for (const c of q.columns ?? []) texts.push(c.label, ...(c.help ? [c.help] : []), ...(c.options ?? []).map((o) => o.label));
      }
    }
    for (const t of texts) expect(Object.keys(t).sort()).toEqual([...LOCALES].sort());
    // Untranslated text would read the same in English and French or Arabic; allow short codes (A–F, PUE).
    const untranslated = texts.filter((t) => t.en.length > 12 && (t.en === t.fr || t.en === t.ar)).map((t) => t.en);
    expect(untranslated).toEqual([]);
    const arabic = texts.filter((t) => t.en.length > 12 && !/[\u0600-\u06FF]/.test(t.ar)).map((t) => t.ar);
    expect(arabic).toEqual([]);
  });
});

describe('the questionnaire format\'s JSON Schema', () => {
  const committed = JSON.parse(fs.readFileSync(path.resolve('schemas/safeguard.questionnaire-1.schema.json'), 'utf8'));

  it('is committed as the code defines it', () => {
    // Regenerate with: npx tsx -e "import('./src/assessments/domain/assessment-json-schema.ts').then((m) => console.log(JSON.stringify(m.questionnaireJsonSchema(), null, 2)))" > schemas/safeguard.questionnaire-1.schema.json
    expect(committed).toEqual(questionnaireJsonSchema());
  });

  it('accepts every shipped definition file, and refuses a malformed one', () => {
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(committed);
    for (const file of fs.readdirSync(path.resolve('src/assessments/definitions'))) {
      const definition = JSON.parse(fs.readFileSync(path.resolve('src/assessments/definitions', file), 'utf8'));
      expect(validate(definition), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      const broken = structuredClone(definition);
      broken.sections[0].questions[0].type = 'slider';
      delete broken.sections[1].title.ar;
      expect(validate(broken)).toBe(false);
    }
  });
});
