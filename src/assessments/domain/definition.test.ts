import { describe, expect, it } from 'vitest';
import { answerProblems, definitionSchema, holds, missingAnswers, questionById, type AnswerSource, type Definition } from './definition.ts';

// The questionnaire format: what a definition may say, how conditions read answers, what submission
// finds missing, and which answers an import refuses.
const t = (text: string) => ({ en: text, fr: `${text} (fr)`, ar: `${text} (ar)` });
const raw = {
  id: 'test-hria', version: '1.2.3', title: t('Test'),
  sections: [
    {
      id: 'intro', title: t('Intro'),
      questions: [
        { id: 'intro.kind', type: 'choice', label: t('Kind'), required: true, options: [{ value: 'public_body', label: t('Public') }, { value: 'company', label: t('Company') }] },
        { id: 'intro.areas', type: 'multichoice', label: t('Areas'), options: [{ value: 'visa', label: t('Visa') }, { value: 'asylum', label: t('Asylum') }] },
        { id: 'intro.children', type: 'boolean', label: t('Children?'), required: true },
        { id: 'intro.children_how', type: 'longtext', label: t('How?'), required: true, when: { question: 'intro.children', equals: true } },
        { id: 'intro.legal_basis', type: 'longtext', label: t('Law'), required: true, binds: 'legality.legalBasis' },
      ],
    },
    {
      id: 'company', title: t('Company'), when: { question: 'intro.kind', equals: 'company' },
      questions: [{ id: 'company.supply_chain', type: 'longtext', label: t('Supply chain'), required: true }],
    },
    {
      id: 'env', title: t('Environment'),
      questions: [
        { id: 'env.pue', type: 'number', label: t('PUE'), min: 1, max: 3 },
        { id: 'env.since', type: 'date', label: t('Since') },
        { id: 'env.log', type: 'table', label: t('Log'), required: true, minRows: 2, columns: [
          { id: 'who', type: 'text', label: t('Who'), required: true },
          { id: 'when', type: 'date', label: t('When') },
          { id: 'refs', type: 'links', label: t('References') },
        ] },
      ],
    },
  ],
};
const definition: Definition = definitionSchema.parse(raw);
const issues = (value: unknown) => {
  const r = definitionSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const source = (answers: Record<string, unknown>, bound: Record<string, unknown> = {}): AnswerSource => (q) => (q.binds ? bound[q.binds] : answers[q.id]);

describe('a questionnaire definition', () => {
  it('is refused with the path of each problem', () => {
    const section0 = raw.sections[0]!;
    const q = (i: number) => section0.questions[i]! as Record<string, unknown>;
    const withQuestions = (...questions: unknown[]) => ({ ...raw, sections: [{ ...section0, questions }, ...raw.sections.slice(1)] });
    expect(issues(withQuestions(q(0), q(0)))).toContain('sections.0.questions.1.id: the question id intro.kind is used twice');
    expect(issues(withQuestions({ ...q(2), id: 'env.children' }))).toContain('sections.0.questions.0.id: a question of section intro has an id starting with "intro."');
    expect(issues(withQuestions({ ...q(0), options: undefined }))).toContain('sections.0.questions.0.options: a choice question lists its options');
    expect(issues(withQuestions({ ...q(2), options: q(0).options }))).toContain('sections.0.questions.0.options: only choice questions have options');
    expect(issues(withQuestions(q(0), { ...q(3), when: { question: 'intro.childern', equals: true } }))).toEqual([
      'sections.0.questions.1.when: the condition names intro.childern, which is not a question of this definition',
    ]);
    expect(issues(withQuestions(q(0), q(4), { ...q(4), id: 'intro.law_again' }))).toEqual(['sections: intro.law_again and intro.legal_basis both bind legality.legalBasis']);
    expect(issues({ ...raw, title: { en: 'Only English' } })).toEqual(expect.arrayContaining([expect.stringMatching(/^title\.fr: /), expect.stringMatching(/^title\.ar: /)]));
    expect(issues({ ...raw, sections: [raw.sections[0], raw.sections[0]] })).toContain('sections.1.id: the section id intro is used twice');
  });

  it('reads conditions over the answers given so far', () => {
    const valueOf = source({ 'intro.kind': 'company', 'intro.areas': ['asylum'], 'intro.children': false });
    expect(holds({ question: 'intro.kind', equals: 'company' }, definition, valueOf)).toBe(true);
    expect(holds({ question: 'intro.kind', in: ['public_body', 'ngo'] }, definition, valueOf)).toBe(false);
    expect(holds({ question: 'intro.areas', equals: 'asylum' }, definition, valueOf)).toBe(true); // any chosen value
    expect(holds({ question: 'intro.areas', equals: 'visa' }, definition, valueOf)).toBe(false);
    expect(holds({ question: 'intro.children', equals: false }, definition, valueOf)).toBe(true);
    expect(holds({ question: 'env.pue', answered: false }, definition, valueOf)).toBe(true);
    expect(holds({ all: [{ question: 'intro.kind', equals: 'company' }, { not: { question: 'intro.children', equals: true } }] }, definition, valueOf)).toBe(true);
    expect(holds({ any: [{ question: 'intro.kind', equals: 'ngo' }, { question: 'env.pue', answered: true }] }, definition, valueOf)).toBe(false);
    // An unanswered question equals nothing, and not-equal to a value is then true.
    expect(holds({ question: 'env.since', equals: '' }, definition, valueOf)).toBe(false);
    expect(holds({ not: { question: 'env.since', equals: '2026-01-01' } }, definition, valueOf)).toBe(true);
  });

  it('lists every missing required answer, skipping what does not apply, each with its anchor', () => {
    const none = missingAnswers(definition, source({}));
    expect(none.map((m) => m.question)).toEqual(['intro.kind', 'intro.children', 'intro.legal_basis', 'env.log']);
    expect(none[0]).toEqual({ section: 'intro', question: 'intro.kind', anchor: 'q-intro-kind' });

    const answers = { 'intro.kind': 'company', 'intro.children': true, 'intro.children_how': '  ', 'env.log': [{ who: 'A', when: '2026-01-02' }, { who: '' }] };
    const some = missingAnswers(definition, source(answers, { 'legality.legalBasis': 'Act 1' }));
    expect(some).toEqual([
      { section: 'intro', question: 'intro.children_how', anchor: 'q-intro-children_how' },
      { section: 'company', question: 'company.supply_chain', anchor: 'q-company-supply_chain' },
      { section: 'env', question: 'env.log', column: 'who', row: 1, anchor: 'q-env-log-1-who' },
    ]);
    const short = missingAnswers(definition, source({ ...answers, 'intro.kind': 'public_body', 'intro.children': false, 'env.log': [{ who: 'A' }] }, { 'legality.legalBasis': 'Act 1' }));
    expect(short).toEqual([{ section: 'env', question: 'env.log', anchor: 'q-env-log' }]); // fewer rows than minRows
  });

  it('refuses answers that do not fit the definition, by path', () => {
    expect(answerProblems(definition, {
      'intro.kind': 'company', 'intro.areas': ['visa'], 'intro.children': true, 'env.pue': 1.4, 'env.since': '2026-02-28',
      'env.log': [{ who: 'A', when: '2026-01-02', refs: ['https://example.org/minutes'] }],
    })).toEqual([]);
    const problems = answerProblems(definition, {
      'intro.kind': 'ministry', 'intro.areas': ['visa', 'visa'], 'intro.children': 'yes', 'intro.legal_basis': 'Act 1', 'env.pue': 0.5,
      'env.since': '2026-02-30', 'env.log': [{ who: 1, colour: 'red' }, 'row'], 'intro.unknown': 1,
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'answers.intro.kind: expected one of public_body, company',
      'answers.intro.areas: expected a list of distinct values among visa, asylum',
      'answers.intro.children: expected true or false',
      'answers.intro.legal_basis: intro.legal_basis is answered in legality.legalBasis, not under answers',
      'answers.env.pue: expected a number of at least 1',
      'answers.env.since: expected a date as YYYY-MM-DD',
      'answers.env.log.0.who: expected a text of at most 500 characters',
      'answers.env.log.0.colour: env.log has no column colour',
      'answers.env.log.1: expected a row (an object of its columns)',
      'answers.intro.unknown: test-hria 1.2.3 has no question intro.unknown',
    ]);
    // The keys of a path, for locating it in a file: a question id keeps its dots.
    expect(problems[6]!.at).toEqual(['answers', 'env.log', 0, 'who']);
    expect(questionById(definition, 'env.log')?.type).toBe('table');
  });
});
