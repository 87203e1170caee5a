import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { translator, type MessageKey } from '../i18n/i18n.ts';
import { renderPage, type PageContext } from '../views/layout.tsx';
import { ErrorPage } from '../views/error-page.tsx';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');
export const css = fs.readFileSync(path.join(publicDir, 'site.css'));
export const STYLESHEET = `/assets/site.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;
/** The only script, for the proof of work of the public suggestion forms. */
export const powScript = fs.readFileSync(path.join(publicDir, 'pow.js'));
export const POW_SCRIPT = `/assets/pow.${createHash('sha256').update(powScript).digest('hex').slice(0, 12)}.js`;


/** The page context of a request: its language and its address (for the language switch). */
export const pageContext = (req: FastifyRequest): PageContext => ({
  i18n: req.i18n, path: req.url, stylesheet: STYLESHEET, signedIn: req.actor?.kind === 'member',
});

/**
 * Sends a page that must not be stored or shared (forms with a CSRF token, a member's pages): the
 * response cache and browsers' caches leave it alone.
 */
export function sendPrivatePage(req: FastifyRequest, reply: FastifyReply, title: string, body: ComponentChildren, status = 200, head?: ComponentChildren) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(pageContext(req), title, body, head));
}

/** The CSP of a self-contained page (a report, a brief file): its inline stylesheets allowed by their hashes, nothing else. */
export function selfContainedCsp(page: string): string {
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  return `default-src 'none'; style-src ${styles.join(' ') || "'none'"}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** Whether a request asked for the API (answers in problem+json) rather than a page. */
const isApi = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url === '/api';

/** Sends an error the way the client expects: problem+json for the API, a page in the visitor's language otherwise. */
export function sendError(req: FastifyRequest, reply: FastifyReply, status: number, detail: string) {
  const keys: Record<number, [MessageKey, MessageKey]> = {
    400: ['error.badRequest.title', 'error.badRequest.body'],
    404: ['error.notFound.title', 'error.notFound.body'],
    401: ['error.unauthenticated.title', 'error.unauthenticated.body'],
    403: ['error.forbidden.title', 'error.forbidden.body'],
    429: ['error.tooMany.title', 'error.tooMany.body'],
  };
  const [title, body] = keys[status] ?? ['error.server.title', 'error.server.body'];
  if (isApi(req)) {
    return reply
      .code(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: translator('en').t(title), status, detail });
  }
  const i18n = req.i18n ?? translator('en');
  const text = status === 400 || status === 403 ? i18n.t(body, { message: detail }) : i18n.t(body);
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(pageContext(req), i18n.t(title), <ErrorPage ctx={pageContext(req)} title={title} body={text} />));
}

