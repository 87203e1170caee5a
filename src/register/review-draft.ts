import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import { can } from '../platform/auth/domain/policy.ts';
import type { Actor } from '../platform/auth/domain/roles.ts';
import { findUserById } from '../platform/auth/store.ts';
import { DomainError, forbidden, notFound } from '../platform/errors.ts';
import type { Dataset } from './domain/dataset.ts';
import { nextStatus } from './domain/draft-workflow.ts';
import { referencesOf, type EditableType } from './domain/record-forms.ts';
import { currentRecord, findDraftForUpdate, insertReview, insertRevision, latestRevisionNumber, missingSlugs, updateDraft, type Credit } from './store/editorial.ts';
import { writeDataset } from './store/write.ts';
import { clearWithdrawal } from './unpublish-record.ts';
import { triggerRegisterChanges } from '../assessments/record-trigger.ts';

type Member = Extract<Actor, { kind: 'member' }>;

const COLLECTION: Record<EditableType, 'deployments' | 'organisations' | 'technologies' | 'sources' | 'contracts' | 'relations'> = {
  deployment: 'deployments', organisation: 'organisations', technology: 'technologies', source: 'sources', contract: 'contracts', relation: 'relations',
};

/**
 * An editor's decision on a draft in review: approve (the change is published at once, as a new
 * revision) or request changes with a comment. Everything happens in one transaction.
 */
export async function reviewDraft(db: Database, actor: Member, draftId: string, input: { decision: 'approve' | 'request_changes'; comment: string }, now: Date):
  Promise<{ ok: true; published?: { type: EditableType; slug: string } } | { ok: false; errors: Record<string, string> }> {
  const comment = input.comment.trim();
  if (input.decision === 'request_changes' && !comment) return { ok: false, errors: { comment: 'required' } };
  if (comment.length > 5000) return { ok: false, errors: { comment: 'too_long' } };
  const editor = actor.memberships.find((m) => m.role === 'editor');
  const reviewer = await findUserById(db, actor.userId);
  return db.transaction(async (tx) => {
    const draft = await findDraftForUpdate(tx, draftId);
    if (!draft) throw notFound('draft');
    if (!editor || !can(actor, 'draft.review', { authorId: draft.author_id })) throw forbidden('Editors review drafts written by others.');
    const status = nextStatus(draft.status, input.decision);
    if (!status) throw new DomainError('invalid_input', `A draft that is ${draft.status} cannot be reviewed.`);
    await insertReview(tx, { id: randomUUID(), draftId, reviewerId: actor.userId, decision: input.decision === 'approve' ? 'approved' : 'changes_requested', comment }, now);
    if (input.decision === 'request_changes') {
      await updateDraft(tx, draftId, { status }, now);
      await recordAudit(tx, { action: 'draft.changes_requested', actor: auditActorOf(actor), subjectType: 'draft', subjectId: draftId, details: { comment } }, now);
      return { ok: true };
    }
    // Publishing: what it refers to must still be there.
    for (const ref of referencesOf(draft.record_type, draft.payload)) {
      if ((await missingSlugs(tx, ref.type, [ref.slug])).length) return { ok: false, errors: { decision: `ref_unknown_${ref.type}` } };
    }
    const type = draft.record_type;
    const slug = draft.target_slug;
    let number = await latestRevisionNumber(tx, type, slug);
    const before = draft.is_new ? undefined : await currentRecord(tx, type, slug);
    // A record from an import has no revision yet: its version before this change becomes the first.
    if (number === 0 && before) await insertRevision(tx, { type, slug, number: ++number, payload: before, credit: { kind: 'import' }, draftId: null }, now);
    const author = await findUserById(tx, draft.author_id);
    const authorRole = (await tx.query<{ role: string }>('SELECT role FROM accounts.memberships WHERE user_id = $1 AND organisation_id = $2', [draft.author_id, draft.organisation_id]))[0]?.role ?? 'contributor';
    const credit: Credit = { kind: 'member', organisation: draft.organisation_name, role: authorRole, ...(author?.credit_by_name ? { name: author.display_name } : {}) };
    const dataset: Dataset = { format: 'safeguard-register', version: 1, sources: [], organisations: [], technologies: [], deployments: [], relations: [], contracts: [] };
    (dataset[COLLECTION[type]] as unknown[]).push(draft.payload);
    const { changed } = await writeDataset(tx, dataset);
    await clearWithdrawal(tx, type, slug);
    await insertRevision(tx, { type, slug, number: number + 1, payload: draft.payload, credit, draftId }, now);
    await updateDraft(tx, draftId, { status }, now);
    // A deployment whose profile changed, or a technology whose vendors changed, is due for re-assessment.
    await triggerRegisterChanges(tx, changed, actor, now);
    await recordAudit(tx, {
      action: 'record.published', actor: auditActorOf(actor), subjectType: type, subjectId: slug,
      details: { draft: draftId, revision: number + 1, reviewer: reviewer?.display_name ?? null, comment },
    }, now);
    return { ok: true, published: { type, slug } };
  });
}
