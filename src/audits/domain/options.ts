// The options of an audit and their defaults, apart from the engine so that a command can show them
// without loading the statistics.

/**
 * How each attribute's reference value is chosen: the largest group ('majority', the default), the
 * most favourable group ('favourable': the lowest selection rate when the positive outcome is
 * unfavourable, the highest when it is favourable), or named values ('given'; attributes left out
 * fall back to the majority).
 */
export type ReferenceChoice = { kind: 'majority' } | { kind: 'favourable' } | { kind: 'given'; values: Record<string, string> };

export type AuditOptions = {
  /** Largest intersection order (default: all attributes). */
  maxOrder?: number;
  reference: ReferenceChoice;
  /** Significance level of the adjusted q-values (0.05). */
  alpha: number;
  correction: 'bh' | 'holm';
  /** A ratio inside these bounds is never flagged ([0.8, 1.25]). */
  ratioBounds: [number, number];
  /** Minimum n of a group (and of its reference) for its comparisons to be tested and judged. */
  minN: number;
  /** Minimum n of an intersection to be ranked among the worst off. */
  minSupport: number;
  /** How many worst-off intersections to report. */
  worstOffTop: number;
  /**
   * What the positive outcome (a predicted positive) means for the person: 'unfavourable' (the
   * default: flagged as high risk, referred for checks, refused) or 'favourable' (granted,
   * selected for a benefit). The engine cannot know it; it decides which direction of the
   * selection-rate ratio is "worse off" and which group is the most favourable reference.
   */
  positiveOutcome?: 'favourable' | 'unfavourable';
  /** The outcome in words, as a past participle for the findings ("selected", "flagged as high risk"). */
  outcomePhrase?: string;
};

/** The defaults. */
export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  reference: { kind: 'majority' },
  alpha: 0.05,
  correction: 'bh',
  ratioBounds: [0.8, 1.25],
  minN: 30,
  minSupport: 30,
  worstOffTop: 10,
  positiveOutcome: 'unfavourable',
  outcomePhrase: 'selected',
};
