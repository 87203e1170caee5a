import type { AssessmentFile } from './assessment-file.ts';
import { CONDITION_TEXT, haltGroundText } from './explain-score.ts';
import type { Band, Decision, DecisionRole, HarmScore, Score } from './scoring.ts';

// An impact assessment read against the EU AI Act (Regulation (EU) 2024/1689): the six elements of
// the fundamental rights impact assessment of Article 27(1), and the information a deployer submits
// when registering its use of a high-risk system (Article 49(3), Annex VIII Section C). Pure: every
// answer is the assessment's own text or the score's result, never invented; what the assessment
// does not say is a gap, named by the question id of the safeguard-hria questionnaire (or by the
// legal requirement the questionnaire has no question for). English only, the legal text's language.

export const AI_ACT_FRIA_SCHEMA = 'safeguard.ai-act-fria/1';
export const AI_ACT_REGULATION = 'Regulation (EU) 2024/1689';

export type Article27Element = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
export const ARTICLE_27_ELEMENTS: readonly Article27Element[] = ['a', 'b', 'c', 'd', 'e', 'f'];

export type AnnexVIIIPoint = 1 | 2 | 3 | 4 | 5;
export const ANNEX_VIII_C_POINTS: readonly AnnexVIIIPoint[] = [1, 2, 3, 4, 5];

/** The sub-point of Annex III, point 7 (migration, asylum and border control management) the assessor chose. */
export type AnnexIIIPoint7 = 'a' | 'b' | 'c' | 'd' | 'not_listed';

export type Article27Entry = {
  element: Article27Element;
  /** A short paraphrase of the legal requirement, with its article number. */
  requirement: string;
  /** The assessment's own answers for the element, or null when it gives none. */
  answer: string | null;
  /** The question ids (under `answers`) and typed paths (`context.decisionRole`, `harms`, `score.…`) the answer was taken from. */
  from: string[];
  /** What the element needs and the assessment does not say, each naming the question id. */
  gaps: string[];
};

export type AnnexVIIIEntry = {
  point: AnnexVIIIPoint;
  field: 'deployer' | 'submitter' | 'provider_database_url' | 'fria_summary' | 'dpia_summary';
  requirement: string;
  value: string | null;
  from: string[];
  gaps: string[];
};

export type AiActFria = {
  schema: typeof AI_ACT_FRIA_SCHEMA;
  regulation: typeof AI_ACT_REGULATION;
  assessment: { title: string; assessedOn: string; definition: string };
  annexIIIPoint7: { subPoint: AnnexIIIPoint7 | null; description: string | null; from: string[]; gaps: string[] };
  article27: Article27Entry[];
  annexVIIISectionC: AnnexVIIIEntry[];
  notes: string[];
};

export type AiActFacts = { deployer?: { name: string; country?: string | null; website?: string | null } };

// ---------------------------------------------------------------------------------------------
// The legal text, paraphrased.

export const ARTICLE_27_REQUIREMENTS: Readonly<Record<Article27Element, string>> = {
  a: "Art. 27(1)(a): a description of the deployer's processes in which the system is used, in line with its intended purpose",
  b: 'Art. 27(1)(b): the period of time within which, and the frequency with which, the system is intended to be used',
  c: 'Art. 27(1)(c): the categories of natural persons and groups likely to be affected by its use in the specific context',
  d: "Art. 27(1)(d): the specific risks of harm likely to affect those persons and groups, taking into account the provider's information under Art. 13",
  e: 'Art. 27(1)(e): a description of how the human oversight measures are implemented, according to the instructions for use',
  f: 'Art. 27(1)(f): the measures to be taken if those risks materialise, including internal governance and complaint mechanisms',
};

export const ANNEX_VIII_C_REQUIREMENTS: Readonly<Record<AnnexVIIIPoint, { field: AnnexVIIIEntry['field']; requirement: string }>> = {
  1: { field: 'deployer', requirement: 'Annex VIII, Section C, point 1: name, address and contact details of the deployer' },
  2: { field: 'submitter', requirement: 'Annex VIII, Section C, point 2: name, address and contact details of the person submitting the information on behalf of the deployer' },
  3: { field: 'provider_database_url', requirement: "Annex VIII, Section C, point 3: URL of the provider's entry for the AI system in the EU database" },
  4: { field: 'fria_summary', requirement: 'Annex VIII, Section C, point 4: a summary of the findings of the fundamental rights impact assessment under Art. 27' },
  5: { field: 'dpia_summary', requirement: 'Annex VIII, Section C, point 5: a summary of the data protection impact assessment under Art. 35 of Regulation (EU) 2016/679 or Art. 27 of Directive (EU) 2016/680, where applicable' },
};

const ANNEX_III_7: Readonly<Record<string, { subPoint: AnnexIIIPoint7; description: string }>> = {
  a_polygraphs: { subPoint: 'a', description: 'Annex III, point 7(a): polygraphs or similar tools' },
  b_risk_assessment: { subPoint: 'b', description: 'Annex III, point 7(b): assessing a risk (security, irregular migration or health) posed by a person who intends to enter or has entered the territory of a Member State' },
  c_application_examination: { subPoint: 'c', description: 'Annex III, point 7(c): assisting the examination of applications for asylum, visas or residence permits and related complaints, including assessing the reliability of evidence' },
  d_identification: { subPoint: 'd', description: 'Annex III, point 7(d): detecting, recognising or identifying persons, other than verifying travel documents' },
  not_listed: { subPoint: 'not_listed', description: 'Not listed in Annex III, point 7' },
};

// The questions of safeguard-hria (1.0.0 and later) the mapping reads (their English labels, for the gaps).
const QUESTIONS = {
  'screening.phase': 'stage of the system’s lifecycle',
  'screening.ai_act_category': 'category under Annex III, point 7, of the AI Act',
  'necessity.aim': 'the aim the system serves',
  'data.system': 'what the system does',
  'data.data_categories': 'categories of personal data, and whose data they are',
  'data.lawfulness_fairness_transparency': 'lawfulness, fairness and transparency',
  'data.purpose_limitation': 'purpose limitation',
  'data.data_minimisation': 'data minimisation',
  'data.accuracy': 'accuracy',
  'data.storage_limitation': 'storage limitation',
  'data.integrity_confidentiality': 'integrity and confidentiality, or security',
  'data.accountability': 'accountability: controller, processors, data protection officer, DPIA',
  'data.sharing': 'data sharing: with whom, and on what basis',
  'context.process': 'the process the system is used in',
  'context.frequency': 'how often it is used',
  'context.closeness': 'how close the output is to the decision',
  'context.deviation': 'whether officials can deviate from the output, and how often they do',
  'groups.matrix': 'impact on each group',
  'groups.intersections': 'intersections of groups',
  'mitigation.plan': 'the mitigation measures',
  'residual.acceptability': 'why the residual risk is, or is not, acceptable, and what would halt the system',
  'decision.proposed': 'proposed decision',
  'decision.accepting_official': 'official accepting the residual risk',
  'decision.conditions': 'conditions attached to the decision',
} as const;
type QuestionId = keyof typeof QUESTIONS;

const DPIA_QUESTIONS = [
  'data.data_categories', 'data.lawfulness_fairness_transparency', 'data.purpose_limitation', 'data.data_minimisation', 'data.accuracy',
  'data.storage_limitation', 'data.integrity_confidentiality', 'data.accountability', 'data.sharing',
] as const satisfies readonly QuestionId[];

const GROUPS: Readonly<Record<string, string>> = {
  refugees_migrants: 'refugees, asylum seekers and migrants',
  racialised_groups: 'racialised groups',
  people_in_poverty: 'people living in poverty',
  older_people: 'older people',
  people_with_disabilities: 'people with disabilities',
  children_young_people: 'children and young people',
  gender: 'gender (women, girls, people of diverse gender identities)',
  other: 'other group',
};
/** The seven groups the questionnaire asks a row for, affected or not. */
const LISTED_GROUPS = Object.keys(GROUPS).filter((g) => g !== 'other');

const PHASES: Readonly<Record<string, string>> = {
  design: 'design', procurement: 'procurement', pilot: 'pilot', deployment: 'deployment', re_assessment: 're-assessment of a system in use',
};

const ROLES: Readonly<Record<DecisionRole, string>> = {
  fully_automated: 'fully automated (the output takes effect without a person deciding the individual case)',
  decision_support: 'decision support (a person decides with the output before them)',
  none: 'no role in decisions',
};

const DECISIONS: Readonly<Record<Decision, string>> = { halt: 'halt', proceed_with_conditions: 'proceed with conditions', proceed: 'proceed' };

const DPIA_RIGHTS = new Set<string>(['privacy', 'data_protection']);

// ---------------------------------------------------------------------------------------------
// Reading answers (the `answers` record is unknown-typed: read defensively).

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== null) : []);
const rows = (v: unknown): Row[] => (Array.isArray(v) ? v.filter(isRow) : []);
const words = (id: string) => (id === 'non_discrimination' ? 'non-discrimination' : id.replaceAll('_', ' '));
/** A record's own entry for a key from an answer (never one inherited from Object.prototype). */
const own = <T>(record: Readonly<Record<string, T>>, key: unknown): T | undefined =>
  typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;
const gap = (id: QuestionId) => `${id}: not answered (${QUESTIONS[id]})`;

/** Collects the parts of one answer, where they came from, and what is missing. */
class Parts {
  readonly lines: string[] = [];
  readonly from: string[] = [];
  readonly gaps: string[] = [];
  constructor(private readonly file: AssessmentFile) {}

  /** A text answer under `answers[id]`, as a labelled line, or a gap. */
  text(id: QuestionId, label: string): string | null {
    const value = str(this.file.answers[id]);
    if (value === null) this.gaps.push(gap(id));
    else this.add(id, `${label}: ${value}`);
    return value;
  }

  /** One line of the answer; a multi-line text continues on lines indented by two spaces (blank lines stay blank). */
  add(from: string, line: string) {
    this.lines.push(line.trim().split(/\r?\n/).map((l, i) => (i === 0 || l.trim() === '' ? l.trim() : `  ${l.trim()}`)).join('\n'));
    if (!this.from.includes(from)) this.from.push(from);
  }

  get answer(): string | null {
    return this.lines.length ? this.lines.join('\n') : null;
  }
}

const bandsOf = (h: HarmScore | undefined) =>
  h ? `residual risk ${h.residual.band} (inherent ${h.inherent.band}; projected ${h.projected.band} once planned measures are in place)` : 'not scored';

// ---------------------------------------------------------------------------------------------
// The mapping.

/** Maps an assessment and its score to the EU AI Act: Article 27(1)(a)–(f) and Annex VIII Section C, with their gaps. */
export function aiActMapping(file: AssessmentFile, score: Score, facts: AiActFacts = {}): AiActFria {
  const harmScore = new Map(score.harms.map((h) => [h.harm, h] as const));
  const category = annexIIIPoint7Of(file);

  const article27: Article27Entry[] = ARTICLE_27_ELEMENTS.map((element) => {
    const parts = ELEMENTS[element](file, score, harmScore);
    return { element, requirement: ARTICLE_27_REQUIREMENTS[element], answer: parts.answer, from: parts.from, gaps: parts.gaps };
  });

  const annexVIIISectionC: AnnexVIIIEntry[] = ANNEX_VIII_C_POINTS.map((point) => {
    const parts = SECTION_C[point](file, score, harmScore, facts);
    return { point, ...ANNEX_VIII_C_REQUIREMENTS[point], value: parts.answer, from: parts.from, gaps: parts.gaps };
  });

  return {
    schema: AI_ACT_FRIA_SCHEMA,
    regulation: AI_ACT_REGULATION,
    assessment: { title: file.assessment.title, assessedOn: file.assessment.assessedOn, definition: `${file.definition.id} ${file.definition.version}` },
    annexIIIPoint7: category,
    article27,
    annexVIIISectionC,
    notes: notesOf(file, category.subPoint),
  };
}

function annexIIIPoint7Of(file: AssessmentFile): AiActFria['annexIIIPoint7'] {
  const raw = file.answers['screening.ai_act_category'];
  const known = own(ANNEX_III_7, raw);
  if (!known) {
    const gaps = raw === undefined || raw === null || raw === '' ? [gap('screening.ai_act_category')] : [`screening.ai_act_category: ${JSON.stringify(raw)} is not one of its options`];
    return { subPoint: null, description: null, from: [], gaps };
  }
  return { subPoint: known.subPoint, description: known.description, from: ['screening.ai_act_category'], gaps: [] };
}

type Harms = ReadonlyMap<string, HarmScore>;

const proposedOf = (file: AssessmentFile): Decision | null =>
  own(DECISIONS, file.answers['decision.proposed']) ? (file.answers['decision.proposed'] as Decision) : null;

const ELEMENTS: Readonly<Record<Article27Element, (file: AssessmentFile, score: Score, harms: Harms) => Parts>> = {
  a(file) {
    const p = new Parts(file);
    p.text('context.process', 'Process');
    p.text('necessity.aim', 'Aim');
    p.text('data.system', 'What the system does');
    return p;
  },

  b(file, score) {
    const p = new Parts(file);
    p.text('context.frequency', 'Frequency');
    const phase = own(PHASES, file.answers['screening.phase']);
    if (phase) p.add('screening.phase', `Lifecycle stage: ${phase}`);
    else p.gaps.push(gap('screening.phase'));
    p.add('assessment.assessedOn', `Assessed on: ${file.assessment.assessedOn}`);
    p.add('score.reassessBy', score.reassessBy
      ? `The assessment must be repeated by ${score.reassessBy} at the latest (Art. 27(2): it is updated when an element changes)`
      : 'The scoring halts the system: it is not to be used, so no period of use applies');
    p.gaps.push('period of use: the questionnaire has no question for the period within which the system is intended to be used (for example an end date of the contract or pilot)');
    return p;
  },

  c(file) {
    const p = new Parts(file);
    const matrix = rows(file.answers['groups.matrix']);
    if (!matrix.length) p.gaps.push(gap('groups.matrix'));
    const unaffected: string[] = [];
    for (const row of matrix) {
      const group = typeof row.group === 'string' ? (own(GROUPS, row.group) ?? words(row.group)) : 'a group';
      const how = str(row.how);
      if (row.affected === 'no') {
        unaffected.push(how ? `${group} (${how})` : group);
        continue;
      }
      const affected = row.affected === 'yes' ? 'affected' : 'possibly affected (not known)';
      const data = row.disaggregated_data === 'available' ? '; disaggregated data available' : row.disaggregated_data === 'missing' ? '; disaggregated data missing' : '';
      p.add('groups.matrix', `Group: ${group}, ${affected}${how ? `: ${how}` : ''}${data}`);
    }
    if (unaffected.length) p.add('groups.matrix', `Considered not affected: ${unaffected.join('; ')}`);
    if (matrix.length) {
      const rowsFor = new Set(matrix.map((r) => r.group));
      const missing = LISTED_GROUPS.filter((g) => !rowsFor.has(g));
      if (missing.length) p.gaps.push(`groups.matrix: no row for ${missing.map((g) => GROUPS[g]).join(', ')} (the questionnaire asks a row for each group, affected or not)`);
    }

    const intersections = rows(file.answers['groups.intersections']);
    if (!intersections.length) p.gaps.push(`${gap('groups.intersections')}; optional in the questionnaire`);
    for (const row of intersections) {
      const groups = strings(row.groups).map((g) => own(GROUPS, g) ?? words(g));
      const how = str(row.how);
      p.add('groups.intersections', `Intersection of ${groups.length ? groups.join(' and ') : 'groups not named'}${how ? `: ${how}` : ''}`);
    }

    const byGroup = new Map<string, string[]>();
    for (const h of file.harms) {
      if (!h.groups.length) p.gaps.push(`harms.register: harm ${h.id} names no group it falls on`);
      for (const g of h.groups) byGroup.set(g, [...(byGroup.get(g) ?? []), h.id]);
    }
    if (byGroup.size) p.add('harms[].groups', `Groups named in the harms register: ${[...byGroup].map(([g, ids]) => `${g} (${ids.join(', ')})`).join('; ')}`);
    return p;
  },

  d(file, score, harms) {
    const p = new Parts(file);
    for (const h of file.harms) {
      const groups = h.groups.length ? ` Falls on: ${h.groups.join(', ')}.` : '';
      const data = h.subgroupData === 'missing' ? ' No disaggregated data for the groups it may affect.' : '';
      p.add('harms', `Harm ${h.id} (${words(h.right)}): ${h.description}${groups}${data} Score: ${bandsOf(harms.get(h.id))}.`);
    }
    p.from.push('score.harms');
    p.add('score.overall', `Overall: residual risk ${score.overall.residual} (inherent ${score.overall.inherent}; projected ${score.overall.projected}), the worst band of any harm`);
    p.gaps.push("provider's information (Art. 13): the questionnaire has no question for the instructions for use and the information the provider gives on the system's risks");
    return p;
  },

  e(file) {
    const p = new Parts(file);
    p.add('context.decisionRole', `Role in decisions: ${ROLES[file.context.decisionRole]}`);
    p.add('context.adverseDecisions', file.context.adverseDecisions ? 'Its output can lead to a decision against the person' : 'Its output cannot lead to a decision against the person');
    p.text('context.closeness', 'How close the output is to the decision');
    p.text('context.deviation', 'Deviation from the output by officials');
    p.gaps.push('instructions for use (Art. 13(3)(d)): the questionnaire has no question for the human oversight measures the provider’s instructions for use set out');
    return p;
  },

  f(file, score) {
    const p = new Parts(file);
    const measures = file.mitigations.filter((m) => m.kind === 'measure');
    if (!measures.length) p.gaps.push(gap('mitigation.plan'));
    for (const m of measures) {
      const evidence = m.evidence.length ? `, evidence: ${m.evidence.join('; ')}` : '';
      p.add('mitigations', `Measure ${m.id} for harm ${m.harm} (lowers ${m.targets}; ${m.status}${evidence}; oversight review ${m.review}): ${m.description}`);
    }
    for (const c of score.conditions) p.add('score.conditions', `Condition set by the scoring: ${CONDITION_TEXT[c]}`);

    const proposed = proposedOf(file);
    if (!proposed) p.gaps.push(gap('decision.proposed'));
    else p.add('decision.proposed', `Proposed decision: ${DECISIONS[proposed]}`);
    // The questionnaire asks for conditions and an accepting official only for some decisions; without a
    // proposed decision, the score's decision stands in for it.
    const decision = proposed ?? score.decision;
    if (decision === 'proceed_with_conditions') p.text('decision.conditions', 'Conditions attached to the decision');
    if (decision !== 'halt') p.text('decision.accepting_official', 'Official accepting the residual risk (internal governance)');
    p.text('residual.acceptability', 'What would halt the system, and how it is watched');

    p.add('context.contestable', file.context.contestable
      ? 'Complaint mechanism: the person can contest the decision before a human and an independent body'
      : 'Complaint mechanism: none; the person cannot contest the decision before a human and an independent body');
    if (!file.context.contestable) p.gaps.push('context.contestable: no way to contest the decision before a human and an independent body is described');
    return p;
  },
};

const SECTION_C: Readonly<Record<AnnexVIIIPoint, (file: AssessmentFile, score: Score, harms: Harms, facts: AiActFacts) => Parts>> = {
  1(file, _score, _harms, facts) {
    const p = new Parts(file);
    const d = facts.deployer;
    const name = str(d?.name);
    if (!d || !name) {
      p.gaps.push('deployer: the assessment names no deployer (facts.deployer, from the register entry of the deployment)');
      return p;
    }
    p.add('facts.deployer.name', `Deployer: ${name}`);
    const country = str(d.country);
    if (country) p.add('facts.deployer.country', `Country: ${country}`);
    else p.gaps.push("facts.deployer.country: the deployer's country is not recorded");
    const website = str(d.website);
    if (website) p.add('facts.deployer.website', `Website: ${website}`);
    else p.gaps.push("facts.deployer.website: the deployer's website is not recorded");
    p.gaps.push("address and contact details: the deployer's postal address and contact details are not recorded on Safeguard");
    return p;
  },

  2(file) {
    const p = new Parts(file);
    p.gaps.push('submitter: the assessment does not record who submits the registration on behalf of the deployer (decision.accepting_official names who accepts the residual risk, not who registers)');
    return p;
  },

  3(file) {
    const p = new Parts(file);
    p.gaps.push("provider's EU database entry: the assessment does not record the URL of the provider's entry for the system in the EU database (Art. 71)");
    return p;
  },

  4(file, score, harms) {
    const p = new Parts(file);
    p.add('assessment', `Assessment "${file.assessment.title}" of ${file.assessment.assessedOn}`);
    p.add('score.decision', `Decision by the scoring: ${DECISIONS[score.decision]}`);
    p.add('score.overall', `Overall risk: inherent ${score.overall.inherent}, residual ${score.overall.residual}, projected ${score.overall.projected} once planned measures are in place`);
    const residual = (band: Band) => score.harms.filter((h) => h.residual.band === band).map((h) => `${h.harm} (${words(h.right)})`);
    for (const band of ['critical', 'high', 'medium', 'low'] as const) {
      const list = residual(band);
      if (list.length) p.add('score.harms', `Harms with a ${band} residual risk: ${list.join(', ')}`);
    }
    if (!harms.size) p.gaps.push('score.harms: the score names no harm');
    p.add('score.haltGrounds', score.haltGrounds.length
      ? `Halt grounds: ${score.haltGrounds.map(haltGroundText).join('; ')}`
      : 'Halt grounds: none');
    for (const c of score.conditions) p.add('score.conditions', `Condition: ${CONDITION_TEXT[c]}`);
    if (score.reassessBy) p.add('score.reassessBy', `Re-assess by: ${score.reassessBy}`);
    const proposed = proposedOf(file);
    if (proposed) p.add('decision.proposed', `Decision proposed by the assessor: ${DECISIONS[proposed]}`);
    else p.gaps.push(gap('decision.proposed'));
    p.text('residual.acceptability', "The assessor's conclusion");
    return p;
  },

  5(file, _score, harms) {
    const p = new Parts(file);
    const labels: Record<(typeof DPIA_QUESTIONS)[number], string> = {
      'data.data_categories': 'Categories of personal data', 'data.lawfulness_fairness_transparency': 'Lawfulness, fairness and transparency',
      'data.purpose_limitation': 'Purpose limitation', 'data.data_minimisation': 'Data minimisation', 'data.accuracy': 'Accuracy',
      'data.storage_limitation': 'Storage limitation', 'data.integrity_confidentiality': 'Integrity and confidentiality',
      'data.accountability': 'Accountability', 'data.sharing': 'Data sharing',
    };
    for (const id of DPIA_QUESTIONS) p.text(id, labels[id]);
    for (const h of file.harms) {
      if (DPIA_RIGHTS.has(h.right)) p.add('harms', `Data protection harm ${h.id} (${words(h.right)}): ${h.description} Score: ${bandsOf(harms.get(h.id))}.`);
    }
    return p;
  },
};

function notesOf(file: AssessmentFile, subPoint: AnnexIIIPoint7 | null): string[] {
  const notes = [
    'Article 49(4): for the high-risk AI systems of Annex III, points 1 (biometrics), 6 (law enforcement) and 7 (migration, asylum and border control management), in the areas of law enforcement, migration, asylum and border control management, registration in the EU database is in a secure non-public section that only the Commission and the national authorities of Article 74(8) can access, and a deployer submits only points 1 to 3 of Annex VIII, Section C: the summaries of the fundamental rights and data protection impact assessments (points 4 and 5) are not registered. Publishing the assessment on Safeguard is what makes it public.',
  ];
  if (subPoint && subPoint !== 'not_listed') notes.push(`The assessment places the system under Annex III, point 7(${subPoint}): Article 49(4) applies to it.`);
  else if (subPoint === 'not_listed') notes.push('The assessment places the system outside Annex III, point 7; Article 49(4) still applies if it falls under point 1 (biometrics) or point 6 (law enforcement).');
  notes.push(
    'Article 27(3): once the assessment is performed, the deployer notifies the market surveillance authority of its results, using the template of Article 27(5).',
    'Article 27(4): where a data protection impact assessment under Article 35 of Regulation (EU) 2016/679 or Article 27 of Directive (EU) 2016/680 already meets some of these obligations, the fundamental rights impact assessment complements it.',
  );
  if (file.definition.id !== 'safeguard-hria') notes.push(`The mapping reads the question ids of the safeguard-hria questionnaire; this assessment answered ${file.definition.id} ${file.definition.version}.`);
  notes.push('This mapping restates the assessment against the Regulation; it is not the template of Article 27(5) and not legal advice.');
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Markdown.

/** Text from an assessment, safe in Markdown: no HTML, and a line that cannot start a heading, list or quote. */
const md = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replace(/^(\s*)([#>*+-]|\d+[.)])/gm, '$1\\$2');

function block(lines: string[], value: string | null, empty: string, from: string[], gaps: string[]) {
  if (value === null) lines.push(`_${empty}_`, '');
  // A line of its own is an item; an indented (or blank) line continues the item above it.
  else lines.push(...value.split('\n').map((l) => (l === '' ? '' : l.startsWith('  ') ? `  ${md(l.trim())}` : `- ${md(l)}`)), '');
  if (from.length) lines.push(`Taken from: ${from.map((f) => `\`${f}\``).join(', ')}`, '');
  if (gaps.length) lines.push('Gaps:', ...gaps.map((g) => `- ${md(g)}`), '');
}

/** The mapping as a readable Markdown document (English, the legal text's language). */
export function aiActMappingMarkdown(doc: AiActFria): string {
  const lines = [
    `# ${md(doc.assessment.title)}: EU AI Act fundamental rights impact assessment`,
    '',
    `${doc.regulation}. Assessment of ${doc.assessment.assessedOn}, questionnaire ${md(doc.assessment.definition)}. Exported as \`${doc.schema}\`.`,
    '',
    '## Annex III, point 7',
    '',
  ];
  block(lines, doc.annexIIIPoint7.description, 'Not answered.', doc.annexIIIPoint7.from, doc.annexIIIPoint7.gaps);
  lines.push('## Article 27(1): fundamental rights impact assessment', '');
  for (const e of doc.article27) {
    lines.push(`### (${e.element}) ${e.requirement.replace(/^Art\. 27\(1\)\([a-f]\): /, '')}`, '', `_${e.requirement.split(':')[0]}_`, '');
    block(lines, e.answer, 'Not answered.', e.from, e.gaps);
  }
  lines.push('## Annex VIII, Section C: registration by the deployer (Art. 49(3))', '');
  for (const c of doc.annexVIIISectionC) {
    lines.push(`### ${c.point}. ${c.requirement.replace(/^Annex VIII, Section C, point \d: /, '')}`, '');
    block(lines, c.value, 'Not recorded.', c.from, c.gaps);
  }
  lines.push('## Notes', '', ...doc.notes.map((n) => `- ${md(n)}`), '');
  return lines.join('\n');
}
