import { randomBytes, createHmac } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { isLocale, negotiateLocale, translator, type Translator } from '../i18n/i18n.ts';
import { css, sendError, STYLESHEET } from './respond.tsx';
import { logSerializers } from './logging.ts';
import { ResponseCache } from './response-cache.ts';
import { registerRoutes } from '../../register/http/routes.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    i18n: Translator;
  }
  interface FastifyInstance {
    /** Cached public responses; use cases that write call responseCache.invalidate(). */
    responseCache: ResponseCache;
  }
}

export type AppOptions = {
  db: Database;
  config: Pick<Config, 'apiRateLimitPerMinute' | 'publicUrl' | 'logLevel'> & Partial<Pick<Config, 'cacheMegabytes'>>;
  logStream?: NodeJS.WritableStream;
};

/** Builds the Fastify application: security, languages, error mapping and every capability's routes. */
export async function buildApp({ db, config, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, serializers: logSerializers, ...(logStream ? { stream: logStream } : {}) },
    // Fastify's own request lines carry the URL; ours (onResponse below) carry only the route.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
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
  // Public GET responses are cached per language and URL for the current version of the data. The
  // lookup runs in preHandler, after the rate limiter, so limits apply to cached answers too.
  const cache = new ResponseCache((config.cacheMegabytes ?? 32) * 1024 * 1024, async () => {
    const [row] = await db.query<{ v: number }>('SELECT coalesce(max(id), 0)::int8 AS v FROM register.changes');
    return row!.v;
  });
  const cacheKey = (req: FastifyRequest) => `${req.i18n.locale} ${req.url}`;
  const cacheable = (req: FastifyRequest) => cache.enabled && req.method === 'GET' && !req.url.startsWith('/language');
  const versions = new WeakMap<FastifyRequest, number>();
  app.addHook('preHandler', async (req, reply) => {
    if (!cacheable(req)) return;
    const hit = await cache.get(cacheKey(req));
    if (hit) {
      reply.code(hit.status).type(hit.contentType).header('x-cache', 'hit');
      if (hit.disposition) reply.header('content-disposition', hit.disposition);
      return reply.send(hit.body);
    }
    versions.set(req, await cache.currentVersion());
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const version = versions.get(req);
    if (version === undefined || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    const disposition = reply.getHeader('content-disposition');
    cache.set(cacheKey(req), version, {
      status: 200,
      contentType: String(reply.getHeader('content-type') ?? 'application/octet-stream'),
      ...(disposition ? { disposition: String(disposition) } : {}),
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
      const status = error.code === 'not_found' ? 404 : error.code === 'too_many_requests' ? 429 : 400;
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

  app.get(STYLESHEET, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css),
  );

  // Language switch without JavaScript: remember the choice in a preference cookie, go back.
  app.get('/language', (req, reply) => {
    const { lang, next } = req.query as { lang?: unknown; next?: unknown };
    if (!isLocale(lang)) return sendError(req, reply, 400, 'lang must be one of en, fr, ar');
    const target = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
    reply.setCookie('lang', lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(target, 303);
  });

  await registerRoutes(app, { db, config });
  return app;
}
