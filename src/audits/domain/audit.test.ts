import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditOptions, auditCounts, DEFAULT_AUDIT_OPTIONS, describeGroup } from './audit.ts';
import type { AuditInput, Counts, FinestCell } from './cells.ts';

const cell = (values: (string | null)[], counts: Counts): FinestCell => ({ values, counts });
const options = (overrides: Partial<AuditOptions> = {}): AuditOptions => ({ ...DEFAULT_AUDIT_OPTIONS, ...overrides });

// Predicted positive = flagged as high risk. Selection rates: DE,M 0.1; DE,F 0.1; SY,M 0.3; SY,F 0.4;
// SY with gender missing 0.5 (20 people, below minN = 30).
const log: AuditInput = {
  attributes: ['nationality', 'gender'],
  labelled: false,
  cells: [
    cell(['DE', 'M'], { n: 400, pp: 40 }),
    cell(['DE', 'F'], { n: 300, pp: 30 }),
    cell(['SY', 'M'], { n: 200, pp: 60 }),
    cell(['SY', 'F'], { n: 100, pp: 40 }),
    cell(['SY', null], { n: 20, pp: 10 }),
  ],
};

describe('auditCounts on a hand-computed log', () => {
  const result = auditCounts(log, options());
  const group = (attributes: Record<string, string | null>) => result.groups.find((g) => JSON.stringify(g.attributes) === JSON.stringify(attributes))!;

  it('chooses the largest group of each attribute as its reference', () => {
    // nationality: DE 700 > SY 320; gender: M 600 > F 400 > missing 20.
    expect(result.reference).toEqual({ nationality: 'DE', gender: 'M' });
    expect(result.overall).toMatchObject({ n: 1020, counts: { pp: 180 } });
  });

  it('lists every group, missing values included, with only selection rate and ppr without labels', () => {
    expect(result.groups.map((g) => describeGroup(g.attributes))).toEqual([
      'nationality = DE', 'nationality = SY', 'gender = F', 'gender = M', 'gender missing',
      'nationality = DE and gender = F', 'nationality = DE and gender = M', 'nationality = SY and gender = F',
      'nationality = SY and gender = M', 'nationality = SY and gender missing',
    ]);
    const sy = group({ nationality: 'SY' });
    expect(sy.n).toBe(320);
    expect(sy.counts).toEqual({ pp: 110 });
    expect(Object.keys(sy.metrics)).toEqual(['selection_rate', 'ppr']);
    // 110 / 320 = 0.34375; ppr = 110 / 180 = 0.6111.
    expect(sy.metrics.selection_rate!.value).toBe(0.34375);
    expect(sy.metrics.ppr!.value).toBeCloseTo(110 / 180, 15);
  });

  it('compares each group with its reference and adjusts over the whole report', () => {
    // Tested (both groups n ≥ 30, selection rate; ppr is never tested): SY vs DE, F vs M, (DE,F), (SY,M), (SY,F)
    // vs (DE,M). Chi-square p (all expected counts ≥ 5), e.g. SY vs DE: table [[110, 210], [70, 630]],
    // X² = 1020 × (110·630 − 210·70)² / (320 × 700 × 180 × 840) = 89.78125 → p = 2.66e−21.
    // Others: F vs M [[70, 330], [100, 500]] X² = 0.1181 → p = 0.73108; (DE,F) vs (DE,M) X² = 0 → p = 1;
    // (SY,M) [[60, 140], [40, 360]] X² = 38.4 → p = 5.763e−10; (SY,F) [[40, 60], [40, 360]] X² = 53.571 → p = 2.494e−13.
    // BH with m = 5, ranked: 2.66e−21 × 5 = 1.33e−20; 2.494e−13 × 5/2 = 6.234e−13; 5.763e−10 × 5/3 = 9.605e−10;
    // 0.73108 × 5/4 = 0.91385; 1 × 5/5 = 1.
    expect(result.family).toEqual({ correction: 'bh', tests: 5 });
    const sy = group({ nationality: 'SY' }).disparity.selection_rate!;
    expect(sy.reference).toEqual({ nationality: 'DE' });
    expect(sy.ratio).toBeCloseTo(3.4375, 12);
    expect(sy.difference).toBeCloseTo(0.24375, 12);
    expect(sy.test).toBe('chi_square');
    expect(sy.p! / 2.660033398120957e-21).toBeCloseTo(1, 6);
    expect(sy.q! / 1.33001670e-20).toBeCloseTo(1, 6);
    // Katz: Var = 1/110 − 1/320 + 1/70 − 1/700 = 0.018823 → [2.6270, 4.4981].
    expect(sy.ratio_ci![0]).toBeCloseTo(2.6270013726298145, 10);
    expect(sy.flagged).toBe(true);
    const female = group({ gender: 'F' }).disparity.selection_rate!;
    expect(female.ratio).toBeCloseTo(1.05, 12); // 0.175 / 0.16667
    expect(female.q).toBeCloseTo(0.913853776, 8);
    expect(female.flagged).toBe(false);
    const deF = group({ nationality: 'DE', gender: 'F' }).disparity.selection_rate!;
    expect(deF.reference).toEqual({ nationality: 'DE', gender: 'M' });
    expect(deF.ratio).toBe(1);
    expect(deF.q).toBe(1);
    const syM = group({ nationality: 'SY', gender: 'M' }).disparity.selection_rate!;
    expect(syM.reference).toEqual({ nationality: 'DE', gender: 'M' });
    expect(syM.q! / 9.60539938e-10).toBeCloseTo(1, 6);
    expect(group({ nationality: 'SY', gender: 'F' }).disparity.selection_rate!.q! / 6.23399119e-13).toBeCloseTo(1, 6);
    // References have no disparity; ppr is descriptive only.
    expect(group({ nationality: 'DE' }).disparity).toEqual({});
    expect(group({ nationality: 'DE', gender: 'M' }).disparity).toEqual({});
    const ppr = group({ nationality: 'SY' }).disparity.ppr!;
    expect(ppr.ratio).toBeCloseTo(110 / 70, 12);
    expect([ppr.p, ppr.q, ppr.test, ppr.flagged]).toEqual([null, null, null, false]);
  });

  it('lists groups too small to judge instead of testing them', () => {
    expect(result.tooSmall).toEqual([
      { attributes: { gender: null }, n: 20 },
      { attributes: { nationality: 'SY', gender: null }, n: 20 },
    ]);
    const missing = group({ gender: null }).disparity.selection_rate!;
    // 10/20 against 100/600: described (ratio 3.0), not tested, not flagged.
    expect(missing.ratio).toBeCloseTo(3, 12);
    expect([missing.p, missing.q, missing.flagged]).toEqual([null, null, false]);
  });

  it('writes each flagged finding as one plain sentence', () => {
    expect(result.findings.map((f) => f.sentence)).toEqual([
      'People with nationality = SY were selected at 3.44 times the rate of people with nationality = DE (34.4% against 10%; 95% CI 2.63–4.50; q < 0.001).',
      'People with nationality = SY and gender = F were selected at 4.00 times the rate of people with nationality = DE and gender = M (40% against 10%; 95% CI 2.74–5.85; q < 0.001).',
      'People with nationality = SY and gender = M were selected at 3.00 times the rate of people with nationality = DE and gender = M (30% against 10%; 95% CI 2.09–4.31; q < 0.001).',
    ]);
    expect(result.findings[0]).toMatchObject({ metric: 'selection_rate', n: 320, reference_n: 700, rate: 0.34375, reference_rate: 0.1 });
    const worded = auditCounts(log, options({ outcomePhrase: 'flagged as high risk' }));
    expect(worded.findings[0]!.sentence).toMatch(/^People with nationality = SY were flagged as high risk at 3\.44 times the rate/);
  });

  it('ranks the worst-off intersections with the attributes that drive them', () => {
    // With an unfavourable positive outcome a higher selection rate is worse: (SY,F) ratio 4, (SY,M) ratio 3;
    // (DE,F) has ratio 1 (not worse off); (SY, missing) has 20 < minSupport.
    expect(result.worstOff.map((w) => [describeGroup(w.attributes), w.ratio])).toEqual([
      ['nationality = SY and gender = F', expect.closeTo(4, 12)],
      ['nationality = SY and gender = M', expect.closeTo(3, 12)],
    ]);
    const [first, second] = result.worstOff;
    expect(first!.drivers).toEqual([
      { attribute: 'nationality', value: 'SY', n: 320, selection_rate: 0.34375, is_reference: false, ratio: expect.closeTo(3.4375, 12), ratio_ci: expect.any(Array), q: expect.any(Number), flagged: true },
      { attribute: 'gender', value: 'F', n: 400, selection_rate: 0.175, is_reference: false, ratio: expect.closeTo(1.05, 12), ratio_ci: expect.any(Array), q: expect.closeTo(0.913853776, 8), flagged: false },
    ]);
    // ln 4 > ln 3.4375 and > ln 1.05: worse than its parts. (SY,M)'s 3 is below SY's own 3.4375.
    expect(first!.worse_than_parts).toBe(true);
    expect(second!.worse_than_parts).toBe(false);
    expect(second!.drivers[1]).toMatchObject({ value: 'M', is_reference: true, ratio: null, q: null });
    expect(first).toMatchObject({ n: 100, selection_rate: 0.4, reference_selection_rate: 0.1, flagged: true });
    // A favourable positive outcome reverses the direction: a lower rate is worse. With the references kept
    // fixed, no intersection has a lower selection rate than (DE,M).
    const benefit = auditCounts(log, options({ positiveOutcome: 'favourable', reference: { kind: 'given', values: { nationality: 'DE', gender: 'M' } } }));
    expect(benefit.worstOff).toEqual([]);
    expect(auditCounts(log, options({ minSupport: 10 })).worstOff.map((w) => describeGroup(w.attributes))).toEqual([
      'nationality = SY and gender missing', // 0.5 / 0.1 = 5
      'nationality = SY and gender = F',
      'nationality = SY and gender = M',
    ]);
    expect(auditCounts(log, options({ worstOffTop: 1 })).worstOff).toHaveLength(1);
  });

  it('uses Holm when asked', () => {
    const holm = auditCounts(log, options({ correction: 'holm' }));
    // Holm over the same five p-values, ranked: 2.66e−21 × 5, 2.494e−13 × 4, 5.763e−10 × 3, 0.73108 × 2 → 1 (capped), 1 × 1 = 1.
    expect(holm.family.correction).toBe('holm');
    expect(holm.groups.find((g) => describeGroup(g.attributes) === 'gender = F')!.disparity.selection_rate!.q).toBe(1);
    expect(holm.groups.find((g) => describeGroup(g.attributes) === 'nationality = SY and gender = F')!.disparity.selection_rate!.q! / (4 * 2.4935964743260214e-13)).toBeCloseTo(1, 6);
  });
});

describe('findings in words', () => {
  it('says "never" when a group has none of the outcome, and handles a reference rate of 0', () => {
    // a = B: 0 of 200 selected against 40 of 400 for a = A. Katz with Haldane–Anscombe: 0.5/201 against 40.5/401,
    // Var = 1/0.5 − 1/201 + 1/40.5 − 1/401 = 2.01722, se = 1.42029; upper = (0.5/201)/(40.5/401) × e^(1.959964 × 1.42029) = 0.3985.
    const never: AuditInput = { attributes: ['a'], labelled: false, cells: [cell(['A'], { n: 400, pp: 40 }), cell(['B'], { n: 200, pp: 0 })] };
    expect(auditCounts(never, options()).findings.map((f) => f.sentence)).toEqual([
      'People with a = B were never selected, against 10% of people with a = A (95% CI 0–0.40; q < 0.001).',
    ]);
    // Reference (majority) never selected: the ratio is infinite, reported as null and outside the bounds.
    const zeroReference: AuditInput = { attributes: ['a'], labelled: false, cells: [cell(['A'], { n: 400, pp: 0 }), cell(['B'], { n: 200, pp: 20 })] };
    const r = auditCounts(zeroReference, options());
    expect(r.groups[1]!.disparity.selection_rate).toMatchObject({ ratio: null, ratio_ci: null, difference: 0.1, flagged: true });
    expect(r.findings[0]!.sentence).toMatch(/^People with a = B were selected at a rate of 10%, while none of the people with a = A were \(q < 0\.001\)\.$/);
  });
});

describe('reference groups', () => {
  it('takes given values, and the majority for attributes left out', () => {
    expect(auditCounts(log, options({ reference: { kind: 'given', values: { nationality: 'SY' } } })).reference).toEqual({ nationality: 'SY', gender: 'M' });
    expect(() => auditCounts(log, options({ reference: { kind: 'given', values: { nationality: 'FR' } } }))).toThrow(/No rows have nationality = FR; the values seen are DE, SY/);
    expect(() => auditCounts(log, options({ reference: { kind: 'given', values: { religion: 'X' } } }))).toThrow(/not a protected attribute/);
  });

  it('takes the most favourable group: the lowest selection rate when the positive outcome is unfavourable', () => {
    // gender: M 100/600 = 0.1667, F 70/400 = 0.175, missing 0.5 (never a reference while a value exists).
    expect(auditCounts(log, options({ reference: { kind: 'favourable' } })).reference).toEqual({ nationality: 'DE', gender: 'M' });
    expect(auditCounts(log, options({ reference: { kind: 'favourable' }, positiveOutcome: 'favourable' })).reference).toEqual({ nationality: 'SY', gender: 'F' });
  });

  it('breaks ties: majority by the first value, favourable by the larger group then the first value', () => {
    const tied: AuditInput = {
      attributes: ['a'],
      labelled: false,
      cells: [cell(['y'], { n: 50, pp: 5 }), cell(['x'], { n: 50, pp: 10 }), cell(['z'], { n: 100, pp: 10 }), cell(['w'], { n: 100, pp: 20 })],
    };
    // Majority: w and z both 100 → w. Favourable (lowest rate): y 0.1 and z 0.1 → z (larger).
    expect(auditCounts(tied, options()).reference).toEqual({ a: 'w' });
    expect(auditCounts(tied, options({ reference: { kind: 'favourable' } })).reference).toEqual({ a: 'z' });
    // Favourable with a benefit (highest rate): x 0.2 and w 0.2 → w (larger).
    expect(auditCounts(tied, options({ reference: { kind: 'favourable' }, positiveOutcome: 'favourable' })).reference).toEqual({ a: 'w' });
    // Groups below minN are not candidates for the favourable reference while a larger one exists.
    expect(auditCounts(tied, options({ reference: { kind: 'favourable' }, minN: 80 })).reference).toEqual({ a: 'z' });
  });

  it('never takes the missing group while a value exists, even when it is the largest', () => {
    const mostlyMissing: AuditInput = { attributes: ['a'], labelled: false, cells: [cell([null], { n: 500, pp: 5 }), cell(['x'], { n: 40, pp: 4 })] };
    expect(auditCounts(mostlyMissing, options()).reference).toEqual({ a: 'x' });
    const allMissing: AuditInput = { attributes: ['a'], labelled: false, cells: [cell([null], { n: 500, pp: 5 })] };
    expect(auditCounts(allMissing, options()).reference).toEqual({ a: null });
  });

  it('lists an intersection reference with no rows as too small', () => {
    // References: nationality DE (300 of 650), gender M (350 against 300); (DE, M) has no rows.
    const sparse: AuditInput = {
      attributes: ['nationality', 'gender'],
      labelled: false,
      cells: [cell(['DE', 'F'], { n: 300, pp: 30 }), cell(['SY', 'M'], { n: 250, pp: 25 }), cell(['FR', 'M'], { n: 100, pp: 10 })],
    };
    const r = auditCounts(sparse, options());
    expect(r.reference).toEqual({ nationality: 'DE', gender: 'M' });
    expect(r.tooSmall).toEqual([{ attributes: { nationality: 'DE', gender: 'M' }, n: 0 }]);
    expect(r.groups.filter((g) => Object.keys(g.attributes).length === 2).every((g) => Object.keys(g.disparity).length === 0)).toBe(true);
    expect(r.worstOff).toEqual([]);
  });
});

describe('a labelled log', () => {
  // a = A (1000 people): tp 200, fp 100, fn 100, tn 600. a = B (500): tp 50, fp 100, fn 50, tn 300.
  // Both are selected at 0.3, but B's false positive rate is 100/400 = 0.25 against 100/700 = 0.142857.
  const labelled: AuditInput = {
    attributes: ['a'],
    labelled: true,
    cells: [cell(['A'], { n: 1000, pp: 300, tp: 200, fp: 100, fn: 100, tn: 600 }), cell(['B'], { n: 500, pp: 150, tp: 50, fp: 100, fn: 50, tn: 300 })],
  };
  const result = auditCounts(labelled, options());
  const b = result.groups[1]!;

  it('compares every metric, and flags only ratios outside the bounds', () => {
    expect(Object.keys(b.metrics)).toEqual(['selection_rate', 'ppr', 'prevalence', 'tpr', 'tnr', 'fpr', 'fnr', 'precision', 'npv', 'fdr', 'for']);
    expect(b.counts).toEqual({ pp: 150, tp: 50, fp: 100, fn: 50, tn: 300 });
    // Ten tested metrics (ppr is descriptive). fpr: table [[100, 300], [100, 600]],
    // X² = 1500 × (100·600 − 300·100)² / (400 × 700 × 200 × 1300) = 19.642857 → p = 9.335e−6; BH rank 3 of 10 (tied with tnr,
    // same p): q = min(9.335e−6 × 10/4, …) = 2.334e−5. Katz: Var = 1/100 − 1/400 + 1/100 − 1/700 = 0.016071 → [1.3650, 2.2436].
    expect(result.family.tests).toBe(10);
    const fpr = b.disparity.fpr!;
    expect(fpr.ratio).toBeCloseTo(1.75, 12);
    expect(fpr.ratio_ci![0]).toBeCloseTo(1.364987133845271, 10);
    expect(fpr.ratio_ci![1]).toBeCloseTo(2.2436108913149297, 10);
    expect(fpr.p! / 9.33516268136004e-6).toBeCloseTo(1, 6);
    expect(fpr.q! / 2.33379067034001e-5).toBeCloseTo(1, 6);
    // tnr: ratio 0.875 is significant but inside [0.8, 1.25]: not flagged. Selection rate, npv and for: ratio 1.
    expect(b.disparity.tnr!.flagged).toBe(false);
    expect(b.disparity.tnr!.q!).toBeLessThan(0.05);
    expect(result.findings.map((f) => f.metric)).toEqual(['prevalence', 'tpr', 'fpr', 'fnr', 'precision', 'fdr']);
    expect(result.findings.find((f) => f.metric === 'fpr')!.sentence).toBe(
      'People with a = B had a false positive rate (the share of those whose true label is negative who were selected) 1.75 times that of people with a = A (25% against 14.3%; 95% CI 1.36–2.24; q < 0.001).',
    );
    expect(result.worstOff).toEqual([]);
  });

  it('widens the bounds when asked, and keeps nothing when alpha is tiny', () => {
    expect(auditCounts(labelled, options({ ratioBounds: [0.4, 2.5] })).findings).toEqual([]);
    expect(auditCounts(labelled, options({ alpha: 1e-12 })).findings).toEqual([]);
  });

  it('does not test groups below minN', () => {
    const r = auditCounts(labelled, options({ minN: 600 }));
    expect(r.family.tests).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.tooSmall).toEqual([{ attributes: { a: 'B' }, n: 500 }]);
  });

  it('refuses bad options', () => {
    expect(() => auditCounts(labelled, options({ alpha: 0 }))).toThrow(/alpha/);
    expect(() => auditCounts(labelled, options({ ratioBounds: [1.2, 0.8] }))).toThrow(/ratio bounds/);
    expect(() => auditCounts(labelled, options({ maxOrder: 0 }))).toThrow(/maxOrder/);
  });
});

// Random logs for the properties: 1–3 attributes with values A, B, C or missing, labelled or not.
const VALUES = ['A', 'B', 'C', null] as const;
const labelledCounts: fc.Arbitrary<Counts> = fc
  .tuple(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40))
  .map(([tp, fp, fn, tn]) => ({ n: tp + fp + fn + tn, pp: tp + fp, tp, fp, fn, tn }));
const unlabelledCounts: fc.Arbitrary<Counts> = fc.nat(120).chain((n) => fc.nat(n).map((pp) => ({ n, pp })));
const arbitraryLog = (counts?: (labelled: boolean) => fc.Arbitrary<Counts>): fc.Arbitrary<AuditInput> =>
  fc.record({ attributes: fc.integer({ min: 1, max: 3 }), labelled: fc.boolean() }).chain(({ attributes, labelled }) =>
    fc
      .array(
        fc.record({
          values: fc.array(fc.constantFrom(...VALUES), { minLength: attributes, maxLength: attributes }),
          counts: counts ? counts(labelled) : labelled ? labelledCounts : unlabelledCounts,
        }) as fc.Arbitrary<FinestCell>,
        { minLength: 1, maxLength: 14 },
      )
      .map((cells) => ({ attributes: ['a', 'b', 'c'].slice(0, attributes), labelled, cells })),
  );
const arbitraryOptions: fc.Arbitrary<AuditOptions> = fc.record({
  reference: fc.constantFrom<AuditOptions['reference']>({ kind: 'majority' }, { kind: 'favourable' }),
  correction: fc.constantFrom<'bh' | 'holm'>('bh', 'holm'),
  minN: fc.integer({ min: 0, max: 40 }),
  minSupport: fc.integer({ min: 0, max: 40 }),
  positiveOutcome: fc.constantFrom<'favourable' | 'unfavourable'>('favourable', 'unfavourable'),
}).map((o) => options(o));

describe('properties of the audit', () => {
  it('does not depend on the order of the finest cells', () => {
    fc.assert(
      fc.property(
        arbitraryLog().chain((log) => fc.tuple(fc.constant(log), fc.shuffledSubarray(log.cells, { minLength: log.cells.length, maxLength: log.cells.length }))),
        arbitraryOptions,
        ([log, shuffled], opts) => {
          expect(auditCounts({ ...log, cells: shuffled }, opts)).toEqual(auditCounts(log, opts));
        },
      ),
    );
  });

  it('flags nothing when every cell has the same rates (counts proportional)', () => {
    // One base cell of counts, multiplied by 1–25 in each finest cell: every group has exactly the same rates.
    const base = fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6), fc.nat(6)).filter(([tp, fp, fn, tn]) => tp + fp + fn + tn > 0);
    fc.assert(
      fc.property(
        base.chain(([tp, fp, fn, tn]) =>
          arbitraryLog((labelled) =>
            fc.integer({ min: 1, max: 25 }).map((k) =>
              labelled ? { n: k * (tp + fp + fn + tn), pp: k * (tp + fp), tp: k * tp, fp: k * fp, fn: k * fn, tn: k * tn } : { n: k * (tp + fp + fn + tn), pp: k * (tp + fp) },
            ),
          ),
        ),
        arbitraryOptions,
        (log, opts) => {
          const r = auditCounts(log, { ...opts, minN: 0 });
          expect(r.findings).toEqual([]);
          for (const g of r.groups) {
            for (const [metric, d] of Object.entries(g.disparity)) {
              expect(d!.flagged).toBe(false);
              if (metric !== 'ppr' && d!.ratio !== null) expect(d!.ratio).toBe(1);
              if (metric !== 'ppr') expect(d!.difference).toBe(0);
            }
          }
          expect(r.worstOff).toEqual([]);
        },
      ),
    );
  });

  it('keeps every metric in [0, 1] with its interval around it, and every q in [p, 1]', () => {
    fc.assert(
      fc.property(arbitraryLog(), arbitraryOptions, (log, opts) => {
        const r = auditCounts(log, opts);
        for (const g of [r.overall, ...r.groups]) {
          for (const rate of Object.values(g.metrics)) {
            if (rate!.value === null) {
              expect(rate!.ci).toBeNull();
              continue;
            }
            const [low, high] = rate!.ci!;
            expect(0 <= low && low <= rate!.value && rate!.value <= high && high <= 1).toBe(true);
          }
        }
        for (const g of r.groups) {
          expect(Object.keys(g.metrics)).toEqual(log.labelled ? ['selection_rate', 'ppr', 'prevalence', 'tpr', 'tnr', 'fpr', 'fnr', 'precision', 'npv', 'fdr', 'for'] : ['selection_rate', 'ppr']);
          for (const d of Object.values(g.disparity)) {
            if (d!.ratio !== null && d!.ratio_ci) expect(d!.ratio_ci[0] <= d!.ratio && d!.ratio <= d!.ratio_ci[1]).toBe(true);
            if (d!.p === null) {
              expect(d!.q).toBeNull();
              expect(d!.flagged).toBe(false);
            } else {
              expect(d!.p).toBeGreaterThanOrEqual(0);
              expect(d!.q!).toBeGreaterThanOrEqual(d!.p);
              expect(d!.q!).toBeLessThanOrEqual(1);
            }
          }
          // Every group below minN is listed as too small.
          if (g.n! < opts.minN) expect(r.tooSmall).toContainEqual({ attributes: g.attributes, n: g.n });
        }
        expect(r.findings.length).toBe(r.groups.reduce((sum, g) => sum + Object.values(g.disparity).filter((d) => d!.flagged).length, 0));
      }),
    );
  });
});
