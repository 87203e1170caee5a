import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { DomainError } from '../../errors.ts';
import { formBody, formText, requireMember } from '../../http/requests.ts';
import { sendPrivatePage } from '../../http/respond.tsx';
import { acceptInvitation, openInvitation } from '../accept-invitation.ts';
import { can, type Action } from '../domain/policy.ts';
import { mustSetUpSecondFactor, type Actor } from '../domain/roles.ts';
import { inviteMember } from '../invite-member.ts';
import { completeSecondFactor, logIn, type Sleep } from '../log-in.ts';
import { logOut } from '../log-out.ts';
import { resolveSession } from '../resolve-session.ts';
import { beginSecondFactor, confirmSecondFactor } from '../set-up-second-factor.ts';
import { listInvitations, revokeInvitation } from '../store.ts';
import { recordAudit } from '../../audit-log/store.ts';
import { auditActorOf } from '../domain/roles.ts';
import {
  AccountPage, InvitationPage, InvitationsAdminPage, LoginPage, MessagePage, RecoveryCodesPage, SecondFactorPage, SetUpSecondFactorPage,
} from './views/pages.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The token of the visitor's session cookie, if any (valid or not). */
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** What a route does, for the policy; a route without one is refused. */
    action?: Action | 'session.start';
  }
}

export type AuthOptions = { db: Database; secureCookies: boolean; now?: () => Date; sleep: Sleep; publicUrl: string | undefined };

export const sessionCookieName = (secure: boolean) => (secure ? '__Host-safeguard_session' : 'safeguard_session');

/** Sign-in, invitations, the account page, second factor and the admins' invitation page. */
export async function authRoutes(app: FastifyInstance, options: AuthOptions) {
  const { db, sleep } = options;
  const now = options.now ?? (() => new Date());
  const cookieName = sessionCookieName(options.secureCookies);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies };

  const setSession = (reply: FastifyReply, token: string) => reply.setCookie(cookieName, token, cookieOptions);
  const clearSession = (reply: FastifyReply) => reply.clearCookie(cookieName, cookieOptions);
  const page = sendPrivatePage;
  const safeNext = (raw: unknown) => (typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\') ? raw : '/account');
  const body = formBody;
  const text = formText;
  const member = requireMember;

  // Who is asking: every request resolves its session cookie into an actor (anonymous by default).
  app.decorateRequest('actor', null as unknown as never);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (req, reply) => {
    req.sessionToken = req.cookies[cookieName];
    req.actor = { kind: 'anonymous' };
    if (!req.sessionToken) return;
    const session = await resolveSession(db, req.sessionToken, now());
    if (session.state === 'active') req.actor = session.actor;
    else if (session.state === 'expired' || session.state === 'none') clearSession(reply);
  });
  // Deny by default: a route runs only if the policy allows the action it declares.
  app.addHook('preHandler', async (req, reply) => {
    if (req.is404) return;
    const action = req.routeOptions.config.action;
    if (action === 'session.start') return;
    if (!action) throw new DomainError('forbidden', 'This route declares no action.');
    if (can(req.actor, action)) return;
    if (req.actor.kind === 'anonymous') {
      if (req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      throw new DomainError('unauthenticated', 'Sign in first.');
    }
    if (mustSetUpSecondFactor(req.actor)) return reply.redirect('/account/second-factor', 303);
    throw new DomainError('forbidden', 'You may not do this.');
  });

  const start = { config: { action: 'session.start' as const } };

  app.get('/login', start, async (req, reply) => {
    const next = safeNext((req.query as { next?: unknown }).next);
    if (req.actor.kind === 'member') return reply.redirect(next, 303);
    return page(req, reply, req.i18n.t('auth.login.title'), <LoginPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={{}} values={{}} next={next} />);
  });

  app.post('/login', start, async (req, reply) => {
    const next = safeNext((req.query as { next?: unknown }).next);
    const { email, password } = body(req);
    const values = { email: text(email) };
    const errors: Record<string, string> = {};
    if (!text(email).trim()) errors.email = 'required';
    if (!text(password)) errors.password = 'required';
    const render = (errs: Record<string, string>, status: number) =>
      page(req, reply, req.i18n.t('auth.login.title'), <LoginPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={errs} values={values} next={next} />, status);
    if (Object.keys(errors).length) return render(errors, 400);
    const result = await logIn(db, { email: text(email), password: text(password), previousToken: req.sessionToken }, now(), sleep);
    if (!result.ok) {
      if (result.reason === 'locked') return render({ email: 'login_locked' }, 429);
      return render({ email: 'login_invalid' }, 401);
    }
    setSession(reply, result.token);
    return reply.redirect(result.secondFactorNeeded ? `/login/second-factor?next=${encodeURIComponent(next)}` : next, 303);
  });

  app.get('/login/second-factor', start, async (req, reply) => {
    const next = safeNext((req.query as { next?: unknown }).next);
    const session = await resolveSession(db, req.sessionToken, now());
    if (session.state !== 'second_factor_pending') return reply.redirect('/login', 303);
    return page(req, reply, req.i18n.t('auth.secondFactor.title'), <SecondFactorPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={{}} next={next} />);
  });

  app.post('/login/second-factor', start, async (req, reply) => {
    const next = safeNext((req.query as { next?: unknown }).next);
    if (!req.sessionToken) return reply.redirect('/login', 303);
    const code = text(body(req).code);
    const render = (errs: Record<string, string>, status: number) =>
      page(req, reply, req.i18n.t('auth.secondFactor.title'), <SecondFactorPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={errs} next={next} />, status);
    if (!code.trim()) return render({ code: 'required' }, 400);
    const result = await completeSecondFactor(db, { pendingToken: req.sessionToken, code }, now(), sleep);
    if (!result.ok) return render({ code: result.reason === 'locked' ? 'login_locked' : 'code_invalid' }, result.reason === 'locked' ? 429 : 401);
    setSession(reply, result.token);
    return reply.redirect(next, 303);
  });

  app.post('/logout', { config: { action: 'session.end' } }, async (req, reply) => {
    await logOut(db, req.sessionToken, now());
    clearSession(reply);
    return page(req, reply, req.i18n.t('auth.logout.done'), <MessagePage title={req.i18n.t('auth.logout.done')} body={req.i18n.t('auth.logout.doneBody')} />);
  });

  // Invitations: the link itself is the credential, so these pages are open to anyone holding one.
  const invitationPage = async (req: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, values: Record<string, string>, status = 200) => {
    const token = (req.params as { token: string }).token;
    const state = await openInvitation(db, token, now());
    if (state.state !== 'open') {
      return page(req, reply, req.i18n.t('auth.invitation.closedTitle'), <MessagePage title={req.i18n.t('auth.invitation.closedTitle')} body={req.i18n.t(`auth.invitation.closed.${state.state}`)} />, 410);
    }
    const inv = state.invitation;
    return page(req, reply, req.i18n.t('auth.invitation.title'), (
      <InvitationPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={errors} values={values} action={`/invitations/${encodeURIComponent(token)}`}
        firstAdmin={inv.purpose === 'first_admin'} organisationName={inv.organisation_name} role={inv.role} />
    ), status);
  };

  app.get('/invitations/:token', start, (req, reply) => invitationPage(req, reply, {}, {}));

  app.post('/invitations/:token', start, async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const raw = body(req);
    const result = await acceptInvitation(db, token, raw, now());
    const values = { displayName: text(raw.displayName), email: text(raw.email), organisationName: text(raw.organisationName), creditByName: text(raw.creditByName) };
    if (!result.ok) return 'errors' in result ? invitationPage(req, reply, result.errors, values, 400) : invitationPage(req, reply, {}, values);
    if (req.sessionToken) await logOut(db, req.sessionToken, now());
    setSession(reply, result.token);
    return reply.redirect('/account', 303);
  });

  app.get('/account', { config: { action: 'account.view' } }, async (req, reply) => {
    const actor = member(req);
    return page(req, reply, req.i18n.t('account.title'), (
      <AccountPage i18n={req.i18n} csrf={reply.generateCsrf()} displayName={actor.displayName} memberships={actor.memberships}
        totpEnabled={actor.totpEnabled} mustSetUp={mustSetUpSecondFactor(actor)} canInvite={can(actor, 'invitation.list')}
        canDraft={can(actor, 'draft.list')} canModerate={can(actor, 'suggestion.moderate')} />
    ));
  });

  app.get('/account/second-factor', { config: { action: 'account.manage_second_factor' } }, async (req, reply) => {
    const setUp = await beginSecondFactor(db, member(req));
    if ('alreadyEnabled' in setUp) return reply.redirect('/account', 303);
    return page(req, reply, req.i18n.t('account.setUpSecondFactor'), <SetUpSecondFactorPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={{}} secret={setUp.secret} uri={setUp.uri} />);
  });

  app.post('/account/second-factor', { config: { action: 'account.manage_second_factor' } }, async (req, reply) => {
    const actor = member(req);
    const result = await confirmSecondFactor(db, actor, text(body(req).code), now());
    if (!result.ok) {
      const setUp = await beginSecondFactor(db, actor);
      if ('alreadyEnabled' in setUp) return reply.redirect('/account', 303);
      return page(req, reply, req.i18n.t('account.setUpSecondFactor'), <SetUpSecondFactorPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={{ code: 'code_invalid' }} secret={setUp.secret} uri={setUp.uri} />, 400);
    }
    return page(req, reply, req.i18n.t('secondFactor.enabledTitle'), <RecoveryCodesPage i18n={req.i18n} codes={result.recoveryCodes} />);
  });

  const baseUrl = (req: FastifyRequest) => options.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  const adminPage = async (req: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, values: Record<string, string>, status = 200, created?: Parameters<typeof InvitationsAdminPage>[0]['created']) =>
    page(req, reply, req.i18n.t('admin.invitations.title'), (
      <InvitationsAdminPage i18n={req.i18n} csrf={reply.generateCsrf()} errors={errors} values={values} invitations={await listInvitations(db)} now={now()} created={created} />
    ), status);

  app.get('/admin/invitations', { config: { action: 'invitation.list' } }, (req, reply) => adminPage(req, reply, {}, { role: 'contributor' }));

  app.post('/admin/invitations', { config: { action: 'invitation.create' } }, async (req, reply) => {
    const raw = body(req);
    const values = { organisation: text(raw.organisation), role: text(raw.role) };
    try {
      const created = await inviteMember(db, member(req), { organisation: values.organisation, role: values.role }, now());
      return adminPage(req, reply, {}, { role: values.role }, 200, {
        link: `${baseUrl(req)}/invitations/${created.token}`, organisation: created.organisation.name, role: created.role, expiresAt: created.expiresAt,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid_input' && error.field) return adminPage(req, reply, { [error.field]: error.field === 'role' ? 'invalid' : 'organisation_invalid' }, values, 400);
      throw error;
    }
  });

  app.post('/admin/invitations/:id/revoke', { config: { action: 'invitation.revoke' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found', 'invitation was not found');
    const actor = member(req);
    const revoked = await db.transaction(async (tx) => {
      const ok = await revokeInvitation(tx, id, now());
      if (ok) await recordAudit(tx, { action: 'invitation.revoked', actor: auditActorOf(actor), subjectType: 'invitation', subjectId: id, details: {} }, now());
      return ok;
    });
    if (!revoked) throw new DomainError('not_found', 'No open invitation with this id.');
    return reply.redirect('/admin/invitations', 303);
  });
}
