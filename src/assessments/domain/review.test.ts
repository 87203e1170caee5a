import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_DEFINITION as definition } from '../definitions.ts';
import { answersFromFile } from './answers.ts';
import { assessmentFileSchema, scoringInputOf } from './assessment-file.ts';
import { compareVersions } from './compare.ts';
import { composeFindings, redactionsFromForm, withholdable } from './findings.ts';
import { changesRequestProblem, emptyReview, reviewedFile, reviewFormState, reviewFromForm } from './review.ts';
import { allowedDecisions, scoreAssessment } from './scoring.ts';

const example = assessmentFileSchema.parse(JSON.parse(fs.readFileSync(path.resolve('schemas/examples/visa-triage-assessment.json'), 'utf8')));
const pending = { ...example, mitigations: example.mitigations.map((m) => ({ ...m, review: 'pending' as const })) };

describe('the oversight review', () => {
  it('scores on the reviewer\'s view: their estimates and their acceptances, not the author\'s', () => {
    const review = { ...emptyReview(), estimates: { h3: { scale: 4 as const, likelihood: 'unknown' as const } }, mitigations: { m1: 'accepted' as const } };
    const seen = reviewedFile(pending, review);
    expect(seen.harms.find((h) => h.id === 'h3')).toMatchObject({ scale: 4, likelihood: 'unknown', scope: example.harms.find((h) => h.id === 'h3')!.scope });
    expect(seen.mitigations.map((m) => m.review)).toEqual(['accepted', 'pending', 'pending', 'pending']);
    // The author's own acceptances never count: only the reviewer's.
    expect(reviewedFile(example, emptyReview()).mitigations.every((m) => m.review === 'pending')).toBe(true);
    // A graver estimate makes a graver result.
    const author = scoreAssessment(scoringInputOf(pending));
    const reviewer = scoreAssessment(scoringInputOf(seen));
    expect(author.harms.find((h) => h.harm === 'h3')!.residual.severity).toBeLessThan(reviewer.harms.find((h) => h.harm === 'h3')!.residual.severity);
  });

  it('lets a reviewer decide as strictly as the scoring or more, never more leniently', () => {
    expect(allowedDecisions('halt')).toEqual(['halt']);
    expect(allowedDecisions('proceed_with_conditions')).toEqual(['halt', 'proceed_with_conditions']);
    expect(allowedDecisions('proceed')).toEqual(['halt', 'proceed_with_conditions', 'proceed']);
  });

  it('reads the review form, naming each malformed field, and shows a saved review again', () => {
    const bad = reviewFromForm(definition, pending, { 'section.legality.evaluation': 'great', 'estimate.h1.scale': '5', 'estimate.h1.likelihood': 'unknown', 'mitigation.m2': 'maybe', 'estimate.nope.scale': '4' });
    expect(bad).toEqual({ ok: false, errors: { 'section.legality.evaluation': 'choice_invalid', 'estimate.h1.scale': 'choice_invalid', 'mitigation.m2': 'choice_invalid' } });
    const state = { 'section.legality.evaluation': 'to_correct', 'section.legality.comment': ' Cite the act. ', 'estimate.h1.likelihood': 'unknown', 'estimate.h2.scope': '2', 'mitigation.m2': 'rejected', comment: 'See the sections.' };
    const read = reviewFromForm(definition, pending, state);
    expect(read).toEqual({
      ok: true,
      review: { sections: { legality: { evaluation: 'to_correct', comment: 'Cite the act.' } }, estimates: { h1: { likelihood: 'unknown' }, h2: { scope: 2 } }, mitigations: { m2: 'rejected' }, comment: 'See the sections.' },
    });
    if (read.ok) expect(reviewFromForm(definition, pending, reviewFormState(read.review))).toEqual(read);
  });

  it('wants changes explained: a section marked to improve or correct, or a comment', () => {
    expect(changesRequestProblem(emptyReview())).toBe('review_changes_unexplained');
    expect(changesRequestProblem({ ...emptyReview(), sections: { data: { evaluation: 'acceptable', comment: 'fine' } } })).toBe('review_changes_unexplained');
    expect(changesRequestProblem({ ...emptyReview(), sections: { data: { evaluation: 'improvable', comment: '' } } })).toBeNull();
    expect(changesRequestProblem({ ...emptyReview(), comment: 'Redo the harms.' })).toBeNull();
  });
});

describe('the published findings', () => {
  const answers: Record<string, unknown> = { ...answersFromFile(definition, example), 'data.system': 'Server room B, rack 4', 'data.accuracy': 'Checked monthly', 'company.lobbying': 'Not a company' };
  const score = scoreAssessment(scoringInputOf(pending));
  const meta = { deployment: { slug: 'd', title: 'D' }, organisation: 'Ministry', edition: 1, version: 2, decision: score.decision, decidedOn: '2026-12-01', reassessBy: score.reassessBy, publishedOn: '2026-12-02' };

  it('never offers the facts the decision rests on for withholding', () => {
    const ids = withholdable(definition).map((q) => q.id);
    expect(ids).toContain('data.system');
    for (const bound of ['harms.register', 'legality.legal_basis', 'screening.verdict', 'mitigation.plan', 'necessity.alternatives', 'context.decision_role']) expect(ids).not.toContain(bound);
    expect(redactionsFromForm(definition, { 'withhold.harms.register': 'security' })).toEqual({ ok: true, redactions: [] });
    expect(redactionsFromForm(definition, { 'withhold.data.system': 'because' })).toEqual({ ok: false, errors: { 'withhold.data.system': 'choice_invalid' } });
  });

  it('leaves out what was withheld, and what does not apply, and logs each withheld answer with its reason', () => {
    const read = redactionsFromForm(definition, { 'withhold.data.system': 'security', 'withhold.environment.notes': 'personal_data' });
    if (!read.ok) throw new Error('unexpected');
    const findings = composeFindings({ definition, file: pending, answers, review: { ...emptyReview(), estimates: { h1: { scale: 3 } } }, score, authorScore: score, meta, redactions: read.redactions });
    expect(findings.answers['data.system']).toBeUndefined();
    expect(findings.answers['data.accuracy']).toBe('Checked monthly');
    // The company section applies only to companies.
    expect(findings.answers['company.lobbying']).toBeUndefined();
    // Only answers that were given are logged as withheld.
    expect(findings.redactions).toEqual([{ question: 'data.system', reason: 'security' }]);
    expect(findings.harms.find((h) => h.id === 'h1')).toMatchObject({ author: { scale: example.harms[0]!.scale }, reviewer: { scale: 3 } });
    expect(findings.harms.find((h) => h.id === 'h2')!.reviewer).toBeNull();
    expect(findings.answers['harms.register']).toEqual(answers['harms.register']);
  });
});

describe('comparing two versions', () => {
  it('lists each changed answer once, in the questionnaire\'s order, whatever the key order inside it', () => {
    const a = { 'necessity.aim': 'Old aim', 'legality.foreseeability': 'Public', 'harms.register': [{ id: 'h1', scale: 2 }], 'data.accuracy': 'x' };
    const b = { 'necessity.aim': 'New aim', 'legality.foreseeability': 'Public', 'harms.register': [{ scale: 2, id: 'h1' }], 'environment.notes': 'Added', 'data.accuracy': '' };
    expect(compareVersions(definition, a, b)).toEqual([
      { section: 'necessity', question: 'necessity.aim', kind: 'changed', before: 'Old aim', after: 'New aim' },
      { section: 'data', question: 'data.accuracy', kind: 'removed', before: 'x', after: undefined },
      { section: 'environment', question: 'environment.notes', kind: 'added', before: undefined, after: 'Added' },
    ]);
    expect(compareVersions(definition, a, a)).toEqual([]);
  });
});
