import { z } from 'zod';
import { RIGHTS } from '../../assessments/domain/scoring.ts';

// An advocate's analysis of one deployment: the briefing's guiding principles asked as questions
// ("a framework for analysing a technology"), answered by the advocate's organisation as a draft
// it keeps. The register's facts are shown beside each question; the answers add what the register
// does not hold (was anyone consulted? is anything binding?), always credited to the analysis.
// Pure: no I/O.

/** The guiding principles, in the briefing's order, each asked as one question. */
export const PRINCIPLES = ['neutrality', 'necessity', 'rights', 'groups', 'binding', 'transparency', 'participation'] as const;
export type Principle = (typeof PRINCIPLES)[number];

export const NEEDED = ['yes', 'no', 'unclear'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
/** What holds the deployment to account: binding law, only soft codes, or nothing at all. */
export const BINDING = ['binding', 'soft_only', 'nothing', 'unknown'] as const;
/** The rights a system may touch, directly or indirectly: the impact assessments' list. */
export { RIGHTS };
/** The groups the briefing names, to be read together (intersectionality): the assessments' matrix rows. */
export const GROUPS = [
  'refugees_migrants', 'racialised_groups', 'people_in_poverty', 'older_people', 'people_with_disabilities', 'children_young_people', 'gender',
] as const;

const MAX_TEXT = 5000;
const text = z.string().max(MAX_TEXT, { message: 'too_long' }).transform((s) => s.trim());
const optionalText = text.optional().transform((s) => (s ? s : undefined));
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional();
const many = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).optional().transform((v) => (v?.length ? [...new Set(v)] : undefined));

export const analysisAnswersSchema = z.object({
  neutrality: z.object({ framing: optionalText }).strict().prefault({}),
  necessity: z.object({ needed: choice(NEEDED), alternatives: optionalText }).strict().prefault({}),
  rights: z.object({ direct: many(RIGHTS), indirect: many(RIGHTS), note: optionalText }).strict().prefault({}),
  groups: z.object({ groups: many(GROUPS), intersections: optionalText }).strict().prefault({}),
  binding: z.object({ state: choice(BINDING), note: optionalText }).strict().prefault({}),
  transparency: z.object({ public: optionalText, withheld: optionalText, notice: choice(YES_NO_UNKNOWN) }).strict().prefault({}),
  participation: z.object({ consulted: choice(YES_NO_UNKNOWN), changed: choice(YES_NO_UNKNOWN), note: optionalText }).strict().prefault({}),
}).strict();
export type AnalysisAnswers = z.infer<typeof analysisAnswersSchema>;

export const EMPTY_ANSWERS: AnalysisAnswers = analysisAnswersSchema.parse({});

export type FormProblem = { field: string; code: 'too_long' | 'invalid_choice' };

/**
 * The web form's fields (`necessity.needed`, `rights.direct` repeated, …) as answers, or the
 * problems, each naming its field. Fields the form does not have are ignored.
 */
export function answersFromForm(form: Record<string, string | string[] | undefined>): { answers: AnalysisAnswers } | { problems: FormProblem[] } {
  const one = (k: string) => { const v = form[k]; return Array.isArray(v) ? v[v.length - 1] : v; };
  const all = (k: string) => { const v = form[k]; return v === undefined ? [] : Array.isArray(v) ? v : [v]; };
  const pick = (k: string) => { const v = one(k); return v === undefined || v === '' ? undefined : v; };
  const raw = {
    neutrality: { framing: one('neutrality.framing') },
    necessity: { needed: pick('necessity.needed'), alternatives: one('necessity.alternatives') },
    rights: { direct: all('rights.direct'), indirect: all('rights.indirect'), note: one('rights.note') },
    groups: { groups: all('groups.groups'), intersections: one('groups.intersections') },
    binding: { state: pick('binding.state'), note: one('binding.note') },
    transparency: { public: one('transparency.public'), withheld: one('transparency.withheld'), notice: pick('transparency.notice') },
    participation: { consulted: pick('participation.consulted'), changed: pick('participation.changed'), note: one('participation.note') },
  };
  const parsed = analysisAnswersSchema.safeParse(raw);
  if (parsed.success) return { answers: parsed.data };
  const problems = parsed.error.issues.map((i): FormProblem => ({
    field: i.path.filter((p) => typeof p === 'string').join('.'),
    code: i.message === 'too_long' ? 'too_long' : 'invalid_choice',
  }));
  return { problems: problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i) };
}

/** The form's values of saved answers (what the form shows again). */
export function formOfAnswers(a: AnalysisAnswers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [principle, fields] of Object.entries(a)) {
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      if (value !== undefined) out[`${principle}.${field}`] = value as string | string[];
    }
  }
  return out;
}

/** Whether a principle has any answer. */
export function answered(a: AnalysisAnswers, p: Principle): boolean {
  return Object.values(a[p] as Record<string, unknown>).some((v) => v !== undefined && v !== 'unknown');
}

/** The principles still without an answer: the analysis's own gaps. */
export const unansweredPrinciples = (a: AnalysisAnswers): Principle[] => PRINCIPLES.filter((p) => !answered(a, p));

/** What the analysis tells about two of a brief's facts, where the register does not know them. */
export function factsFromAnalysis(a: AnalysisAnswers): { consulted: boolean | null; noticeToAffected: boolean | null } {
  const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
  return { consulted: yesNo(a.participation.consulted), noticeToAffected: yesNo(a.transparency.notice) };
}
