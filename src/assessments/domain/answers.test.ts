import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDefinition } from '../definitions.ts';
import { answersFromFile, answersFromForm, buildAssessmentFile, fieldName, fileFromAnswers, formStateOf, type Answers } from './answers.ts';
import { assessmentFileSchema } from './assessment-file.ts';
import { missingAnswers } from './definition.ts';
import { answerSource } from './answers.ts';

const example = assessmentFileSchema.parse(JSON.parse(fs.readFileSync(path.resolve('schemas/examples/visa-triage-assessment.json'), 'utf8')));
const meta = { title: example.assessment.title, assessedOn: example.assessment.assessedOn };
// An export is read against the questionnaire version it answered.
const definition = findDefinition(example.definition.id, example.definition.version)!;

describe('answers and the export file', () => {
  it('turns an export into answers and back into the same export', () => {
    const answers = answersFromFile(definition, example);
    expect(answers['harms.register']).toEqual(example.harms);
    expect(answers['screening.assessor_kind']).toBe('public_body');
    expect(answers['legality.legal_basis']).toBe(example.legality.legalBasis);
    const built = buildAssessmentFile(definition, answers, meta);
    expect(built).toEqual({ ok: true, file: example });
  });

  it('places each problem of an incomplete export on its question and table cell', () => {
    const answers: Answers = { ...answersFromFile(definition, example) };
    const harms = structuredClone(example.harms) as Record<string, unknown>[];
    delete harms[1]!.scale;
    answers['harms.register'] = harms;
    delete answers['context.decision_role'];
    const built = buildAssessmentFile(definition, answers, meta);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.anchor).sort()).toEqual(['q-context-decision_role', 'q-harms-register-1-scale']);
    expect(built.problems.find((p) => p.anchor === 'q-context-decision_role')!.question).toBe('context.decision_role');
  });

  it('refuses an answer of the wrong kind to an unbound question, by its question', () => {
    const answers = { ...answersFromFile(definition, example), 'environment.pue': 7 };
    const built = buildAssessmentFile(definition, answers, meta);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems).toEqual([expect.objectContaining({ question: 'environment.pue', anchor: 'q-environment-pue', path: 'answers.environment.pue' })]);
  });

  it('makes a legal basis of nothing an explicit null (a halt ground), not a missing field', () => {
    const answers = { ...answersFromFile(definition, example) };
    delete answers['legality.legal_basis'];
    expect((fileFromAnswers(definition, answers, meta).legality as { legalBasis: unknown }).legalBasis).toBeNull();
  });
});

describe('the questionnaire form', () => {
  it('reads back what it shows: form values of stored answers give the same answers', () => {
    const answers = answersFromFile(definition, example);
    const read = answersFromForm(definition, formStateOf(definition, answers));
    // All but the reviewer's acceptance of each mitigation, which the author's form never sets.
    const withoutReview = { ...answers, 'mitigation.plan': (answers['mitigation.plan'] as Record<string, unknown>[]).map(({ review: _review, ...m }) => m) };
    expect(read).toEqual({ ok: true, answers: withoutReview });
  });

  it('ignores a mitigation acceptance posted by the author', () => {
    const read = answersFromForm(definition, { [fieldName('mitigation.plan', 0, 'id')]: 'm1', [fieldName('mitigation.plan', 0, 'review')]: 'accepted' });
    expect(read).toEqual({ ok: true, answers: { 'mitigation.plan': [{ id: 'm1' }] } });
  });

  it('treats empty fields as no answer, drops empty and removed rows, and renumbers the rest', () => {
    const state = {
      [fieldName('necessity.aim')]: '  ',
      [fieldName('harms.register', 0, 'id')]: 'h1',
      [fieldName('harms.register', 0, 'likelihood')]: 'unknown',
      [fieldName('harms.register', 0, 'disproportionate')]: 'unknown',
      [fieldName('harms.register', 1, 'id')]: '',
      [fieldName('harms.register', 1, 'description')]: '',
      [fieldName('harms.register', 2, 'id')]: 'h2',
      'q.harms.register.2._remove': 'yes',
      [fieldName('harms.register', 3, 'id')]: 'h3',
      [fieldName('harms.register', 3, 'scale')]: '4',
      [fieldName('harms.register', 3, 'groups')]: 'children\n\n  women travelling alone  \n',
      [fieldName('context.decision_areas')]: ['visa', 'asylum', 'visa'],
    };
    const read = answersFromForm(definition, state, { 'necessity.aim': 'old aim' });
    expect(read).toEqual({
      ok: true,
      answers: {
        'harms.register': [{ id: 'h1', likelihood: 'unknown', disproportionate: 'unknown' }, { id: 'h3', scale: 4, groups: ['children', 'women travelling alone'] }],
        'context.decision_areas': ['visa', 'asylum'],
      },
    });
  });

  it('names every malformed field and saves nothing', () => {
    const state = {
      [fieldName('environment.pue')]: '0.5',
      [fieldName('environment.compute_hours')]: 'many',
      [fieldName('harms.register', 0, 'scale')]: '5',
      [fieldName('harms.register', 0, 'right')]: 'right_to_nothing',
      [fieldName('consultation.log', 0, 'when')]: '2026-02-30',
      [fieldName('context.adverse_decisions')]: 'perhaps',
      [fieldName('screening.phase')]: 'design',
      [fieldName('environment.power_kw')]: '1,5',
    };
    expect(answersFromForm(definition, state)).toEqual({
      ok: false,
      errors: {
        [fieldName('environment.pue')]: 'number_range',
        [fieldName('environment.compute_hours')]: 'number_invalid',
        [fieldName('harms.register', 0, 'scale')]: 'number_range',
        [fieldName('harms.register', 0, 'right')]: 'choice_invalid',
        [fieldName('consultation.log', 0, 'when')]: 'date_invalid',
        [fieldName('context.adverse_decisions')]: 'choice_invalid',
      },
    });
  });

  it('accepts "unknown" only where the definition allows it', () => {
    expect(answersFromForm(definition, { [fieldName('harms.register', 0, 'scale')]: 'unknown' }).ok).toBe(false);
    expect(answersFromForm(definition, { [fieldName('harms.register', 0, 'likelihood')]: 'unknown' }).ok).toBe(true);
  });

  it('reads only the sections it is given, keeping the others\' answers', () => {
    const previous = answersFromFile(definition, example);
    const read = answersFromForm(definition, { [fieldName('necessity.aim')]: 'A new aim' }, previous, new Set(['necessity']));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.answers['necessity.aim']).toBe('A new aim');
    expect(read.answers['harms.register']).toEqual(previous['harms.register']);
    expect(read.answers['necessity.alternatives']).toBeUndefined();
  });

  it('lists the missing answers of a form-built draft with anchors the form gives its fields', () => {
    const read = answersFromForm(definition, { [fieldName('harms.register', 0, 'id')]: 'h1' });
    if (!read.ok) throw new Error('unexpected');
    const missing = missingAnswers(definition, answerSource(read.answers));
    expect(missing.map((m) => m.anchor)).toContain('q-harms-register-0-scale');
    expect(missing.map((m) => m.anchor)).toContain('q-necessity-aim');
  });
});
