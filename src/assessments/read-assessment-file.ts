import { parseJsonFile, readText } from '../platform/json-file.ts';
import { assessmentFileSchema, type AssessmentFile } from './domain/assessment-file.ts';

/** Reads an exported assessment; a FileError names the file, line, column and field of each problem. */
export function readAssessmentFile(file: string): AssessmentFile {
  return parseJsonFile(file, readText(file), (value) => {
    const parsed = assessmentFileSchema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, problems: parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), at: i.path as (string | number)[], message: i.message })) };
  });
}
