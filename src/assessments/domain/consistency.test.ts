import { describe, expect, it } from 'vitest';
import { crossAnswerProblems } from './consistency.ts';

const harm = (subgroupData: string) => ({ id: 'h1', right: 'privacy', subgroupData });
const group = (affected: string, disaggregated_data: string) => ({ group: 'refugees_migrants', affected, disaggregated_data });

describe('harms against the affected groups matrix', () => {
  it('refuses a harm claiming disaggregated data that the matrix says are missing for every affected group', () => {
    const problems = crossAnswerProblems({ 'groups.matrix': [group('yes', 'missing'), group('unknown', 'missing'), group('no', 'available')], 'harms.register': [harm('missing'), harm('available')] });
    expect(problems).toEqual([expect.objectContaining({ question: 'harms.register', path: 'harms.1.subgroupData', anchor: 'q-harms-register-1-subgroupData' })]);
  });

  it('accepts it when any affected group has data, when no group is marked affected, or when the harm says data are missing', () => {
    expect(crossAnswerProblems({ 'groups.matrix': [group('yes', 'missing'), group('yes', 'available')], 'harms.register': [harm('available')] })).toEqual([]);
    expect(crossAnswerProblems({ 'groups.matrix': [group('no', 'missing')], 'harms.register': [harm('available')] })).toEqual([]);
    expect(crossAnswerProblems({ 'groups.matrix': [group('yes', 'missing')], 'harms.register': [harm('missing')] })).toEqual([]);
    expect(crossAnswerProblems({})).toEqual([]);
  });
});
