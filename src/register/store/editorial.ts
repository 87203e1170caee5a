import type { Queryable } from '../../platform/db/database.ts';
import type { DraftStatus } from '../domain/draft-workflow.ts';
import type { EditableType } from '../domain/record-forms.ts';
import { stableId } from '../ids.ts';
import { relationKey } from '../domain/dataset.ts';
import { deploymentsInDatasetFormat, listContracts, listOrganisations, listRelations, listSources, listTechnologies } from './open-data.ts';

// The SQL of drafts, reviews and revisions, and the current published version of a record.

export type DraftRow = {
  id: string; record_type: EditableType; target_slug: string; is_new: boolean; payload: Record<string, unknown>; status: DraftStatus;
  organisation_id: string; organisation_name: string; author_id: string; author_name: string; created_at: Date; updated_at: Date; published_at: Date | null;
};
const DRAFT_SELECT = `SELECT d.id, d.record_type, d.target_slug, d.is_new, d.payload, d.status, d.organisation_id, o.name AS organisation_name,
  d.author_id, u.display_name AS author_name, d.created_at, d.updated_at, d.published_at
  FROM editorial.drafts d JOIN accounts.organisations o ON o.id = d.organisation_id JOIN accounts.users u ON u.id = d.author_id`;

export const findDraft = async (q: Queryable, id: string) => (await q.query<DraftRow>(`${DRAFT_SELECT} WHERE d.id = $1`, [id]))[0];
export const findDraftForUpdate = async (q: Queryable, id: string) =>
  (await q.query<DraftRow>(`${DRAFT_SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [id]))[0];

/** Drafts of these organisations, and (for reviewers) every draft waiting for review. */
export const listDrafts = (q: Queryable, filter: { organisationIds: string[]; inReview: boolean }) =>
  q.query<DraftRow>(
    `${DRAFT_SELECT} WHERE (d.organisation_id = ANY($1::uuid[]) AND d.status IN ('draft', 'in_review', 'changes_requested'))
       OR ($2 AND d.status = 'in_review') ORDER BY d.updated_at DESC LIMIT 200`,
    [filter.organisationIds, filter.inReview],
  );

export async function insertDraft(q: Queryable, d: { id: string; type: EditableType; slug: string; isNew: boolean; payload: unknown; status: DraftStatus; organisationId: string; authorId: string }, now: Date) {
  await q.query(
    `INSERT INTO editorial.drafts (id, record_type, target_slug, is_new, payload, status, organisation_id, author_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [d.id, d.type, d.slug, d.isNew, JSON.stringify(d.payload), d.status, d.organisationId, d.authorId, now],
  );
}
export const updateDraft = (q: Queryable, id: string, changes: { payload?: unknown; slug?: string; status: DraftStatus }, now: Date) =>
  q.query(
    `UPDATE editorial.drafts SET payload = coalesce($2::jsonb, payload), target_slug = coalesce($3, target_slug), status = $4, updated_at = $5,
       published_at = CASE WHEN $4 = 'published' THEN $5 ELSE published_at END WHERE id = $1`,
    [id, changes.payload === undefined ? null : JSON.stringify(changes.payload), changes.slug ?? null, changes.status, now],
  );

export type ReviewRow = { decision: 'approved' | 'changes_requested'; comment: string; reviewer_name: string; reviewed_at: Date };
export const reviewsOf = (q: Queryable, draftId: string) =>
  q.query<ReviewRow>(
    `SELECT r.decision, r.comment, u.display_name AS reviewer_name, r.reviewed_at FROM editorial.reviews r JOIN accounts.users u ON u.id = r.reviewer_id
     WHERE r.draft_id = $1 ORDER BY r.reviewed_at`, [draftId]);
export const insertReview = (q: Queryable, r: { id: string; draftId: string; reviewerId: string; decision: ReviewRow['decision']; comment: string }, now: Date) =>
  q.query('INSERT INTO editorial.reviews (id, draft_id, reviewer_id, decision, comment, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [r.id, r.draftId, r.reviewerId, r.decision, r.comment, now]);

// Revisions.

export type Credit = { kind: 'import' } | { kind: 'member'; organisation: string; role: string; name?: string };
export type RevisionRow = { number: number; payload: Record<string, unknown>; published_at: Date; credit: Credit };

export const revisionsOf = (q: Queryable, type: EditableType, slug: string) =>
  q.query<RevisionRow>('SELECT number, payload, published_at, credit FROM editorial.revisions WHERE record_type = $1 AND slug = $2 ORDER BY number DESC', [type, slug]);
export const latestRevisionNumber = async (q: Queryable, type: EditableType, slug: string) =>
  (await q.query<{ n: number }>('SELECT coalesce(max(number), 0)::int AS n FROM editorial.revisions WHERE record_type = $1 AND slug = $2', [type, slug]))[0]!.n;
export const insertRevision = (q: Queryable, r: { type: EditableType; slug: string; number: number; payload: unknown; credit: Credit; draftId: string | null }, at: Date) =>
  q.query('INSERT INTO editorial.revisions (record_type, slug, number, payload, published_at, credit, draft_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [r.type, r.slug, r.number, JSON.stringify(r.payload), at, JSON.stringify(r.credit), r.draftId]);

/** The published record in the dataset format (without its id), or undefined. */
export async function currentRecord(q: Queryable, type: EditableType, slug: string): Promise<Record<string, unknown> | undefined> {
  if (type === 'relation') {
    // A relation's key starts with its organisation's slug.
    const relations = await listRelations(q, { organisation: slug.split('|')[0] ?? '' }, { limit: 1000, offset: 0 });
    const found = relations.items.find((r) => relationKey(r) === slug);
    if (!found) return undefined;
    const { id: _id, ...record } = found;
    return record;
  }
  const rows: { id: string }[] =
    type === 'contract' ? (await listContracts(q, { slug })).items
      : type === 'organisation' ? (await listOrganisations(q, { slug })).items
      : type === 'technology' ? (await listTechnologies(q, { slug })).items
      : type === 'source' ? (await listSources(q, { slug })).items
      : await deploymentsInDatasetFormat(q, [stableId('deployment', slug)]);
  const row = rows[0];
  if (!row) return undefined;
  const { id: _id, ...record } = row;
  return record;
}

/** Which of these slugs of a record type are not in the register. */
export async function missingSlugs(q: Queryable, type: EditableType, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return [];
  const table = { deployment: 'deployments', organisation: 'organisations', technology: 'technologies', source: 'sources', contract: 'contracts', relation: null }[type];
  if (!table) return slugs;
  const found = new Set((await q.query<{ slug: string }>(`SELECT slug FROM register.${table} WHERE slug = ANY($1::text[])`, [slugs])).map((r) => r.slug));
  return slugs.filter((s) => !found.has(s));
}

/** Names of organisations or technologies, to flag likely duplicates of a new one. */
export const namesOf = (q: Queryable, type: 'organisation' | 'technology') =>
  q.query<{ slug: string; name: string }>(`SELECT slug, name FROM register.${type === 'organisation' ? 'organisations' : 'technologies'} ORDER BY name`);
