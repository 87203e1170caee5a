// The scoring of an impact assessment: per harm, severity and likelihood on 1–4 scales, a band by
// matrix, mitigations that count only when proven, and a decision that no number of small harms can
// outweigh. Pure: every result is a function of the assessment's facts, and every step is explained.

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/** The four dimensions of a harm: scale S, scope C, irremediability R, likelihood L. */
export const DIMENSIONS = ['scale', 'scope', 'irremediability', 'likelihood'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The rights a harm can engage (the briefing's list, and those the Charter and the conventions add). */
export const RIGHTS = [
  'non_discrimination', 'privacy', 'data_protection', 'life', 'freedom_from_ill_treatment', 'seeking_asylum', 'liberty',
  'non_refoulement', 'fair_trial', 'effective_remedy', 'good_administration', 'work', 'social_protection', 'health',
  'education', 'housing', 'family_life', 'freedom_of_movement', 'expression_and_information', 'assembly_and_association',
  'rights_of_the_child', 'rights_of_persons_with_disabilities', 'other',
] as const;
export type Right = (typeof RIGHTS)[number];

/**
 * Rights whose engagement sets the scale to at least 3: absolute or non-derogable rights and liberty
 * (non-refoulement, ill-treatment, detention, asylum; and life, which admits no derogation either).
 */
export const GRAVE_RIGHTS: ReadonlySet<Right> = new Set<Right>(['non_refoulement', 'freedom_from_ill_treatment', 'liberty', 'seeking_asylum', 'life']);

export type Harm = {
  id: string;
  right: Right;
  description: string;
  scale: Level;
  scope: Level;
  irremediability: Level;
  likelihood: Level | 'unknown';
  /** Whether it falls disproportionately on a protected or intersectional group; "unknown" counts as yes. */
  disproportionate: boolean | 'unknown';
  /** Whether disaggregated data exist for the groups it may affect (e.g. a published audit). */
  subgroupData: 'available' | 'missing';
};

export type Mitigation = {
  id: string;
  harm: string;
  targets: Dimension;
  description: string;
  /** A consultation is how harms are found and measures chosen: it never earns credit itself. */
  kind: 'measure' | 'consultation';
  status: 'planned' | 'implemented';
  evidence: string[];
  review: 'pending' | 'accepted' | 'rejected';
};

export type Alternative = { name: string; lessIntrusive: boolean; meetsAim: boolean; kept: boolean; reason: string };

/** Decisions on these are where a solely automated adverse decision is a red line without a way to contest it. */
export const PROTECTED_DECISION_AREAS = ['asylum', 'visa', 'residence', 'detention'] as const;
export const DECISION_AREAS = [...PROTECTED_DECISION_AREAS, 'border_crossing', 'welfare', 'employment', 'policing', 'other'] as const;
export type DecisionArea = (typeof DECISION_AREAS)[number];

/** How the system's output reaches the decision (an assessment must know it: there is no "unknown"). */
export const DECISION_ROLES = ['fully_automated', 'decision_support', 'none'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

export type ScreeningVerdict = 'red_line' | 'no_red_line_found' | 'insufficient_information';
export type ScreeningResult = { verdict: ScreeningVerdict; redLines: string[] };

export type ScoringInput = {
  /** The assessment's date: re-assessment dates count from it (YYYY-MM-DD). */
  assessedOn: string;
  screening: ScreeningResult;
  /**
   * The register's own red-line screening of the deployment, when the assessment is of one: the
   * stricter of it and the assessment's answer counts, so an answer can add a red line, never lift one.
   */
  register?: ScreeningResult;
  legalBasis: string | null;
  alternatives: Alternative[];
  context: { decisionRole: DecisionRole; decisionAreas: DecisionArea[]; adverseDecisions: boolean; contestable: boolean };
  harms: Harm[];
  mitigations: Mitigation[];
};

export type Band = 'low' | 'medium' | 'high' | 'critical';
export const BANDS: readonly Band[] = ['low', 'medium', 'high', 'critical'];
const worse = (a: Band, b: Band): Band => (BANDS.indexOf(a) >= BANDS.indexOf(b) ? a : b);

/** Severity (rows, 1–4) × likelihood (columns, 1–4). Critical: severity 4 with L ≥ 2, or severity 3 with L = 4. */
export const BAND_MATRIX: Readonly<Record<Level, readonly [Band, Band, Band, Band]>> = {
  4: ['high', 'critical', 'critical', 'critical'],
  3: ['medium', 'high', 'high', 'critical'],
  2: ['low', 'medium', 'medium', 'high'],
  1: ['low', 'low', 'low', 'medium'],
};

export const bandOf = (severity: Level, likelihood: Level): Band => BAND_MATRIX[severity][likelihood - 1]!;

/** One step of the reasoning, as data (the code names the rule; the CLI and the pages word it). */
export type Step =
  | { code: 'scale_floor_grave_right'; harm: string; right: Right; from: Level }
  | { code: 'scope_floor_disproportionate'; harm: string; from: Level; unknown: boolean }
  | { code: 'likelihood_unknown'; harm: string }
  | { code: 'likelihood_floor_missing_subgroup_data'; harm: string; from: Level }
  | { code: 'severity'; harm: string; stage: Stage; scale: Level; scope: Level; irremediability: Level; severity: Level }
  | { code: 'band'; harm: string; stage: Stage; severity: Level; likelihood: Level; band: Band }
  | { code: 'mitigation_counted'; harm: string; mitigation: string; dimension: Dimension; from: Level; to: Level; stage: 'residual' | 'projected' }
  | { code: 'mitigation_not_counted'; harm: string; mitigation: string; dimension: Dimension; reason: 'consultation' | 'not_implemented' | 'no_evidence' | 'not_accepted' | 'rejected' | 'dimension_already_lowered' | 'at_minimum' | 'floor' }
  | { code: 'overall'; stage: Stage; band: Band; harms: string[] }
  | { code: 'halt_ground'; ground: HaltGround }
  | { code: 'register_screening'; verdict: ScreeningVerdict; redLines: string[]; answered: ScreeningVerdict }
  | { code: 'decision'; decision: Decision; reassessBy: string | null }
  | { code: 'stricter_decision'; engine: Decision; decision: Decision; reassessBy: string | null };

export type Stage = 'inherent' | 'residual' | 'projected';

export type HaltGround =
  | { kind: 'red_line'; redLines: string[] }
  | { kind: 'no_legal_basis' }
  | { kind: 'less_intrusive_alternative'; alternative: string }
  | { kind: 'critical_risk_to_grave_right'; harm: string; right: Right }
  | { kind: 'residual_critical'; harm: string }
  | { kind: 'automated_adverse_decision_without_contest'; areas: DecisionArea[] };

export type Decision = 'halt' | 'proceed_with_conditions' | 'proceed';

export type Condition = 'named_official_acceptance' | 'independent_sign_off' | 'conditions_verified_before_go_live' | 'reassess_within_6_months' | 'complete_red_line_screening';

export type Dimensions = { scale: Level; scope: Level; irremediability: Level; likelihood: Level };
export type Estimate = Dimensions & { severity: Level; band: Band };
export type HarmScore = { harm: string; right: Right; inherent: Estimate; residual: Estimate; projected: Estimate };

export type Score = {
  harms: HarmScore[];
  overall: { inherent: Band; residual: Band; projected: Band };
  haltGrounds: HaltGround[];
  decision: Decision;
  conditions: Condition[];
  /** When the assessment must be repeated at the latest (YYYY-MM-DD); null when the system must halt. */
  reassessBy: string | null;
  steps: Step[];
};

/** Months until re-assessment by the worst residual band, when the system may proceed. */
export const REASSESS_MONTHS: Readonly<Record<Exclude<Band, 'critical'>, number>> = { high: 6, medium: 12, low: 24 };

const clamp = (n: number): Level => Math.max(1, Math.min(4, n)) as Level;

/** Severity = max(S, R), plus 1 when the scope is 3 or more, capped at 4: a wide harm never averages a grave one away. */
export const severityOf = (d: Pick<Dimensions, 'scale' | 'scope' | 'irremediability'>): Level =>
  clamp(Math.max(d.scale, d.irremediability) + (d.scope >= 3 ? 1 : 0));

/** Why a mitigation does not count towards the residual risk, or null when it does. */
function withheld(m: Mitigation): Extract<Step, { code: 'mitigation_not_counted' }>['reason'] | null {
  if (m.kind === 'consultation') return 'consultation';
  if (m.review === 'rejected') return 'rejected';
  if (m.status !== 'implemented') return 'not_implemented';
  if (!m.evidence.some((e) => e.trim() !== '')) return 'no_evidence';
  if (m.review !== 'accepted') return 'not_accepted';
  return null;
}

/** Whether a mitigation counts towards the projected residual: any measure not rejected, once it is done. */
const projects = (m: Mitigation) => m.kind !== 'consultation' && m.review !== 'rejected';

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  // The same day of the month, or the month's last day when it has fewer (31 Aug + 6 months = 28/29 Feb).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Scores an assessment: per-harm bands (inherent, residual, projected), halt grounds, the decision and its reasons. */
export function scoreAssessment(input: ScoringInput): Score {
  const steps: Step[] = [];
  const harms = input.harms.map((harm) => scoreHarm(harm, input.mitigations.filter((m) => m.harm === harm.id), steps));

  const overall = (stage: Stage) => {
    const band = harms.reduce<Band>((w, h) => worse(w, h[stage].band), 'low');
    steps.push({ code: 'overall', stage, band, harms: harms.filter((h) => h[stage].band === band).map((h) => h.harm) });
    return band;
  };
  const result = { inherent: overall('inherent'), residual: overall('residual'), projected: overall('projected') };

  const screening = stricterScreening(input.screening, input.register);
  if (input.register && (screening.verdict !== input.screening.verdict || screening.redLines.length !== input.screening.redLines.length)) {
    steps.push({ code: 'register_screening', verdict: input.register.verdict, redLines: input.register.redLines, answered: input.screening.verdict });
  }
  const haltGrounds: HaltGround[] = [];
  if (screening.verdict === 'red_line') haltGrounds.push({ kind: 'red_line', redLines: screening.redLines });
  if (input.legalBasis === null || input.legalBasis.trim() === '') haltGrounds.push({ kind: 'no_legal_basis' });
  for (const a of input.alternatives) if (a.lessIntrusive && a.meetsAim) haltGrounds.push({ kind: 'less_intrusive_alternative', alternative: a.name });
  for (const h of harms) {
    if (h.residual.band !== 'critical') continue;
    haltGrounds.push(GRAVE_RIGHTS.has(h.right) ? { kind: 'critical_risk_to_grave_right', harm: h.harm, right: h.right } : { kind: 'residual_critical', harm: h.harm });
  }
  const { context } = input;
  const protectedAreas = context.decisionAreas.filter((a) => (PROTECTED_DECISION_AREAS as readonly string[]).includes(a));
  if (context.decisionRole === 'fully_automated' && context.adverseDecisions && !context.contestable && protectedAreas.length) {
    haltGrounds.push({ kind: 'automated_adverse_decision_without_contest', areas: protectedAreas });
  }
  for (const ground of haltGrounds) steps.push({ code: 'halt_ground', ground });

  let decision: Decision;
  let conditions: Condition[] = [];
  let reassessBy: string | null;
  if (haltGrounds.length) {
    decision = 'halt';
    reassessBy = null;
  } else if (result.residual === 'high') {
    decision = 'proceed_with_conditions';
    conditions = ['named_official_acceptance', 'independent_sign_off', 'conditions_verified_before_go_live', 'reassess_within_6_months'];
    reassessBy = addMonths(input.assessedOn, REASSESS_MONTHS.high);
  } else {
    decision = 'proceed';
    reassessBy = addMonths(input.assessedOn, REASSESS_MONTHS[result.residual as 'medium' | 'low']);
  }
  // A screening that could not conclude leaves a red line possible: it must be completed first.
  if (decision !== 'halt' && screening.verdict === 'insufficient_information') {
    decision = 'proceed_with_conditions';
    conditions = [...conditions, 'complete_red_line_screening'];
  }
  steps.push({ code: 'decision', decision, reassessBy });
  return { harms, overall: result, haltGrounds, decision, conditions, reassessBy, steps };
}

const VERDICT_ORDER: readonly ScreeningVerdict[] = ['no_red_line_found', 'insufficient_information', 'red_line'];

/** The stricter of two screenings; when both find red lines, all of them. */
export function stricterScreening(answered: ScreeningResult, register?: ScreeningResult): ScreeningResult {
  if (!register) return answered;
  const rank = (v: ScreeningVerdict) => VERDICT_ORDER.indexOf(v);
  if (answered.verdict === 'red_line' && register.verdict === 'red_line') {
    return { verdict: 'red_line', redLines: [...new Set([...register.redLines, ...answered.redLines])].sort() };
  }
  return rank(register.verdict) > rank(answered.verdict) ? register : answered;
}

/** What a decision to proceed with conditions requires (the residual-high rule). */
const CONDITIONS_OF_PROCEEDING: readonly Condition[] = ['named_official_acceptance', 'independent_sign_off', 'conditions_verified_before_go_live', 'reassess_within_6_months'];

/**
 * The score with a reviewer's decision stricter than the engine's: halting has no re-assessment
 * date; proceeding with conditions carries the conditions of the rule and re-assessment within
 * 6 months of the decision (or sooner, if the engine's date is earlier). A milder decision is refused.
 */
export function withStricterDecision(score: Score, decision: Decision, decidedOn: string): Score {
  if (decision === score.decision) return score;
  if (!allowedDecisions(score.decision).includes(decision)) throw new RangeError(`${decision} is milder than the engine's ${score.decision}`);
  let conditions: Condition[] = [];
  let reassessBy: string | null = null;
  if (decision === 'proceed_with_conditions') {
    conditions = [...new Set([...CONDITIONS_OF_PROCEEDING, ...score.conditions])];
    const six = addMonths(decidedOn, REASSESS_MONTHS.high);
    reassessBy = score.reassessBy && score.reassessBy < six ? score.reassessBy : six;
  }
  return { ...score, decision, conditions, reassessBy, steps: [...score.steps, { code: 'stricter_decision', engine: score.decision, decision, reassessBy }] };
}

const STRICTNESS: Record<Decision, number> = { proceed: 0, proceed_with_conditions: 1, halt: 2 };

/** The decisions a reviewer may record: the engine's, or a stricter one. No reviewer can wave a halt through. */
export const allowedDecisions = (engine: Decision): Decision[] =>
  (['halt', 'proceed_with_conditions', 'proceed'] as const).filter((d) => STRICTNESS[d] >= STRICTNESS[engine]);

function scoreHarm(harm: Harm, mitigations: Mitigation[], steps: Step[]): HarmScore {
  const id = harm.id;
  // The floors: what the assessor's estimate may not go below.
  let scale = harm.scale;
  if (GRAVE_RIGHTS.has(harm.right) && scale < 3) {
    steps.push({ code: 'scale_floor_grave_right', harm: id, right: harm.right, from: scale });
    scale = 3;
  }
  let scope = harm.scope;
  if (harm.disproportionate !== false && scope < 3) {
    steps.push({ code: 'scope_floor_disproportionate', harm: id, from: scope, unknown: harm.disproportionate === 'unknown' });
    scope = 3;
  }
  let likelihood: Level;
  if (harm.likelihood === 'unknown') {
    steps.push({ code: 'likelihood_unknown', harm: id });
    likelihood = 3;
  } else likelihood = harm.likelihood;
  const likelihoodFloor = harm.subgroupData === 'missing';
  if (likelihoodFloor && likelihood < 3) {
    steps.push({ code: 'likelihood_floor_missing_subgroup_data', harm: id, from: likelihood });
    likelihood = 3;
  }
  const floors: Dimensions = { scale: GRAVE_RIGHTS.has(harm.right) ? 3 : 1, scope: harm.disproportionate !== false ? 3 : 1, irremediability: 1, likelihood: likelihoodFloor ? 3 : 1 };
  const inherent = estimate({ scale, scope, irremediability: harm.irremediability, likelihood }, id, 'inherent', steps);

  const after = (stage: 'residual' | 'projected', counts: (m: Mitigation) => boolean): Estimate => {
    const d: Dimensions = { scale, scope, irremediability: harm.irremediability, likelihood };
    const lowered = new Set<Dimension>();
    for (const m of mitigations) {
      if (!counts(m)) {
        const reason = withheld(m);
        if (stage === 'residual' && reason) steps.push({ code: 'mitigation_not_counted', harm: id, mitigation: m.id, dimension: m.targets, reason });
        continue;
      }
      const dim = m.targets;
      // Each dimension falls by at most 1, however many measures target it: stacking small measures buys nothing.
      let reason: 'dimension_already_lowered' | 'at_minimum' | 'floor' | null = null;
      if (lowered.has(dim)) reason = 'dimension_already_lowered';
      else if (d[dim] === 1) reason = 'at_minimum';
      else if (d[dim] <= floors[dim]) reason = 'floor';
      if (reason) {
        if (stage === 'residual') steps.push({ code: 'mitigation_not_counted', harm: id, mitigation: m.id, dimension: dim, reason });
        continue;
      }
      lowered.add(dim);
      steps.push({ code: 'mitigation_counted', harm: id, mitigation: m.id, dimension: dim, from: d[dim], to: clamp(d[dim] - 1), stage });
      d[dim] = clamp(d[dim] - 1);
    }
    // A harm that cannot be undone (inherent R = 4) keeps a residual severity of at least 3: R falls
    // by 1 at most and severity is at least R, so no separate floor is needed (a test checks it).
    const severity = severityOf(d);
    const band = bandOf(severity, d.likelihood);
    steps.push({ code: 'severity', harm: id, stage, scale: d.scale, scope: d.scope, irremediability: d.irremediability, severity });
    steps.push({ code: 'band', harm: id, stage, severity, likelihood: d.likelihood, band });
    return { ...d, severity, band };
  };
  const residual = after('residual', (m) => withheld(m) === null);
  const projected = after('projected', projects);
  return { harm: id, right: harm.right, inherent, residual, projected };
}

function estimate(d: Dimensions, harm: string, stage: Stage, steps: Step[]): Estimate {
  const severity = severityOf(d);
  const band = bandOf(severity, d.likelihood);
  steps.push({ code: 'severity', harm, stage, scale: d.scale, scope: d.scope, irremediability: d.irremediability, severity });
  steps.push({ code: 'band', harm, stage, severity, likelihood: d.likelihood, band });
  return { ...d, severity, band };
}
