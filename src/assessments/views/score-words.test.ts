import fs from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { Translator } from '../../platform/i18n/i18n.ts';
import { assessmentFileSchema, scoringInputOf } from '../domain/assessment-file.ts';
import { CONDITION_TEXT, DECISION_TEXT, haltGroundText, stepText } from '../domain/explain-score.ts';
import {
  BANDS, DECISION_AREAS, DIMENSIONS, RIGHTS, scoreAssessment,
  type Condition, type Decision, type HaltGround, type ScreeningVerdict, type Stage, type Step,
} from '../domain/scoring.ts';
import ar from '../messages/ar.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import {
  areaWord, bandWord, conditionWord, decisionWord, dimensionWord, haltGroundWords, rightWord, stageWord, stepWords, verdictWord,
  type ScoreTranslator,
} from './score-words.ts';

const LOCALES = ['en', 'fr', 'ar'] as const;
type Locale = (typeof LOCALES)[number];
const MESSAGES: Record<Locale, Record<string, string>> = { en, fr, ar };

// The platform's Translator must fit where a ScoreTranslator is asked for (checked by the typecheck).
const fitsPlatform = (t: Translator): ScoreTranslator => t;
void fitsPlatform;

/** A translator like the platform's, over this module's messages only (a missing key comes back as itself). */
function localTranslator(locale: Locale): ScoreTranslator {
  const compiled = new Map<string, IntlMessageFormat>();
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    t(key, values) {
      const message = MESSAGES[locale][key];
      if (message === undefined) return key;
      let format = compiled.get(key);
      if (!format) compiled.set(key, (format = new IntlMessageFormat(message, locale)));
      return String(format.format(values));
    },
    list: (items) => lists.format(items),
  };
}
const T: Record<Locale, ScoreTranslator> = { en: localTranslator('en'), fr: localTranslator('fr'), ar: localTranslator('ar') };

// Every value of the scoring's enumerations that has no exported list: a Record makes the typecheck
// fail when one is added to scoring.ts and not here.
type Reason = Extract<Step, { code: 'mitigation_not_counted' }>['reason'];
const STAGES = Object.keys({ inherent: 1, residual: 1, projected: 1 } satisfies Record<Stage, 1>) as Stage[];
const DECISIONS = Object.keys({ halt: 1, proceed_with_conditions: 1, proceed: 1 } satisfies Record<Decision, 1>) as Decision[];
const VERDICTS = Object.keys({ red_line: 1, no_red_line_found: 1, insufficient_information: 1 } satisfies Record<ScreeningVerdict, 1>) as ScreeningVerdict[];
const CONDITIONS = Object.keys({
  named_official_acceptance: 1, independent_sign_off: 1, conditions_verified_before_go_live: 1, reassess_within_6_months: 1, complete_red_line_screening: 1,
} satisfies Record<Condition, 1>) as Condition[];
const REASONS = Object.keys({
  consultation: 1, not_implemented: 1, no_evidence: 1, not_accepted: 1, rejected: 1, dimension_already_lowered: 1, at_minimum: 1, floor: 1,
} satisfies Record<Reason, 1>) as Reason[];

const GROUNDS: { [K in HaltGround['kind']]: Extract<HaltGround, { kind: K }> } = {
  red_line: { kind: 'red_line', redLines: ['A', 'C'] },
  no_legal_basis: { kind: 'no_legal_basis' },
  less_intrusive_alternative: { kind: 'less_intrusive_alternative', alternative: 'More caseworkers' },
  critical_risk_to_grave_right: { kind: 'critical_risk_to_grave_right', harm: 'h7', right: 'non_refoulement' },
  residual_critical: { kind: 'residual_critical', harm: 'h8' },
  automated_adverse_decision_without_contest: { kind: 'automated_adverse_decision_without_contest', areas: ['asylum', 'visa'] },
};
const HALT_KINDS = Object.keys(GROUNDS) as HaltGround['kind'][];

/** Samples of every step code (the mapped type makes a missing code a type error), with every variant. */
const SAMPLES: { [C in Step['code']]: Extract<Step, { code: C }>[] } = {
  scale_floor_grave_right: [
    { code: 'scale_floor_grave_right', harm: 'h1', right: 'non_refoulement', from: 1 },
    { code: 'scale_floor_grave_right', harm: 'h2', right: 'liberty', from: 2 },
  ],
  scope_floor_disproportionate: [
    { code: 'scope_floor_disproportionate', harm: 'h1', from: 2, unknown: false },
    { code: 'scope_floor_disproportionate', harm: 'h1', from: 1, unknown: true },
  ],
  likelihood_unknown: [{ code: 'likelihood_unknown', harm: 'h3' }],
  likelihood_floor_missing_subgroup_data: [{ code: 'likelihood_floor_missing_subgroup_data', harm: 'h4', from: 2 }],
  severity: [
    { code: 'severity', harm: 'h1', stage: 'inherent', scale: 2, scope: 3, irremediability: 4, severity: 4 },
    { code: 'severity', harm: 'h1', stage: 'residual', scale: 3, scope: 4, irremediability: 2, severity: 4 },
    { code: 'severity', harm: 'h2', stage: 'projected', scale: 2, scope: 2, irremediability: 1, severity: 2 },
    { code: 'severity', harm: 'h2', stage: 'residual', scale: 4, scope: 1, irremediability: 4, severity: 4 },
  ],
  band: STAGES.flatMap((stage, i) => BANDS.map((band, j) => ({ code: 'band' as const, harm: `h${i}`, stage, severity: ([1, 2, 3, 4] as const)[j]!, likelihood: ([4, 3, 2, 1] as const)[j]!, band }))),
  mitigation_counted: DIMENSIONS.map((dimension, i) => ({ code: 'mitigation_counted' as const, harm: 'h1', mitigation: `m${i}`, dimension, from: 3 as const, to: 2 as const, stage: i % 2 ? 'residual' as const : 'projected' as const })),
  mitigation_not_counted: REASONS.flatMap((reason) => DIMENSIONS.map((dimension) => ({ code: 'mitigation_not_counted' as const, harm: 'h2', mitigation: 'm9', dimension, reason }))),
  overall: [
    { code: 'overall', stage: 'inherent', band: 'high', harms: ['h1'] },
    { code: 'overall', stage: 'residual', band: 'medium', harms: ['h1', 'h2', 'h3'] },
  ],
  halt_ground: HALT_KINDS.map((kind) => ({ code: 'halt_ground' as const, ground: GROUNDS[kind] })),
  decision: [
    { code: 'decision', decision: 'halt', reassessBy: null },
    { code: 'decision', decision: 'proceed_with_conditions', reassessBy: '2027-05-31' },
    { code: 'decision', decision: 'proceed', reassessBy: '2027-11-30' },
  ],
  register_screening: [
    { code: 'register_screening', verdict: 'red_line', redLines: ['A', 'D'], answered: 'no_red_line_found' },
    { code: 'register_screening', verdict: 'insufficient_information', redLines: [], answered: 'no_red_line_found' },
  ],
  stricter_decision: [
    { code: 'stricter_decision', engine: 'proceed', decision: 'proceed_with_conditions', reassessBy: '2027-06-08' },
    { code: 'stricter_decision', engine: 'proceed_with_conditions', decision: 'halt', reassessBy: null },
  ],
};
const STEPS: Step[] = Object.values(SAMPLES).flat();

/** The steps whose English wording is, word for word, explain-score.ts's. The others word rights, areas and lists better. */
const SAME_AS_CLI = new Set<Step['code']>(['scope_floor_disproportionate', 'likelihood_unknown', 'likelihood_floor_missing_subgroup_data', 'severity', 'band', 'mitigation_counted', 'mitigation_not_counted', 'decision']);

/** Every key the module needs, from the enumerations: the files must have exactly these. */
const EXPECTED_KEYS = [
  ...BANDS.map((b) => `band.${b}`),
  ...STAGES.map((s) => `stage.${s}`),
  ...DECISIONS.map((d) => `decision.${d}`),
  ...CONDITIONS.map((c) => `condition.${c}`),
  ...HALT_KINDS.map((k) => `halt.${k}`),
  ...DIMENSIONS.map((d) => `dimension.${d}`),
  ...REASONS.filter((r) => r !== 'floor').map((r) => `notCounted.${r}`),
  ...DIMENSIONS.map((d) => `floor.${d}`),
  ...Object.keys(SAMPLES).map((c) => `step.${c}`),
  ...RIGHTS.map((r) => `right.${r}`),
  ...DECISION_AREAS.map((a) => `area.${a}`),
  ...VERDICTS.map((v) => `verdict.${v}`),
].map((k) => `assessment.score.${k}`).sort();

/** A worded text is usable: not empty, no raw key, no raw code (codes have underscores), no ICU left over. */
function expectWorded(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toContain('assessment.score.');
  expect(text).not.toMatch(/[_{}]/);
}

describe('score message files', () => {
  it('en.json has exactly the assessment.score. keys the wording needs', () => {
    expect(Object.keys(MESSAGES.en).filter((k) => k.startsWith('assessment.score.')).sort()).toEqual(EXPECTED_KEYS);
  });

  // Key parity, compilation and arguments of every locale's file are checked with all the other
  // messages in src/platform/i18n/i18n.test.ts (these files are merged into the translator's).
});

describe.each(LOCALES)('every value worded in %s', (locale) => {
  const t = T[locale];
  it('bands, stages, decisions, conditions, dimensions, rights, areas', () => {
    for (const b of BANDS) expectWorded(bandWord(t, b));
    for (const s of STAGES) expectWorded(stageWord(t, s));
    for (const d of DECISIONS) expectWorded(decisionWord(t, d));
    for (const v of VERDICTS) expectWorded(verdictWord(t, v));
    for (const c of CONDITIONS) expectWorded(conditionWord(t, c));
    for (const d of DIMENSIONS) expectWorded(dimensionWord(t, d));
    for (const r of RIGHTS) expectWorded(rightWord(t, r));
    for (const a of DECISION_AREAS) expectWorded(areaWord(t, a));
  });

  it('halt grounds', () => {
    for (const kind of HALT_KINDS) expectWorded(haltGroundWords(t, GROUNDS[kind]));
  });

  it('every step code, every variant', () => {
    for (const s of STEPS) expectWorded(stepWords(t, s));
  });

  it('every number, id and date of a step appears in its words', () => {
    for (const s of STEPS) {
      const text = stepWords(t, s);
      const r = s as Record<string, unknown>;
      for (const field of ['from', 'to', 'scale', 'irremediability', 'severity', 'likelihood', 'harm', 'mitigation', 'reassessBy']) {
        if (typeof r[field] === 'number' || typeof r[field] === 'string') expect(text, `${s.code}.${field}`).toContain(String(r[field]));
      }
      // The scope is named only when it adds 1 (as in explain-score.ts).
      if (s.code === 'severity' && s.scope >= 3) expect(text).toContain(String(s.scope));
      if (s.code === 'overall') for (const h of s.harms) expect(text).toContain(h);
    }
  });

  it('translates (no sentence left in English)', () => {
    if (locale === 'en') return;
    for (const s of STEPS) expect(stepWords(t, s)).not.toBe(stepWords(T.en, s));
    for (const c of CONDITIONS) expect(conditionWord(t, c)).not.toBe(conditionWord(T.en, c));
  });

  it('a red-line ground names every red line, in a list', () => {
    const text = haltGroundWords(t, { kind: 'red_line', redLines: ['A', 'C'] });
    expect(text).toContain('A');
    expect(text).toContain('C');
    expect(text).toContain(t.list(['A', 'C']));
  });

  it('an automated-decision ground names every area, in a list', () => {
    const text = haltGroundWords(t, GROUNDS.automated_adverse_decision_without_contest);
    expect(text).toContain(t.list([areaWord(t, 'asylum'), areaWord(t, 'visa')]));
  });

  it('re-assessment within 6 months says 6', () => {
    expect(conditionWord(t, 'reassess_within_6_months')).toMatch(/6/);
  });
});

describe('the English wording means what explain-score.ts says', () => {
  const t = T.en;

  it('word for word for the steps without rights, areas or lists', () => {
    for (const s of STEPS) if (SAME_AS_CLI.has(s.code)) expect(stepWords(t, s)).toBe(stepText(s));
  });

  it('decisions and conditions word for word', () => {
    for (const d of DECISIONS) expect(decisionWord(t, d)).toBe(DECISION_TEXT[d]);
    for (const c of CONDITIONS) expect(conditionWord(t, c)).toBe(CONDITION_TEXT[c]);
  });

  it('halt grounds without lists or rights word for word', () => {
    for (const kind of ['no_legal_basis', 'less_intrusive_alternative', 'residual_critical'] as const) {
      expect(haltGroundWords(t, GROUNDS[kind])).toBe(haltGroundText(GROUNDS[kind]));
    }
  });

  it('severity: S 2, R 4, C 3 gives max 4, + 1 for the scope, capped at 4', () => {
    const text = stepWords(t, { code: 'severity', harm: 'h1', stage: 'inherent', scale: 2, scope: 3, irremediability: 4, severity: 4 });
    expect(text).toBe('h1 (inherent): severity = max(S 2, R 4) + 1 for scope C 3 ≥ 3, capped at 4 = 4');
    expect(stepWords(t, { code: 'severity', harm: 'h1', stage: 'residual', scale: 3, scope: 3, irremediability: 2, severity: 4 })).not.toContain('capped');
    expect(stepWords(t, { code: 'severity', harm: 'h1', stage: 'residual', scale: 3, scope: 2, irremediability: 2, severity: 3 })).not.toContain('+ 1');
  });

  it('red lines: singular for one, plural for more, each named', () => {
    expect(haltGroundWords(t, { kind: 'red_line', redLines: ['A'] })).toBe('the red-line screening found red line A');
    expect(haltGroundWords(t, { kind: 'red_line', redLines: ['A', 'C'] })).toBe('the red-line screening found red lines A and C');
    expect(haltGroundText({ kind: 'red_line', redLines: ['A', 'C'] })).toBe('the red-line screening found red lines A, C');
  });

  it('rights and areas by name where the CLI shows codes', () => {
    expect(stepWords(t, SAMPLES.scale_floor_grave_right[0]!)).toBe('h1: the right it engages (non-refoulement) is an absolute right or liberty, so scale S rises from 1 to 3');
    expect(haltGroundWords(t, GROUNDS.critical_risk_to_grave_right)).toBe('harm h7 keeps a critical residual risk to an absolute right or liberty (non-refoulement)');
    expect(haltGroundWords(t, GROUNDS.automated_adverse_decision_without_contest)).toBe('solely automated adverse decisions in the areas of asylum and visas, with no way to contest them');
    expect(stepWords(t, SAMPLES.overall[1]!)).toBe('overall residual risk: medium, the worst band of any harm (h1, h2, and h3), never a sum or an average');
  });

  it('a floor names the floor of the dimension it is on', () => {
    const text = stepWords(t, { code: 'mitigation_not_counted', harm: 'h1', mitigation: 'm1', dimension: 'likelihood', reason: 'floor' });
    expect(text).toBe(stepText({ code: 'mitigation_not_counted', harm: 'h1', mitigation: 'm1', dimension: 'likelihood', reason: 'floor' }));
    expect(text).toContain('likelihood L stays at least 3');
  });

  it('in French and Arabic too, a red-line ground with A and C names both', () => {
    for (const locale of LOCALES) {
      const text = haltGroundWords(T[locale], { kind: 'red_line', redLines: ['A', 'C'] });
      expect(text).toMatch(/A/);
      expect(text).toMatch(/C/);
    }
    expect(haltGroundWords(T.fr, { kind: 'red_line', redLines: ['A', 'C'] })).toContain('les lignes rouges A et C');
    expect(haltGroundWords(T.ar, { kind: 'red_line', redLines: ['A', 'C'] })).toContain('الخطين الأحمرين');
  });
});

describe('the example assessment, worded', () => {
  const file = assessmentFileSchema.parse(JSON.parse(fs.readFileSync(new URL('../../../schemas/examples/visa-triage-assessment.json', import.meta.url), 'utf8')));
  const score = scoreAssessment(scoringInputOf(file));

  it('has steps to word', () => {
    expect(score.steps.length).toBeGreaterThan(10);
  });

  it.each(LOCALES)('every step, ground, condition and band in %s', (locale) => {
    const t = T[locale];
    for (const s of score.steps) expectWorded(stepWords(t, s));
    for (const g of score.haltGrounds) expectWorded(haltGroundWords(t, g));
    for (const c of score.conditions) expectWorded(conditionWord(t, c));
    expectWorded(decisionWord(t, score.decision));
    for (const h of score.harms) {
      expectWorded(rightWord(t, h.right));
      for (const stage of STAGES) expectWorded(bandWord(t, h[stage].band));
    }
  });

  it('in English, the same as the command line for the steps worded alike', () => {
    for (const s of score.steps) if (SAME_AS_CLI.has(s.code)) expect(stepWords(T.en, s)).toBe(stepText(s));
  });
});
