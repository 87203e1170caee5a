// The column-mapping form of an uploaded decision log: which columns are the protected attributes,
// the outcome (and its threshold, for a score), the ground truth, and how the published report is
// protected. Pure: the form's values and the file's columns in, a mapping or the problems out.

export type Mapping = {
  protected: string[];
  outcome: string;
  threshold: number | null;
  label: string | null;
  positive: 'favourable' | 'unfavourable';
  minCell: number;
  /** Round published counts to this base (5), or not. */
  round: number | null;
};

/** The form's values as posted (repeated fields as lists). */
export type MappingValues = Record<string, string | string[] | undefined>;

/** Error codes by field; each code has a message "form.error.<code>". */
export type MappingResult = { ok: true; mapping: Mapping } | { ok: false; errors: Record<string, string> };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat()).map((s) => s.trim()).filter(Boolean);
const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The form's values as a mapping, or the problems with them. */
export function readMapping(values: MappingValues, columns: readonly string[]): MappingResult {
  const errors: Record<string, string> = {};
  const known = new Set(columns);
  const protectedColumns = [...new Set(list(values.protected))];
  const outcome = text(values.outcome);
  const label = text(values.label);
  if (!protectedColumns.length) errors.protected = 'audit_protected_required';
  else if (protectedColumns.some((c) => !known.has(c))) errors.protected = 'choice_invalid';
  if (!outcome) errors.outcome = 'audit_outcome_required';
  else if (!known.has(outcome)) errors.outcome = 'choice_invalid';
  else if (protectedColumns.includes(outcome)) errors.outcome = 'audit_outcome_protected';
  if (label) {
    if (!known.has(label)) errors.label = 'choice_invalid';
    else if (label === outcome) errors.label = 'audit_label_is_outcome';
    else if (protectedColumns.includes(label)) errors.label = 'audit_label_protected';
  }
  const thresholdText = text(values.threshold);
  const threshold = thresholdText === '' ? null : Number(thresholdText.replace(',', '.'));
  if (threshold !== null && !Number.isFinite(threshold)) errors.threshold = 'audit_threshold_invalid';
  const positive = text(values.positive) || 'unfavourable';
  if (positive !== 'favourable' && positive !== 'unfavourable') errors.positive = 'choice_invalid';
  const minCellText = text(values.min_cell) || '10';
  const minCell = Number(minCellText);
  if (!/^\d+$/.test(minCellText) || minCell < 5 || minCell > 1000) errors.min_cell = 'audit_min_cell_invalid';
  const roundText = text(values.round);
  if (roundText !== '' && roundText !== '5') errors.round = 'choice_invalid';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      protected: protectedColumns, outcome, threshold, label: label || null,
      positive: positive as Mapping['positive'], minCell, round: roundText === '5' ? 5 : null,
    },
  };
}

/** A mapping back as form values (to show a saved mapping). */
export function mappingValues(m: Mapping): MappingValues {
  return {
    protected: m.protected, outcome: m.outcome, threshold: m.threshold === null ? '' : String(m.threshold), label: m.label ?? '',
    positive: m.positive, min_cell: String(m.minCell), round: m.round === null ? '' : String(m.round),
  };
}
