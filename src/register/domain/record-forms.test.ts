import { describe, expect, it } from 'vitest';
import { deploymentProfileSchema } from '../../redlines/domain/profile.ts';
import { diffable, EDITABLE_TYPES, formToRecord, keyOf, RECORD_FORMS, recordToForm, referencesOf } from './record-forms.ts';

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
      for (const f of RECORD_FORMS[type].fields) {
        if (f.name.startsWith('profile.')) expect(Object.keys(deploymentProfileSchema.shape), `${type}.${f.name}`).toContain(f.name.slice('profile.'.length));
        else expect(Object.keys(shape), `${type}.${f.name}`).toContain(f.name);
      }
    }
  });
});

describe('the profile on the deployment form', () => {
  const base = { title: 'Kestrel pilot', technology: 'kestrel', deployer: 'frontex', status: 'pilot' };
  const profileOf = (values: Record<string, string | string[]>) => {
    const r = formToRecord('deployment', { ...base, ...values });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.record.profile;
  };

  it('is all "unknown" when nothing is said, never "no"', () => {
    expect(profileOf({})).toEqual({ context: 'unknown', subjects: 'unknown', capabilities: 'unknown', inputs: 'unknown', dataSharing: 'unknown' });
    // Choosing "known" and ticking nothing is a real "none".
    expect(profileOf({ 'profile.capabilities.known': 'known' })).toMatchObject({ capabilities: [] });
  });

  it('reads ticked answers, lines and data-sharing rows (empty rows left out)', () => {
    expect(profileOf({
      'profile.context.known': 'known', 'profile.context': ['asylum', 'border'], 'profile.subjects': 'individuals',
      'profile.capabilities.known': 'known', 'profile.capabilities': 'risk_scoring',
      'profile.inputs.known': 'known', 'profile.inputs': 'nationality\r\n\r\n code postal ',
      'profile.dataSharing.known': 'known',
      'profile.dataSharing.with': ['police', '', 'third_country'], 'profile.dataSharing.scale': ['case_by_case', 'unknown', 'bulk'],
      'profile.dataSharing.legalBasis': ['Art. 12 Police Act', '', ''],
    })).toEqual({
      context: ['asylum', 'border'], subjects: 'individuals', capabilities: ['risk_scoring'], inputs: ['nationality', 'code postal'],
      dataSharing: [{ with: 'police', scale: 'case_by_case', legalBasis: 'Art. 12 Police Act' }, { with: 'third_country', scale: 'bulk' }],
    });
  });

  it('refuses "not known" with answers, a known context with none ticked, and half-filled sharing rows, naming the field', () => {
    const r = formToRecord('deployment', {
      ...base, 'profile.capabilities.known': 'unknown', 'profile.capabilities': 'profiling', 'profile.context.known': 'known',
      'profile.dataSharing.with': [''], 'profile.dataSharing.scale': ['bulk'], 'profile.dataSharing.legalBasis': ['Decree 7'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      'profile.capabilities': 'profile_unknown_and_values', 'profile.context': 'profile_context_required', 'profile.dataSharing': 'profile_sharing_invalid',
    });
  });

  it('names the field of a value outside the vocabulary', () => {
    const r = formToRecord('deployment', { ...base, 'profile.capabilities.known': 'known', 'profile.capabilities': 'mind_reading' });
    expect(r.ok ? {} : r.errors).toEqual({ 'profile.capabilities': 'choice_invalid' });
  });

  it('turns a record back into the same form, and shows each changed answer as its own field in a diff', () => {
    const values = {
      ...base, 'profile.context.known': 'known', 'profile.context': ['visa'], 'profile.subjects': 'unknown',
      'profile.capabilities.known': 'unknown', 'profile.inputs.known': 'known', 'profile.inputs': 'dialect',
      'profile.dataSharing.known': 'known', 'profile.dataSharing.with': ['welfare'], 'profile.dataSharing.scale': ['bulk'], 'profile.dataSharing.legalBasis': [''],
    };
    const first = formToRecord('deployment', values);
    if (!first.ok) throw new Error('invalid');
    const again = formToRecord('deployment', recordToForm('deployment', first.record), first.record.slug as string);
    expect(again).toEqual(first);
    expect(diffable({ slug: 'x', profile: { context: ['visa'], inputs: 'unknown' } })).toEqual({ slug: 'x', 'profile.context': ['visa'], 'profile.inputs': 'unknown' });
  });
});
