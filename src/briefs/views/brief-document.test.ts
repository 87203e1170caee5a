import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/i18n.ts';
import { screenProfile } from '../../redlines/domain/screen-profile.ts';
import { UNKNOWN, type SystemProfile } from '../../redlines/domain/profile.ts';
import { CATALOGUE } from '../catalogue.ts';
import { answersFromForm, type AnalysisAnswers } from '../domain/analysis.ts';
import { factsOf, type SystemRecord } from '../domain/facts.ts';
import { addresseesOf, BriefOptionError, composeBrief, parseStakeholder, type BriefSubject } from './brief-document.ts';
import { renderBriefMarkdown } from './brief-markdown.ts';

// A brief composed from a system's facts: which findings and recommendations it gives, each with
// its references, and what it says when little is known.

type Over = { profile?: Partial<SystemProfile>; record?: Partial<SystemRecord>; legalBasis?: string | null; organisations?: BriefSubject['organisations']; deployerKind?: string };

function subject(o: Over = {}): BriefSubject {
  const profile: SystemProfile = { context: ['border'], decisionRole: 'decision_support', subjects: 'individuals', capabilities: ['risk_scoring'], inputs: ['travel history'], dataSharing: [], ...o.profile };
  const screening = screenProfile(profile);
  const organisations = o.organisations ?? [{ slug: 'acme', name: 'Acme Analytics', kind: 'company', relation: 'develops' }];
  const deployerKind = o.deployerKind ?? 'public_body';
  const record: SystemRecord = {
    deployment: { slug: 'risk-tool-ministry', title: 'Risk tool — Ministry', status: 'active', decisionRole: profile.decisionRole === UNKNOWN ? 'unknown' : profile.decisionRole, deployerKind, deployerSlug: 'ministry' },
    profile: { context: profile.context, subjects: profile.subjects, capabilities: profile.capabilities, dataSharing: profile.dataSharing },
    screening: { verdict: screening.verdict, redLines: screening.findings.map((f) => f.id) },
    vendorKinds: organisations.filter((x) => x.relation === 'develops' || x.relation === 'sells').map((x) => x.kind),
    funderKinds: organisations.filter((x) => x.relation === 'funds').map((x) => x.kind),
    assessment: null, audit: null, ...o.record,
  };
  return {
    deployment: {
      slug: 'risk-tool-ministry', title: 'Risk tool — Ministry', purpose: 'To rank visa applicants by risk.', legalBasis: o.legalBasis === undefined ? 'Visa Act s. 12' : o.legalBasis,
      countries: ['NL'], sites: [], status: 'active', statusNote: null, decisionRole: record.deployment.decisionRole, affectedGroups: ['visa applicants'], period: '2020–', unverified: [],
    },
    technology: { slug: 'risk-tool', name: 'Risk tool', summary: 'Scores applicants.', techniques: ['risk scoring'], dataCategories: ['travel history'], unverified: [] },
    deployer: { slug: 'ministry', name: 'Ministry of Foreign Affairs', kind: deployerKind },
    organisations,
    sources: [{ url: 'https://example.org/report', title: 'An investigation', publisher: 'Example News', publishedOn: '2023-04-01', archivedUrl: null }],
    screening,
    gathered: { ...factsOf(record), record },
  };
}

const en = translator('en');
const brief = (s: BriefSubject, stakeholder: Parameters<typeof parseStakeholder>[0] = 'state', analysis?: AnalysisAnswers) =>
  composeBrief(s, {
    stakeholder: parseStakeholder(stakeholder), i18n: en, catalogue: CATALOGUE, today: '2026-12-07', baseUrl: 'https://sg.example',
    ...(analysis ? { analysis: { organisation: 'Rights Watch', updatedOn: '2026-12-01', answers: analysis, href: null } } : {}),
  });
const ids = (doc: ReturnType<typeof brief>) => doc.recommendations.map((r) => r.id);
const kinds = (doc: ReturnType<typeof brief>) => doc.findings.map((f) => f.kind);
const answers = (form: Record<string, string | string[]>) => {
  const read = answersFromForm(form);
  if (!('answers' in read)) throw new Error(JSON.stringify(read.problems));
  return read.answers;
};

describe('matching the briefing’s recommendations to a system’s facts', () => {
  const redLineA = subject();
  const cases: [string, BriefSubject, Parameters<typeof parseStakeholder>[0], { has?: string[]; hasNot?: string[]; findings?: string[]; noFindings?: string[] }][] = [
    ['a red-line A system gets the total ban, first, and nothing offering mitigation as the way on', redLineA, 'state',
      { has: ['state.ban.inherently-rights-violating', 'state.ban.risk-scoring-profiling'], hasNot: ['state.before.hria'], findings: ['red_line'] }],
    ['its vendor is told to refrain, not to carry out due diligence and proceed', redLineA, 'company',
      { has: ['company.avoid-and-remediate-abuses', 'company.business-relationships'], hasNot: ['company.due-diligence'] }],
    ['a system with a company vendor and no red line gets the company due-diligence recommendations', subject({ profile: { capabilities: ['person_detection'] } }), 'company',
      { has: ['company.due-diligence', 'company.respect-human-rights', 'company.transparency'], hasNot: ['company.business-relationships'] }],
    ['a system without a published assessment gets the assessment recommendations, and the finding', subject({ profile: { capabilities: ['person_detection'] } }), 'state',
      { has: ['state.before.hria', 'state.before.legality-necessity-proportionality'], findings: ['assessment_none', 'audit_none'] }],
    ['a system with a published assessment (proceed) is not asked for one', subject({ profile: { capabilities: ['person_detection'] }, record: { assessment: { id: 'a1', status: 'published', published: true, overdue: false, decision: 'proceed', haltGrounds: [], reassessBy: '2027-06-01', consultations: 2 } } }), 'state',
      { hasNot: ['state.before.hria', 'state.before.support-community-participation'], noFindings: ['assessment_none', 'no_consultation'] }],
    ['an overdue assessment is a finding, and asks for the assessment again', subject({ profile: { capabilities: ['person_detection'] }, record: { assessment: { id: 'a1', status: 'published', published: true, overdue: true, decision: 'proceed', haltGrounds: [], reassessBy: '2026-01-01', consultations: 1 } } }), 'state',
      { has: ['state.before.hria'], findings: ['assessment_overdue'] }],
    ['a system with no consultation listed gets the participation recommendation', subject({ record: { assessment: { id: 'a1', status: 'published', published: true, overdue: false, decision: 'proceed_with_conditions', haltGrounds: [], reassessBy: null, consultations: 0 } } }), 'state',
      { has: ['state.before.support-community-participation'], findings: ['no_consultation', 'assessment_conditions'] }],
    ['a halt decision is a finding with its grounds, and asks the IO to halt', subject({ profile: { capabilities: ['person_detection'] }, record: { assessment: { id: 'a1', status: 'published', published: true, overdue: false, decision: 'halt', haltGrounds: [{ kind: 'no_legal_basis' }], reassessBy: null, consultations: null } } }), 'international_organisation',
      { has: ['io.halt-unmitigable-risks'], findings: ['assessment_halt'] }],
    ['data shared with the police is a finding', subject({ profile: { dataSharing: [{ with: 'police', scale: 'bulk' }] } }), 'state', { findings: ['data_sharing'] }],
    ['a flagged audit is a finding', subject({ record: { audit: { id: 'au1', flagged: 3 } } }), 'state', { findings: ['audit_flagged'], noFindings: ['audit_none'] }],
    ['no legal basis is a finding', subject({ legalBasis: null }), 'state', { findings: ['no_legal_basis'] }],
    ['an IO funding it gets the funding recommendation', subject({ organisations: [{ slug: 'un-agency', name: 'UN agency', kind: 'international_organisation', relation: 'funds' }] }), 'international_organisation',
      { has: ['io.responsible-support-and-funding'] }],
  ];
  it.each(cases)('%s', (_name, s, to, expected) => {
    const doc = brief(s, to);
    for (const id of expected.has ?? []) expect(ids(doc)).toContain(id);
    for (const id of expected.hasNot ?? []) expect(ids(doc)).not.toContain(id);
    for (const k of expected.findings ?? []) expect(kinds(doc)).toContain(k);
    for (const k of expected.noFindings ?? []) expect(kinds(doc)).not.toContain(k);
    // Bans first, then by gravity; every finding and every statement about the system has a reference.
    const order = ['ban', 'halt', 'binding', 'assessment', 'transparency', 'participation', 'remedy', 'other'];
    expect(doc.recommendations.map((r) => order.indexOf(r.gravity))).toEqual([...doc.recommendations.map((r) => order.indexOf(r.gravity))].sort((a, b) => a - b));
    for (const st of [...doc.about, ...doc.findings]) {
      expect(st.refs.length, st.text).toBeGreaterThan(0);
      for (const n of st.refs) expect(doc.references.some((r) => r.n === n)).toBe(true);
    }
  });

  it('quotes each red line’s ground and the recommendations verbatim from the catalogue', () => {
    const doc = brief(redLineA);
    const finding = doc.findings.find((f) => f.kind === 'red_line')!;
    expect(finding.quote!.text).toContain('Automated risk assessment, scoring and profiling systems');
    for (const r of doc.recommendations) expect(r.quote.text).toBe(CATALOGUE.recommendations.find((c) => c.id === r.id)!.quote.text);
  });

  it('never offers mitigation as the way on for a red-line system, in its own words or the briefing’s', () => {
    const doc = brief(redLineA, 'state');
    const own = [...doc.about, ...doc.findings].map((s) => [s.text, ...(s.items ?? [])].join(' ')).join(' ');
    expect(own).toContain('must be banned, not mitigated');
    expect(own).not.toMatch(/mitigate and proceed|proceed (with|under|only)|can be mitigated|mitigate (the|its) risks/i);
    expect(doc.recommendations.filter((r) => /mitigated or prevented before deployment/.test(r.quote.text))).toEqual([]);
  });
});

describe('a system with almost no facts', () => {
  const bare = subject({
    profile: { context: UNKNOWN, decisionRole: UNKNOWN, subjects: UNKNOWN, capabilities: UNKNOWN, inputs: UNKNOWN, dataSharing: UNKNOWN },
    organisations: [], legalBasis: null,
  });
  it('still renders, says plainly what is unknown, and lists what applies because of it, transparency first', () => {
    const doc = brief(bare, 'state');
    expect(doc.unknown.facts).toEqual(expect.arrayContaining(['what it does', 'where it is used', 'data shared with', 'consultation of the people affected']));
    expect(doc.unknown.recommendations.length).toBeGreaterThan(0);
    const gravities = doc.unknown.recommendations.map((id) => doc.recommendations.find((r) => r.id === id)!.gravity);
    expect(gravities[0]).toBe('transparency');
    expect(gravities.indexOf('transparency')).toBe(0);
    expect(gravities.lastIndexOf('transparency')).toBe(gravities.filter((g) => g === 'transparency').length - 1);
    expect(kinds(doc)).toContain('red_line_undetermined');
    expect(ids(doc).some((id) => id.startsWith('state.ban.'))).toBe(false);
    const md = renderBriefMarkdown(doc, CATALOGUE.glossary);
    expect(md).toContain('## What is not known');
    expect(md).toContain('Not known is not “no”');
  });
  it('lists as "because unknown" only recommendations that knowing could take away', () => {
    const doc = brief(subject(), 'company');
    // Alternatives apply to a red-line system whatever the halt grounds: not listed as resting on an unknown.
    expect(doc.unknown.recommendations).not.toContain('company.alternatives');
    expect(doc.unknown.recommendations).toContain('company.consult-communities');
  });
});

describe('the analysis in a brief', () => {
  it('adds its answers credited to it, fills what the register does not know, and gives its own findings', () => {
    const a = answers({ 'participation.consulted': 'no', 'binding.state': 'soft_only', 'necessity.needed': 'no', 'necessity.alternatives': 'Trained case workers.', 'rights.direct': ['privacy'] });
    const doc = brief(subject(), 'state', a);
    expect(kinds(doc)).toEqual(expect.arrayContaining(['no_consultation', 'not_binding', 'not_needed']));
    const analysisRef = doc.references.find((r) => r.kind === 'analysis')!;
    expect(analysisRef.label).toContain('Rights Watch');
    expect(doc.findings.find((f) => f.kind === 'no_consultation')!.refs).toEqual([analysisRef.n]);
    // Free text keeps its own direction inside a brief of any language (isolated: FSI … PDI).
    expect(doc.analysis!.statements.some((s) => s.items?.includes('\u2068Trained case workers.\u2069'))).toBe(true);
    expect(doc.analysis!.gaps).toEqual(expect.arrayContaining(['technology is not neutral', 'intersectionality']));
    expect(doc.unknown.facts).not.toContain('consultation of the people affected');
  });
  it('never overrides what the register knows', () => {
    const s = subject({ record: { assessment: { id: 'a1', status: 'published', published: true, overdue: false, decision: 'proceed', haltGrounds: [], reassessBy: null, consultations: 3 } } });
    const doc = brief(s, 'state', answers({ 'participation.consulted': 'no' }));
    expect(kinds(doc)).not.toContain('no_consultation');
  });
});

describe('bad input', () => {
  it('refuses an unknown stakeholder type, listing the valid ones', () => {
    expect(() => parseStakeholder('ngo')).toThrow(/use one of state, company, international_organisation, service_provider/);
  });
  it('refuses an addressee that is not one of the deployment’s organisations of that kind, listing them', () => {
    const s = subject();
    expect(addresseesOf(s, 'company').map((a) => a.slug)).toEqual(['acme']);
    expect(addresseesOf(s, 'state').map((a) => a.slug)).toEqual(['ministry']);
    const attempt = () => composeBrief(s, { stakeholder: 'company', addressee: 'ministry', i18n: en, catalogue: CATALOGUE, today: '2026-12-07', baseUrl: '' });
    expect(attempt).toThrow(BriefOptionError);
    expect(attempt).toThrow(/use one of acme/);
    const doc = composeBrief(s, { stakeholder: 'company', addressee: 'acme', i18n: en, catalogue: CATALOGUE, today: '2026-12-07', baseUrl: '' });
    expect(doc.intro).toContain('Acme Analytics');
  });
});

describe('languages', () => {
  it('writes its own words in the reader’s language and keeps the briefing’s in English, with a note', () => {
    const doc = composeBrief(subject(), { stakeholder: 'state', i18n: translator('ar'), catalogue: CATALOGUE, today: '2026-12-07', baseUrl: '' });
    expect(doc.dir).toBe('rtl');
    expect(doc.quoteNote).not.toBeNull();
    expect(doc.recommendations[0]!.quote.text).toBe(CATALOGUE.recommendations.find((r) => r.id === doc.recommendations[0]!.id)!.quote.text);
    expect(doc.recommendations[0]!.why).toBeNull(); // the catalogue's English sentence is not shown in Arabic
    expect(brief(subject()).quoteNote).toBeNull();
  });
});
