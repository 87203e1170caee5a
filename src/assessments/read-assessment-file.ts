import { parseJsonFile, readText } from '../platform/json-file.ts';
import { findDefinition, DEFINITIONS } from './definitions.ts';
import { assessmentFileSchema, type AssessmentFile } from './domain/assessment-file.ts';
import { answerProblems } from './domain/definition.ts';

/**
 * Reads an exported assessment and checks its answers against the questionnaire definition it names;
 * a FileError names the file, line, column and field of each problem.
 */
export function readAssessmentFile(file: string): AssessmentFile {
  return parseAssessmentFile(file, readText(file));
}

/** The same check on a file's text (an upload, say); `name` is what problems are reported against. */
export function parseAssessmentFile(name: string, text: string): AssessmentFile {
  return parseJsonFile(name, text, (value) => {
    const parsed = assessmentFileSchema.safeParse(value);
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), at: i.path as (string | number)[], message: i.message })) };
    const { definition: named, answers } = parsed.data;
    const definition = findDefinition(named.id, named.version);
    if (!definition) {
      const shipped = DEFINITIONS.map((d) => `${d.id} ${d.version}`).join(', ');
      return { ok: false, problems: [{ path: 'definition.version', message: `no questionnaire definition ${named.id} ${named.version} is shipped (shipped: ${shipped})` }] };
    }
    const problems = answerProblems(definition, answers);
    return problems.length ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, value: parsed.data };
  });
}
