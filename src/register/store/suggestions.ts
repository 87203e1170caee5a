import type { Queryable } from '../../platform/db/database.ts';

export type SuggestionRow = {
  id: string; kind: 'correction' | 'technology'; record_type: string | null; record_slug: string | null; body: string; sources: string[];
  contact: string | null; status: 'new' | 'accepted' | 'dismissed'; created_at: Date;
};

export const insertSuggestion = (q: Queryable, s: { id: string; kind: SuggestionRow['kind']; recordType: string | null; recordSlug: string | null; body: string; sources: string[]; contact: string | null }, now: Date) =>
  q.query(
    `INSERT INTO editorial.suggestions (id, kind, record_type, record_slug, body, sources, contact, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', $8)`,
    [s.id, s.kind, s.recordType, s.recordSlug, s.body, s.sources, s.contact, now],
  );

export const openSuggestions = (q: Queryable) =>
  q.query<SuggestionRow>(`SELECT id, kind, record_type, record_slug, body, sources, contact, status, created_at FROM editorial.suggestions WHERE status = 'new' ORDER BY created_at LIMIT 200`);

/** Closes an open suggestion and erases its contact; false when it is not open. */
export const closeSuggestion = async (q: Queryable, id: string, outcome: 'accepted' | 'dismissed', userId: string, note: string, now: Date) =>
  (await q.query<{ id: string }>(
    `UPDATE editorial.suggestions SET status = $2, closed_by = $3, note = $4, closed_at = $5, contact = NULL WHERE id = $1 AND status = 'new' RETURNING id`,
    [id, outcome, userId, note, now],
  )).length > 0;
