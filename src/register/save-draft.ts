import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import { can } from '../platform/auth/domain/policy.ts';
import type { Actor } from '../platform/auth/domain/roles.ts';
import { DomainError, forbidden, notFound } from '../platform/errors.ts';
import { nextStatus, type DraftStep } from './domain/draft-workflow.ts';
import { formToRecord, keyOf, referencesOf, RECORD_FORMS, type EditableType, type FormValues } from './domain/record-forms.ts';
import { findSimilar } from './domain/similar-names.ts';
import { currentRecord, findDraft, findDraftForUpdate, insertDraft, missingSlugs, namesOf, updateDraft } from './store/editorial.ts';

type Member = Extract<Actor, { kind: 'member' }>;

export type SaveResult =
  | { ok: true; draftId: string }
  | { ok: false; errors: Record<string, string>; similar?: { slug: string; name: string }[] };

/** The organisation a member writes for: the first membership with a writing role. */
const writingMembership = (actor: Member) => actor.memberships.find((m) => m.role === 'contributor' || m.role === 'editor');

/** Checks what the register must already hold: every record this one refers to. */
async function referenceErrors(db: Database, type: EditableType, record: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  for (const ref of referencesOf(type, record)) {
    if ((await missingSlugs(db, ref.type, [ref.slug])).length) errors[ref.field] ??= `ref_unknown_${ref.type}`;
  }
  return errors;
}

/**
 * Creates a draft of a new record, or of a change to a published one (`slug`), from a form. Names
 * close to an existing organisation or technology are flagged until the author confirms.
 */
export async function createDraft(db: Database, actor: Member, type: EditableType, values: FormValues, options: { slug?: string; submit?: boolean; notDuplicate?: boolean }, now: Date): Promise<SaveResult> {
  const membership = writingMembership(actor);
  if (!membership || !can(actor, 'draft.create', { organisationId: membership.organisationId })) throw forbidden();
  const converted = formToRecord(type, values, options.slug);
  // Unknown references are reported with the other problems, not only once those are fixed.
  if (!converted.ok) return { ok: false, errors: { ...(await referenceErrors(db, type, converted.candidate)), ...converted.errors } };
  const record = converted.record;
  const slug = keyOf(type, record);
  const errors = await referenceErrors(db, type, record);
  const isNew = options.slug === undefined;
  if (isNew && (await currentRecord(db, type, slug))) errors[type === 'source' ? 'url' : RECORD_FORMS[type].titleField] = 'exists_already';
  if (!isNew && !(await currentRecord(db, type, slug))) throw notFound(type);
  if (Object.keys(errors).length) return { ok: false, errors };
  if (isNew && !options.notDuplicate && (type === 'organisation' || type === 'technology')) {
    const similar = findSimilar(String(record.name), await namesOf(db, type)).map((m) => m.candidate);
    if (similar.length) return { ok: false, errors: { name: 'possible_duplicate' }, similar };
  }
  const id = randomUUID();
  const status = options.submit ? 'in_review' : 'draft';
  await db.transaction(async (tx) => {
    await insertDraft(tx, { id, type, slug, isNew, payload: record, status, organisationId: membership.organisationId, authorId: actor.userId }, now);
    await recordAudit(tx, { action: 'draft.created', actor: auditActorOf(actor), subjectType: 'draft', subjectId: id, details: { recordType: type, slug, isNew, status } }, now);
  });
  return { ok: true, draftId: id };
}

/** Changes a draft's content (while it is a draft or has changes requested), optionally submitting it. */
export async function editDraft(db: Database, actor: Member, draftId: string, values: FormValues, options: { submit?: boolean }, now: Date): Promise<SaveResult> {
  const draft = await findDraft(db, draftId);
  if (!draft) throw notFound('draft');
  if (!can(actor, 'draft.edit', { organisationId: draft.organisation_id })) throw forbidden();
  if (!nextStatus(draft.status, 'edit')) throw new DomainError('invalid_input', `A draft that is ${draft.status} cannot be edited.`);
  const converted = formToRecord(draft.record_type, values, draft.is_new ? undefined : draft.target_slug);
  if (!converted.ok) return { ok: false, errors: { ...(await referenceErrors(db, draft.record_type, converted.candidate)), ...converted.errors } };
  const errors = await referenceErrors(db, draft.record_type, converted.record);
  const slug = keyOf(draft.record_type, converted.record);
  if (draft.is_new && slug !== draft.target_slug && (await currentRecord(db, draft.record_type, slug))) errors[draft.record_type === 'source' ? 'url' : RECORD_FORMS[draft.record_type].titleField] = 'exists_already';
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.transaction(async (tx) => {
    const locked = await findDraftForUpdate(tx, draftId);
    const status = locked && nextStatus(locked.status, options.submit ? 'submit' : 'edit');
    if (!status) throw new DomainError('invalid_input', 'This draft changed meanwhile; reload it.');
    await updateDraft(tx, draftId, { payload: converted.record, slug, status }, now);
    await recordAudit(tx, { action: options.submit ? 'draft.submitted' : 'draft.edited', actor: auditActorOf(actor), subjectType: 'draft', subjectId: draftId, details: { recordType: draft.record_type, slug } }, now);
  });
  return { ok: true, draftId };
}

/** Author-side steps without new content: withdraw from review, or discard. */
export async function moveDraft(db: Database, actor: Member, draftId: string, step: Extract<DraftStep, 'withdraw' | 'discard' | 'submit'>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await findDraftForUpdate(tx, draftId);
    if (!draft) throw notFound('draft');
    if (!can(actor, 'draft.edit', { organisationId: draft.organisation_id })) throw forbidden();
    const status = nextStatus(draft.status, step);
    if (!status) throw new DomainError('invalid_input', `A draft that is ${draft.status} cannot be ${step === 'submit' ? 'submitted' : `${step}n`}.`);
    await updateDraft(tx, draftId, { status }, now);
    await recordAudit(tx, { action: `draft.${step === 'submit' ? 'submitted' : step === 'withdraw' ? 'withdrawn' : 'discarded'}`, actor: auditActorOf(actor), subjectType: 'draft', subjectId: draftId, details: {} }, now);
  });
}
