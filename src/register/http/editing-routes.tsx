import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import { can } from '../../platform/auth/domain/policy.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { formValues, requireMember } from '../../platform/http/requests.ts';
import { pageContext, sendPrivatePage } from '../../platform/http/respond.tsx';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { renderPage } from '../../platform/views/layout.tsx';
import { diffRecords } from '../domain/record-diff.ts';
import { diffable, EDITABLE_TYPES, recordTitle, recordToForm, type EditableType, type FormValues } from '../domain/record-forms.ts';
import { reviewDraft } from '../review-draft.ts';
import { createDraft, editDraft, moveDraft } from '../save-draft.ts';
import { currentRecord, findDraft, listDrafts, reviewsOf, revisionsOf } from '../store/editorial.ts';
import { findWithdrawal, unpublishRecord, type WithdrawableType } from '../unpublish-record.ts';
import { DraftPage, DraftsPage, HistoryPage, RecordForm, RevisionPage, UnpublishPage } from './views/editing-pages.tsx';

// Drafts, reviews and publication (members), and the public history of every editable record.

const PLURAL: Record<EditableType, string> = {
  deployment: 'deployments', organisation: 'organisations', technology: 'technologies', source: 'sources', contract: 'contracts', relation: 'relations',
};
const WITHDRAWABLE: readonly EditableType[] = ['deployment', 'organisation', 'technology'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function editingRoutes(app: FastifyInstance, { db, now = () => new Date() }: { db: Database; now?: () => Date }) {
  const page = sendPrivatePage;
  const member = requireMember;
  const typeOf = (raw: string): EditableType => {
    const type = EDITABLE_TYPES.find((t) => t === raw);
    if (!type) throw notFound('record type');
    return type;
  };
  const formOf = (req: FastifyRequest): FormValues => formValues(req);
  const draftOf = async (req: FastifyRequest) => {
    const id = (req.params as { id: string }).id;
    const draft = UUID.test(id) ? await findDraft(db, id) : undefined;
    if (!draft) throw notFound('draft');
    return draft;
  };

  app.get('/drafts', { config: { action: 'draft.list' } }, async (req, reply) => {
    const actor = member(req);
    const organisationIds = actor.memberships.map((m) => m.organisationId);
    const reviewer = can(actor, 'draft.review');
    const all = await listDrafts(db, { organisationIds, inReview: reviewer });
    const mine = all.filter((d) => organisationIds.includes(d.organisation_id));
    const waiting = reviewer ? all.filter((d) => d.status === 'in_review' && d.author_id !== actor.userId) : null;
    return page(req, reply, req.i18n.t('draft.title'), <DraftsPage i18n={req.i18n} mine={mine} waiting={waiting} />);
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, type: EditableType, from: string | undefined, values: FormValues, errors: Record<string, string>, similar?: { slug: string; name: string }[], status = 200) => {
    const title = from ? req.i18n.t('edit.changeTitle', { title: from }) : req.i18n.t('edit.newTitle', { type: req.i18n.t(`edit.type.${type}` as MessageKey) });
    const action = `/drafts/new/${type}${from ? `?from=${encodeURIComponent(from)}` : ''}`;
    return page(req, reply, title, (
      <>
        <h1>{title}</h1>
        <RecordForm i18n={req.i18n} type={type} action={action} csrf={reply.generateCsrf()} values={values} errors={errors} similar={similar} />
      </>
    ), status);
  };

  app.get('/drafts/new/:type', { config: { action: 'draft.create' } }, async (req, reply) => {
    const type = typeOf((req.params as { type: string }).type);
    const from = (req.query as { from?: unknown }).from;
    if (typeof from === 'string') {
      const record = await currentRecord(db, type, from);
      if (!record) throw notFound(type);
      return newForm(req, reply, type, from, recordToForm(type, record), {});
    }
    return newForm(req, reply, type, undefined, {}, {});
  });

  app.post('/drafts/new/:type', { config: { action: 'draft.create' } }, async (req, reply) => {
    const type = typeOf((req.params as { type: string }).type);
    const from = (req.query as { from?: unknown }).from;
    const values = formOf(req);
    const result = await createDraft(db, member(req), type, values, {
      ...(typeof from === 'string' ? { slug: from } : {}), submit: values.intent === 'submit', notDuplicate: values.notDuplicate === 'yes',
    }, now());
    if (!result.ok) return newForm(req, reply, type, typeof from === 'string' ? from : undefined, values, result.errors, result.similar, 400);
    return reply.redirect(`/drafts/${result.draftId}`, 303);
  });

  const draftPage = async (req: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: Record<string, string> }, status = 200) => {
    const actor = member(req);
    const draft = await draftOf(req);
    const canEdit = can(actor, 'draft.edit', { organisationId: draft.organisation_id });
    const canReview = can(actor, 'draft.review', { authorId: draft.author_id });
    if (!canEdit && !(canReview && ['in_review', 'published'].includes(draft.status))) throw new DomainError('forbidden', 'This draft belongs to another organisation.');
    const before = draft.is_new ? null : ((draft.status === 'published' ? null : await currentRecord(db, draft.record_type, draft.target_slug)) ?? null);
    const changes = diffRecords(diffable(before), diffable(draft.payload));
    const title = recordTitle(draft.record_type, draft.payload);
    return page(req, reply, title, (
      <DraftPage i18n={req.i18n} csrf={reply.generateCsrf()} draft={draft} changes={changes} reviews={await reviewsOf(db, draft.id)} canEdit={canEdit} canReview={canReview}
        form={form ?? { values: recordToForm(draft.record_type, draft.payload), errors: {} }} />
    ), status);
  };

  app.get('/drafts/:id', { config: { action: 'draft.list' } }, (req, reply) => draftPage(req, reply));

  app.post('/drafts/:id', { config: { action: 'draft.edit' } }, async (req, reply) => {
    const draft = await draftOf(req);
    const values = formOf(req);
    const result = await editDraft(db, member(req), draft.id, values, { submit: values.intent === 'submit' }, now());
    if (!result.ok) return draftPage(req, reply, { values, errors: result.errors }, 400);
    return reply.redirect(`/drafts/${draft.id}`, 303);
  });

  app.post('/drafts/:id/move', { config: { action: 'draft.edit' } }, async (req, reply) => {
    const draft = await draftOf(req);
    const step = formOf(req).step;
    if (step !== 'withdraw' && step !== 'discard' && step !== 'submit') throw new DomainError('invalid_input', 'step must be withdraw, discard or submit');
    await moveDraft(db, member(req), draft.id, step, now());
    return reply.redirect(step === 'discard' ? '/drafts' : `/drafts/${draft.id}`, 303);
  });

  app.post('/drafts/:id/review', { config: { action: 'draft.review' } }, async (req, reply) => {
    const draft = await draftOf(req);
    const values = formOf(req);
    const decision = values.decision === 'approve' ? 'approve' : values.decision === 'request_changes' ? 'request_changes' : null;
    if (!decision) throw new DomainError('invalid_input', 'decision must be approve or request_changes');
    const result = await reviewDraft(db, member(req), draft.id, { decision, comment: String(values.comment ?? '') }, now());
    if (!result.ok) return draftPage(req, reply, { values, errors: result.errors }, 400);
    app.responseCache.invalidate();
    return reply.redirect(`/drafts/${draft.id}`, 303);
  });

  // Withdrawing a record from the register, with a reason that stays visible (editors).
  for (const type of WITHDRAWABLE as readonly WithdrawableType[]) {
    const unpublishPage = async (req: FastifyRequest, reply: FastifyReply, reason: string, errors: Record<string, string>, dependants?: Record<string, number>, status = 200) => {
      const slug = (req.params as { slug: string }).slug;
      const current = await currentRecord(db, type, slug);
      if (!current) throw notFound(type);
      const title = recordTitle(type, current);
      return page(req, reply, req.i18n.t('withdraw.title', { title }),
        <UnpublishPage i18n={req.i18n} csrf={reply.generateCsrf()} type={type} slug={slug} title={title} reason={reason} errors={errors} dependants={dependants} />, status);
    };
    app.get(`/${PLURAL[type]}/:slug/unpublish`, { config: { action: 'record.unpublish' } }, (req, reply) => unpublishPage(req, reply, '', {}));
    app.post(`/${PLURAL[type]}/:slug/unpublish`, { config: { action: 'record.unpublish' } }, async (req, reply) => {
      const slug = (req.params as { slug: string }).slug;
      const reason = String(formOf(req).reason ?? '');
      const result = await unpublishRecord(db, member(req), type, slug, reason, now());
      if (!result.ok) return unpublishPage(req, reply, reason, result.errors, result.dependants, 400);
      app.responseCache.invalidate();
      return reply.redirect(`/${PLURAL[type]}/${slug}`, 303);
    });
  }

  // Public history: every published revision of a record, each with what it changed.
  for (const type of EDITABLE_TYPES) {
    app.get(`/${PLURAL[type]}/:slug/history`, { config: { action: 'register.read' } }, async (req, reply) => {
      const slug = (req.params as { slug: string }).slug;
      const current = await currentRecord(db, type, slug);
      const withdrawal = current ? undefined : await findWithdrawal(db, type, slug);
      if (!current && !withdrawal) throw notFound(type);
      const revisions = await revisionsOf(db, type, slug);
      const changes = new Map(revisions.map((r, i) => [r.number, diffRecords(diffable(revisions[i + 1]?.payload ?? null), diffable(r.payload))]));
      const title = current ? recordTitle(type, current) : withdrawal!.title;
      const canUnpublish = WITHDRAWABLE.includes(type as WithdrawableType) && can(req.actor, 'record.unpublish');
      return reply.type('text/html; charset=utf-8').send(renderPage(pageContext(req), req.i18n.t('history.title', { title }),
        <HistoryPage i18n={req.i18n} type={type} slug={slug} title={title} revisions={revisions} changes={changes} signedIn={req.actor.kind === 'member'}
          canUnpublish={canUnpublish} withdrawal={withdrawal} />));
    });
    app.get(`/${PLURAL[type]}/:slug/history/:number`, { config: { action: 'register.read' } }, async (req, reply) => {
      const { slug, number } = req.params as { slug: string; number: string };
      const revision = /^\d{1,6}$/.test(number) ? (await revisionsOf(db, type, slug)).find((r) => r.number === Number(number)) : undefined;
      if (!revision) throw notFound('revision');
      return reply.type('text/html; charset=utf-8').send(renderPage(pageContext(req), req.i18n.t('history.revision', { number: revision.number }),
        <RevisionPage i18n={req.i18n} type={type} slug={slug} revision={revision} />));
    });
  }
}
