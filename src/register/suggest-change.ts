import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { suggestionForm } from './domain/suggestion.ts';
import { insertSuggestion } from './store/suggestions.ts';

export type SuggestionTarget = { kind: 'technology' } | { kind: 'correction'; recordType: 'deployment' | 'organisation' | 'technology'; slug: string };

/** Stores a suggestion from the public for the editors' queue; nothing about the sender but an optional contact. */
export async function suggestChange(db: Database, target: SuggestionTarget, raw: Record<string, unknown>, now: Date):
  Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const parsed = suggestionForm.safeParse({ body: raw.body ?? '', sources: raw.sources ?? '', contact: raw.contact ?? '' });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors };
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await insertSuggestion(tx, {
      id, kind: target.kind, recordType: target.kind === 'correction' ? target.recordType : null, recordSlug: target.kind === 'correction' ? target.slug : null,
      body: parsed.data.body, sources: parsed.data.sources, contact: parsed.data.contact || null,
    }, now);
    await recordAudit(tx, { action: 'suggestion.created', actor: { kind: 'anonymous' }, subjectType: 'suggestion', subjectId: id, details: target.kind === 'correction' ? { recordType: target.recordType, slug: target.slug } : { kind: 'technology' } }, now);
  });
  return { ok: true };
}
