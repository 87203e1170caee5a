import { z } from 'zod';
import { LOCALES, type Locale } from '../../platform/i18n/i18n.ts';

// The questionnaire of an impact assessment, as data: sections of questions with help texts and
// conditions, in every shipped language, versioned. An assessment records the definition version it
// answered. A question either binds to a structured part of the assessment that the scoring reads
// (the harms register, the legal basis, …) or keeps its answer under `answers[question id]`.

/** Where a bound question's answer lives in an assessment file (see assessment-file.ts). */
export const BINDINGS = [
  'assessment.assessorKind', 'screening.verdict', 'screening.redLines', 'legality.legalBasis', 'alternatives', 'context.decisionRole', 'context.decisionAreas',
  'context.adverseDecisions', 'context.contestable', 'harms', 'mitigations',
] as const;
export type Binding = (typeof BINDINGS)[number];

export const QUESTION_TYPES = ['text', 'longtext', 'boolean', 'choice', 'multichoice', 'date', 'number', 'links', 'table'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A text in every shipped language. */
export const localisedSchema = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1).max(4000)])) as Record<Locale, z.ZodString>).strict();
export type Localised = Record<Locale, string>;

export type Condition =
  | { question: string; equals: string | number | boolean }
  | { question: string; in: (string | number | boolean)[] }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const conditionSchema: z.ZodType<Condition> = z.lazy(() => z.union([
  z.object({ question: z.string(), equals: scalar }).strict(),
  z.object({ question: z.string(), in: z.array(scalar).min(1) }).strict(),
  z.object({ question: z.string(), answered: z.boolean() }).strict(),
  z.object({ all: z.array(conditionSchema).min(1) }).strict(),
  z.object({ any: z.array(conditionSchema).min(1) }).strict(),
  z.object({ not: conditionSchema }).strict(),
]));

const questionId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'an id such as section.question (lowercase letters, digits and _)');
const optionSchema = z.object({ value: z.string().regex(/^[A-Za-z0-9_]+$/, 'a value of letters, digits and _'), label: localisedSchema }).strict();

const fieldBase = {
  label: localisedSchema,
  help: localisedSchema.optional(),
  /** Whether submission needs an answer (drafts never do). */
  required: z.boolean().default(false),
  options: z.array(optionSchema).min(2).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(20).optional(),
  /** Whether a number must be whole (a small whole range, such as the 1–4 levels, is offered as a choice). */
  integer: z.boolean().default(false),
  /** Whether "unknown" is an answer too (a number or yes/no the assessor cannot tell; the scoring says how it counts). */
  unknown: z.boolean().default(false),
};

/** A column of a table question: a question of any type but table. */
export const columnSchema = z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'a column id of letters, digits and _'), type: z.enum(QUESTION_TYPES).exclude(['table']), ...fieldBase }).strict();

export const questionSchema = z.object({
  id: questionId,
  type: z.enum(QUESTION_TYPES),
  ...fieldBase,
  when: conditionSchema.optional(),
  /** Whether an answer asks for its evidence (documents, sources) beside it: a links question `<id>_evidence` follows it. */
  evidence: z.boolean().default(false),
  binds: z.enum(BINDINGS).optional(),
  columns: z.array(columnSchema).min(1).optional(),
  minRows: z.number().int().min(0).optional(),
}).strict();

export const sectionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: localisedSchema,
  intro: localisedSchema.optional(),
  when: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
}).strict();

export const definitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  title: localisedSchema,
  sections: z.array(sectionSchema).min(1),
}).strict().superRefine((d, ctx) => {
  const ids = new Map<string, z.infer<typeof questionSchema>>();
  const sections = new Set<string>();
  d.sections.forEach((s, si) => {
    if (sections.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `the section id ${s.id} is used twice` });
    sections.add(s.id);
    s.questions.forEach((q, qi) => {
      const at = ['sections', si, 'questions', qi];
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `the question id ${q.id} is used twice` });
      if (!q.id.startsWith(`${s.id}.`)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `a question of section ${s.id} has an id starting with "${s.id}."` });
      ids.set(q.id, q);
      const needsOptions = q.type === 'choice' || q.type === 'multichoice';
      if (needsOptions !== !!q.options) ctx.addIssue({ code: 'custom', path: [...at, 'options'], message: needsOptions ? 'a choice question lists its options' : 'only choice questions have options' });
      if ((q.type === 'table') !== !!q.columns) ctx.addIssue({ code: 'custom', path: [...at, 'columns'], message: q.type === 'table' ? 'a table question lists its columns' : 'only table questions have columns' });
      q.columns?.forEach((c, ci) => {
        const needs = c.type === 'choice' || c.type === 'multichoice';
        if (needs !== !!c.options) ctx.addIssue({ code: 'custom', path: [...at, 'columns', ci, 'options'], message: needs ? 'a choice column lists its options' : 'only choice columns have options' });
      });
    });
  });
  const bound = new Map<string, string>();
  for (const q of ids.values()) {
    if (!q.binds) continue;
    if (bound.has(q.binds)) ctx.addIssue({ code: 'custom', path: ['sections'], message: `${q.id} and ${bound.get(q.binds)} both bind ${q.binds}` });
    bound.set(q.binds, q.id);
  }
  // Conditions name questions that exist (so a typo cannot silently hide a section).
  const check = (c: Condition, path: (string | number)[]) => {
    if ('question' in c) {
      if (!ids.has(c.question)) ctx.addIssue({ code: 'custom', path, message: `the condition names ${c.question}, which is not a question of this definition` });
    } else if ('all' in c) c.all.forEach((x, i) => check(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => check(x, [...path, 'any', i]));
    else check(c.not, [...path, 'not']);
  };
  d.sections.forEach((s, si) => {
    if (s.when) check(s.when, ['sections', si, 'when']);
    s.questions.forEach((q, qi) => q.when && check(q.when, ['sections', si, 'questions', qi, 'when']));
    s.questions.forEach((q, qi) => {
      if (q.evidence && ids.has(evidenceId(q.id))) ctx.addIssue({ code: 'custom', path: ['sections', si, 'questions', qi, 'evidence'], message: `${evidenceId(q.id)}, the evidence of ${q.id}, is already a question` });
    });
  });
}).transform((d) => ({ ...d, sections: d.sections.map((s) => ({ ...s, questions: s.questions.flatMap((q) => (q.evidence ? [q, evidenceQuestion(q)] : [q])) })) }));

/** The id of the question that holds a question's evidence. */
export const evidenceId = (id: string) => `${id}_evidence`;

const EVIDENCE_LABEL: Record<Locale, (label: string) => string> = {
  en: (l) => `Evidence for “${l}”`,
  fr: (l) => `Preuves pour « ${l} »`,
  ar: (l) => `الأدلة على «${l}»`,
};
const EVIDENCE_HELP: Localised = {
  en: 'The documents that show what you answered above: the notice people are given, the data protection officer’s opinion, test and audit reports, retention schedules, contracts. Links or document references, one per line. An answer without evidence cannot be checked.',
  fr: 'Les documents qui établissent votre réponse ci-dessus : l’information donnée aux personnes, l’avis du délégué à la protection des données, les rapports de test et d’audit, les durées de conservation, les contrats. Liens ou références de documents, un par ligne. Une réponse sans preuve ne peut pas être vérifiée.',
  ar: 'الوثائق التي تثبت جوابك أعلاه: الإشعار المقدَّم إلى الأشخاص، ورأي مسؤول حماية البيانات، وتقارير الاختبار والتدقيق، وجداول مدد الاحتفاظ، والعقود. روابط أو مراجع وثائق، واحد في كل سطر. لا يمكن التحقق من جواب بلا دليل.',
};

/**
 * A question that asks for its evidence is followed by one that holds it: links or document
 * references, under the same condition, never required (a missing one is visible, not blocking).
 */
function evidenceQuestion(q: z.output<typeof questionSchema>): z.output<typeof questionSchema> {
  return {
    id: evidenceId(q.id), type: 'links', required: false, integer: false, unknown: false, evidence: false,
    label: Object.fromEntries(LOCALES.map((l) => [l, EVIDENCE_LABEL[l](q.label[l])])) as Localised,
    help: EVIDENCE_HELP,
    ...(q.when ? { when: q.when } : {}),
  };
}

export type Definition = z.infer<typeof definitionSchema>;
export type Section = Definition['sections'][number];
export type Question = Section['questions'][number];
export type Column = z.infer<typeof columnSchema>;

/** The answers of an assessment, by question id, and a reader of bound values. */
export type AnswerSource = (question: Question) => unknown;

export const isAnswered = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '') && !(Array.isArray(value) && value.length === 0);

/** Whether a condition holds for the answers given so far (an unanswered question equals nothing). */
export function holds(condition: Condition | undefined, definition: Definition, valueOf: AnswerSource): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, definition, valueOf));
  if ('any' in condition) return condition.any.some((c) => holds(c, definition, valueOf));
  if ('not' in condition) return !holds(condition.not, definition, valueOf);
  const question = questionById(definition, condition.question);
  const value = question ? valueOf(question) : undefined;
  if ('answered' in condition) return isAnswered(value) === condition.answered;
  const wanted = 'equals' in condition ? [condition.equals] : condition.in;
  // A multiple choice matches when any of its chosen values does.
  return Array.isArray(value) ? value.some((v) => wanted.includes(v)) : wanted.includes(value as string | number | boolean);
}

const byId = new WeakMap<Definition, Map<string, Question>>();
export function questionById(definition: Definition, id: string): Question | undefined {
  let map = byId.get(definition);
  if (!map) {
    map = new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
    byId.set(definition, map);
  }
  return map.get(id);
}

/** A required answer that is missing: what submission lists, each with the place to answer it. */
export type MissingAnswer = { section: string; question: string; column?: string; row?: number; anchor: string };

/** Every required answer missing from an assessment, in the questionnaire's order (sections and questions that do not apply are skipped). */
export function missingAnswers(definition: Definition, valueOf: AnswerSource): MissingAnswer[] {
  const missing: MissingAnswer[] = [];
  for (const section of definition.sections) {
    if (!holds(section.when, definition, valueOf)) continue;
    for (const q of section.questions) {
      if (!holds(q.when, definition, valueOf)) continue;
      const value = valueOf(q);
      const anchor = `q-${q.id.replaceAll('.', '-')}`;
      if (q.type !== 'table') {
        if (q.required && !isAnswered(value)) missing.push({ section: section.id, question: q.id, anchor });
        continue;
      }
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      if ((q.required && !rows.length) || rows.length < (q.minRows ?? 0)) missing.push({ section: section.id, question: q.id, anchor });
      rows.forEach((row, r) => {
        for (const c of q.columns ?? []) {
          if (c.required && !isAnswered(row?.[c.id])) missing.push({ section: section.id, question: q.id, column: c.id, row: r, anchor: `${anchor}-${r}-${c.id}` });
        }
      });
    }
  }
  return missing;
}

/** One problem of an answer, by its path in the assessment file. */
export type AnswerProblem = { path: string; message: string; at: (string | number)[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function valueProblem(field: Question | Column, value: unknown): string | null {
  if (value === 'unknown' && field.unknown) return null;
  switch (field.type) {
    case 'text': return typeof value === 'string' && value.length <= 500 ? null : 'a text of at most 500 characters';
    case 'longtext': return typeof value === 'string' && value.length <= 20_000 ? null : 'a text of at most 20,000 characters';
    case 'boolean': return typeof value === 'boolean' ? null : 'true or false';
    case 'date': return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? null : 'a date as YYYY-MM-DD';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'a number';
      if (field.integer && !Number.isInteger(value)) return 'a whole number';
      if (field.min !== undefined && value < field.min) return `a number of at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `a number of at most ${field.max}`;
      return null;
    }
    case 'choice': return field.options!.some((o) => o.value === value) ? null : `one of ${field.options!.map((o) => o.value).join(', ')}`;
    case 'multichoice': {
      const ok = Array.isArray(value) && value.every((v) => field.options!.some((o) => o.value === v)) && new Set(value).size === value.length;
      return ok ? null : `a list of distinct values among ${field.options!.map((o) => o.value).join(', ')}`;
    }
    case 'links': return Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 2000) ? null : 'a list of at most 100 references (URLs or document names)';
    case 'table': return null;
  }
}

/**
 * Problems of the answers kept under `answers`, against the definition they claim to answer:
 * an answer to no question of it, a bound question answered there, or a value of the wrong kind.
 */
export function answerProblems(definition: Definition, answers: Record<string, unknown>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const path = `answers.${id}`;
    const at = ['answers', id];
    const q = questionById(definition, id);
    if (!q) {
      problems.push({ path, at, message: `${definition.id} ${definition.version} has no question ${id}` });
      continue;
    }
    if (q.binds) {
      problems.push({ path, at, message: `${id} is answered in ${q.binds}, not under answers` });
      continue;
    }
    if (value === null) continue;
    if (q.type !== 'table') {
      const problem = valueProblem(q, value);
      if (problem) problems.push({ path, at, message: `expected ${problem}` });
      continue;
    }
    if (!Array.isArray(value) || value.length > 500) {
      problems.push({ path, at, message: 'expected a list of at most 500 rows' });
      continue;
    }
    value.forEach((row, r) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        problems.push({ path: `${path}.${r}`, at: [...at, r], message: 'expected a row (an object of its columns)' });
        return;
      }
      for (const [cid, cell] of Object.entries(row as Record<string, unknown>)) {
        const column = q.columns!.find((c) => c.id === cid);
        if (!column) problems.push({ path: `${path}.${r}.${cid}`, at: [...at, r, cid], message: `${id} has no column ${cid}` });
        else if (cell !== null) {
          const problem = valueProblem(column, cell);
          if (problem) problems.push({ path: `${path}.${r}.${cid}`, at: [...at, r, cid], message: `expected ${problem}` });
        }
      }
    });
  }
  return problems;
}
