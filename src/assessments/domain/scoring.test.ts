// Tests of the impact-assessment scoring against the specification (the text). Every expected
// value below is worked out by hand from the rules, never produced by calling the implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedDecisions, BAND_MATRIX, bandOf, scoreAssessment, severityOf, stricterScreening, withStricterDecision,
  type Band, type Condition, type DecisionArea, type Dimension, type Harm, type HaltGround, type Level, type Mitigation,
  type Right, type Score, type ScoringInput, type Step,
} from './scoring.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

const LOW_HARM: Harm = {
  id: 'h1', right: 'privacy', description: 'a harm', scale: 1, scope: 1, irremediability: 1, likelihood: 1,
  disproportionate: false, subgroupData: 'available',
};

const harm = (over: Partial<Harm> = {}): Harm => ({ ...LOW_HARM, ...over });

/** An accepted, implemented, evidenced measure on harm h1: it counts everywhere unless a case says otherwise. */
const mitigation = (over: Partial<Mitigation> = {}): Mitigation => ({
  id: 'm1', harm: 'h1', targets: 'likelihood', description: 'a measure', kind: 'measure', status: 'implemented',
  evidence: ['audit report'], review: 'accepted', ...over,
});

/** A low-risk assessment: legal basis, a clean screening, no alternatives, decision support, one all-1 harm. */
const input = (over: Partial<ScoringInput> = {}): ScoringInput => ({
  assessedOn: '2026-03-15',
  screening: { verdict: 'no_red_line_found', redLines: [] },
  legalBasis: 'Regulation (EU) 2024/1356, art. 12',
  alternatives: [],
  context: { decisionRole: 'decision_support', decisionAreas: ['asylum'], adverseDecisions: true, contestable: false },
  harms: [harm()],
  mitigations: [],
  ...over,
});

const codes = (s: Score) => s.steps.map((st) => st.code);
const stepsOf = <C extends Step['code']>(s: Score, code: C) => s.steps.filter((st): st is Extract<Step, { code: C }> => st.code === code);
const h1 = (s: Score) => s.harms[0]!;

const ORDER: readonly Band[] = ['low', 'medium', 'high', 'critical'];
const rank = (b: Band) => ORDER.indexOf(b);
const L: readonly Level[] = [1, 2, 3, 4];

// The matrix written out by hand. Critical per the spec: severity 4 with L ≥ 2, or severity 3 with L = 4.
// Rows are severity 1..4, columns likelihood 1..4.
const HAND_MATRIX: Record<Level, [Band, Band, Band, Band]> = {
  1: ['low', 'low', 'low', 'medium'],
  2: ['low', 'medium', 'medium', 'high'],
  3: ['medium', 'high', 'high', 'critical'],
  4: ['high', 'critical', 'critical', 'critical'],
};
const handBand = (s: Level, l: Level) => HAND_MATRIX[s][l - 1]!;

const SIX_MONTH_CONDITIONS: Condition[] = ['named_official_acceptance', 'independent_sign_off', 'conditions_verified_before_go_live', 'reassess_within_6_months'];

// ---------------------------------------------------------------------------------------------
// 1. The band matrix

describe('BAND_MATRIX', () => {
  const cells = L.flatMap((s) => L.map((l) => ({ s, l, expected: handBand(s, l), critical: (s === 4 && l >= 2) || (s === 3 && l === 4) })));

  it.each(cells)('severity $s × likelihood $l → $expected', ({ s, l, expected, critical }) => {
    expect(BAND_MATRIX[s][l - 1]).toBe(expected);
    expect(bandOf(s, l)).toBe(expected);
    // The spec's own definition of critical, independent of the hand table.
    expect(bandOf(s, l) === 'critical').toBe(critical);
  });

  it('is monotone: a higher severity or likelihood never gives a better band', () => {
    for (const s of L) for (const l of L) {
      if (s < 4) expect(rank(bandOf((s + 1) as Level, l))).toBeGreaterThanOrEqual(rank(bandOf(s, l)));
      if (l < 4) expect(rank(bandOf(s, (l + 1) as Level))).toBeGreaterThanOrEqual(rank(bandOf(s, l)));
    }
  });

  // The matrix as the engine applies it to a harm (no floors engaged: privacy, not disproportionate).
  it.each([
    { scale: 1 as Level, likelihood: 4 as Level, band: 'medium' },
    { scale: 2 as Level, likelihood: 1 as Level, band: 'low' },
    { scale: 3 as Level, likelihood: 3 as Level, band: 'high' },
    { scale: 4 as Level, likelihood: 1 as Level, band: 'high' },
  ])('a harm of scale $scale and likelihood $likelihood is $band', ({ scale, likelihood, band }) => {
    const s = scoreAssessment(input({ harms: [harm({ scale, likelihood })] }));
    expect(h1(s).inherent.band).toBe(band);
    expect(h1(s).residual.band).toBe(band);
    expect(s.overall.residual).toBe(band);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Severity = max(S, R) + (C ≥ 3 ? 1 : 0), capped at 4

describe('severityOf', () => {
  it.each([
    // [S, C, R, severity]
    [1, 1, 1, 1],
    [2, 1, 1, 2],
    [1, 1, 3, 3], // R dominates
    [3, 1, 2, 3], // S dominates
    [1, 2, 1, 1], // C = 2 adds nothing
    [2, 2, 3, 3], // C = 2 adds nothing
    [4, 2, 1, 4],
    [1, 3, 1, 2], // C = 3 adds 1
    [2, 3, 1, 3],
    [3, 3, 1, 4],
    [1, 4, 2, 3], // C = 4 adds 1 too, not 2
    [4, 3, 1, 4], // cap at 4
    [2, 4, 4, 4], // cap at 4
    [4, 4, 4, 4],
    [1, 4, 1, 2], // wide but small: scope never makes it grave on its own
  ] as [Level, Level, Level, Level][])('S=%i C=%i R=%i → %i', (scale, scope, irremediability, severity) => {
    expect(severityOf({ scale, scope, irremediability })).toBe(severity);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Floors on the inherent estimate

describe('floors', () => {
  it.each(['non_refoulement', 'freedom_from_ill_treatment', 'liberty', 'seeking_asylum', 'life'] as Right[])(
    'a harm to %s has a scale of at least 3', (right) => {
      const s = scoreAssessment(input({ harms: [harm({ right, scale: 1 })] }));
      // S 1 → 3, C 1, R 1: severity 3; L 1 → medium.
      expect(h1(s).inherent).toMatchObject({ scale: 3, severity: 3, band: 'medium' });
      expect(stepsOf(s, 'scale_floor_grave_right')).toEqual([{ code: 'scale_floor_grave_right', harm: 'h1', right, from: 1 }]);
    });

  it.each([
    // [right, stated S, expected S, floor step?]
    ['liberty', 2, 3, true],
    ['liberty', 3, 3, false],
    ['liberty', 4, 4, false],
    ['work', 1, 1, false], // not a grave right
    ['privacy', 2, 2, false],
  ] as [Right, Level, Level, boolean][])('%s with S=%i → S=%i', (right, scale, expected, step) => {
    const s = scoreAssessment(input({ harms: [harm({ right, scale })] }));
    expect(h1(s).inherent.scale).toBe(expected);
    expect(codes(s).includes('scale_floor_grave_right')).toBe(step);
  });

  it.each([
    // [disproportionate, stated C, expected C, expected severity (S=R=1), floor step?]
    [true, 1, 3, 2, true],
    ['unknown', 1, 3, 2, true],
    ['unknown', 2, 3, 2, true],
    [true, 4, 4, 2, false],
    [false, 1, 1, 1, false],
    [false, 2, 2, 1, false],
  ] as [Harm['disproportionate'], Level, Level, Level, boolean][])(
    'disproportionate=%s with C=%i → C=%i, severity %i', (disproportionate, scope, expectedScope, severity, step) => {
      const s = scoreAssessment(input({ harms: [harm({ disproportionate, scope })] }));
      expect(h1(s).inherent).toMatchObject({ scope: expectedScope, severity });
      const floor = stepsOf(s, 'scope_floor_disproportionate');
      expect(floor.length > 0).toBe(step);
      if (step) expect(floor[0]).toEqual({ code: 'scope_floor_disproportionate', harm: 'h1', from: scope, unknown: disproportionate === 'unknown' });
    });

  it.each([
    // [likelihood, subgroupData, expected L, steps]
    ['unknown', 'available', 3, ['likelihood_unknown']],
    [1, 'missing', 3, ['likelihood_floor_missing_subgroup_data']],
    [2, 'missing', 3, ['likelihood_floor_missing_subgroup_data']],
    [3, 'missing', 3, []],
    [4, 'missing', 4, []],
    ['unknown', 'missing', 3, ['likelihood_unknown']], // unknown is already 3: the floor has nothing to raise
    [1, 'available', 1, []],
  ] as [Harm['likelihood'], Harm['subgroupData'], Level, Step['code'][]][])(
    'likelihood %s with subgroup data %s → L=%i', (likelihood, subgroupData, expected, floorSteps) => {
      const s = scoreAssessment(input({ harms: [harm({ likelihood, subgroupData })] }));
      expect(h1(s).inherent.likelihood).toBe(expected);
      expect(h1(s).residual.likelihood).toBe(expected);
      expect(codes(s).filter((c) => c === 'likelihood_unknown' || c === 'likelihood_floor_missing_subgroup_data')).toEqual(floorSteps);
    });

  it('records where the missing-data floor raised the likelihood from', () => {
    const s = scoreAssessment(input({ harms: [harm({ likelihood: 1, subgroupData: 'missing' })] }));
    expect(stepsOf(s, 'likelihood_floor_missing_subgroup_data')).toEqual([{ code: 'likelihood_floor_missing_subgroup_data', harm: 'h1', from: 1 }]);
  });

  it('combines floors: liberty, unknown disproportion, unknown likelihood', () => {
    // S 1 → 3, C 1 → 3, L → 3: severity 3 + 1 = 4, L 3 → critical, on a grave right.
    const s = scoreAssessment(input({ harms: [harm({ right: 'liberty', disproportionate: 'unknown', likelihood: 'unknown' })] }));
    expect(h1(s).inherent).toMatchObject({ scale: 3, scope: 3, irremediability: 1, likelihood: 3, severity: 4, band: 'critical' });
    expect(s.decision).toBe('halt');
    expect(s.haltGrounds).toEqual([{ kind: 'critical_risk_to_grave_right', harm: 'h1', right: 'liberty' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Non-compensation: the worst harm decides, never a sum or an average

describe('non-compensation', () => {
  const lows = (n: number) => Array.from({ length: n }, (_, i) => harm({ id: `low${i}` }));

  it('one critical harm among ten low harms keeps the result critical and halts', () => {
    // S 4, L 2: severity 4 with L ≥ 2 → critical.
    const critical = harm({ id: 'bad', scale: 4, likelihood: 2 });
    for (const harms of [[critical, ...lows(10)], [...lows(10), critical], [...lows(5), critical, ...lows(5)]]) {
      const s = scoreAssessment(input({ harms }));
      expect(s.overall).toEqual({ inherent: 'critical', residual: 'critical', projected: 'critical' });
      expect(s.decision).toBe('halt');
      expect(s.reassessBy).toBeNull();
      expect(s.haltGrounds).toEqual([{ kind: 'residual_critical', harm: 'bad' }]);
      expect(stepsOf(s, 'overall').find((st) => st.stage === 'residual')).toEqual({ code: 'overall', stage: 'residual', band: 'critical', harms: ['bad'] });
    }
  });

  it.each([2, 10, 50])('%i medium harms never add up to high', (n) => {
    // S 2, L 2 → medium, each.
    const harms = Array.from({ length: n }, (_, i) => harm({ id: `m${i}`, scale: 2, likelihood: 2 }));
    const s = scoreAssessment(input({ harms }));
    expect(s.overall.residual).toBe('medium');
    expect(s.decision).toBe('proceed');
    expect(s.reassessBy).toBe('2027-03-15');
    expect(stepsOf(s, 'overall').find((st) => st.stage === 'residual')!.harms).toHaveLength(n);
  });

  it('a low and a high harm give high, not an average', () => {
    const s = scoreAssessment(input({ harms: [harm({ id: 'a' }), harm({ id: 'b', scale: 3, likelihood: 2 })] }));
    expect(s.overall.residual).toBe('high');
  });

  it('no harms at all is low', () => {
    const s = scoreAssessment(input({ harms: [] }));
    expect(s.overall).toEqual({ inherent: 'low', residual: 'low', projected: 'low' });
    expect(s.decision).toBe('proceed');
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Mitigations

describe('mitigations', () => {
  // The base harm: privacy, S 3, C 1, R 1, L 4 → severity 3 with L 4 → critical (halt).
  // A counted mitigation on likelihood makes L 3 → high (proceed with conditions).
  const base = harm({ scale: 3, likelihood: 4 });

  type Case = {
    name: string; mitigations: Mitigation[]; residual: Band; projected: Band; residualL: Level; projectedL: Level;
    notCounted: Extract<Step, { code: 'mitigation_not_counted' }>['reason'][];
  };
  const cases: Case[] = [
    { name: 'implemented, evidenced and accepted: counts', mitigations: [mitigation()], residual: 'high', projected: 'high', residualL: 3, projectedL: 3, notCounted: [] },
    { name: 'planned: no residual credit, projected credit', mitigations: [mitigation({ status: 'planned', evidence: [], review: 'pending' })], residual: 'critical', projected: 'high', residualL: 4, projectedL: 3, notCounted: ['not_implemented'] },
    { name: 'planned even with evidence and acceptance: no residual credit', mitigations: [mitigation({ status: 'planned' })], residual: 'critical', projected: 'high', residualL: 4, projectedL: 3, notCounted: ['not_implemented'] },
    { name: 'implemented without evidence', mitigations: [mitigation({ evidence: [] })], residual: 'critical', projected: 'high', residualL: 4, projectedL: 3, notCounted: ['no_evidence'] },
    { name: 'implemented with blank evidence only', mitigations: [mitigation({ evidence: ['', '   '] })], residual: 'critical', projected: 'high', residualL: 4, projectedL: 3, notCounted: ['no_evidence'] },
    { name: 'implemented and evidenced, review pending', mitigations: [mitigation({ review: 'pending' })], residual: 'critical', projected: 'high', residualL: 4, projectedL: 3, notCounted: ['not_accepted'] },
    { name: 'rejected by the reviewer: no credit, not even projected', mitigations: [mitigation({ review: 'rejected' })], residual: 'critical', projected: 'critical', residualL: 4, projectedL: 4, notCounted: ['rejected'] },
    { name: 'a consultation: no credit anywhere', mitigations: [mitigation({ kind: 'consultation' })], residual: 'critical', projected: 'critical', residualL: 4, projectedL: 4, notCounted: ['consultation'] },
    { name: 'a planned consultation: no credit anywhere', mitigations: [mitigation({ kind: 'consultation', status: 'planned', review: 'pending' })], residual: 'critical', projected: 'critical', residualL: 4, projectedL: 4, notCounted: ['consultation'] },
    { name: 'two accepted on the same dimension lower it by 1 only', mitigations: [mitigation({ id: 'm1' }), mitigation({ id: 'm2' })], residual: 'high', projected: 'high', residualL: 3, projectedL: 3, notCounted: ['dimension_already_lowered'] },
    { name: 'three accepted on the same dimension lower it by 1 only', mitigations: [mitigation({ id: 'm1' }), mitigation({ id: 'm2' }), mitigation({ id: 'm3' })], residual: 'high', projected: 'high', residualL: 3, projectedL: 3, notCounted: ['dimension_already_lowered', 'dimension_already_lowered'] },
    { name: 'one accepted and one planned on the same dimension: 1 in total, also projected', mitigations: [mitigation({ id: 'm1' }), mitigation({ id: 'm2', status: 'planned' })], residual: 'high', projected: 'high', residualL: 3, projectedL: 3, notCounted: ['not_implemented'] },
    { name: 'a mitigation for another harm does nothing here', mitigations: [mitigation({ harm: 'other' })], residual: 'critical', projected: 'critical', residualL: 4, projectedL: 4, notCounted: [] },
  ];

  it.each(cases)('$name', ({ mitigations, residual, projected, residualL, projectedL, notCounted }) => {
    const s = scoreAssessment(input({ harms: [base], mitigations }));
    expect(h1(s).inherent).toMatchObject({ likelihood: 4, severity: 3, band: 'critical' });
    expect(h1(s).residual).toMatchObject({ likelihood: residualL, scale: 3, scope: 1, irremediability: 1, band: residual });
    expect(h1(s).projected).toMatchObject({ likelihood: projectedL, band: projected });
    expect(s.overall.residual).toBe(residual);
    expect(s.overall.projected).toBe(projected);
    expect(stepsOf(s, 'mitigation_not_counted').map((st) => st.reason)).toEqual(notCounted);
    // The decision follows the residual, never the projection.
    expect(s.decision).toBe(residual === 'critical' ? 'halt' : 'proceed_with_conditions');
  });

  it('records a counted mitigation with the dimension and the levels', () => {
    const s = scoreAssessment(input({ harms: [base], mitigations: [mitigation()] }));
    expect(stepsOf(s, 'mitigation_counted')).toEqual([
      { code: 'mitigation_counted', harm: 'h1', mitigation: 'm1', dimension: 'likelihood', from: 4, to: 3, stage: 'residual' },
      { code: 'mitigation_counted', harm: 'h1', mitigation: 'm1', dimension: 'likelihood', from: 4, to: 3, stage: 'projected' },
    ]);
  });

  // Each lowers only the dimension it targets (base harm S 3, C 1, R 1, L 4).
  it.each([
    // [targets, residual S, C, R, L, severity, band]
    [['scale'], 2, 1, 1, 4, 2, 'high'],         // max(2,1) = 2, L 4 → high
    [['likelihood'], 3, 1, 1, 3, 3, 'high'],
    [['scale', 'likelihood'], 2, 1, 1, 3, 2, 'medium'],
    [['irremediability'], 3, 1, 1, 4, 3, 'critical'], // R is already at 1
    [['scope'], 3, 1, 1, 4, 3, 'critical'],           // C is already at 1
  ] as [Dimension[], Level, Level, Level, Level, Level, Band][])(
    'accepted mitigations on %j', (targets, scale, scope, irremediability, likelihood, severity, band) => {
      const mitigations = targets.map((t, i) => mitigation({ id: `m${i}`, targets: t }));
      const s = scoreAssessment(input({ harms: [base], mitigations }));
      expect(h1(s).residual).toEqual({ scale, scope, irremediability, likelihood, severity, band });
    });

  it('a mitigation at level 1 is recorded as at the minimum', () => {
    const s = scoreAssessment(input({ harms: [base], mitigations: [mitigation({ targets: 'scope' })] }));
    expect(stepsOf(s, 'mitigation_not_counted').map((st) => st.reason)).toEqual(['at_minimum']);
  });

  // Mitigations never take a dimension below its floor.
  it.each([
    {
      name: 'grave-right scale stays at 3',
      // liberty, S 1 → 3, L 4: severity 3, L 4 → critical on a grave right.
      harm: harm({ right: 'liberty', scale: 1, likelihood: 4 }), targets: 'scale' as Dimension,
      residual: { scale: 3 as Level, severity: 3 as Level, band: 'critical' as Band },
    },
    {
      name: 'grave-right scale stated at 4 may fall to 3, not further',
      // non_refoulement, S 4, L 2: severity 4 → critical; S → 3: severity 3, L 2 → high.
      harm: harm({ right: 'non_refoulement', scale: 4, likelihood: 2 }), targets: 'scale' as Dimension,
      residual: { scale: 3 as Level, severity: 3 as Level, band: 'high' as Band },
    },
    {
      name: 'missing-subgroup-data likelihood stays at 3',
      // privacy, S 3, L 1 → 3 (missing data): severity 3, L 3 → high.
      harm: harm({ scale: 3, likelihood: 1, subgroupData: 'missing' }), targets: 'likelihood' as Dimension,
      residual: { likelihood: 3 as Level, severity: 3 as Level, band: 'high' as Band },
    },
    {
      name: 'disproportionate scope stays at 3',
      // privacy, S 3, C 3 (disproportionate), L 2: severity 4, L 2 → critical.
      harm: harm({ scale: 3, scope: 3, disproportionate: true, likelihood: 2 }), targets: 'scope' as Dimension,
      residual: { scope: 3 as Level, severity: 4 as Level, band: 'critical' as Band },
    },
  ])('$name', ({ harm: h, targets, residual }) => {
    const mitigations = [mitigation({ id: 'm1', targets }), mitigation({ id: 'm2', targets, status: 'planned' })];
    const s = scoreAssessment(input({ harms: [h], mitigations }));
    expect(h1(s).residual).toMatchObject(residual);
    expect(h1(s).projected).toMatchObject(residual);
  });

  it('a dimension at its floor is recorded as such', () => {
    const s = scoreAssessment(input({ harms: [harm({ right: 'liberty', likelihood: 4 })], mitigations: [mitigation({ targets: 'scale' })] }));
    expect(stepsOf(s, 'mitigation_not_counted')).toEqual([{ code: 'mitigation_not_counted', harm: 'h1', mitigation: 'm1', dimension: 'scale', reason: 'floor' }]);
    expect(s.decision).toBe('halt');
  });

  // Inherent R = 4: residual severity stays ≥ 3. R can fall by 1 only, and severity ≥ R, so residual
  // severity is always ≥ 3 here by the other rules alone (no separate floor is needed).
  it.each([
    // [L, mitigated dimensions, residual R, residual severity, residual band]
    [2, ['irremediability'], 3, 3, 'high'],             // inherent: severity 4, L 2 → critical
    [2, ['irremediability', 'scale', 'scope'], 3, 3, 'high'],
    [1, ['irremediability', 'likelihood'], 3, 3, 'medium'], // L already 1: at_minimum
    [4, ['irremediability', 'likelihood'], 3, 3, 'high'],   // L 4 → 3
  ] as [Level, Dimension[], Level, Level, Band][])(
    'S=1 C=1 R=4 L=%i, mitigating %j keeps severity ≥ 3', (likelihood, targets, r, severity, band) => {
      const mitigations = targets.map((t, i) => mitigation({ id: `m${i}`, targets: t }));
      const s = scoreAssessment(input({ harms: [harm({ irremediability: 4, likelihood })], mitigations }));
      expect(h1(s).inherent.severity).toBe(4);
      expect(h1(s).residual).toMatchObject({ irremediability: r, severity, band });
      expect(h1(s).residual.severity).toBeGreaterThanOrEqual(3);
      expect(h1(s).projected.severity).toBeGreaterThanOrEqual(3);
    });

  it('turns a residual critical into high: the system may proceed with conditions', () => {
    const s = scoreAssessment(input({ harms: [harm({ scale: 4, likelihood: 2 })], mitigations: [mitigation({ targets: 'scale' })] }));
    // S 4 → 3: severity 3, L 2 → high. Inherent stays critical.
    expect(s.overall).toEqual({ inherent: 'critical', residual: 'high', projected: 'high' });
    expect(s.haltGrounds).toEqual([]);
    expect(s.decision).toBe('proceed_with_conditions');
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Red lines halt whatever the score (each alone, on an otherwise low-risk assessment)

describe('halt grounds', () => {
  it('the low-risk default has none and proceeds', () => {
    const s = scoreAssessment(input());
    expect(s.haltGrounds).toEqual([]);
    expect(s.decision).toBe('proceed');
    expect(s.overall).toEqual({ inherent: 'low', residual: 'low', projected: 'low' });
  });

  const ctx = (over: Partial<ScoringInput['context']>): ScoringInput['context'] =>
    ({ decisionRole: 'fully_automated', decisionAreas: ['asylum'], adverseDecisions: true, contestable: false, ...over });

  it.each<{ name: string; over: Partial<ScoringInput>; grounds: HaltGround[] }>([
    { name: 'a red-line screening verdict', over: { screening: { verdict: 'red_line', redLines: ['emotion_recognition'] } }, grounds: [{ kind: 'red_line', redLines: ['emotion_recognition'] }] },
    { name: 'no legal basis (null)', over: { legalBasis: null }, grounds: [{ kind: 'no_legal_basis' }] },
    { name: 'no legal basis (blank)', over: { legalBasis: '  ' }, grounds: [{ kind: 'no_legal_basis' }] },
    { name: 'no legal basis (empty)', over: { legalBasis: '' }, grounds: [{ kind: 'no_legal_basis' }] },
    {
      name: 'a less intrusive alternative that meets the aim',
      over: { alternatives: [{ name: 'manual review', lessIntrusive: true, meetsAim: true, kept: false, reason: 'slower' }] },
      grounds: [{ kind: 'less_intrusive_alternative', alternative: 'manual review' }],
    },
    {
      name: 'a residual critical harm on a grave right',
      // liberty S 1 → 3, L 4 → critical.
      over: { harms: [harm({ right: 'liberty', likelihood: 4 })] },
      grounds: [{ kind: 'critical_risk_to_grave_right', harm: 'h1', right: 'liberty' }],
    },
    {
      name: 'a residual critical harm on a non-grave right',
      over: { harms: [harm({ right: 'work', scale: 4, likelihood: 2 })] },
      grounds: [{ kind: 'residual_critical', harm: 'h1' }],
    },
    { name: 'solely automated adverse decisions on asylum without contest', over: { context: ctx({}) }, grounds: [{ kind: 'automated_adverse_decision_without_contest', areas: ['asylum'] }] },
    ...(['visa', 'residence', 'detention'] as DecisionArea[]).map((area) => ({
      name: `solely automated adverse decisions on ${area} without contest`, over: { context: ctx({ decisionAreas: [area] }) },
      grounds: [{ kind: 'automated_adverse_decision_without_contest', areas: [area] } as HaltGround],
    })),
    {
      name: 'automated on welfare and visa: only visa is named',
      over: { context: ctx({ decisionAreas: ['welfare', 'visa'] }) },
      grounds: [{ kind: 'automated_adverse_decision_without_contest', areas: ['visa'] }],
    },
  ])('halts on $name', ({ over, grounds }) => {
    const s = scoreAssessment(input(over));
    expect(s.haltGrounds).toEqual(grounds);
    expect(s.decision).toBe('halt');
    expect(s.conditions).toEqual([]);
    expect(s.reassessBy).toBeNull();
    expect(stepsOf(s, 'halt_ground').map((st) => st.ground)).toEqual(grounds);
    expect(s.steps.at(-1)).toEqual({ code: 'decision', decision: 'halt', reassessBy: null });
  });

  it.each<{ name: string; over: Partial<ScoringInput> }>([
    { name: 'an alternative that is less intrusive but does not meet the aim', over: { alternatives: [{ name: 'a', lessIntrusive: true, meetsAim: false, kept: false, reason: '' }] } },
    { name: 'an alternative that meets the aim but is not less intrusive', over: { alternatives: [{ name: 'a', lessIntrusive: false, meetsAim: true, kept: false, reason: '' }] } },
    { name: 'automated asylum decisions that can be contested', over: { context: ctx({ contestable: true }) } },
    { name: 'decision support on asylum without contest', over: { context: ctx({ decisionRole: 'decision_support' }) } },
    { name: 'no automated role on asylum', over: { context: ctx({ decisionRole: 'none' }) } },
    { name: 'automated decisions on welfare only', over: { context: ctx({ decisionAreas: ['welfare'] }) } },
    { name: 'automated decisions on border crossing, employment and policing', over: { context: ctx({ decisionAreas: ['border_crossing', 'employment', 'policing'] }) } },
    { name: 'automated asylum decisions that are never adverse', over: { context: ctx({ adverseDecisions: false }) } },
    { name: 'an inherent critical harm mitigated to high', over: { harms: [harm({ scale: 4, likelihood: 2 })], mitigations: [mitigation({ targets: 'likelihood' })] } },
  ])('does not halt on $name', ({ over }) => {
    const s = scoreAssessment(input(over));
    expect(s.haltGrounds).toEqual([]);
    expect(s.decision).not.toBe('halt');
    expect(s.reassessBy).not.toBeNull();
  });

  it('collects every ground, in a step each', () => {
    const s = scoreAssessment(input({
      screening: { verdict: 'red_line', redLines: ['x'] }, legalBasis: null,
      alternatives: [{ name: 'alt', lessIntrusive: true, meetsAim: true, kept: false, reason: '' }],
      context: ctx({}), harms: [harm({ right: 'life', scale: 4, likelihood: 4 })],
    }));
    expect(s.haltGrounds.map((g) => g.kind).sort()).toEqual(
      ['automated_adverse_decision_without_contest', 'critical_risk_to_grave_right', 'less_intrusive_alternative', 'no_legal_basis', 'red_line']);
    expect(stepsOf(s, 'halt_ground')).toHaveLength(5);
    expect(s.decision).toBe('halt');
  });

  it('a red line halts even when every harm is low and mitigated', () => {
    const s = scoreAssessment(input({ screening: { verdict: 'red_line', redLines: ['r'] }, mitigations: [mitigation()] }));
    expect(s.overall.residual).toBe('low');
    expect(s.decision).toBe('halt');
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Decision and re-assessment date

describe('decision', () => {
  const HIGH = harm({ scale: 3, likelihood: 2 });   // severity 3, L 2 → high
  const MEDIUM = harm({ scale: 2, likelihood: 2 }); // severity 2, L 2 → medium

  it.each<{ name: string; harms: Harm[]; assessedOn: string; decision: Score['decision']; conditions: Condition[]; reassessBy: string }>([
    { name: 'high → conditions, +6 months', harms: [HIGH], assessedOn: '2026-03-15', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2026-09-15' },
    { name: 'medium → proceed, +12 months', harms: [MEDIUM], assessedOn: '2026-03-15', decision: 'proceed', conditions: [], reassessBy: '2027-03-15' },
    { name: 'low → proceed, +24 months', harms: [harm()], assessedOn: '2026-03-15', decision: 'proceed', conditions: [], reassessBy: '2028-03-15' },
    { name: 'high across the year end', harms: [HIGH], assessedOn: '2026-10-15', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2027-04-15' },
    { name: '31 Aug + 6 months clamps to 28 Feb', harms: [HIGH], assessedOn: '2026-08-31', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2027-02-28' },
    { name: '31 Aug + 6 months clamps to 29 Feb in a leap year', harms: [HIGH], assessedOn: '2027-08-31', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2028-02-29' },
    { name: '31 Dec + 6 months clamps to 30 Jun', harms: [HIGH], assessedOn: '2026-12-31', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2027-06-30' },
    { name: '29 Feb + 12 months clamps to 28 Feb', harms: [MEDIUM], assessedOn: '2028-02-29', decision: 'proceed', conditions: [], reassessBy: '2029-02-28' },
    { name: '29 Feb + 24 months clamps to 28 Feb', harms: [harm()], assessedOn: '2028-02-29', decision: 'proceed', conditions: [], reassessBy: '2030-02-28' },
    { name: '31 Jan + 24 months keeps the 31st', harms: [harm()], assessedOn: '2026-01-31', decision: 'proceed', conditions: [], reassessBy: '2028-01-31' },
    { name: 'high and medium together: the worst (high) decides', harms: [{ ...MEDIUM, id: 'a' }, { ...HIGH, id: 'b' }], assessedOn: '2026-03-15', decision: 'proceed_with_conditions', conditions: SIX_MONTH_CONDITIONS, reassessBy: '2026-09-15' },
  ])('$name', ({ harms, assessedOn, decision, conditions, reassessBy }) => {
    const s = scoreAssessment(input({ harms, assessedOn }));
    expect(s.decision).toBe(decision);
    expect(s.conditions).toEqual(conditions);
    expect(s.reassessBy).toBe(reassessBy);
    expect(s.steps.at(-1)).toEqual({ code: 'decision', decision, reassessBy });
  });

  it.each<{ name: string; harms: Harm[]; conditions: Condition[]; reassessBy: string }>([
    { name: 'low', harms: [harm()], conditions: ['complete_red_line_screening'], reassessBy: '2028-03-15' },
    { name: 'medium', harms: [MEDIUM], conditions: ['complete_red_line_screening'], reassessBy: '2027-03-15' },
    { name: 'high', harms: [HIGH], conditions: [...SIX_MONTH_CONDITIONS, 'complete_red_line_screening'], reassessBy: '2026-09-15' },
  ])('an insufficient screening with a $name residual proceeds only with conditions', ({ harms, conditions, reassessBy }) => {
    const s = scoreAssessment(input({ harms, screening: { verdict: 'insufficient_information', redLines: [] } }));
    expect(s.decision).toBe('proceed_with_conditions');
    expect(s.conditions).toEqual(conditions);
    expect(s.reassessBy).toBe(reassessBy);
  });

  it('an insufficient screening does not lift a halt', () => {
    const s = scoreAssessment(input({ legalBasis: null, screening: { verdict: 'insufficient_information', redLines: [] } }));
    expect(s.decision).toBe('halt');
    expect(s.reassessBy).toBeNull();
  });

  it('the decision follows the residual band, not the inherent or the projected', () => {
    // Inherent: S 3, L 3 → high. Accepted likelihood measure: L 2 → still high; planned scale measure: projected S 2, L 2 → medium.
    const s = scoreAssessment(input({
      harms: [harm({ scale: 3, likelihood: 3 })],
      mitigations: [mitigation({ id: 'a', targets: 'likelihood' }), mitigation({ id: 'b', targets: 'scale', status: 'planned' })],
    }));
    expect(s.overall).toEqual({ inherent: 'high', residual: 'high', projected: 'medium' });
    expect(s.decision).toBe('proceed_with_conditions');
    expect(s.reassessBy).toBe('2026-09-15');
  });
});

// ---------------------------------------------------------------------------------------------
// The explanation: every stage of every harm is in the steps

describe('steps', () => {
  it('explain severity and band per harm and stage, the overall bands and the decision', () => {
    const s = scoreAssessment(input({ harms: [harm({ id: 'a', scale: 3, likelihood: 4 }), harm({ id: 'b' })], mitigations: [mitigation({ harm: 'a' })] }));
    for (const id of ['a', 'b']) for (const stage of ['inherent', 'residual', 'projected'] as const) {
      expect(stepsOf(s, 'severity').filter((st) => st.harm === id && st.stage === stage)).toHaveLength(1);
      expect(stepsOf(s, 'band').filter((st) => st.harm === id && st.stage === stage)).toHaveLength(1);
    }
    expect(stepsOf(s, 'band').find((st) => st.harm === 'a' && st.stage === 'residual')).toEqual(
      { code: 'band', harm: 'a', stage: 'residual', severity: 3, likelihood: 3, band: 'high' });
    expect(stepsOf(s, 'overall')).toEqual([
      { code: 'overall', stage: 'inherent', band: 'critical', harms: ['a'] },
      { code: 'overall', stage: 'residual', band: 'high', harms: ['a'] },
      { code: 'overall', stage: 'projected', band: 'high', harms: ['a'] },
    ]);
    expect(codes(s).filter((c) => c === 'decision')).toHaveLength(1);
    expect(s.steps.at(-1)).toEqual({ code: 'decision', decision: 'proceed_with_conditions', reassessBy: '2026-09-15' });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Properties, against a small reference model of the spec written here

const RIGHTS_SAMPLE: Right[] = ['privacy', 'work', 'health', 'liberty', 'life', 'non_refoulement', 'seeking_asylum', 'freedom_from_ill_treatment'];
const GRAVE = new Set<Right>(['non_refoulement', 'freedom_from_ill_treatment', 'liberty', 'seeking_asylum', 'life']);
const level = fc.constantFrom<Level>(1, 2, 3, 4);

const harmArb = (id: string) => fc.record<Harm>({
  id: fc.constant(id), right: fc.constantFrom(...RIGHTS_SAMPLE), description: fc.constant('h'),
  scale: level, scope: level, irremediability: level, likelihood: fc.oneof(level, fc.constant('unknown' as const)),
  disproportionate: fc.constantFrom(true, false, 'unknown' as const), subgroupData: fc.constantFrom('available' as const, 'missing' as const),
});
const mitigationArb = (harms: number) => fc.record<Mitigation>({
  id: fc.uuid(), harm: fc.integer({ min: 0, max: harms - 1 }).map((i) => `h${i}`),
  targets: fc.constantFrom<Dimension>('scale', 'scope', 'irremediability', 'likelihood'), description: fc.constant('m'),
  kind: fc.constantFrom('measure' as const, 'consultation' as const), status: fc.constantFrom('planned' as const, 'implemented' as const),
  evidence: fc.constantFrom([], ['report'], ['  ']), review: fc.constantFrom('pending' as const, 'accepted' as const, 'rejected' as const),
});
const inputArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({
  harms: fc.tuple(...Array.from({ length: n }, (_, i) => harmArb(`h${i}`))),
  mitigations: fc.array(mitigationArb(n), { maxLength: 10 }),
  legalBasis: fc.constantFrom<string | null>('law', null),
  verdict: fc.constantFrom('red_line' as const, 'no_red_line_found' as const, 'insufficient_information' as const),
})).map(({ harms, mitigations, legalBasis, verdict }) =>
  input({ harms, mitigations, legalBasis, screening: { verdict, redLines: verdict === 'red_line' ? ['r'] : [] } }));

/** The spec, restated: floors, then at most −1 per dimension for credited mitigations, never below the floor. */
function reference(h: Harm, ms: Mitigation[], credited: (m: Mitigation) => boolean) {
  const floor = {
    scale: GRAVE.has(h.right) ? 3 : 1, scope: h.disproportionate !== false ? 3 : 1, irremediability: 1,
    likelihood: h.subgroupData === 'missing' ? 3 : 1,
  };
  const inherent: Record<Dimension, number> = {
    scale: Math.max(h.scale, floor.scale), scope: Math.max(h.scope, floor.scope), irremediability: h.irremediability,
    likelihood: Math.max(h.likelihood === 'unknown' ? 3 : h.likelihood, floor.likelihood),
  };
  const after = { ...inherent };
  for (const dim of ['scale', 'scope', 'irremediability', 'likelihood'] as const) {
    if (ms.some((m) => m.harm === h.id && m.targets === dim && credited(m))) after[dim] = Math.max(inherent[dim] - 1, floor[dim]);
  }
  const sev = (d: Record<Dimension, number>) => Math.min(4, Math.max(d.scale, d.irremediability) + (d.scope >= 3 ? 1 : 0));
  let residualSeverity = sev(after);
  if (h.irremediability === 4) residualSeverity = Math.max(residualSeverity, 3);
  return {
    inherent: { ...inherent, severity: sev(inherent), band: handBand(sev(inherent) as Level, inherent.likelihood as Level) },
    after: { ...after, severity: residualSeverity, band: handBand(residualSeverity as Level, after.likelihood as Level) },
  };
}
const residualCredit = (m: Mitigation) => m.kind === 'measure' && m.status === 'implemented' && m.evidence.some((e) => e.trim() !== '') && m.review === 'accepted';
const projectedCredit = (m: Mitigation) => m.kind === 'measure' && m.review !== 'rejected';
const worst = (bands: Band[]) => bands.reduce<Band>((w, b) => (rank(b) > rank(w) ? b : w), 'low');

describe('properties', () => {
  it('every harm matches the reference model of the spec', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const s = scoreAssessment(inp);
      inp.harms.forEach((h, i) => {
        const got = s.harms[i]!;
        const r = reference(h, inp.mitigations, residualCredit);
        const p = reference(h, inp.mitigations, projectedCredit);
        expect(got.inherent).toEqual(r.inherent);
        expect(got.residual).toEqual(r.after);
        expect(got.projected).toEqual(p.after);
      });
    }), { numRuns: 500 });
  });

  it('the overall band is the worst per-harm band at every stage', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const s = scoreAssessment(inp);
      for (const stage of ['inherent', 'residual', 'projected'] as const) expect(s.overall[stage]).toBe(worst(s.harms.map((h) => h[stage].band)));
    }), { numRuns: 300 });
  });

  it('residual is never worse than inherent, and projected never worse than residual', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const s = scoreAssessment(inp);
      for (const h of s.harms) {
        for (const d of ['scale', 'scope', 'irremediability', 'likelihood', 'severity'] as const) {
          expect(h.residual[d]).toBeLessThanOrEqual(h.inherent[d]);
          expect(h.projected[d]).toBeLessThanOrEqual(h.residual[d]);
        }
        for (const d of ['scale', 'scope', 'irremediability', 'likelihood'] as const) expect(h.inherent[d] - h.projected[d]).toBeLessThanOrEqual(1);
        expect(rank(h.residual.band)).toBeLessThanOrEqual(rank(h.inherent.band));
        expect(rank(h.projected.band)).toBeLessThanOrEqual(rank(h.residual.band));
        if (h.inherent.irremediability === 4) expect(h.projected.severity).toBeGreaterThanOrEqual(3);
      }
      expect(rank(s.overall.residual)).toBeLessThanOrEqual(rank(s.overall.inherent));
      expect(rank(s.overall.projected)).toBeLessThanOrEqual(rank(s.overall.residual));
    }), { numRuns: 300 });
  });

  it('adding a low harm changes neither the bands nor the decision', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const before = scoreAssessment(inp);
      const after = scoreAssessment({ ...inp, harms: [...inp.harms, harm({ id: 'extra-low' })] });
      expect(after.overall).toEqual(before.overall);
      expect(after.decision).toBe(before.decision);
      expect(after.conditions).toEqual(before.conditions);
      expect(after.reassessBy).toBe(before.reassessBy);
      expect(after.haltGrounds).toEqual(before.haltGrounds);
    }), { numRuns: 300 });
  });

  it('halts exactly when there is a halt ground, and then has no date; a residual critical always halts', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const s = scoreAssessment(inp);
      expect(s.decision === 'halt').toBe(s.haltGrounds.length > 0);
      expect(s.reassessBy === null).toBe(s.decision === 'halt');
      if (s.overall.residual === 'critical') expect(s.decision).toBe('halt');
      if (s.decision !== 'halt' && s.overall.residual === 'high') expect(s.conditions).toEqual(expect.arrayContaining(SIX_MONTH_CONDITIONS));
    }), { numRuns: 300 });
  });

  it('the order of the mitigations does not matter', () => {
    fc.assert(fc.property(inputArb, (inp) => {
      const a = scoreAssessment(inp);
      const b = scoreAssessment({ ...inp, mitigations: [...inp.mitigations].reverse() });
      expect(b.harms).toEqual(a.harms);
      expect(b.decision).toBe(a.decision);
    }), { numRuns: 200 });
  });
});

// ---------------------------------------------------------------------------------------------
// The register's screening: an assessment's answer can add a red line, never lift one

describe("the register's red-line screening", () => {
  const NONE = { verdict: 'no_red_line_found' as const, redLines: [] };
  const UNSURE = { verdict: 'insufficient_information' as const, redLines: [] };
  const RED_AD = { verdict: 'red_line' as const, redLines: ['A', 'D'] };

  it.each([
    { name: 'the register finds red lines the answer denies', answered: NONE, register: RED_AD, expected: RED_AD },
    { name: 'the register cannot conclude; the answer says none', answered: NONE, register: UNSURE, expected: UNSURE },
    { name: 'the answer adds a red line the register does not find', answered: { verdict: 'red_line' as const, redLines: ['F'] }, register: NONE, expected: { verdict: 'red_line', redLines: ['F'] } },
    { name: 'both find red lines: all of them, in order', answered: { verdict: 'red_line' as const, redLines: ['F', 'A'] }, register: RED_AD, expected: { verdict: 'red_line', redLines: ['A', 'D', 'F'] } },
    { name: 'the answer is stricter than an unsure register', answered: UNSURE, register: NONE, expected: UNSURE },
    { name: 'no register screening: the answer', answered: NONE, register: undefined, expected: NONE },
  ])('$name', ({ answered, register, expected }) => {
    expect(stricterScreening(answered, register)).toEqual(expected);
  });

  it('halts a system the register screens as a red line, whatever the assessment answered, and says why', () => {
    const s = scoreAssessment(input({ screening: NONE, register: RED_AD }));
    expect(s.decision).toBe('halt');
    expect(s.haltGrounds).toEqual([{ kind: 'red_line', redLines: ['A', 'D'] }]);
    expect(s.steps).toContainEqual({ code: 'register_screening', verdict: 'red_line', redLines: ['A', 'D'], answered: 'no_red_line_found' });
  });

  it('an unsure register keeps a low-risk system to proceeding with conditions', () => {
    const s = scoreAssessment(input({ screening: NONE, register: UNSURE }));
    expect(s.decision).toBe('proceed_with_conditions');
    expect(s.conditions).toContain('complete_red_line_screening');
  });

  it('records no step when the answer is already as strict as the register', () => {
    const s = scoreAssessment(input({ screening: RED_AD, register: RED_AD }));
    expect(s.decision).toBe('halt');
    expect(s.steps.some((x) => x.code === 'register_screening')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// A reviewer's stricter decision carries that decision's terms

describe('a decision stricter than the engine', () => {
  const HIGH = harm({ scale: 3, likelihood: 2 }); // severity 3, L 2 → high → proceed with conditions
  it('proceeding with conditions on a low-risk system brings the conditions and re-assessment within 6 months of the decision', () => {
    const engine = scoreAssessment(input({ harms: [harm()] })); // low → proceed, 2028-03-15
    expect(engine.decision).toBe('proceed');
    const s = withStricterDecision(engine, 'proceed_with_conditions', '2026-04-01');
    expect(s.decision).toBe('proceed_with_conditions');
    expect(s.conditions).toEqual(['named_official_acceptance', 'independent_sign_off', 'conditions_verified_before_go_live', 'reassess_within_6_months']);
    expect(s.reassessBy).toBe('2026-10-01');
    expect(s.steps.at(-1)).toEqual({ code: 'stricter_decision', engine: 'proceed', decision: 'proceed_with_conditions', reassessBy: '2026-10-01' });
  });

  it('keeps the earlier of the engine\'s date and six months, and the engine\'s own conditions', () => {
    const engine = { ...scoreAssessment(input({ harms: [harm()], screening: { verdict: 'insufficient_information', redLines: [] } })), decision: 'proceed' as const, reassessBy: '2026-05-01' };
    const s = withStricterDecision(engine, 'proceed_with_conditions', '2026-04-01');
    expect(s.reassessBy).toBe('2026-05-01');
    expect(s.conditions).toContain('complete_red_line_screening');
  });

  it('halting has no re-assessment date and no conditions', () => {
    const engine = scoreAssessment(input({ harms: [HIGH] }));
    const s = withStricterDecision(engine, 'halt', '2026-04-01');
    expect(s).toMatchObject({ decision: 'halt', conditions: [], reassessBy: null });
  });

  it("the engine's own decision changes nothing, and a milder one is refused", () => {
    const engine = scoreAssessment(input({ harms: [HIGH] }));
    expect(withStricterDecision(engine, 'proceed_with_conditions', '2026-04-01')).toBe(engine);
    expect(() => withStricterDecision(engine, 'proceed', '2026-04-01')).toThrow(RangeError);
    expect(allowedDecisions('proceed_with_conditions')).toEqual(['halt', 'proceed_with_conditions']);
  });
});

