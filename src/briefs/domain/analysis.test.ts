import { describe, expect, it } from 'vitest';
import { answersFromForm, EMPTY_ANSWERS, factsFromAnalysis, formOfAnswers, unansweredPrinciples, PRINCIPLES } from './analysis.ts';

describe('an analysis from the web form', () => {
  it('reads the answers, trims text, drops empties and repeats', () => {
    const got = answersFromForm({
      'necessity.needed': 'no', 'necessity.alternatives': '  Case workers.  ', 'rights.direct': ['privacy', 'privacy', 'non_refoulement'],
      'participation.consulted': '', 'binding.state': 'soft_only', 'unknown.field': 'ignored',
    });
    expect('answers' in got).toBe(true);
    if (!('answers' in got)) return;
    expect(got.answers.necessity).toEqual({ needed: 'no', alternatives: 'Case workers.' });
    expect(got.answers.rights.direct).toEqual(['privacy', 'non_refoulement']);
    expect(got.answers.participation.consulted).toBeUndefined();
    expect(unansweredPrinciples(got.answers)).toEqual(['neutrality', 'groups', 'transparency', 'participation']);
  });
  it('names each field it refuses', () => {
    const got = answersFromForm({ 'necessity.needed': 'perhaps', 'groups.intersections': 'x'.repeat(5001), 'rights.direct': ['privacy', 'flying'] });
    expect(got).toEqual({ problems: expect.arrayContaining([
      { field: 'necessity.needed', code: 'invalid_choice' }, { field: 'groups.intersections', code: 'too_long' }, { field: 'rights.direct', code: 'invalid_choice' },
    ]) });
  });
  it('shows saved answers again as the form’s values, and round-trips', () => {
    const read = answersFromForm({ 'transparency.notice': 'no', 'groups.groups': ['children_young_people', 'gender'], 'neutrality.framing': 'Fraud.' });
    if (!('answers' in read)) throw new Error('refused');
    const again = answersFromForm(formOfAnswers(read.answers));
    expect(again).toEqual(read);
  });
  it('gives the brief what the register cannot know, and nothing from no answer', () => {
    expect(factsFromAnalysis(EMPTY_ANSWERS)).toEqual({ consulted: null, noticeToAffected: null });
    const read = answersFromForm({ 'participation.consulted': 'no', 'transparency.notice': 'yes' });
    if (!('answers' in read)) throw new Error('refused');
    expect(factsFromAnalysis(read.answers)).toEqual({ consulted: false, noticeToAffected: true });
    expect(unansweredPrinciples(EMPTY_ANSWERS)).toEqual([...PRINCIPLES]);
  });
});
