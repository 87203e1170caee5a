import type { z } from 'zod';
import { parseJsonFile, readText } from '../platform/json-file.ts';
import { profileSchema, type SystemProfile } from './domain/profile.ts';

/** Reads a system profile from a JSON file; a FileError names the file, line, column and field of each problem. */
export function readProfileFile(file: string): SystemProfile {
  return parseJsonFile(file, readText(file), (value) => {
    const parsed = profileSchema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, problems: parsed.error.issues.slice(0, 50).map((i) => explain(i)) };
  });
}

/**
 * A field that may be "unknown" or a value fails as a union; the useful message is the one about the
 * value (e.g. capabilities.2: invalid option), so that branch's first problem is reported.
 */
function explain(issue: z.core.$ZodIssue): { path: string; message: string } {
  const at = issue.path.map(String);
  if (issue.code === 'invalid_union') {
    const valueBranch = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_value' && i.path.length === 0)) ?? issue.errors[0];
    const inner = valueBranch?.[0];
    if (inner) {
      const nested = explain(inner);
      return { path: [...at, ...(nested.path ? [nested.path] : [])].join('.'), message: `${nested.message} (or "unknown")` };
    }
  }
  return { path: at.join('.'), message: issue.message };
}
