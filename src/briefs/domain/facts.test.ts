import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue.ts';
import { matchRecommendations } from './catalogue.ts';
import { factsOf, type SystemRecord } from './facts.ts';

const base: SystemRecord = {
  deployment: { slug: 'lie-detector-pilot', title: 'Lie detector pilot', status: 'pilot', decisionRole: 'decision_support', deployerKind: 'public_body', deployerSlug: 'border-police' },
  profile: { context: ['border'], subjects: 'individuals', capabilities: ['deception_detection'], dataSharing: [{ with: 'police', scale: 'bulk' }, { with: 'police', scale: 'case_by_case' }] },
  screening: { verdict: 'red_line', redLines: ['D'] },
  vendorKinds: ['company', 'company'],
  funderKinds: [],
  assessment: null,
  audit: null,
};

describe('a system\'s facts for a brief', () => {
  it('reads the register\'s record, screening and relations, each fact with its source', () => {
    const { facts, provenance } = factsOf(base);
    expect(facts).toMatchObject({
      redLineVerdict: 'red_line', redLines: ['D'], capabilities: ['deception_detection'], contexts: ['border'], subjects: 'individuals',
      decisionRole: 'decision_support', deploymentStatus: 'pilot', deployerKind: 'public_body', vendorKinds: ['company'],
      dataSharing: ['police'], assessment: 'none', assessmentDecision: null, auditFlagged: null,
    });
    expect(provenance.redLines).toEqual({ label: 'red-line screening', href: '/deployments/lie-detector-pilot#screening-h' });
    expect(provenance.deployerKind!.href).toBe('/organisations/border-police');
  });

  it('keeps what is not known as null, never as "no"', () => {
    const { facts, provenance } = factsOf({
      ...base, profile: { context: 'unknown', subjects: 'unknown', capabilities: 'unknown', dataSharing: 'unknown' }, screening: null,
      deployment: { ...base.deployment, status: 'unknown', decisionRole: 'unknown', deployerKind: null }, vendorKinds: [],
    });
    for (const f of ['redLineVerdict', 'redLines', 'capabilities', 'contexts', 'subjects', 'decisionRole', 'deploymentStatus', 'deployerKind', 'vendorKinds', 'funderKinds', 'dataSharing', 'consulted', 'noticeToAffected'] as const) {
      expect(facts[f], f).toBeNull();
      expect(provenance[f], f).toBeUndefined();
    }
    // Shared with no one is a fact, not an unknown.
    expect(factsOf({ ...base, profile: { ...base.profile, dataSharing: [] } }).facts.dataSharing).toEqual([]);
  });

  it('reads the assessment\'s state and findings', () => {
    const assessment = { id: 'a1', status: 'published', published: true, overdue: false, decision: 'halt' as const, haltGrounds: [{ kind: 'no_legal_basis' as const }], reassessBy: null, consultations: 0 };
    expect(factsOf({ ...base, assessment }).facts).toMatchObject({ assessment: 'published', assessmentDecision: 'halt', haltGrounds: ['no_legal_basis'], consulted: false });
    expect(factsOf({ ...base, assessment: { ...assessment, overdue: true } }).facts.assessment).toBe('overdue');
    expect(factsOf({ ...base, assessment: { ...assessment, published: false, status: 'changes_requested', decision: null, haltGrounds: [], reassessBy: null, consultations: null } }).facts)
      .toMatchObject({ assessment: 'draft', assessmentDecision: null, haltGrounds: null, consulted: null });
    expect(factsOf({ ...base, assessment: { ...assessment, published: false, status: 'under_review', decision: null, consultations: null } }).facts.assessment).toBe('in_review');
    expect(factsOf({ ...base, assessment }).provenance.assessmentDecision).toEqual({ label: 'published impact assessment', href: '/assessments/a1/findings' });
    expect(factsOf({ ...base, audit: { id: 'j1', flagged: 2 } }).facts.auditFlagged).toBe(true);
    expect(factsOf({ ...base, audit: { id: 'j1', flagged: 0 } }).facts.auditFlagged).toBe(false);
  });

  it('gives a "lie detector" with no assessment the total ban first, in the shipped catalogue', () => {
    const matched = matchRecommendations(CATALOGUE, 'state', factsOf(base).facts);
    expect(matched.length).toBeGreaterThan(0);
    expect(matched[0]!.gravity).toBe('ban');
    expect(matched.some((r) => r.gravity === 'assessment')).toBe(true);
  });
});
