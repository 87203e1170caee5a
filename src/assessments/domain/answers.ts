import { ASSESSMENT_SCHEMA, assessmentFileSchema, type AssessmentFile } from './assessment-file.ts';
import { answerProblems, isAnswered, questionById, type AnswerSource, type Column, type Definition, type Question } from './definition.ts';

// On the platform an assessment is its answers by question id, bound questions included: a draft
// may be incomplete in any way, so nothing is forced into the typed export until it is needed. This
// module turns answers into the export (safeguard.assessment/1) and back, and reads and fills the
// questionnaire's web form, where every value is text.

/** Answers by question id; a table's answer is its rows, each an object of its columns. */
export type Answers = Record<string, unknown>;
export type TableRow = Record<string, unknown>;

/** What the platform knows of an assessment besides its answers. */
export type AssessmentMeta = { title: string; deployment?: string; assessedOn: string };

export const answerSource = (answers: Answers): AnswerSource => (q) => answers[q.id];

// ---------------------------------------------------------------------------------------------
// Answers ⇄ export file

const BOUND_PATH: Record<string, string[]> = {};
const pathOf = (binding: string) => (BOUND_PATH[binding] ??= binding.split('.'));

const rowsOf = (value: unknown): TableRow[] => (Array.isArray(value) ? (value as TableRow[]) : []);
const withoutBlank = (row: TableRow) => Object.fromEntries(Object.entries(row).filter(([, v]) => isAnswered(v)));

/** A bound answer in the shape the export's typed part has (defaults filled in where the export has them). */
function boundValue(q: Question, value: unknown): unknown {
  switch (q.binds) {
    case 'screening.redLines':
    case 'context.decisionAreas':
      return Array.isArray(value) ? value : [];
    case 'legality.legalBasis':
      return typeof value === 'string' && value.trim() ? value : null;
    case 'alternatives':
      return rowsOf(value).map(withoutBlank);
    case 'harms':
      return rowsOf(value).map((r) => ({ groups: [], ...withoutBlank(r) }));
    case 'mitigations':
      return rowsOf(value).map((r) => ({ evidence: [], review: 'pending', kind: 'measure', ...withoutBlank(r) }));
    default:
      return isAnswered(value) ? value : undefined;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let at = target;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  if (value !== undefined) at[path[path.length - 1]!] = value;
}

/** The export of an assessment as its answers make it (not yet checked: see buildAssessmentFile). */
export function fileFromAnswers(definition: Definition, answers: Answers, meta: AssessmentMeta): Record<string, unknown> {
  const file: Record<string, unknown> = {
    schema: ASSESSMENT_SCHEMA,
    definition: { id: definition.id, version: definition.version },
    assessment: { title: meta.title, ...(meta.deployment ? { deployment: meta.deployment } : {}), assessedOn: meta.assessedOn },
    screening: {}, legality: {}, context: {},
  };
  const rest: Answers = {};
  for (const section of definition.sections) {
    for (const q of section.questions) {
      const value = answers[q.id];
      if (q.binds) setPath(file, pathOf(q.binds), boundValue(q, value));
      else if (isAnswered(value)) rest[q.id] = q.type === 'table' ? rowsOf(value).map(withoutBlank) : value;
    }
  }
  if (!('legalBasis' in (file.legality as object))) (file.legality as Record<string, unknown>).legalBasis = null;
  file.answers = rest;
  return file;
}

/** A problem of the export, placed on the question (and table cell) it comes from. */
export type FileProblem = { question: string | null; anchor: string; path: string; message: string };

export const anchorOf = (questionId: string, row?: number, column?: string) =>
  `q-${questionId.replaceAll('.', '-')}${row === undefined ? '' : `-${row}`}${column === undefined ? '' : `-${column}`}`;

/** The question a path of the export file belongs to (a bound typed part, or answers.<id>). */
function questionAt(definition: Definition, path: (string | number)[]): { question: Question; row?: number; column?: string } | null {
  if (path[0] === 'answers' && typeof path[1] === 'string') {
    const question = questionById(definition, path[1]);
    if (!question) return null;
    return { question, ...(typeof path[2] === 'number' ? { row: path[2] } : {}), ...(typeof path[3] === 'string' ? { column: path[3] } : {}) };
  }
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (!question.binds) continue;
      const bound = pathOf(question.binds);
      if (bound.every((k, i) => path[i] === k)) {
        const row = path[bound.length];
        const column = path[bound.length + 1];
        return { question, ...(typeof row === 'number' ? { row } : {}), ...(typeof column === 'string' ? { column } : {}) };
      }
    }
  }
  return null;
}

/**
 * The assessment's export, checked: the typed parts by the export's schema, the other answers by the
 * definition. Problems point at the question to correct (what submission lists, with a link).
 */
export function buildAssessmentFile(definition: Definition, answers: Answers, meta: AssessmentMeta): { ok: true; file: AssessmentFile } | { ok: false; problems: FileProblem[] } {
  const candidate = fileFromAnswers(definition, answers, meta);
  const parsed = assessmentFileSchema.safeParse(candidate);
  const issues: { path: (string | number)[]; message: string }[] = parsed.success
    ? answerProblems(definition, candidate.answers as Answers).map((p) => ({ path: p.at, message: p.message }))
    : parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
  if (parsed.success && !issues.length) return { ok: true, file: parsed.data };
  return {
    ok: false,
    problems: issues.map((i) => {
      const at = questionAt(definition, i.path);
      return { question: at?.question.id ?? null, anchor: at ? anchorOf(at.question.id, at.row, at.column) : 'questionnaire', path: i.path.join('.'), message: i.message };
    }),
  };
}

/** The answers an export holds, by question id (an import starts from these). */
export function answersFromFile(definition: Definition, file: AssessmentFile): Answers {
  const answers: Answers = { ...file.answers };
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if (!q.binds) continue;
      const value = pathOf(q.binds).reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], file);
      // Rows keep only their answered cells, as the form gives them (the export's defaults come back on the way out).
      if (isAnswered(value)) answers[q.id] = q.type === 'table' ? rowsOf(value).map(withoutBlank) : value;
    }
  }
  return answers;
}

// ---------------------------------------------------------------------------------------------
// The web form: every field is text; names are q.<question id> and q.<question id>.<row>.<column>.

/** The form's values as typed (what a form re-renders with), by field name. */
export type FormState = Record<string, string | string[]>;
/** Error codes by field name (see messages form.error.*). */
export type FormErrors = Record<string, string>;

export const fieldName = (questionId: string, row?: number, column?: string) =>
  `q.${questionId}${row === undefined ? '' : `.${row}.${column}`}`;

/** The anchor (field id) of a form field name: q.<question>[.<row>.<column>]. */
export function anchorOfField(name: string): string {
  const m = /^q\.(.+?)\.(\d+)\.([A-Za-z0-9_]+)$/.exec(name);
  return m ? anchorOf(m[1]!, Number(m[2]), m[3]!) : anchorOf(name.replace(/^q\./, ''));
}

const TEXT_MAX = { text: 500, longtext: 20_000 } as const;

/** Whether a number field is a small whole scale (such as 1–4), shown as a choice. */
export const isScale = (f: Question | Column) => f.type === 'number' && f.integer && f.min !== undefined && f.max !== undefined && Number.isInteger(f.min) && Number.isInteger(f.max) && f.max - f.min <= 10;

function toText(field: Question | Column, value: unknown): string | string[] {
  if (value === undefined || value === null) return field.type === 'multichoice' ? [] : '';
  if (value === 'unknown' && field.unknown) return 'unknown';
  switch (field.type) {
    case 'boolean': return value === true ? 'yes' : value === false ? 'no' : '';
    case 'multichoice': return Array.isArray(value) ? value.map(String) : [];
    case 'links': return Array.isArray(value) ? value.join('\n') : '';
    case 'number': return typeof value === 'number' ? String(value) : '';
    default: return typeof value === 'string' ? value : '';
  }
}

/** The form's values for stored answers. */
export function formStateOf(definition: Definition, answers: Answers): FormState {
  const state: FormState = {};
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if (q.type !== 'table') {
        state[fieldName(q.id)] = toText(q, answers[q.id]);
        continue;
      }
      rowsOf(answers[q.id]).forEach((row, r) => {
        for (const c of q.columns!) state[fieldName(q.id, r, c.id)] = toText(c, row?.[c.id]);
      });
    }
  }
  return state;
}

const single = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[v.length - 1] ?? '' : v ?? '');

/** One field's text read as its answer: undefined when empty, or an error code. */
function fromText(field: Question | Column, raw: string | string[] | undefined): { value?: unknown; error?: string } {
  if (field.type === 'multichoice') {
    const values = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v) => v !== '');
    if (!values.every((v) => field.options!.some((o) => o.value === v))) return { error: 'choice_invalid' };
    return values.length ? { value: [...new Set(values)] } : {};
  }
  const text = single(raw);
  if (text.trim() === '') return {};
  if (text.trim() === 'unknown' && field.unknown) return { value: 'unknown' };
  switch (field.type) {
    case 'text':
    case 'longtext':
      return text.length > TEXT_MAX[field.type] ? { error: 'too_long' } : { value: text.trim() };
    case 'boolean':
      return text === 'yes' ? { value: true } : text === 'no' ? { value: false } : { error: 'choice_invalid' };
    case 'choice':
      return field.options!.some((o) => o.value === text) ? { value: text } : { error: 'choice_invalid' };
    case 'date': {
      const d = text.trim();
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
      return ok ? { value: text.trim() } : { error: 'date_invalid' };
    }
    case 'number': {
      const t = text.trim().replace(/\s/g, '').replace(',', '.');
      const n = /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
      if (!Number.isFinite(n) || (field.integer && !Number.isInteger(n))) return { error: 'number_invalid' };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return { error: 'number_range' };
      return { value: n };
    }
    case 'links': {
      const items = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      if (items.length > 100) return { error: 'too_many_lines' };
      if (items.some((l) => l.length > 2000)) return { error: 'too_long' };
      return items.length ? { value: items } : {};
    }
    case 'table':
      return {};
  }
}

/** The row numbers a table has in the form (any cell named), in order. */
export function formRows(questionId: string, state: FormState): number[] {
  const prefix = `q.${questionId}.`;
  const rows = new Set<number>();
  for (const name of Object.keys(state)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const m = /^(\d{1,3})\./.exec(rest);
    if (m) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Columns only the oversight reviewer sets (a mitigation's acceptance): the author's form neither shows nor reads them. */
export const reviewerColumns = (q: Question): ReadonlySet<string> => new Set(q.binds === 'mitigations' ? ['review'] : []);

/**
 * Reads the questionnaire's form into answers. Empty fields are no answer (drafts may be incomplete);
 * a malformed value is an error on its field and nothing is saved (the form shows what was typed).
 * Table rows left wholly empty, or ticked for removal (`<row>._remove`), are dropped, and the rest
 * renumbered. Only the questions of `editable` sections are read (the others keep their answers).
 */
export function answersFromForm(definition: Definition, state: FormState, previous: Answers = {}, sections?: ReadonlySet<string>):
  { ok: true; answers: Answers } | { ok: false; errors: FormErrors } {
  const answers: Answers = { ...previous };
  const errors: FormErrors = {};
  for (const section of definition.sections) {
    if (sections && !sections.has(section.id)) continue;
    for (const q of section.questions) {
      if (q.type !== 'table') {
        const read = fromText(q, state[fieldName(q.id)]);
        if (read.error) errors[fieldName(q.id)] = read.error;
        else if (read.value === undefined) delete answers[q.id];
        else answers[q.id] = read.value;
        continue;
      }
      const rows: TableRow[] = [];
      for (const r of formRows(q.id, state)) {
        if (single(state[`q.${q.id}.${r}._remove`]) === 'yes') continue;
        const row: TableRow = {};
        const reviewers = reviewerColumns(q);
        for (const c of q.columns!) {
          if (reviewers.has(c.id)) continue;
          const read = fromText(c, state[fieldName(q.id, r, c.id)]);
          if (read.error) errors[fieldName(q.id, r, c.id)] = read.error;
          else if (read.value !== undefined) row[c.id] = read.value;
        }
        if (Object.keys(row).length) rows.push(row);
      }
      if (rows.length) answers[q.id] = rows;
      else delete answers[q.id];
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}
