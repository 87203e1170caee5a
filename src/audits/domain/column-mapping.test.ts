import { describe, expect, it } from 'vitest';
import { mappingValues, readMapping } from './column-mapping.ts';

const columns = ['nationality', 'gender', 'score', 'flagged', 'truth'];

describe('readMapping', () => {
  it('reads a complete mapping, with defaults for what is left out', () => {
    const r = readMapping({ protected: ['nationality', 'gender'], outcome: 'flagged', label: 'truth' }, columns);
    expect(r).toEqual({ ok: true, mapping: { protected: ['nationality', 'gender'], outcome: 'flagged', threshold: null, label: 'truth', positive: 'unfavourable', minCell: 10, round: null } });
  });

  it('takes a threshold (with a decimal comma), a favourable outcome, a minimum cell and rounding', () => {
    const r = readMapping({ protected: 'nationality', outcome: 'score', threshold: '0,6', positive: 'favourable', min_cell: '20', round: '5' }, columns);
    expect(r).toEqual({ ok: true, mapping: { protected: ['nationality'], outcome: 'score', threshold: 0.6, label: null, positive: 'favourable', minCell: 20, round: 5 } });
  });

  it('names every problem by field', () => {
    expect(readMapping({}, columns)).toEqual({ ok: false, errors: { protected: 'audit_protected_required', outcome: 'audit_outcome_required' } });
    expect(readMapping({ protected: ['gender', 'nope'], outcome: 'gender', label: 'gender', threshold: 'high', positive: 'maybe', min_cell: '4', round: '10' }, columns)).toEqual({
      ok: false,
      errors: { protected: 'choice_invalid', outcome: 'audit_outcome_protected', label: 'audit_label_is_outcome', threshold: 'audit_threshold_invalid', positive: 'choice_invalid', min_cell: 'audit_min_cell_invalid', round: 'choice_invalid' },
    });
    expect(readMapping({ protected: 'gender', outcome: 'flagged', label: 'gender', min_cell: '2.5' }, columns)).toEqual({ ok: false, errors: { label: 'audit_label_protected', min_cell: 'audit_min_cell_invalid' } });
    expect(readMapping({ protected: 'gender', outcome: 'unknown' }, columns)).toEqual({ ok: false, errors: { outcome: 'choice_invalid' } });
  });

  it('gives a saved mapping back as the form shows it', () => {
    const values = { protected: ['nationality'], outcome: 'score', threshold: '0.6', label: 'truth', positive: 'favourable', min_cell: '10', round: '5' };
    const r = readMapping(values, columns);
    expect(r.ok && mappingValues(r.mapping)).toEqual(values);
  });
});
