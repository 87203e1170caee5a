import { REASSESS_MONTHS, type Band, type Condition, type Decision, type DecisionArea, type Dimension, type HaltGround, type Right, type ScreeningVerdict, type Stage, type Step } from '../domain/scoring.ts';

// The scoring's reasoning in the reader's language, for the public pages: the same rules and numbers
// as explain-score.ts (the command line's English), worded from src/assessments/messages/*.json.

/** What these functions need of a translator: the platform's Translator has it, and so does a test's. */
export type ScoreTranslator = {
  locale: string;
  t(key: string, values?: Record<string, string | number>): string;
  list(items: readonly string[]): string;
};

const K = 'assessment.score.';

export const bandWord = (t: ScoreTranslator, band: Band): string => t.t(`${K}band.${band}`);
export const stageWord = (t: ScoreTranslator, stage: Stage): string => t.t(`${K}stage.${stage}`);
export const decisionWord = (t: ScoreTranslator, decision: Decision): string => t.t(`${K}decision.${decision}`);
export const verdictWord = (t: ScoreTranslator, verdict: ScreeningVerdict): string => t.t(`${K}verdict.${verdict}`);
export const rightWord = (t: ScoreTranslator, right: Right): string => t.t(`${K}right.${right}`);
export const areaWord = (t: ScoreTranslator, area: DecisionArea): string => t.t(`${K}area.${area}`);
export const dimensionWord = (t: ScoreTranslator, dimension: Dimension): string => t.t(`${K}dimension.${dimension}`);

export function conditionWord(t: ScoreTranslator, condition: Condition): string {
  // The only condition with a number: the months until re-assessment after a high residual risk.
  return condition === 'reassess_within_6_months'
    ? t.t(`${K}condition.${condition}`, { months: REASSESS_MONTHS.high })
    : t.t(`${K}condition.${condition}`);
}

export function haltGroundWords(t: ScoreTranslator, g: HaltGround): string {
  const key = `${K}halt.${g.kind}`;
  switch (g.kind) {
    case 'red_line': return t.t(key, { count: g.redLines.length, redLines: t.list(g.redLines) });
    case 'no_legal_basis': return t.t(key);
    case 'less_intrusive_alternative': return t.t(key, { alternative: g.alternative });
    case 'critical_risk_to_grave_right': return t.t(key, { harm: g.harm, right: rightWord(t, g.right) });
    case 'residual_critical': return t.t(key, { harm: g.harm });
    case 'automated_adverse_decision_without_contest': return t.t(key, { count: g.areas.length, areas: t.list(g.areas.map((a) => areaWord(t, a))) });
  }
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

export function stepWords(t: ScoreTranslator, s: Step): string {
  const key = `${K}step.${s.code}`;
  switch (s.code) {
    case 'scale_floor_grave_right': return t.t(key, { harm: s.harm, right: rightWord(t, s.right), from: s.from });
    case 'scope_floor_disproportionate': return t.t(key, { harm: s.harm, unknown: yes(s.unknown), from: s.from });
    case 'likelihood_unknown': return t.t(key, { harm: s.harm });
    case 'likelihood_floor_missing_subgroup_data': return t.t(key, { harm: s.harm, from: s.from });
    case 'severity': {
      // Severity = max(S, R), + 1 when the scope is 3 or more, capped at 4 (as in severityOf).
      const bonus = s.scope >= 3;
      const capped = s.severity === 4 && Math.max(s.scale, s.irremediability) + (bonus ? 1 : 0) > 4;
      return t.t(key, {
        harm: s.harm, stage: stageWord(t, s.stage), scale: s.scale, irremediability: s.irremediability,
        scope: s.scope, bonus: yes(bonus), capped: yes(capped), severity: s.severity,
      });
    }
    case 'band': return t.t(key, { harm: s.harm, stage: stageWord(t, s.stage), severity: s.severity, likelihood: s.likelihood, band: bandWord(t, s.band) });
    // The dimension goes in as its code: each language words it with the article its sentence needs.
    case 'mitigation_counted': return t.t(key, { harm: s.harm, stage: stageWord(t, s.stage), mitigation: s.mitigation, dimension: s.dimension, from: s.from, to: s.to });
    case 'mitigation_not_counted': return t.t(key, {
      harm: s.harm, mitigation: s.mitigation, dimension: s.dimension,
      reason: s.reason === 'floor' ? t.t(`${K}floor.${s.dimension}`) : t.t(`${K}notCounted.${s.reason}`),
    });
    case 'overall': return t.t(key, { stage: stageWord(t, s.stage), band: bandWord(t, s.band), harms: t.list(s.harms) });
    case 'halt_ground': return t.t(key, { ground: haltGroundWords(t, s.ground) });
    case 'decision': return t.t(key, { decision: decisionWord(t, s.decision), reassess: yes(!!s.reassessBy), reassessBy: s.reassessBy ?? '' });
    case 'register_screening': return t.t(key, { verdict: verdictWord(t, s.verdict), count: s.redLines.length, redLines: t.list(s.redLines), answered: verdictWord(t, s.answered) });
    case 'stricter_decision': return t.t(key, { decision: decisionWord(t, s.decision), engine: decisionWord(t, s.engine), reassess: yes(!!s.reassessBy), reassessBy: s.reassessBy ?? '' });
  }
}
