import type { Condition, Decision, HaltGround, Score, ScreeningVerdict, Step } from './scoring.ts';

// The scoring's reasoning in English words, one line per step, for the command line.

const DIMENSION_NAMES = { scale: 'scale S', scope: 'scope C', irremediability: 'irremediability R', likelihood: 'likelihood L' } as const;

const NOT_COUNTED = {
  consultation: 'a consultation never earns mitigation credit',
  not_implemented: 'it is only planned (it counts in the projected residual)',
  no_evidence: 'it is implemented but no evidence is given',
  not_accepted: 'the reviewer has not accepted it yet',
  rejected: 'the reviewer rejected it',
  dimension_already_lowered: 'another mitigation already lowered that dimension, which falls by 1 at most',
  at_minimum: 'that dimension is already at 1',
} as const;

const FLOOR_TEXT = {
  scale: 'scale S stays at least 3 when an absolute right or liberty is engaged',
  scope: 'scope C stays at least 3 while the harm falls (or may fall) disproportionately on a protected or intersectional group',
  irremediability: 'irremediability R has no floor',
  likelihood: 'likelihood L stays at least 3 while disaggregated data for the affected groups are missing',
} as const;

export const DECISION_TEXT: Record<Decision, string> = {
  halt: 'HALT: the system must not be deployed (or must stop)',
  proceed_with_conditions: 'PROCEED WITH CONDITIONS',
  proceed: 'PROCEED',
};

const VERDICT_TEXT: Record<ScreeningVerdict, string> = {
  red_line: 'falls under a red line',
  no_red_line_found: 'no red line found',
  insufficient_information: 'not enough information to conclude',
};

export const CONDITION_TEXT: Record<Condition, string> = {
  named_official_acceptance: 'a named official accepts the residual high risk, in writing',
  independent_sign_off: 'the independent oversight body signs off',
  conditions_verified_before_go_live: 'the conditions are verified before the system goes live',
  reassess_within_6_months: 'the assessment is repeated within 6 months',
  complete_red_line_screening: 'the red-line screening is completed (it could not conclude): a red line would halt the system',
};

export function haltGroundText(g: HaltGround): string {
  switch (g.kind) {
    case 'red_line': return `the red-line screening found red line${g.redLines.length > 1 ? 's' : ''} ${g.redLines.join(', ')}`;
    case 'no_legal_basis': return 'there is no legal basis';
    case 'less_intrusive_alternative': return `a less intrusive alternative meets the aim: ${g.alternative}`;
    case 'critical_risk_to_grave_right': return `harm ${g.harm} keeps a critical residual risk to an absolute right or liberty (${g.right.replaceAll('_', ' ')})`;
    case 'residual_critical': return `harm ${g.harm} keeps a critical residual risk`;
    case 'automated_adverse_decision_without_contest': return `solely automated adverse decisions on ${g.areas.join(', ')}, with no way to contest them`;
  }
}

export function stepText(s: Step): string {
  switch (s.code) {
    case 'scale_floor_grave_right': return `${s.harm}: ${s.right.replaceAll('_', ' ')} is an absolute right or liberty, so scale S rises from ${s.from} to 3`;
    case 'scope_floor_disproportionate': return `${s.harm}: it ${s.unknown ? 'may fall (not known otherwise)' : 'falls'} disproportionately on a protected or intersectional group, so scope C rises from ${s.from} to 3`;
    case 'likelihood_unknown': return `${s.harm}: likelihood unknown, counted as L = 3`;
    case 'likelihood_floor_missing_subgroup_data': return `${s.harm}: no disaggregated data for the groups it may affect, so likelihood L rises from ${s.from} to 3`;
    case 'severity': return `${s.harm} (${s.stage}): severity = max(S ${s.scale}, R ${s.irremediability})${s.scope >= 3 ? ` + 1 for scope C ${s.scope} ≥ 3` : ''}${s.severity === 4 && Math.max(s.scale, s.irremediability) + (s.scope >= 3 ? 1 : 0) > 4 ? ', capped at 4' : ''} = ${s.severity}`;
    case 'band': return `${s.harm} (${s.stage}): severity ${s.severity} × likelihood ${s.likelihood} → ${s.band}`;
    case 'mitigation_counted': return `${s.harm} (${s.stage}): mitigation ${s.mitigation} lowers ${DIMENSION_NAMES[s.dimension]} from ${s.from} to ${s.to}`;
    case 'mitigation_not_counted': return `${s.harm}: mitigation ${s.mitigation} (on ${DIMENSION_NAMES[s.dimension]}) does not count: ${s.reason === 'floor' ? FLOOR_TEXT[s.dimension] : NOT_COUNTED[s.reason]}`;
    case 'overall': return `overall ${s.stage} risk: ${s.band}, the worst band of any harm (${s.harms.join(', ')}), never a sum or an average`;
    case 'halt_ground': return `halts whatever the score: ${haltGroundText(s.ground)}`;
    case 'decision': return `decision: ${DECISION_TEXT[s.decision]}${s.reassessBy ? `; re-assess by ${s.reassessBy}` : ''}`;
    case 'register_screening': return `the register's red-line screening of this deployment (${VERDICT_TEXT[s.verdict]}${s.redLines.length ? `: ${s.redLines.join(', ')}` : ''}) is stricter than this assessment's answer (${VERDICT_TEXT[s.answered]}), so the register's counts: an answer can add a red line, never lift one`;
    case 'stricter_decision': return `the oversight body decided ${DECISION_TEXT[s.decision]}, stricter than the engine's ${DECISION_TEXT[s.engine]}${s.reassessBy ? `; re-assess by ${s.reassessBy}` : ''}`;
  }
}

/** The score as text: per-harm bands, overall result, decision, conditions, then every step. */
export function scoreText(title: string, score: Score): string {
  const lines = [`${title}`, '', 'Harms (inherent → residual; projected with planned mitigations):'];
  for (const h of score.harms) {
    lines.push(`  ${h.harm} (${h.right.replaceAll('_', ' ')}): ${h.inherent.band} (S${h.inherent.severity}×L${h.inherent.likelihood}) → ${h.residual.band} (S${h.residual.severity}×L${h.residual.likelihood}); projected ${h.projected.band}`);
  }
  lines.push('', `Overall: inherent ${score.overall.inherent}, residual ${score.overall.residual}, projected ${score.overall.projected}`);
  lines.push(`Decision: ${DECISION_TEXT[score.decision]}`);
  for (const g of score.haltGrounds) lines.push(`  because ${haltGroundText(g)}`);
  for (const c of score.conditions) lines.push(`  condition: ${CONDITION_TEXT[c]}`);
  if (score.reassessBy) lines.push(`Re-assess by: ${score.reassessBy}`);
  lines.push('', 'How this was reached:', ...score.steps.map((s, i) => `  ${String(i + 1).padStart(3)}. ${stepText(s)}`));
  return lines.join('\n');
}
