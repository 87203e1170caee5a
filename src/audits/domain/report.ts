import type { AuditOptions, AuditResult } from './audit.ts';
import type { SuppressionSummary } from './disclosure.ts';

// The audit report as it is written and published: a documented, versioned JSON document
// ("safeguard.audit/1") made of what was read, the parameters, and the engine's result.

export const AUDIT_SCHEMA = 'safeguard.audit/1';

export type AuditInputDescription = {
  file: string;
  format: 'csv' | 'parquet' | 'jsonl';
  protected: string[];
  outcome: string;
  threshold: number | null;
  label: string | null;
  /** How the outcome was read, in words. */
  outcome_rule: string;
};

export type AuditReport = {
  schema: typeof AUDIT_SCHEMA;
  input: AuditInputDescription;
  parameters: {
    reference: AuditOptions['reference'];
    max_order: number;
    alpha: number;
    correction: 'bh' | 'holm';
    ratio_bounds: [number, number];
    min_n: number;
    min_support: number;
    positive_outcome: 'favourable' | 'unfavourable';
  };
  /** In a published report, a count of left-out rows below the minimum cell is null, and then so is read. */
  rows: { read: number | null; counted: number | null; rejected: { reason: string; count: number | null }[] };
  published: boolean;
} & AuditResult & {
  /** Present in a published report: how its counts were protected. */
  suppression?: SuppressionSummary;
};

/**
 * The rows read and left out as a published report gives them: a count of left-out rows below the
 * minimum cell is withheld (and then the number read, which would give it away), the others are
 * rounded like every published count.
 */
function publishedRows(rows: { read: number; rejected: { reason: string; count: number }[] }, counted: number | null, s: SuppressionSummary): AuditReport['rows'] {
  const base = s.rounding_base;
  const round = (x: number) => (base === null ? x : Math.round(x / base) * base);
  const rejected = rows.rejected.map((r) => ({ reason: r.reason, count: r.count > 0 && r.count < s.min_cell ? null : round(r.count) }));
  return { read: rejected.some((r) => r.count === null) ? null : round(rows.read), counted, rejected };
}

/** Puts a run's description, parameters and result together as the report document; with a suppression summary, as the published report. */
export function buildReport(
  input: AuditInputDescription,
  rows: { read: number; rejected: { reason: string; count: number }[] },
  options: AuditOptions,
  result: AuditResult,
  suppression?: SuppressionSummary,
): AuditReport {
  return {
    schema: AUDIT_SCHEMA,
    input,
    parameters: {
      reference: options.reference,
      max_order: Math.min(options.maxOrder ?? input.protected.length, input.protected.length),
      alpha: options.alpha,
      correction: options.correction,
      ratio_bounds: options.ratioBounds,
      min_n: options.minN,
      min_support: options.minSupport,
      positive_outcome: options.positiveOutcome ?? 'unfavourable',
    },
    rows: suppression ? publishedRows(rows, result.overall.n, suppression) : { read: rows.read, counted: result.overall.n, rejected: rows.rejected },
    published: suppression !== undefined,
    ...result,
    ...(suppression ? { suppression } : {}),
  };
}

const count = (n: number | null) => (n === null ? 'suppressed' : n.toLocaleString('en-GB'));

/** Findings for a short summary: on selection rate first (who was selected), then by the size of the disparity. */
function mostTelling(findings: AuditReport['findings']): AuditReport['findings'] {
  const size = (f: AuditReport['findings'][number]) => (f.ratio === null ? Infinity : Math.abs(Math.log(f.ratio)));
  return [...findings].sort((a, b) => Number(b.metric === 'selection_rate') - Number(a.metric === 'selection_rate') || size(b) - size(a));
}

/** One screen of text: what was read, the reference groups, the flagged findings, the worst-off intersections. */
export function summaryText(r: AuditReport): string {
  const lines = [
    `${r.input.file}: ${count(r.rows.read)} rows read, ${count(r.rows.counted)} counted${r.rows.rejected.length ? ` (left out: ${r.rows.rejected.map((x) => `${count(x.count)} ${x.reason.replace(/_/g, ' ')}`).join(', ')})` : ''}.`,
    `Protected: ${r.input.protected.join(', ')}; ${r.input.outcome_rule}${r.input.label ? `; label "${r.input.label}"` : ''}.`,
    `Reference: ${Object.entries(r.reference).map(([k, v]) => `${k} = ${v ?? 'missing'}`).join(', ')} (${r.parameters.reference.kind === 'given' ? 'given' : r.parameters.reference.kind === 'majority' ? 'largest groups' : 'most favourable groups'}).`,
    `Groups: ${count(r.groups.length)} (up to ${r.parameters.max_order} attributes at once); tests: ${count(r.family.tests)}, ${r.family.correction === 'bh' ? 'Benjamini–Hochberg' : 'Holm'}-adjusted.`,
    `A finding is flagged when the ratio is outside [${r.parameters.ratio_bounds.join(', ')}], q < ${r.parameters.alpha} and both groups have n ≥ ${r.parameters.min_n}.`,
    ...(r.suppression
      ? [`Published version: counts below ${r.suppression.min_cell} are suppressed (${count(r.suppression.primary)} small, ${count(r.suppression.complementary)} more so that none can be worked out from the others)${r.suppression.rounding_base ? `; the others are rounded to base ${r.suppression.rounding_base}` : ''}.`]
      : []),
    '',
    r.findings.length ? `${r.findings.length} flagged finding${r.findings.length === 1 ? '' : 's'}${r.findings.length > 12 ? ', the largest disparities in who was selected first' : ''}:` : 'No flagged finding.',
    ...mostTelling(r.findings).slice(0, 12).map((f) => `  - ${f.sentence}`),
    ...(r.findings.length > 12 ? [`  … and ${r.findings.length - 12} more (see the full report).`] : []),
  ];
  if (r.worstOff.length) {
    lines.push('', 'Worst-off intersections (selection rate):');
    for (const w of r.worstOff.slice(0, 5)) {
      const who = Object.entries(w.attributes).map(([k, v]) => `${k} = ${v ?? 'missing'}`).join(', ');
      lines.push(`  - ${who}: n = ${count(w.n)}, ratio ${w.ratio === null ? 'undefined' : w.ratio.toFixed(2)}${w.q === null ? '' : `, ${w.q < 0.001 ? 'q < 0.001' : `q = ${w.q.toFixed(3)}`}`}${w.worse_than_parts ? ' (worse than each attribute alone)' : ''}`);
    }
  }
  if (r.tooSmall.length) lines.push('', `${r.tooSmall.length} group${r.tooSmall.length === 1 ? ' is' : 's are'} too small to judge (n < ${r.parameters.min_n}); they are listed in the full report.`);
  return lines.join('\n');
}
