import type { MessageKey, Translator } from '../../platform/i18n/i18n.ts';
import { haltGroundWords, rightWord } from '../../assessments/views/score-words.ts';
import type { Screening } from '../../redlines/domain/screen-profile.ts';
import { isolate, questionWords, reasonWords } from '../../redlines/views/screening-words.ts';
import {
  applies, factsOf as conditionFacts, FACT_NAMES, FACTS, GRAVITIES, matchRecommendations, STAKEHOLDERS,
  type Catalogue, type Condition, type FactName, type Gravity, type Stakeholder, type SystemFacts,
} from '../domain/catalogue.ts';
import { PRINCIPLES, type AnalysisAnswers } from '../domain/analysis.ts';
import type { GatheredFacts, Provenance, SystemRecord } from '../domain/facts.ts';

// A brief, composed in the reader's language from a deployment's facts (and an advocate's analysis,
// when there is one) for one stakeholder: what the system is, the findings, what is not known, and
// the recommendations of the briefing that apply, quoted in the briefing's own words. Every
// statement carries the numbers of its references: a source the register cites, or the page of the
// finding that produced it (the screening, the assessment, the audit, the analysis). Nothing is
// written that the facts do not hold. The same document serves the web page, the Markdown, the
// self-contained HTML and the DOCX. Pure: no I/O.

/** What a brief is written from: the register's record of a deployment, with what the other capabilities hold. */
export type BriefSubject = {
  deployment: {
    slug: string; title: string; purpose: string | null; legalBasis: string | null; countries: string[]; sites: string[];
    status: string; statusNote: string | null; decisionRole: string; affectedGroups: string[]; period: string | null; unverified: string[];
  };
  technology: { slug: string; name: string; summary: string; techniques: string[]; dataCategories: string[]; unverified: string[] };
  deployer: { slug: string; name: string; kind: string };
  /** The organisations related to the technology or the deployment (develops, sells, funds, …). */
  organisations: { slug: string; name: string; kind: string; relation: string }[];
  /** The sources the register cites for the deployment, its technology, relations and contracts. */
  sources: { url: string; title: string | null; publisher: string | null; publishedOn: string | null; archivedUrl: string | null }[];
  screening: Screening;
  gathered: GatheredFacts & { record: SystemRecord };
};

export type BriefAnalysis = { organisation: string; updatedOn: string; answers: AnalysisAnswers; href: string | null };

export type BriefRef = { n: number; kind: 'source' | 'safeguard' | 'analysis'; label: string; href: string | null; detail: string | null };
/** A passage of the briefing, verbatim (with its inline marks: see domain/rich-text.ts), and how it is cited. */
export type BriefQuote = { text: string; section: string; cite: string; context?: string };
export type BriefStatement = { text: string; refs: number[]; quote?: BriefQuote; items?: string[]; unverified?: boolean };
export type BriefFinding = BriefStatement & { kind: string; gravity: Gravity };
export type BriefRecommendation = {
  id: string; gravity: Gravity; gravityLabel: string; quote: BriefQuote;
  /** The catalogue's own sentence on why it applies (English, shown in English only). */
  why: string | null;
  /** The facts the recommendation's condition reads, as this system has them. */
  because: string;
  /** Facts not known whose knowing could make it not apply. */
  unknown: FactName[];
};
export type BriefAddressee = { slug: string; name: string; kind: string; relation: string };

export type BriefDocument = {
  lang: string; dir: 'ltr' | 'rtl'; title: string; stakeholder: Stakeholder; stakeholderLabel: string;
  addressee: BriefAddressee | null; system: { title: string; href: string };
  isoDate: string; date: string; catalogueVersion: string;
  intro: string;
  about: BriefStatement[];
  findings: BriefFinding[];
  analysis: { heading: string; by: string; statements: BriefStatement[]; gaps: string[] } | null;
  unknown: { facts: string[]; lead: string; recommendations: string[] };
  recommendations: BriefRecommendation[];
  references: BriefRef[];
  /** Said where the interface language is not the briefing's (English). */
  quoteNote: string | null;
  footer: string;
  /** Where Safeguard's own pages are ('' within the site). */
  baseUrl: string;
  /** The words every output writes around the content, in the brief's language. */
  labels: Record<'about' | 'findings' | 'analysis' | 'unknown' | 'recommendations' | 'references' | 'noFindings' | 'noRecommendations' | 'unverified'
    | 'quoteContext' | 'whyApplies' | 'appliesBecause' | 'unknownRecommendations' | 'analysisGaps' | 'to' | 'system', string>;
};

export type BriefOptions = {
  stakeholder: Stakeholder; i18n: Translator; catalogue: Catalogue; today: string;
  /** The organisation the brief is addressed to (one of `addresseesOf`), if chosen. */
  addressee?: string | undefined;
  analysis?: BriefAnalysis | null;
  /** Prefix for Safeguard's own links ('' for links within the site, the public URL in files). */
  baseUrl: string;
};

/** The kinds of organisation each stakeholder type is. */
const STAKEHOLDER_KINDS: Readonly<Record<Stakeholder, readonly string[]>> = {
  state: ['public_body'],
  company: ['company'],
  international_organisation: ['international_organisation'],
  service_provider: ['ngo', 'research_institution'],
};

/** The organisations around a deployment a brief to this stakeholder type can be addressed to (the deployer first). */
export function addresseesOf(subject: Pick<BriefSubject, 'deployer' | 'organisations'>, stakeholder: Stakeholder): BriefAddressee[] {
  const kinds = STAKEHOLDER_KINDS[stakeholder];
  const all = [{ ...subject.deployer, relation: 'deploys' }, ...subject.organisations];
  const out: BriefAddressee[] = [];
  for (const o of all) if (kinds.includes(o.kind) && !out.some((x) => x.slug === o.slug)) out.push(o);
  return out;
}

export class BriefOptionError extends Error {
  constructor(readonly option: 'to' | 'addressee', readonly valid: readonly string[], message: string) { super(message); }
}

export function parseStakeholder(value: unknown): Stakeholder {
  if (typeof value === 'string' && (STAKEHOLDERS as readonly string[]).includes(value)) return value as Stakeholder;
  throw new BriefOptionError('to', STAKEHOLDERS, `unknown stakeholder type ${JSON.stringify(value ?? '')}: use one of ${STAKEHOLDERS.join(', ')}`);
}

/** The values a fact could turn out to have, one at a time (lists: none, or one value). */
function possibleValues(f: FactName): SystemFacts[FactName][] {
  const type = FACTS[f];
  if (type.kind === 'boolean') return [true, false] as SystemFacts[FactName][];
  if (type.kind === 'enum') return [...type.values] as SystemFacts[FactName][];
  return [[], ...type.values.map((v) => [v])] as SystemFacts[FactName][];
}

/** Whether the condition holds only because the fact is not known: some value of it would make it not hold. */
export function restsOnUnknown(c: Condition, facts: SystemFacts, f: FactName): boolean {
  return facts[f] === null && possibleValues(f).some((v) => !applies(c, { ...facts, [f]: v }));
}

const t = (i18n: Translator, key: string, values?: Record<string, string | number>) => i18n.t(key as MessageKey, values);

/** A fact's value in words (or "not known"). */
export function factValueWords(i18n: Translator, fact: FactName, facts: SystemFacts): string {
  const v = facts[fact];
  if (v === null) return t(i18n, 'profile.unknown');
  if (Array.isArray(v) && !v.length) return t(i18n, 'profile.none');
  const word = (x: string | boolean): string => {
    switch (fact) {
      case 'redLineVerdict': return t(i18n, `screening.verdict.${x}`);
      case 'redLines': return t(i18n, `redline.${x}`);
      case 'capabilities': return t(i18n, `capability.${x}`);
      case 'contexts': return t(i18n, `context.${x}`);
      case 'subjects': return t(i18n, `subjects.${x}`);
      case 'decisionRole': return t(i18n, `role.${x}`);
      case 'deploymentStatus': return t(i18n, `status.${x}`);
      case 'deployerKind': case 'vendorKinds': case 'funderKinds': return t(i18n, `kind.${x}`);
      case 'assessment': return t(i18n, `brief.assessmentState.${x}`);
      case 'assessmentDecision': return t(i18n, `assessment.score.decision.${x}`);
      case 'haltGrounds': return t(i18n, `brief.haltGround.${x}`);
      case 'dataSharing': return t(i18n, `sharing.${x}`);
      case 'auditFlagged': return t(i18n, x ? 'brief.audit.flagged' : 'brief.audit.notFlagged');
      case 'consulted': case 'noticeToAffected': return t(i18n, x ? 'brief.yes' : 'brief.no');
    }
  };
  return Array.isArray(v) ? i18n.list(v.map(word)) : word(v);
}

class References {
  readonly list: BriefRef[] = [];
  private readonly byKey = new Map<string, number>();
  constructor(private readonly baseUrl: string) {}
  add(kind: BriefRef['kind'], label: string, href: string | null, detail: string | null = null): number {
    const full = href && href.startsWith('/') ? `${this.baseUrl}${href}` : href;
    const key = `${kind} ${full ?? label}`;
    const seen = this.byKey.get(key);
    if (seen) return seen;
    const n = this.list.length + 1;
    this.list.push({ n, kind, label, href: full, detail });
    this.byKey.set(key, n);
    return n;
  }
  safeguard(p: Provenance | undefined, label?: string): number[] {
    return p ? [this.add('safeguard', label ?? p.label, p.href)] : [];
  }
}

/** Composes the brief. Throws BriefOptionError for an addressee that is not one of the deployment's organisations of that type. */
export function composeBrief(subject: BriefSubject, o: BriefOptions): BriefDocument {
  const { i18n, stakeholder, catalogue } = o;
  const { facts: registerFacts, provenance } = subject.gathered;
  const record = subject.gathered.record;
  const d = subject.deployment;
  const refs = new References(o.baseUrl);
  const candidates = addresseesOf(subject, stakeholder);
  let addressee: BriefAddressee | null = null;
  if (o.addressee) {
    addressee = candidates.find((c) => c.slug === o.addressee) ?? null;
    if (!addressee) {
      throw new BriefOptionError('addressee', candidates.map((c) => c.slug), candidates.length
        ? `"${o.addressee}" is not an organisation of this deployment a brief to ${stakeholder} can address: use one of ${candidates.map((c) => c.slug).join(', ')}`
        : `this deployment has no ${stakeholder} organisation on the register to address: leave the addressee out`);
    }
  }

  // Facts the register does not know, the analysis may: credited to it.
  const analysis = o.analysis ?? null;
  const facts: SystemFacts = { ...registerFacts };
  const analysisRef = () => (analysis ? refs.add('analysis', t(i18n, 'brief.ref.analysis', { organisation: analysis.organisation, date: i18n.date(analysis.updatedOn) }), analysis.href) : 0);
  const fromAnalysis = new Set<FactName>();
  if (analysis) {
    const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
    const consulted = yesNo(analysis.answers.participation.consulted);
    const notice = yesNo(analysis.answers.transparency.notice);
    if (facts.consulted === null && consulted !== null) { facts.consulted = consulted; fromAnalysis.add('consulted'); }
    if (facts.noticeToAffected === null && notice !== null) { facts.noticeToAffected = notice; fromAnalysis.add('noticeToAffected'); }
  }
  const refOf = (f: FactName): number[] => (fromAnalysis.has(f) ? [analysisRef()] : refs.safeguard(provenance[f]));

  const recordRef = () => refs.add('safeguard', t(i18n, 'brief.ref.record', { title: d.title }), `/deployments/${d.slug}`);
  const sourceRefs = () => subject.sources.map((s) => refs.add('source', s.title ?? s.url, s.url,
    [s.publisher, s.publishedOn, s.archivedUrl ? t(i18n, 'brief.ref.archived', { url: s.archivedUrl }) : null].filter(Boolean).join(' · ') || null));
  const withSources = () => [recordRef(), ...sourceRefs()];

  // -- What the system is and does
  const about: BriefStatement[] = [];
  const tech = subject.technology;
  about.push({ text: t(i18n, 'brief.about.technology', { name: isolate(tech.name), summary: isolate(tech.summary) }), refs: [refs.add('safeguard', t(i18n, 'brief.ref.technology', { name: tech.name }), `/technologies/${tech.slug}`), ...sourceRefs()], unverified: tech.unverified.includes('summary') });
  about.push({
    text: t(i18n, 'brief.about.deployer', { deployer: isolate(subject.deployer.name), kind: t(i18n, `kind.${subject.deployer.kind}`), countries: d.countries.length ? i18n.list(d.countries.map((c) => i18n.country(c))) : t(i18n, 'profile.unknown') }),
    refs: [recordRef(), refs.add('safeguard', subject.deployer.name, `/organisations/${subject.deployer.slug}`)], unverified: d.unverified.includes('countries'),
  });
  if (d.purpose) about.push({ text: t(i18n, 'brief.about.purpose', { purpose: isolate(d.purpose) }), refs: withSources(), unverified: d.unverified.includes('purpose') });
  about.push({ text: d.legalBasis ? t(i18n, 'brief.about.legalBasis', { basis: isolate(d.legalBasis) }) : t(i18n, 'brief.about.noLegalBasis'), refs: d.legalBasis ? withSources() : [recordRef()], unverified: d.unverified.includes('legalBasis') });
  about.push({ text: t(i18n, 'brief.about.status', { status: t(i18n, `status.${d.status}`), period: d.period ? isolate(d.period) : t(i18n, 'profile.unknown') }), refs: withSources(), unverified: d.unverified.includes('status'), ...(d.statusNote ? { items: [isolate(d.statusNote)] } : {}) });
  about.push({ text: t(i18n, 'brief.about.decisionRole', { role: t(i18n, `role.${d.decisionRole}`) }), refs: [recordRef()] });
  if (tech.techniques.length) about.push({ text: t(i18n, 'brief.about.techniques', { items: i18n.list(tech.techniques.map(isolate)) }), refs: [refs.add('safeguard', t(i18n, 'brief.ref.technology', { name: tech.name }), `/technologies/${tech.slug}`)] });
  if (tech.dataCategories.length) about.push({ text: t(i18n, 'brief.about.data', { items: i18n.list(tech.dataCategories.map(isolate)) }), refs: [refs.add('safeguard', t(i18n, 'brief.ref.technology', { name: tech.name }), `/technologies/${tech.slug}`)] });
  if (d.affectedGroups.length) about.push({ text: t(i18n, 'brief.about.affected', { items: i18n.list(d.affectedGroups.map(isolate)) }), refs: withSources() });
  const others = subject.organisations.filter((x) => x.slug !== subject.deployer.slug);
  if (others.length) {
    about.push({
      text: t(i18n, 'brief.about.organisations'), refs: [recordRef()],
      items: others.map((x) => t(i18n, 'brief.about.organisation', { name: isolate(x.name), kind: t(i18n, `kind.${x.kind}`), relation: t(i18n, `relation.${x.relation}`) })),
    });
  }

  // -- Findings
  const findings: BriefFinding[] = [];
  const screeningRef = refs.safeguard(provenance.redLineVerdict, t(i18n, 'brief.ref.screening'));
  for (const f of subject.screening.findings) {
    findings.push({
      kind: 'red_line', gravity: 'ban', refs: screeningRef,
      text: t(i18n, 'brief.finding.redLine', { redLine: t(i18n, `redline.${f.id}`) }),
      items: f.reasons.map((r) => reasonWords(i18n, r)),
      quote: { text: f.passage.quote, section: f.passage.section, cite: t(i18n, 'brief.quoteFrom', { section: f.passage.section }) },
    });
  }
  if (subject.screening.verdict === 'insufficient_information') {
    findings.push({
      kind: 'red_line_undetermined', gravity: 'transparency', refs: screeningRef,
      text: t(i18n, 'brief.finding.redLineUndetermined', { redLines: i18n.list(subject.screening.undetermined.map((u) => u.id)) }),
      items: [...new Set(subject.screening.undetermined.flatMap((u) => u.questions))].map((q) => questionWords(i18n, q)),
    });
  }
  const a = record.assessment;
  const assessmentRef = refs.safeguard(provenance.assessment, a ? t(i18n, a.published ? 'brief.ref.publishedAssessment' : 'brief.ref.assessment') : t(i18n, 'brief.ref.record', { title: d.title }));
  if (a?.decision === 'halt') {
    findings.push({ kind: 'assessment_halt', gravity: 'halt', refs: assessmentRef, text: t(i18n, 'brief.finding.assessmentHalt'), items: a.haltGrounds.map((g) => haltGroundWords(i18n, g)) });
  }
  if (['halted', 'suspended', 'withdrawn', 'court_ruling'].includes(d.status)) {
    findings.push({ kind: 'status', gravity: 'other', refs: withSources(), text: t(i18n, 'brief.finding.status', { status: t(i18n, `status.${d.status}`) }), ...(d.statusNote ? { items: [isolate(d.statusNote)] } : {}) });
  }
  if (analysis && (analysis.answers.binding.state === 'soft_only' || analysis.answers.binding.state === 'nothing')) {
    findings.push({ kind: 'not_binding', gravity: 'binding', refs: [analysisRef()], text: t(i18n, `brief.finding.binding.${analysis.answers.binding.state}`), ...(analysis.answers.binding.note ? { items: [isolate(analysis.answers.binding.note)] } : {}) });
  }
  if (!d.legalBasis) findings.push({ kind: 'no_legal_basis', gravity: 'binding', refs: [recordRef()], text: t(i18n, 'brief.finding.noLegalBasis') });
  switch (facts.assessment) {
    case 'none': findings.push({ kind: 'assessment_none', gravity: 'assessment', refs: assessmentRef, text: t(i18n, 'brief.finding.assessment.none') }); break;
    case 'draft': case 'in_review': findings.push({ kind: 'assessment_unpublished', gravity: 'assessment', refs: assessmentRef, text: t(i18n, 'brief.finding.assessment.unpublished') }); break;
    case 'overdue': findings.push({ kind: 'assessment_overdue', gravity: 'assessment', refs: assessmentRef, text: t(i18n, 'brief.finding.assessment.overdue', { date: a?.reassessBy ? i18n.date(a.reassessBy) : t(i18n, 'profile.unknown') }) }); break;
    case 'published':
      if (a?.decision === 'proceed_with_conditions') findings.push({ kind: 'assessment_conditions', gravity: 'assessment', refs: assessmentRef, text: t(i18n, 'brief.finding.assessment.conditions') });
      break;
    default: break;
  }
  if (facts.auditFlagged === null) findings.push({ kind: 'audit_none', gravity: 'assessment', refs: [recordRef()], text: t(i18n, 'brief.finding.audit.none') });
  else if (facts.auditFlagged) findings.push({ kind: 'audit_flagged', gravity: 'remedy', refs: refOf('auditFlagged'), text: t(i18n, 'brief.finding.audit.flagged', { count: record.audit?.flagged ?? 0 }) });
  if (facts.decisionRole === 'fully_automated') findings.push({ kind: 'fully_automated', gravity: 'remedy', refs: refOf('decisionRole'), text: t(i18n, 'brief.finding.fullyAutomated') });
  if (facts.dataSharing?.length) findings.push({ kind: 'data_sharing', gravity: 'other', refs: refOf('dataSharing'), text: t(i18n, 'brief.finding.dataSharing', { parties: factValueWords(i18n, 'dataSharing', facts) }) });
  if (facts.consulted === false) findings.push({ kind: 'no_consultation', gravity: 'participation', refs: refOf('consulted'), text: t(i18n, 'brief.finding.noConsultation') });
  if (facts.noticeToAffected === false) findings.push({ kind: 'no_notice', gravity: 'transparency', refs: refOf('noticeToAffected'), text: t(i18n, 'brief.finding.noNotice') });
  if (analysis?.answers.necessity.needed === 'no') {
    findings.push({ kind: 'not_needed', gravity: 'assessment', refs: [analysisRef()], text: t(i18n, 'brief.finding.notNeeded'), ...(analysis.answers.necessity.alternatives ? { items: [isolate(analysis.answers.necessity.alternatives)] } : {}) });
  }
  const unverified = [...new Set([...d.unverified, ...tech.unverified])];
  if (unverified.length) findings.push({ kind: 'unverified', gravity: 'other', refs: [recordRef()], text: t(i18n, 'brief.finding.unverified', { fields: i18n.list(unverified.map(isolate)) }) });
  findings.sort((x, y) => GRAVITIES.indexOf(x.gravity) - GRAVITIES.indexOf(y.gravity));

  // -- The advocate's analysis, in its own words, credited
  let analysisPart: BriefDocument['analysis'] = null;
  if (analysis) {
    const ans = analysis.answers;
    const ref = [analysisRef()];
    const s: BriefStatement[] = [];
    const said = new Set<string>();
    const say = (key: string, values: Record<string, string>, items?: (string | undefined | false)[]) => {
      const kept = (items ?? []).filter((x): x is string => !!x).map(isolate);
      said.add(key.slice('brief.analysis.'.length));
      s.push({ text: t(i18n, key, values), refs: ref, ...(kept.length ? { items: kept } : {}) });
    };
    if (ans.neutrality.framing) say('brief.analysis.neutrality', {}, [ans.neutrality.framing]);
    if (ans.necessity.needed || ans.necessity.alternatives) say('brief.analysis.necessity', { answer: t(i18n, `brief.needed.${ans.necessity.needed ?? 'unclear'}`) }, [ans.necessity.alternatives]);
    if (ans.rights.direct || ans.rights.indirect || ans.rights.note) {
      say('brief.analysis.rights', {
        direct: ans.rights.direct ? i18n.list(ans.rights.direct.map((r) => rightWord(i18n, r))) : t(i18n, 'profile.unknown'),
        indirect: ans.rights.indirect ? i18n.list(ans.rights.indirect.map((r) => rightWord(i18n, r))) : t(i18n, 'profile.unknown'),
      }, [ans.rights.note]);
    }
    if (ans.groups.groups || ans.groups.intersections) say('brief.analysis.groups', { groups: ans.groups.groups ? i18n.list(ans.groups.groups.map((g) => t(i18n, `brief.group.${g}`))) : t(i18n, 'profile.unknown') }, [ans.groups.intersections]);
    if (ans.binding.state || ans.binding.note) say('brief.analysis.binding', { answer: t(i18n, `brief.binding.${ans.binding.state ?? 'unknown'}`) }, [ans.binding.note]);
    if (ans.transparency.public || ans.transparency.withheld || ans.transparency.notice) {
      say('brief.analysis.transparency', { notice: t(i18n, `brief.yesNoUnknown.${ans.transparency.notice ?? 'unknown'}`) },
        [ans.transparency.public && t(i18n, 'brief.analysis.public', { text: ans.transparency.public }), ans.transparency.withheld && t(i18n, 'brief.analysis.withheld', { text: ans.transparency.withheld })]);
    }
    if (ans.participation.consulted || ans.participation.changed || ans.participation.note) {
      say('brief.analysis.participation', { consulted: t(i18n, `brief.yesNoUnknown.${ans.participation.consulted ?? 'unknown'}`), changed: t(i18n, `brief.yesNoUnknown.${ans.participation.changed ?? 'unknown'}`) }, [ans.participation.note]);
    }
    const gaps = PRINCIPLES.filter((p) => !said.has(p)).map((p) => t(i18n, `brief.principle.${p}`));
    analysisPart = { heading: t(i18n, 'brief.section.analysis'), by: t(i18n, 'brief.analysis.by', { organisation: analysis.organisation, date: i18n.date(analysis.updatedOn) }), statements: s, gaps };
  }

  // -- Recommendations
  const matched = matchRecommendations(catalogue, stakeholder, facts);
  const recommendations: BriefRecommendation[] = matched.map((r) => {
    const read = conditionFacts(r.appliesWhen);
    return {
      id: r.id, gravity: r.gravity, gravityLabel: t(i18n, `brief.gravity.${r.gravity}`),
      quote: { text: r.quote.text, section: r.quote.section, cite: t(i18n, 'brief.quoteFrom', { section: r.quote.section }), ...(r.quote.context ? { context: r.quote.context } : {}) },
      why: i18n.locale === 'en' ? r.why : null,
      because: read.length ? read.map((f) => t(i18n, 'brief.because', { fact: t(i18n, `brief.fact.${f}`), value: factValueWords(i18n, f, facts) })).join('; ') : t(i18n, 'brief.always'),
      unknown: read.filter((f) => restsOnUnknown(r.appliesWhen, facts, f)),
    };
  });
  const unknownFacts = FACT_NAMES.filter((f) => facts[f] === null);
  // What applies because facts are not known: transparency first.
  const byUnknown = recommendations.filter((r) => r.unknown.length)
    .sort((x, y) => Number(y.gravity === 'transparency') - Number(x.gravity === 'transparency'));

  const stakeholderLabel = t(i18n, `brief.stakeholder.${stakeholder}`);
  return {
    lang: i18n.locale, dir: i18n.dir,
    title: t(i18n, 'brief.title', { system: d.title }),
    stakeholder, stakeholderLabel, addressee,
    system: { title: d.title, href: `${o.baseUrl}/deployments/${d.slug}` },
    isoDate: o.today, date: i18n.date(o.today), catalogueVersion: catalogue.version,
    intro: t(i18n, 'brief.intro', { to: addressee ? `${isolate(addressee.name)} (${stakeholderLabel})` : stakeholderLabel }),
    about, findings, analysis: analysisPart,
    unknown: {
      facts: unknownFacts.map((f) => t(i18n, `brief.fact.${f}`)),
      lead: unknownFacts.length ? t(i18n, 'brief.unknown.lead', { count: unknownFacts.length }) : t(i18n, 'brief.unknown.none'),
      recommendations: byUnknown.map((r) => r.id),
    },
    recommendations,
    references: refs.list,
    quoteNote: i18n.locale === 'en' ? null : t(i18n, 'brief.quoteNote'),
    footer: t(i18n, 'brief.footer', { version: catalogue.version, date: i18n.date(o.today) }),
    baseUrl: o.baseUrl,
    labels: {
      about: t(i18n, 'brief.section.about'), findings: t(i18n, 'brief.section.findings'), analysis: t(i18n, 'brief.section.analysis'),
      unknown: t(i18n, 'brief.section.unknown'), recommendations: t(i18n, 'brief.section.recommendations'), references: t(i18n, 'brief.section.references'),
      noFindings: t(i18n, 'brief.noFindings'), noRecommendations: t(i18n, 'brief.noRecommendations'), unverified: t(i18n, 'brief.unverified'),
      quoteContext: t(i18n, 'brief.quoteContext'), whyApplies: t(i18n, 'brief.whyApplies'), appliesBecause: t(i18n, 'brief.appliesBecause'),
      unknownRecommendations: t(i18n, 'brief.unknown.recommendations'),
      analysisGaps: analysisPart?.gaps.length ? t(i18n, 'brief.analysis.gaps', { items: i18n.list(analysisPart.gaps) }) : '',
      to: t(i18n, 'brief.to'), system: t(i18n, 'brief.system'),
    },
  };
}
