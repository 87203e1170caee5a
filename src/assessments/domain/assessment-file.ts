import { z } from 'zod';
import type { AnswerSource } from './definition.ts';
import { DECISION_AREAS, DECISION_ROLES, DIMENSIONS, RIGHTS, type ScoringInput, type ScreeningResult } from './scoring.ts';

// The exported form of an impact assessment ("safeguard.assessment/1"): what `safeguard assessment
// score` reads, and what the platform exports and imports. The facts the scoring rests on are typed
// parts of it (screening, legality, alternatives, context, harms, mitigations); every other answer to
// the questionnaire is under `answers`, by question id, checked against the definition it names.

export const ASSESSMENT_SCHEMA = 'safeguard.assessment/1';

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => {
  const date = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
}, 'not a calendar date');
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an id of lowercase letters, digits, - and _ (at most 64)');

export const harmSchema = z.object({
  id,
  right: z.enum(RIGHTS).describe('the right the harm engages'),
  description: text(2000),
  groups: z.array(text(200)).max(50).default([]).describe('the affected groups and intersections it falls on'),
  scale: level.describe('S: how grave the harm is for a person (1 minimal … 4 grave, such as detention or refoulement)'),
  scope: level.describe('C: how many people it reaches (1 few … 4 most of those the system touches)'),
  irremediability: level.describe('R: how hard it is to undo (1 easily … 4 cannot be undone)'),
  likelihood: z.union([level, z.literal('unknown')]).describe('L: how likely it is (1 remote … 4 almost certain); "unknown" counts as 3'),
  disproportionate: z.union([z.boolean(), z.literal('unknown')]).describe('whether it falls disproportionately on a protected or intersectional group; "unknown" counts as yes'),
  subgroupData: z.enum(['available', 'missing']).describe('whether disaggregated data exist for the groups it may affect; missing data count as L ≥ 3'),
});

export const mitigationSchema = z.object({
  id,
  harm: id.describe('the id of the harm it addresses'),
  targets: z.enum(DIMENSIONS).describe('the one dimension it lowers'),
  description: text(2000),
  kind: z.enum(['measure', 'consultation']).default('measure'),
  status: z.enum(['planned', 'implemented']),
  evidence: z.array(text(2000)).max(50).default([]).describe('what shows it is in place: documents, URLs, audit reports'),
  review: z.enum(['pending', 'accepted', 'rejected']).default('pending').describe("the oversight reviewer's acceptance"),
});

export const alternativeSchema = z.object({
  name: text(300),
  lessIntrusive: z.boolean(),
  meetsAim: z.boolean().describe('whether it would meet the stated aim'),
  kept: z.boolean(),
  reason: text(2000).describe('why it was kept or rejected'),
});

export const assessmentFileSchema = z.object({
  schema: z.literal(ASSESSMENT_SCHEMA),
  definition: z.object({ id: text(100), version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version as MAJOR.MINOR.PATCH') })
    .describe('the questionnaire definition the assessment answered'),
  assessment: z.object({
    title: text(300),
    deployment: z.string().max(200).optional().describe("the deployment's slug on the register"),
    assessorKind: z.enum(['public_body', 'company', 'international_organisation', 'ngo', 'research_institution', 'funder']),
    assessedOn: isoDate,
  }),
  screening: z.object({
    verdict: z.enum(['red_line', 'no_red_line_found', 'insufficient_information']),
    redLines: z.array(z.enum(['A', 'B', 'C', 'D', 'E', 'F'])).default([]),
  }).describe('the red-line screening the assessment starts from'),
  legality: z.object({ legalBasis: z.string().max(2000).nullable().describe('the law the system rests on; null when there is none') }),
  alternatives: z.array(alternativeSchema).max(100).default([]),
  context: z.object({
    decisionRole: z.enum(DECISION_ROLES),
    decisionAreas: z.array(z.enum(DECISION_AREAS)).max(DECISION_AREAS.length).default([]),
    adverseDecisions: z.boolean().describe('whether its output can lead to a decision against the person'),
    contestable: z.boolean().describe('whether the person can contest the decision before a human and an independent body'),
  }),
  harms: z.array(harmSchema).min(1, 'an assessment names at least one harm, one row per harm per right').max(500),
  mitigations: z.array(mitigationSchema).max(2000).default([]),
  answers: z.record(z.string(), z.unknown()).default({}).describe('the answers to the questionnaire\'s other questions, by question id (see the definition)'),
}).superRefine((file, ctx) => {
  const harms = new Set<string>();
  file.harms.forEach((h, i) => {
    if (harms.has(h.id)) ctx.addIssue({ code: 'custom', path: ['harms', i, 'id'], message: `the harm id ${h.id} is used twice` });
    harms.add(h.id);
  });
  const mitigations = new Set<string>();
  file.mitigations.forEach((m, i) => {
    if (mitigations.has(m.id)) ctx.addIssue({ code: 'custom', path: ['mitigations', i, 'id'], message: `the mitigation id ${m.id} is used twice` });
    mitigations.add(m.id);
    if (!harms.has(m.harm)) ctx.addIssue({ code: 'custom', path: ['mitigations', i, 'harm'], message: `no harm has the id ${m.harm}` });
  });
  if (file.screening.verdict === 'red_line' && !file.screening.redLines.length) {
    ctx.addIssue({ code: 'custom', path: ['screening', 'redLines'], message: 'a red-line verdict names the red lines (A–F) it found' });
  }
});

export type AssessmentFile = z.infer<typeof assessmentFileSchema>;

/** Reads a question's answer from an assessment file: a bound question from its typed part, any other from `answers`. */
export function answerSourceOf(file: AssessmentFile): AnswerSource {
  return (q) => {
    if (!q.binds) return file.answers[q.id];
    return q.binds.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], file);
  };
}

/** The facts of an assessment file the scoring reads; `register`, the register's own screening of the deployment, when known. */
export function scoringInputOf(file: AssessmentFile, register?: ScreeningResult): ScoringInput {
  return {
    assessedOn: file.assessment.assessedOn,
    screening: file.screening,
    ...(register ? { register } : {}),
    legalBasis: file.legality.legalBasis,
    alternatives: file.alternatives,
    context: file.context,
    harms: file.harms,
    mitigations: file.mitigations,
  };
}
