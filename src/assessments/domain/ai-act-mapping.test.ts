import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aiActMapping, aiActMappingMarkdown, type AiActFacts, type AiActFria, type Article27Element, type AnnexVIIIPoint } from './ai-act-mapping.ts';
import { assessmentFileSchema, scoringInputOf, type AssessmentFile } from './assessment-file.ts';
import { scoreAssessment } from './scoring.ts';

// The mapping of an assessment to the EU AI Act (Art. 27(1) and Annex VIII Section C), on the shipped
// example: what each element is filled with, and the gaps that name what the assessment leaves unanswered.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const exampleJson = JSON.parse(fs.readFileSync(path.join(root, 'schemas/examples/visa-triage-assessment.json'), 'utf8'));

const load = (change: (raw: typeof exampleJson) => void = () => {}): AssessmentFile => {
  const raw = structuredClone(exampleJson);
  change(raw);
  return assessmentFileSchema.parse(raw);
};
const map = (file: AssessmentFile, facts?: AiActFacts) => aiActMapping(file, scoreAssessment(scoringInputOf(file)), facts);
const element = (doc: AiActFria, e: Article27Element) => doc.article27.find((x) => x.element === e)!;
const point = (doc: AiActFria, p: AnnexVIIIPoint) => doc.annexVIIISectionC.find((x) => x.point === p)!;
const gapIds = (gaps: string[]) => gaps.map((g) => g.split(':')[0]);

/** Answers the example leaves out, as an assessor would give them. */
const FULL_ANSWERS: Record<string, unknown> = {
  'context.process': 'The application is lodged at the consulate.\nThe triage ranks it; a caseworker sees the rank and decides.\nA refusal can be appealed to the court.',
  'context.frequency': 'About 4,000 applications a month.',
  'context.closeness': 'A ranking: the caseworker has 20 minutes per file.',
  'context.deviation': 'Caseworkers may depart from the rank and must say why; they did in 2% of cases.',
  'data.system': 'A gradient-boosted model by Vendor Y, version 3.2, hosted by the ministry.',
  'groups.matrix': [
    { group: 'refugees_migrants', affected: 'yes', how: 'All applicants are third-country nationals.', disaggregated_data: 'missing' },
    { group: 'gender', affected: 'yes', how: 'Women travelling alone are referred more often.', disaggregated_data: 'available' },
    { group: 'older_people', affected: 'no', how: 'Age is not an input.' },
  ],
  'groups.intersections': [{ groups: ['gender', 'racialised_groups'], how: 'Women of nationality X are referred most often.' }],
  'decision.proposed': 'proceed_with_conditions',
  'decision.accepting_official': 'Jane Doe, Director of Consular Affairs',
  'decision.conditions': 'The disaggregated audit is published within three months.',
  'residual.acceptability': 'Acceptable while referral rates differ by less than 10%; the audit watches it quarterly.',
  'data.data_categories': 'Identity, nationality, travel history.',
  'data.lawfulness_fairness_transparency': 'Visa Code; applicants are told in the form.',
  'data.purpose_limitation': 'Only for visa decisions.',
  'data.data_minimisation': 'Social-media handles are no longer collected.',
  'data.accuracy': 'Data come from the application form.',
  'data.storage_limitation': 'Two years.',
  'data.integrity_confidentiality': 'Encrypted at rest.',
  'data.accountability': 'The ministry is the controller; the DPIA of 2026-09 is on file.',
  'data.sharing': 'Not shared outside the ministry.',
};

describe('aiActMapping on the shipped example', () => {
  const doc = map(load());

  it('is the typed document of the Regulation, with Annex III point 7(c) from the screening', () => {
    expect(doc.schema).toBe('safeguard.ai-act-fria/1');
    expect(doc.regulation).toBe('Regulation (EU) 2024/1689');
    expect(doc.assessment).toEqual({ title: 'Visa application triage (a fictional example)', assessedOn: '2026-11-30', definition: 'safeguard-hria 1.0.0' });
    expect(doc.annexIIIPoint7).toMatchObject({ subPoint: 'c', from: ['screening.ai_act_category'], gaps: [] });
    expect(doc.annexIIIPoint7.description).toContain('7(c)');
    expect(doc.annexIIIPoint7.description).toContain('asylum, visas or residence permits');
  });

  it('has every element (a)–(f) and every point 1–5 exactly once, in order, citing its article', () => {
    expect(doc.article27.map((e) => e.element)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(doc.annexVIIISectionC.map((p) => p.point)).toEqual([1, 2, 3, 4, 5]);
    for (const e of doc.article27) expect(e.requirement.startsWith(`Art. 27(1)(${e.element}): `)).toBe(true);
    for (const p of doc.annexVIIISectionC) expect(p.requirement.startsWith(`Annex VIII, Section C, point ${p.point}: `)).toBe(true);
    expect(doc.annexVIIISectionC.map((p) => p.field)).toEqual(['deployer', 'submitter', 'provider_database_url', 'fria_summary', 'dpia_summary']);
  });

  it('(a) takes the aim, and names the unanswered process and system description as gaps', () => {
    const a = element(doc, 'a');
    expect(a.answer).toBe('Aim: Decide visa applications within the legal 15 days despite a doubled caseload.');
    expect(a.from).toEqual(['necessity.aim']);
    expect(gapIds(a.gaps)).toEqual(['context.process', 'data.system']);
  });

  it('(b) takes the lifecycle stage, the assessment date and the re-assessment date; the frequency is a gap', () => {
    const b = element(doc, 'b');
    expect(b.answer).toContain('Lifecycle stage: deployment');
    expect(b.answer).toContain('Assessed on: 2026-11-30');
    expect(b.answer).toContain('repeated by 2027-05-30');
    expect(b.from).toEqual(['screening.phase', 'assessment.assessedOn', 'score.reassessBy']);
    expect(gapIds(b.gaps)).toEqual(['context.frequency', 'period of use']);
  });

  it('(c) takes the groups of the harms register, with the harms they come from', () => {
    const c = element(doc, 'c');
    expect(c.answer).toContain('women travelling alone (h1)');
    expect(c.answer).toContain('women of nationality X travelling alone (h1)');
    expect(c.answer).toContain('all applicants (h2)');
    expect(c.answer).toContain('refused applicants (h3)');
    expect(c.from).toEqual(['harms[].groups']);
    expect(gapIds(c.gaps)).toEqual(['groups.matrix', 'groups.intersections']);
  });

  it('(d) takes every harm with its residual band from the score', () => {
    const d = element(doc, 'd');
    expect(d.answer).toContain('Harm h1 (non-discrimination): Applications from some nationalities');
    expect(d.answer).toContain('No disaggregated data for the groups it may affect');
    expect(d.answer).toContain('Harm h2 (privacy): Travel history and social-media handles are kept for ten years.');
    expect(d.answer).toMatch(/Harm h3 \(effective remedy\)[^\n]*residual risk medium/);
    expect(d.answer).toMatch(/Harm h1 [^\n]*residual risk high/);
    expect(d.answer).toContain('Overall: residual risk high');
    expect(d.from).toEqual(['harms', 'score.harms', 'score.overall']);
    expect(d.gaps).toEqual([expect.stringContaining('Art. 13')]);
  });

  it('(e) takes the decision role; the closeness and deviation are gaps', () => {
    const e = element(doc, 'e');
    expect(e.answer).toContain('Role in decisions: decision support');
    expect(e.answer).toContain('can lead to a decision against the person');
    expect(e.from).toEqual(['context.decisionRole', 'context.adverseDecisions']);
    expect(gapIds(e.gaps)).toEqual(['context.closeness', 'context.deviation', 'instructions for use (Art. 13(3)(d))']);
  });

  it('(f) takes the measures (not the consultation), the conditions and the contest path', () => {
    const f = element(doc, 'f');
    expect(f.answer).toContain('Measure m1 for harm h1');
    expect(f.answer).toContain('Quarterly disaggregated audit of referral rates');
    expect(f.answer).toContain('Measure m2 for harm h2 (lowers likelihood; planned; oversight review pending)');
    expect(f.answer).toContain('Refusal letters name the triage');
    expect(f.answer).not.toContain('diaspora association');
    expect(f.answer).toContain('the independent oversight body signs off');
    expect(f.answer).toContain('Complaint mechanism: the person can contest the decision');
    expect(f.from).toEqual(['mitigations', 'score.conditions', 'context.contestable']);
    // Without a proposed decision, the score's (proceed with conditions) asks for conditions and an official.
    expect(gapIds(f.gaps)).toEqual(['decision.proposed', 'decision.conditions', 'decision.accepting_official', 'residual.acceptability']);
  });

  it('Annex VIII C: no deployer without facts; no submitter or provider URL; the score summarised; the privacy harm for the DPIA', () => {
    expect(point(doc, 1)).toMatchObject({ value: null, from: [] });
    expect(point(doc, 1).gaps).toEqual([expect.stringContaining('facts.deployer')]);
    expect(point(doc, 2)).toMatchObject({ value: null, from: [], gaps: [expect.stringContaining('on behalf of the deployer')] });
    expect(point(doc, 3)).toMatchObject({ value: null, from: [], gaps: [expect.stringContaining('EU database')] });
    const fria = point(doc, 4);
    expect(fria.value).toContain('Decision by the scoring: proceed with conditions');
    expect(fria.value).toContain('Overall risk: inherent high, residual high, projected high');
    expect(fria.value).toContain('Harms with a high residual risk: h1 (non-discrimination), h2 (privacy)');
    expect(fria.value).toContain('Harms with a medium residual risk: h3 (effective remedy)');
    expect(fria.value).toContain('Halt grounds: none');
    expect(fria.value).toContain('Re-assess by: 2027-05-30');
    expect(gapIds(fria.gaps)).toEqual(['decision.proposed', 'residual.acceptability']);
    const dpia = point(doc, 5);
    expect(dpia.value).toBe('Data protection harm h2 (privacy): Travel history and social-media handles are kept for ten years. Score: residual risk high (inherent high; projected high once planned measures are in place).');
    expect(dpia.from).toEqual(['harms']);
    expect(gapIds(dpia.gaps)).toEqual([
      'data.data_categories', 'data.lawfulness_fairness_transparency', 'data.purpose_limitation', 'data.data_minimisation', 'data.accuracy',
      'data.storage_limitation', 'data.integrity_confidentiality', 'data.accountability', 'data.sharing',
    ]);
  });

  it('notes Article 49(4): a non-public registration for Annex III points 1, 6 and 7, so Safeguard makes it public', () => {
    const note = doc.notes.find((n) => n.startsWith('Article 49(4)'));
    expect(note).toBeDefined();
    expect(note).toContain('points 1 (biometrics), 6 (law enforcement) and 7 (migration, asylum and border control management)');
    expect(note).toContain('secure non-public section');
    expect(note).toContain('points 1 to 3 of Annex VIII, Section C');
    expect(note).toContain('Publishing the assessment on Safeguard is what makes it public.');
    expect(doc.notes).toContain('The assessment places the system under Annex III, point 7(c): Article 49(4) applies to it.');
    expect(doc.notes.some((n) => n.startsWith('Article 27(3)'))).toBe(true);
  });

  it('fills point 1 from the register facts, and names what they lack', () => {
    const withFacts = map(load(), { deployer: { name: 'Ministry of Foreign Affairs', country: 'NL', website: null } });
    const p1 = point(withFacts, 1);
    expect(p1.value).toBe('Deployer: Ministry of Foreign Affairs\nCountry: NL');
    expect(p1.from).toEqual(['facts.deployer.name', 'facts.deployer.country']);
    expect(gapIds(p1.gaps)).toEqual(['facts.deployer.website', 'address and contact details']);
  });

  it('is pure: the file is not changed, and the same input gives the same JSON-serialisable document', () => {
    const file = load();
    const before = structuredClone(file);
    const first = map(file);
    expect(file).toEqual(before);
    expect(JSON.parse(JSON.stringify(first))).toEqual(map(file));
    const source = fs.readFileSync(path.join(here, 'ai-act-mapping.ts'), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.every((i) => i?.startsWith('./'))).toBe(true);
  });
});

describe('aiActMapping with the answers given', () => {
  const doc = map(load((raw) => Object.assign(raw.answers, FULL_ANSWERS)), { deployer: { name: 'Ministry of Foreign Affairs', country: 'NL', website: 'https://example.org' } });

  it('takes each answer and leaves only the gaps the questionnaire has no question for', () => {
    const a = element(doc, 'a');
    expect(a.from).toEqual(['context.process', 'necessity.aim', 'data.system']);
    expect(a.gaps).toEqual([]);
    // A multi-line answer keeps its lines, indented under its label.
    expect(a.answer).toContain('Process: The application is lodged at the consulate.\n  The triage ranks it; a caseworker sees the rank and decides.\n  A refusal can be appealed to the court.');
    expect(a.answer).toContain('What the system does: A gradient-boosted model by Vendor Y');

    expect(element(doc, 'b').answer).toContain('Frequency: About 4,000 applications a month.');
    expect(gapIds(element(doc, 'b').gaps)).toEqual(['period of use']);

    const c = element(doc, 'c');
    expect(c.answer).toContain('Group: refugees, asylum seekers and migrants, affected: All applicants are third-country nationals.; disaggregated data missing');
    expect(c.answer).toContain('Considered not affected: older people (Age is not an input.)');
    expect(c.answer).toContain('Intersection of gender (women, girls, people of diverse gender identities) and racialised groups: Women of nationality X');
    expect(c.from).toEqual(['groups.matrix', 'groups.intersections', 'harms[].groups']);
    // The questionnaire asks a row for each of the seven groups.
    expect(c.gaps).toEqual([expect.stringMatching(/^groups\.matrix: no row for racialised groups, people living in poverty, people with disabilities, children and young people /)]);

    const e = element(doc, 'e');
    expect(e.answer).toContain('How close the output is to the decision: A ranking');
    expect(e.answer).toContain('they did in 2% of cases');
    expect(gapIds(e.gaps)).toEqual(['instructions for use (Art. 13(3)(d))']);

    const f = element(doc, 'f');
    expect(f.answer).toContain('Proposed decision: proceed with conditions');
    expect(f.answer).toContain('Conditions attached to the decision: The disaggregated audit is published within three months.');
    expect(f.answer).toContain('Official accepting the residual risk (internal governance): Jane Doe, Director of Consular Affairs');
    expect(f.answer).toContain('What would halt the system, and how it is watched: Acceptable while referral rates differ by less than 10%');
    expect(f.gaps).toEqual([]);

    expect(point(doc, 1).value).toBe('Deployer: Ministry of Foreign Affairs\nCountry: NL\nWebsite: https://example.org');
    expect(point(doc, 4).value).toContain("The assessor's conclusion: Acceptable while referral rates differ");
    expect(point(doc, 4).value).toContain('Decision proposed by the assessor: proceed with conditions');
    expect(point(doc, 4).gaps).toEqual([]);
    expect(point(doc, 5).value).toContain('Storage limitation: Two years.');
    expect(point(doc, 5).value).toContain('Accountability: The ministry is the controller; the DPIA of 2026-09 is on file.');
    expect(point(doc, 5).gaps).toEqual([]);
  });
});

describe('aiActMapping with answers deleted', () => {
  it('gives a null answer and gaps naming the question ids, never invented text', () => {
    const doc = map(load((raw) => {
      raw.answers = {};
      for (const h of raw.harms) h.groups = [];
    }));
    expect(doc.annexIIIPoint7).toEqual({ subPoint: null, description: null, from: [], gaps: [expect.stringMatching(/^screening\.ai_act_category: not answered/)] });
    expect(doc.notes.some((n) => n.startsWith('Article 49(4)'))).toBe(true);

    const a = element(doc, 'a');
    expect(a.answer).toBeNull();
    expect(a.from).toEqual([]);
    expect(gapIds(a.gaps)).toEqual(['context.process', 'necessity.aim', 'data.system']);

    expect(gapIds(element(doc, 'b').gaps)).toEqual(['context.frequency', 'screening.phase', 'period of use']);

    const c = element(doc, 'c');
    expect(c.answer).toBeNull();
    expect(gapIds(c.gaps)).toEqual(['groups.matrix', 'groups.intersections', 'harms.register', 'harms.register', 'harms.register']);
    expect(c.gaps).toContain('harms.register: harm h2 names no group it falls on');

    expect(point(doc, 5).value).toBe('Data protection harm h2 (privacy): Travel history and social-media handles are kept for ten years. Score: residual risk high (inherent high; projected high once planned measures are in place).');
  });

  it('reads an answer of the wrong kind as no answer, and never an inherited key', () => {
    const doc = map(load((raw) => {
      raw.answers['screening.ai_act_category'] = 'constructor';
      raw.answers['screening.phase'] = 'toString';
      raw.answers['necessity.aim'] = 42;
      raw.answers['context.process'] = '   ';
      raw.answers['groups.matrix'] = 'not a table';
      raw.answers['decision.proposed'] = 'hasOwnProperty';
    }));
    expect(doc.annexIIIPoint7.subPoint).toBeNull();
    expect(doc.annexIIIPoint7.gaps).toEqual(['screening.ai_act_category: "constructor" is not one of its options']);
    expect(element(doc, 'a').answer).toBeNull();
    expect(gapIds(element(doc, 'b').gaps)).toContain('screening.phase');
    expect(gapIds(element(doc, 'c').gaps)).toContain('groups.matrix');
    expect(gapIds(element(doc, 'f').gaps)).toContain('decision.proposed');
  });

  it('for a halted system: no conditions or official asked, no period of use, and the missing contest path is a gap', () => {
    const doc = map(load((raw) => {
      raw.context = { decisionRole: 'fully_automated', decisionAreas: ['visa'], adverseDecisions: true, contestable: false };
      raw.answers['screening.ai_act_category'] = 'not_listed';
    }));
    expect(doc.annexIIIPoint7.subPoint).toBe('not_listed');
    expect(doc.notes).toContain('The assessment places the system outside Annex III, point 7; Article 49(4) still applies if it falls under point 1 (biometrics) or point 6 (law enforcement).');
    expect(element(doc, 'b').answer).toContain('The scoring halts the system');
    expect(element(doc, 'e').answer).toContain('Role in decisions: fully automated');
    const f = element(doc, 'f');
    expect(f.answer).toContain('Complaint mechanism: none');
    expect(gapIds(f.gaps)).toEqual(['decision.proposed', 'residual.acceptability', 'context.contestable']);
    const fria = point(doc, 4);
    expect(fria.value).toContain('Decision by the scoring: halt');
    expect(fria.value).toContain('Halt grounds: solely automated adverse decisions on visa, with no way to contest them');
    expect(fria.value).not.toContain('Re-assess by');
  });
});

describe('aiActMappingMarkdown', () => {
  const doc = map(load((raw) => {
    raw.answers['context.process'] = 'Step one.\n<script>alert(1)</script>\n# not a heading';
  }));
  const text = aiActMappingMarkdown(doc);

  it('has a section for every element and point, the gaps, and the notes', () => {
    expect(text.startsWith('# Visa application triage (a fictional example): EU AI Act fundamental rights impact assessment\n')).toBe(true);
    for (const e of ['a', 'b', 'c', 'd', 'e', 'f']) expect(text.match(new RegExp(`^### \\(${e}\\) `, 'gm'))).toHaveLength(1);
    for (const p of [1, 2, 3, 4, 5]) expect(text.match(new RegExp(`^### ${p}\\. `, 'gm'))).toHaveLength(1);
    expect(text).toContain('_Art. 27(1)(d)_');
    expect(text).toContain('- Aim: Decide visa applications within the legal 15 days despite a doubled caseload.');
    expect(text).toContain('Taken from: `harms`, `score.harms`, `score.overall`');
    expect(text).toContain('- context.frequency: not answered (how often it is used)');
    expect(text).toContain('### 2. name, address and contact details of the person submitting the information on behalf of the deployer\n\n_Not recorded._');
    expect(text).toContain('## Notes');
    expect(text).toContain('- Article 49(4): ');
  });

  it("keeps an answer's lines under its item, and renders no HTML or heading from an answer", () => {
    expect(text).toContain('- Process: Step one.\n  &lt;script&gt;alert(1)&lt;/script&gt;\n  \\# not a heading');
    expect(text).not.toContain('<script>');
  });
});
