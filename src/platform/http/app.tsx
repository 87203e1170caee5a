import { randomBytes, createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { isLocale, negotiateLocale, translator, type Translator } from '../i18n/i18n.ts';
import { css, POW_SCRIPT, powScript, sendError, STYLESHEET } from './respond.tsx';
import { logSerializers } from './logging.ts';
import { ResponseCache } from './response-cache.ts';
import { registerRoutes } from '../../register/http/routes.tsx';
import { readDataVersion } from '../../register/store/search.ts';
import { editingRoutes } from '../../register/http/editing-routes.tsx';
import { suggestionRoutes } from '../../register/http/suggestion-routes.tsx';
import { authRoutes, sessionCookieName } from '../auth/http/routes.tsx';
import { realSleep, type Sleep } from '../auth/log-in.ts';
import { refuseCrossSite } from './cross-site.ts';
import { AuditJobs } from '../../audits/audit-jobs.ts';
import { auditRoutes } from '../../audits/http/routes.tsx';
import { assessmentRoutes } from '../../assessments/http/routes.tsx';
import { briefRoutes } from '../../briefs/http/routes.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    i18n: Translator;
  }
  interface FastifyInstance {
    /** Cached public responses; use cases that write call responseCache.invalidate(). */
    responseCache: ResponseCache;
    /** Every route with the action it declares (the policy test walks them all). */
    routeList: { method: string; url: string; action: string | undefined }[];
    /** The background runner of discrimination audits (tests wait on auditJobs.idle()). */
    auditJobs: AuditJobs;
  }
}

export type AppOptions = {
  db: Database;
  config: Pick<Config, 'apiRateLimitPerMinute' | 'publicUrl' | 'logLevel'> & Partial<Pick<Config, 'cacheMegabytes'>>;
  logStream?: NodeJS.WritableStream;
  /** The clock and the pause after a failed login (tests pass their own). */
  now?: () => Date;
  sleep?: Sleep;
  /** Where uploaded decision logs wait for their audit (default: a new private temporary directory), and the upload limit (default 2 GB). */
  audits?: { dir?: string; uploadLimitBytes?: number };
};

/** Builds the Fastify application: security, languages, error mapping and every capability's routes. */
export async function buildApp({ db, config, logStream, now, sleep, audits }: AppOptions): Promise<FastifyInstance> {
  // Cookies are Secure (and the session cookie __Host- prefixed) when the site is served over HTTPS;
  // browsers refuse both over plain HTTP.
  const secureCookies = config.publicUrl?.startsWith('https://') ?? false;
  const app = Fastify({
    logger: { level: config.logLevel, serializers: logSerializers, ...(logStream ? { stream: logStream } : {}) },
    // Fastify's own request lines carry the URL; ours (onResponse below) carry only the route.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  const routeList: FastifyInstance['routeList'] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    // Read later: a plugin's own onRoute hook (the register's default action) runs after this one.
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeList.push({ method, url: route.url, get action() { return (route.config as { action?: string } | undefined)?.action; } });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Uploads (decision logs) stream to disk in their route; nothing here buffers them.
  await app.register(multipart, { limits: { fileSize: audits?.uploadLimitBytes ?? 2 * 1024 ** 3, files: 1, fields: 2 } });
  // CSRF: every state-changing request must come from this site (Fetch Metadata and Origin, checked
  // in onRequest below) and carry the token of its form, tied to a secret in an HttpOnly cookie.
  await app.register(csrf, {
    cookieKey: secureCookies ? '__Host-csrf' : 'csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: secureCookies, signed: false },
    // A multipart form (an upload) is read only by its route, after this check: its token is in the form's address.
    getToken: (req) => {
      const fromBody = (req.body as { _csrf?: unknown } | undefined)?._csrf;
      const fromQuery = req.isMultipart() ? (req.query as { _csrf?: unknown } | undefined)?._csrf : undefined;
      const token = typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : req.headers['x-csrf-token'];
      return typeof token === 'string' ? token : '';
    },
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, done);
  });
  // The rate limiter keys on a keyed hash of the address held in memory only, never stored or logged.
  const rateKey = randomBytes(32);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => createHmac('sha256', rateKey).update(req.ip).digest('base64url'),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'Too Many Requests', message: `Rate limit exceeded, retry in ${ctx.after}` }),
  });

  app.decorateRequest('i18n', null as unknown as Translator);
  app.addHook('onRequest', async (req) => {
    req.i18n = translator(negotiateLocale(req.cookies.lang, req.headers['accept-language']));
  });
  // (After the language is known, so the refusal is in the visitor's language.)
  app.addHook('onRequest', refuseCrossSite(config.publicUrl));
  // Public GET responses are cached per language and URL for the current version of the data. The
  // lookup runs in preHandler, after the rate limiter, so limits apply to cached answers too.
  const cache = new ResponseCache((config.cacheMegabytes ?? 32) * 1024 * 1024, () => readDataVersion(db));
  const cacheKey = (req: FastifyRequest) => `${req.i18n.locale} ${req.url}`;
  // Signed-in members see pages of their own; only anonymous GETs are shared.
  const session = sessionCookieName(secureCookies);
  const cacheable = (req: FastifyRequest) => cache.enabled && req.method === 'GET' && !req.url.startsWith('/language') && !req.cookies[session];
  const versions = new WeakMap<FastifyRequest, number>();
  app.addHook('preHandler', async (req, reply) => {
    if (!cacheable(req)) return;
    const hit = await cache.get(cacheKey(req));
    if (hit) {
      reply.code(hit.status).type(hit.contentType).header('x-cache', 'hit');
      if (hit.disposition) reply.header('content-disposition', hit.disposition);
      if (hit.csp) reply.header('content-security-policy', hit.csp);
      return reply.send(hit.body);
    }
    versions.set(req, await cache.currentVersion());
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const version = versions.get(req);
    if (version === undefined || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    // Forms (a CSRF token, a cookie) and anything marked no-store are never shared.
    if (reply.getHeader('set-cookie') || String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload;
    const disposition = reply.getHeader('content-disposition');
    const csp = reply.getHeader('content-security-policy');
    cache.set(cacheKey(req), version, {
      status: 200,
      contentType: String(reply.getHeader('content-type') ?? 'application/octet-stream'),
      ...(disposition ? { disposition: String(disposition) } : {}),
      ...(csp ? { csp: String(csp) } : {}),
      body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
    });
    return payload;
  });
  app.decorate('responseCache', cache);

  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ req, res: reply, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404, `No page at ${req.url.split('?')[0]}`));
  app.setErrorHandler((error: unknown, req, reply) => {
    if (error instanceof DomainError) {
      const status = { not_found: 404, too_many_requests: 429, forbidden: 403, unauthenticated: 401, invalid_input: 400 }[error.code];
      return sendError(req, reply, status, error.message);
    }
    const e = error as { statusCode?: number; message?: string; validation?: unknown };
    if (e.statusCode === 429) return sendError(req, reply, 429, e.message ?? 'Too many requests');
    if (e.validation || (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)) {
      return sendError(req, reply, e.statusCode && e.statusCode < 500 ? e.statusCode : 400, e.message ?? 'Bad request');
    }
    req.log.error({ err: error }, 'unexpected error');
    return sendError(req, reply, 500, 'An unexpected error occurred.');
  });

  const open = { config: { action: 'register.read' as const } };
  app.get(STYLESHEET, open, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css),
  );

  app.get(POW_SCRIPT, open, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(powScript),
  );

  // Language switch without JavaScript: remember the choice in a preference cookie, go back.
  app.get('/language', open, (req, reply) => {
    const { lang, next } = req.query as { lang?: unknown; next?: unknown };
    if (!isLocale(lang)) return sendError(req, reply, 400, 'lang must be one of en, fr, ar');
    const target = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
    reply.setCookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(target, 303);
  });

  await authRoutes(app, { db, secureCookies, sleep: sleep ?? realSleep, publicUrl: config.publicUrl, ...(now ? { now } : {}) });
  await editingRoutes(app, { db, ...(now ? { now } : {}) });
  await suggestionRoutes(app, { db, ...(now ? { now } : {}) });
  const jobs = new AuditJobs({
    db,
    dir: audits?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-uploads-')),
    ...(now ? { now } : {}),
    onError: (error, jobId) => app.log.error({ err: error, jobId }, 'audit job failed'),
  });
  app.decorate('auditJobs', jobs);
  app.addHook('onClose', () => jobs.close());
  await auditRoutes(app, { db, jobs, uploadLimitBytes: audits?.uploadLimitBytes ?? 2 * 1024 ** 3, apiRateLimitPerMinute: config.apiRateLimitPerMinute, ...(now ? { now } : {}) });
  await assessmentRoutes(app, { db, ...(now ? { now } : {}) });
  await briefRoutes(app, { db, publicUrl: config.publicUrl, ...(now ? { now } : {}) });
  // The public register: every route in it is open to all (the policy's register.read).
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { action: 'register.read', ...(route.config as object) };
    });
    await registerRoutes(scope, { db, config });
  });
  await jobs.start();
  return app;
}
