// The proxy finder's flag rule, apart from the statistics so that the command's help loads without them.

/** The flag rule: how strong an association must be, and how small its Holm-adjusted p-value. */
export type FlagRule = { threshold: number; alpha: number };

/** The default rule: association ≥ 0.3 and Holm-adjusted p < 0.05. */
export const DEFAULT_RULE: FlagRule = { threshold: 0.3, alpha: 0.05 };

/** The flag rule in words, as the output states it. */
export function describeRule(rule: FlagRule): string {
  return `a column is flagged as a strong proxy when its association with a protected column is ≥ ${rule.threshold} ` +
    `(bias-corrected Cramér's V, or the correlation ratio η for a numeric column against a categorical one) ` +
    `AND its p-value, Holm-adjusted over all the pairs of this run, is < ${rule.alpha}`;
}
