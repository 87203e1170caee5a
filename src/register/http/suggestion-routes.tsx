import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit-log/store.ts';
import { auditActorOf } from '../../platform/auth/domain/roles.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { formBody, formText, requireMember } from '../../platform/http/requests.ts';
import { POW_SCRIPT, sendPrivatePage } from '../../platform/http/respond.tsx';
import { recordPath } from '../domain/vocabulary.ts';
import { currentRecord } from '../store/editorial.ts';
import { closeSuggestion, openSuggestions } from '../store/suggestions.ts';
import { suggestChange, type SuggestionTarget } from '../suggest-change.ts';
import { suggestionGuard } from '../suggestion-guard.ts';
import { SuggestionFormPage, SuggestionQueuePage, SuggestionThanksPage } from './views/suggestion-pages.tsx';

// Suggestions from the public (no account) and the editors' queue. The form pages are the only ones
// that run a script (the proof of work), so only they allow script-src 'self'.

const FORM_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const TYPES = { deployments: 'deployment', organisations: 'organisation', technologies: 'technology' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function suggestionRoutes(app: FastifyInstance, { db, now = () => new Date(), perHour = 20 }: { db: Database; now?: () => Date; perHour?: number }) {
  const guard = suggestionGuard(now);
  const limit = { rateLimit: { max: perHour, timeWindow: '1 hour' } };
  const body = formBody;
  const text = formText;

  const form = async (req: FastifyRequest, reply: FastifyReply, target: SuggestionTarget, title: string, values: Record<string, string>, errors: Record<string, string>, status = 200, notice?: string) => {
    const { pow, shown } = await guard.issue();
    const action = target.kind === 'technology' ? '/suggest' : `${recordPath(target.recordType, target.slug)}/suggest`;
    return sendPrivatePage(req, reply.header('content-security-policy', FORM_CSP), title, (
      <SuggestionFormPage i18n={req.i18n} csrf={reply.generateCsrf()} action={action} title={title} pow={pow} shown={shown} values={values} errors={errors} notice={notice} />
    ), status, <script type="module" src={POW_SCRIPT} />);
  };

  const handle = (target: (req: FastifyRequest) => Promise<{ target: SuggestionTarget; title: string; back: string }>) => ({
    get: async (req: FastifyRequest, reply: FastifyReply) => {
      const t = await target(req);
      return form(req, reply, t.target, t.title, {}, {});
    },
    post: async (req: FastifyRequest, reply: FastifyReply) => {
      const t = await target(req);
      const raw = body(req);
      const values = { body: text(raw.body), sources: text(raw.sources), contact: text(raw.contact) };
      const check = await guard.check({ altcha: raw.altcha, shown: raw.shown, website: raw.website });
      if (!check.ok) {
        if (check.reason === 'robot') throw new DomainError('invalid_input', 'This form could not be accepted.');
        const notice = check.reason === 'too_fast' ? req.i18n.t('suggest.wait', { seconds: check.waitSeconds }) : req.i18n.t('suggest.expired');
        return form(req, reply, t.target, t.title, values, {}, 400, notice);
      }
      const result = await suggestChange(db, t.target, values, now());
      if (!result.ok) return form(req, reply, t.target, t.title, values, result.errors, 400);
      return sendPrivatePage(req, reply, req.i18n.t('suggest.thanksTitle'), <SuggestionThanksPage i18n={req.i18n} back={t.back} />);
    },
  });

  const technology = handle(async (req) => ({ target: { kind: 'technology' }, title: req.i18n.t('suggest.technologyTitle'), back: '/register' }));
  app.get('/suggest', { config: { action: 'suggestion.create' } }, technology.get);
  app.post('/suggest', { config: { action: 'suggestion.create', ...limit } }, technology.post);

  for (const [plural, type] of Object.entries(TYPES)) {
    const correction = handle(async (req) => {
      const slug = (req.params as { slug: string }).slug;
      const record = await currentRecord(db, type, slug);
      if (!record) throw notFound(type);
      const name = String(record.title ?? record.name ?? slug);
      return { target: { kind: 'correction', recordType: type, slug }, title: req.i18n.t('suggest.correctionTitle', { title: name }), back: recordPath(type, slug) };
    });
    app.get(`/${plural}/:slug/suggest`, { config: { action: 'suggestion.create' } }, correction.get);
    app.post(`/${plural}/:slug/suggest`, { config: { action: 'suggestion.create', ...limit } }, correction.post);
  }

  app.get('/suggestions', { config: { action: 'suggestion.moderate' } }, async (req, reply) =>
    sendPrivatePage(req, reply, req.i18n.t('suggest.queueTitle'), <SuggestionQueuePage i18n={req.i18n} csrf={reply.generateCsrf()} items={await openSuggestions(db)} />));

  app.post('/suggestions/:id/close', { config: { action: 'suggestion.moderate' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const raw = body(req);
    const outcome = raw.outcome === 'accepted' ? 'accepted' : raw.outcome === 'dismissed' ? 'dismissed' : null;
    if (!outcome) throw new DomainError('invalid_input', 'outcome must be accepted or dismissed');
    const actor = requireMember(req);
    const note = text(raw.note).trim().slice(0, 2000);
    const closed = UUID.test(id) && (await db.transaction(async (tx) => {
      const ok = await closeSuggestion(tx, id, outcome, actor.userId, note, now());
      if (ok) await recordAudit(tx, { action: 'suggestion.closed', actor: auditActorOf(actor), subjectType: 'suggestion', subjectId: id, details: { outcome } }, now());
      return ok;
    }));
    if (!closed) throw notFound('open suggestion');
    return reply.redirect('/suggestions', 303);
  });
}
