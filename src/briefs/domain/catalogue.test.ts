import { describe, expect, it } from 'vitest';
import {
  applies, catalogueSchema, conditionProblems, factsOf, FACT_NAMES, GRAVITIES, matchRecommendations, systemFactsSchema, UNKNOWN_FACTS,
  type Catalogue, type Condition, type Recommendation, type SystemFacts,
} from './catalogue.ts';

const facts = (over: Partial<SystemFacts>): SystemFacts => ({ ...UNKNOWN_FACTS, ...over });

const KNOWN: SystemFacts = {
  redLineVerdict: 'red_line', redLines: ['D'], capabilities: ['emotion_recognition'], contexts: ['border'], subjects: 'individuals',
  decisionRole: 'decision_support', deploymentStatus: 'pilot', deployerKind: 'public_body', vendorKinds: ['company'], funderKinds: [],
  assessment: 'none', assessmentDecision: null, haltGrounds: null, auditFlagged: null, dataSharing: [], consulted: false, noticeToAffected: null,
};

describe('applies', () => {
  const cases: [string, Condition, SystemFacts, boolean][] = [
    ['equals on a known one-value fact', { fact: 'redLineVerdict', equals: 'red_line' }, KNOWN, true],
    ['equals on another value', { fact: 'redLineVerdict', equals: 'no_red_line_found' }, KNOWN, false],
    ['equals on an unknown fact', { fact: 'redLineVerdict', equals: 'red_line' }, UNKNOWN_FACTS, false],
    ['equals null on an unknown fact', { fact: 'noticeToAffected', equals: null }, KNOWN, true],
    ['equals null on a known fact', { fact: 'consulted', equals: null }, KNOWN, false],
    ['equals false on a known false', { fact: 'consulted', equals: false }, KNOWN, true],
    ['equals false on an unknown boolean', { fact: 'noticeToAffected', equals: false }, KNOWN, false],
    ['equals [] on a list known empty', { fact: 'dataSharing', equals: [] }, KNOWN, true],
    ['equals [] on an unknown list', { fact: 'dataSharing', equals: [] }, UNKNOWN_FACTS, false],
    ['equals a set, in another order', { fact: 'redLines', equals: ['E', 'D'] }, facts({ redLines: ['D', 'E'] }), true],
    ['equals a set, not the same', { fact: 'redLines', equals: ['D'] }, facts({ redLines: ['D', 'E'] }), false],
    ['in on a one-value fact', { fact: 'assessment', in: ['none', 'draft', 'overdue'] }, KNOWN, true],
    ['in, not among the values', { fact: 'assessment', in: ['published'] }, KNOWN, false],
    ['in on an unknown one-value fact', { fact: 'assessment', in: ['none', 'draft'] }, UNKNOWN_FACTS, false],
    ['in with null: "or unknown"', { fact: 'noticeToAffected', in: [false, null] }, KNOWN, true],
    ['in on a list: contains one of them', { fact: 'redLines', in: ['A', 'D'] }, KNOWN, true],
    ['in on a list: contains none', { fact: 'redLines', in: ['A', 'E'] }, KNOWN, false],
    ['in on an unknown list', { fact: 'capabilities', in: ['emotion_recognition'] }, UNKNOWN_FACTS, false],
    ['in on an empty list', { fact: 'dataSharing', in: ['police'] }, KNOWN, false],
    ['present: true on a known fact', { fact: 'deployerKind', present: true }, KNOWN, true],
    ['present: true on a known empty list', { fact: 'funderKinds', present: true }, KNOWN, true],
    ['present: true on an unknown fact', { fact: 'auditFlagged', present: true }, KNOWN, false],
    ['present: false on an unknown fact', { fact: 'auditFlagged', present: false }, KNOWN, true],
    ['all: every one', { all: [{ fact: 'redLines', in: ['D'] }, { fact: 'deployerKind', equals: 'public_body' }] }, KNOWN, true],
    ['all: one fails', { all: [{ fact: 'redLines', in: ['D'] }, { fact: 'deployerKind', equals: 'company' }] }, KNOWN, false],
    ['any: one holds', { any: [{ fact: 'redLines', in: ['A'] }, { fact: 'capabilities', in: ['emotion_recognition'] }] }, KNOWN, true],
    ['any: none holds', { any: [{ fact: 'redLines', in: ['A'] }, { fact: 'capabilities', in: ['profiling'] }] }, KNOWN, false],
    ['any: unknown facts satisfy none', { any: [{ fact: 'redLines', in: ['D'] }, { fact: 'capabilities', in: ['emotion_recognition'] }] }, UNKNOWN_FACTS, false],
    ['not', { not: { fact: 'deployerKind', equals: 'company' } }, KNOWN, true],
    ['not of a condition on an unknown fact holds', { not: { fact: 'consulted', equals: true } }, UNKNOWN_FACTS, true],
    ['always', { always: true }, UNKNOWN_FACTS, true],
  ];
  it.each(cases)('%s', (_name, condition, f, expected) => {
    expect(applies(condition, f)).toBe(expected);
  });

  it('never lets an unknown fact satisfy an equals, an in (without null) or present: true', () => {
    for (const fact of FACT_NAMES) {
      expect(applies({ fact, present: true }, UNKNOWN_FACTS)).toBe(false);
      expect(applies({ fact, equals: null }, UNKNOWN_FACTS)).toBe(true);
      expect(applies({ fact, equals: 'x' }, UNKNOWN_FACTS)).toBe(false);
      expect(applies({ fact, equals: true }, UNKNOWN_FACTS)).toBe(false);
      expect(applies({ fact, in: ['x', true, false] }, UNKNOWN_FACTS)).toBe(false);
    }
  });

  it('lists the facts a condition reads', () => {
    expect(factsOf({ all: [{ fact: 'redLines', in: ['D'] }, { not: { any: [{ fact: 'consulted', equals: true }, { fact: 'redLines', present: true }] } }] }))
      .toEqual(['redLines', 'consulted']);
    expect(factsOf({ always: true })).toEqual([]);
  });
});

describe('system facts', () => {
  it('accepts known and unknown facts, refuses values outside the vocabularies', () => {
    expect(systemFactsSchema.safeParse(KNOWN).success).toBe(true);
    expect(systemFactsSchema.safeParse(UNKNOWN_FACTS).success).toBe(true);
    expect(systemFactsSchema.safeParse({ ...KNOWN, redLines: ['G'] }).success).toBe(false);
    expect(systemFactsSchema.safeParse({ ...KNOWN, deploymentStatus: 'unknown' }).success).toBe(false); // unknown is null
    expect(systemFactsSchema.safeParse({ ...KNOWN, auditFlagged: 'yes' }).success).toBe(false);
    const { consulted: _, ...missing } = KNOWN;
    expect(systemFactsSchema.safeParse(missing).success).toBe(false);
  });
});

describe('conditions naming facts with values of the right kind', () => {
  const cases: [string, Condition, string | null][] = [
    ['a value of an enum fact', { fact: 'assessment', in: ['none', 'overdue'] }, null],
    ['a value not of the fact', { fact: 'assessment', in: ['finished'] }, '"finished" is not a value of "assessment"'],
    ['a boolean for an enum fact', { fact: 'deployerKind', equals: true }, 'true is not a value of "deployerKind"'],
    ['a string for a boolean fact', { fact: 'consulted', equals: 'yes' }, '"yes" is not a value of "consulted"'],
    ['a list for a one-value fact', { fact: 'subjects', equals: ['individuals'] }, 'is not a value of "subjects"'],
    ['a single value for a list fact', { fact: 'redLines', equals: 'D' }, '"redLines" is a list'],
    ['a capability the profile does not know', { fact: 'capabilities', in: ['mind_reading'] }, '"mind_reading" is not a value of "capabilities"'],
    ['null among the values of a list fact', { fact: 'redLines', in: ['D', null] }, 'null cannot be one of its values'],
    ['deep inside', { not: { all: [{ always: true }, { fact: 'redLines', in: ['Z'] }] } }, '"Z" is not a value of "redLines"'],
  ];
  it.each(cases)('%s', (_name, condition, problem) => {
    const problems = conditionProblems(condition).map((p) => p.message).join('; ');
    if (problem === null) expect(problems).toBe('');
    else expect(problems).toContain(problem);
  });
});

// A small catalogue, written by hand.
const rec = (id: string, gravity: Recommendation['gravity'], appliesWhen: Condition, over: Partial<Recommendation> = {}): Recommendation => ({
  id, stakeholder: 'state', section: 'before_deployment', gravity,
  quote: { text: `Quoted words of ${id}.`, section: 'Before deployment' }, appliesWhen, why: 'Applies in the test.', ...over,
});
const SMALL: Catalogue = {
  id: 'safeguard-briefing-recommendations', version: '0.0.1', source: { title: 'Test', publisher: 'Test' },
  recommendations: [
    rec('state.before.participation', 'participation', { fact: 'consulted', in: [false, null] }),
    rec('state.before.assessment', 'assessment', { fact: 'assessment', in: ['none', 'draft', 'overdue'] }),
    rec('state.ban.emotion-recognition', 'ban', { fact: 'redLines', in: ['D'] }, { section: 'total_bans', quote: { text: 'Emotion recognition.', section: 'Total bans' } }),
    rec('state.before.binding', 'binding', { always: true }),
    rec('state.before.assessment-two', 'assessment', { always: true }),
    rec('company.due-diligence', 'assessment', { fact: 'vendorKinds', in: ['company'] }, { stakeholder: 'company', section: 'companies', quote: { text: 'Due diligence.', section: 'Recommendations to companies' } }),
  ],
  glossary: [{ id: 'profiling', term: 'Profiling', definition: 'The automated processing.', aliases: ['profiling'] }],
};

describe('matchRecommendations', () => {
  it('gives the entries of the stakeholder that apply, bans first, then by gravity, then in catalogue order', () => {
    expect(matchRecommendations(SMALL, 'state', KNOWN).map((r) => r.id)).toEqual([
      'state.ban.emotion-recognition', 'state.before.binding', 'state.before.assessment', 'state.before.assessment-two', 'state.before.participation',
    ]);
  });
  it('leaves out what the facts do not support, and unknown facts support nothing but `always` and "or unknown"', () => {
    expect(matchRecommendations(SMALL, 'state', UNKNOWN_FACTS).map((r) => r.id)).toEqual(['state.before.binding', 'state.before.assessment-two', 'state.before.participation']);
    expect(matchRecommendations(SMALL, 'state', facts({ consulted: true, assessment: 'published' })).map((r) => r.id)).toEqual(['state.before.binding', 'state.before.assessment-two']);
  });
  it('gives a stakeholder only its own entries', () => {
    expect(matchRecommendations(SMALL, 'company', KNOWN).map((r) => r.id)).toEqual(['company.due-diligence']);
    expect(matchRecommendations(SMALL, 'company', facts({ vendorKinds: ['ngo'] }))).toEqual([]);
    expect(matchRecommendations(SMALL, 'service_provider', KNOWN)).toEqual([]);
  });
  it('orders gravities bans first', () => {
    expect(GRAVITIES[0]).toBe('ban');
    expect(GRAVITIES.indexOf('halt')).toBeLessThan(GRAVITIES.indexOf('assessment'));
    expect(GRAVITIES[GRAVITIES.length - 1]).toBe('other');
  });
});

describe('catalogueSchema', () => {
  const issues = (c: unknown) => {
    const r = catalogueSchema.safeParse(c);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const edit = (f: (c: Catalogue) => void): unknown => { const c = structuredClone(SMALL); f(c); return c; };

  it('accepts a well-formed catalogue', () => expect(issues(SMALL)).toEqual([]));
  it('refuses a duplicate id', () => {
    expect(issues(edit((c) => { c.recommendations[1]!.id = 'state.before.participation'; })).join()).toContain('duplicate recommendation id "state.before.participation"');
  });
  it('refuses a condition on an unknown fact', () => {
    expect(issues(edit((c) => { c.recommendations[0]!.appliesWhen = { fact: 'colour' as never, equals: 'red' }; })).length).toBeGreaterThan(0);
    expect(issues(edit((c) => { c.recommendations[0]!.appliesWhen = { any: [{ always: true }, { fact: 'funder' as never, present: true }] }; })).length).toBeGreaterThan(0);
  });
  it('refuses a value of the wrong kind for its fact', () => {
    expect(issues(edit((c) => { c.recommendations[0]!.appliesWhen = { fact: 'redLines', in: ['G'] }; })).join()).toContain('"G" is not a value of "redLines"');
    expect(issues(edit((c) => { c.recommendations[0]!.appliesWhen = { fact: 'consulted', equals: 'no' }; })).join()).toContain('"no" is not a value of "consulted"');
  });
  it('refuses a section the stakeholder does not have, a heading that is not the section’s, an id outside its section', () => {
    expect(issues(edit((c) => { c.recommendations[5]!.section = 'total_bans'; })).join()).toContain('not a section of the company recommendations');
    expect(issues(edit((c) => { c.recommendations[0]!.quote.section = 'During deployment'; })).join()).toContain('heading is "Before deployment"');
    expect(issues(edit((c) => { c.recommendations[0]!.id = 'state.during.participation'; })).join()).toContain('begin with "state.before."');
  });
  it('refuses a bad version, an unknown gravity, a missing why, a duplicate glossary id or alias', () => {
    expect(issues(edit((c) => { c.version = '1.0'; })).length).toBeGreaterThan(0);
    expect(issues(edit((c) => { (c.recommendations[0] as { gravity: string }).gravity = 'urgent'; })).length).toBeGreaterThan(0);
    expect(issues(edit((c) => { c.recommendations[0]!.why = ''; })).length).toBeGreaterThan(0);
    expect(issues(edit((c) => { c.glossary.push({ ...c.glossary[0]!, term: 'Other' }); })).join()).toContain('duplicate glossary id');
    expect(issues(edit((c) => { c.glossary.push({ id: 'other', term: 'Other', definition: 'x', aliases: ['Profiling'] }); })).join()).toContain('alias "Profiling" is also an alias of "profiling"');
  });
});
