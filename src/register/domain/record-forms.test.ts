import { describe, expect, it } from 'vitest';
import { EDITABLE_TYPES, formToRecord, keyOf, RECORD_FORMS, recordToForm, referencesOf } from './record-forms.ts';

describe('record forms', () => {
  it('turns a deployment form into a dataset record, with its slug from the title', () => {
    const result = formToRecord('deployment', {
      title: ' Kestrel pilot ', technology: 'IBorderCtrl', deployer: 'frontex', countries: 'gr, it  EU', sites: 'Evros\n\n Lesvos ',
      status: 'pilot', decisionRole: 'decision_support', sources: 'hrw-report: purpose, status\namnesty-2024', periodStart: '2024-02-29',
    });
    expect(result).toEqual({ ok: true, record: expect.objectContaining({
      slug: 'kestrel-pilot', title: 'Kestrel pilot', technology: 'iborderctrl', deployer: 'frontex', countries: ['GR', 'IT', 'EU'],
      sites: ['Evros', 'Lesvos'], status: 'pilot', decisionRole: 'decision_support', periodStart: '2024-02-29',
      sources: [{ source: 'hrw-report', claims: ['purpose', 'status'] }, { source: 'amnesty-2024', claims: [] }],
    }) });
  });

  it('keeps the slug of a record being changed', () => {
    const result = formToRecord('organisation', { name: 'Frontex (renamed)', kind: 'public_body' }, 'frontex');
    expect(result.ok && result.record.slug).toBe('frontex');
  });

  it('names each problem by its field, as a message code', () => {
    const result = formToRecord('deployment', { title: '', technology: '', countries: 'Greece', status: 'sometimes', periodStart: '2023-02-29' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({ title: 'required', technology: 'required', deployer: 'required', countries: 'country_invalid', status: 'choice_invalid', periodStart: 'date_invalid' });
    const source = formToRecord('source', { url: 'not a url' });
    expect(!source.ok && source.errors.url).toBe('url_invalid');
  });

  it('gives back the same record after a round trip through the form, for every editable type', () => {
    const records: Record<(typeof EDITABLE_TYPES)[number], Record<string, unknown>> = {
      deployment: { slug: 'x-pilot', title: 'X pilot', technology: 't', deployer: 'o', countries: ['GR'], sites: ['A', 'B'], decisionRole: 'none', affectedGroups: [], status: 'active', sources: [{ source: 's', claims: ['purpose'] }], unverified: ['purpose'] },
      organisation: { slug: 'o', name: 'O', kind: 'company', country: 'FR', sources: [], unverified: [] },
      technology: { slug: 't', name: 'T', summary: 'Does things.', techniques: ['face'], dataCategories: [], documentedRedLines: ['A', 'E'], sources: [], unverified: [] },
      source: { slug: 'https-example-org-a', url: 'https://example.org/a', title: undefined, publishedOn: '2024-01-01' },
      contract: { slug: 'frame-contract', title: 'Frame contract', payer: 'o', recipient: 'p', amount: '4500000', currency: 'EUR', startDate: '2021-03-01', sources: [], unverified: [] },
      relation: { organisation: 'o', kind: 'sells', technology: 't', note: 'Reseller', sources: [{ source: 's', claims: [] }], unverified: [] },
    };
    for (const type of EDITABLE_TYPES) {
      const record = Object.fromEntries(Object.entries(records[type]).filter(([, v]) => v !== undefined));
      const again = formToRecord(type, recordToForm(type, record), type === 'relation' ? undefined : String(record.slug));
      expect(again, type).toEqual({ ok: true, record: expect.objectContaining(record) });
    }
  });

  it('names a relation by its parties and kind, needing one of technology, deployment or counterpart', () => {
    const ok = formToRecord('relation', { organisation: 'idemia', kind: 'develops', technology: 'eurodac' });
    expect(ok.ok && keyOf('relation', ok.record)).toBe('idemia|develops|eurodac||');
    const alone = formToRecord('relation', { organisation: 'idemia', kind: 'develops' });
    expect(!alone.ok && alone.errors).toEqual({ technology: 'invalid' });
    const money = formToRecord('contract', { title: 'Grant', amount: '12.50', currency: '' });
    expect(!money.ok && money.errors.currency).toBeTruthy();
  });

  it('lists what a record refers to', () => {
    expect(referencesOf('deployment', { technology: 't', deployer: 'o', sources: [{ source: 's', claims: [] }] })).toEqual([
      { type: 'technology', slug: 't', field: 'technology' }, { type: 'organisation', slug: 'o', field: 'deployer' }, { type: 'source', slug: 's', field: 'sources' },
    ]);
  });

  it('describes only fields the import schema knows', () => {
    for (const type of EDITABLE_TYPES) {
      const shape = (RECORD_FORMS[type].schema as unknown as { shape: Record<string, unknown> }).shape;
      for (const f of RECORD_FORMS[type].fields) expect(Object.keys(shape), `${type}.${f.name}`).toContain(f.name);
    }
  });
});
