import fs from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';

// Reading a JSON file for a command-line user: every problem names the file, line and column —
// of a syntax error, or of the deepest part of an invalid value's path that exists in the file.

export type FileProblem = { file: string; line: number; column: number; message: string };

/** A file that cannot be used; every problem names the file, line and column. */
export class FileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'FileError';
  }
}

export function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Reads a file as UTF-8 text (without a byte-order mark), or throws a FileError naming it. */
export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new FileError([{ file: path.basename(file), line: 0, column: 0, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
}

/**
 * Parses JSON text and validates it; problems of the validation (JSON paths such as
 * deployments[3].technology, or capabilities.2) are located in the text.
 */
export function parseJsonFile<T>(
  file: string, text: string,
  validate: (value: unknown) => { ok: true; value: T } | { ok: false; problems: { path: string; message: string; at?: (string | number)[] }[] },
): T {
  const name = path.basename(file);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree) throw new FileError([{ file: name, ...lineColumn(text, errors[0]?.offset ?? 0), message: 'this is not valid JSON' }]);
  const result = validate(JSON.parse(text));
  if (result.ok) return result.value;
  throw new FileError(result.problems.map((p) => {
    // `at` gives the path's keys when one of them holds a dot (an answer's question id).
    const segments = p.at ?? p.path.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let node = undefined;
    for (let n = segments.length; n >= 0 && !node; n--) node = findNodeAtLocation(tree, segments.slice(0, n));
    return { file: name, ...lineColumn(text, node?.offset ?? 0), message: `${p.path || 'file'}: ${p.message}` };
  }));
}
