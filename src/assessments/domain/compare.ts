import { isAnswered, type Definition } from './definition.ts';
import type { Answers } from './answers.ts';

// Two versions of an assessment side by side: the questions whose answers differ, in the
// questionnaire's order, with both answers.

export type AnswerChange = { section: string; question: string; kind: 'added' | 'removed' | 'changed'; before: unknown; after: unknown };

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

export function compareVersions(definition: Definition, before: Answers, after: Answers): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const s of definition.sections) {
    for (const q of s.questions) {
      const a = isAnswered(before[q.id]) ? before[q.id] : undefined;
      const b = isAnswered(after[q.id]) ? after[q.id] : undefined;
      if (a === undefined && b === undefined) continue;
      if (a !== undefined && b !== undefined && canonical(a) === canonical(b)) continue;
      changes.push({ section: s.id, question: q.id, kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', before: a, after: b });
    }
  }
  return changes;
}
