import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './respond.tsx';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent from another site: browsers say where a request comes from
 * in Sec-Fetch-Site (and in Origin). This runs before the CSRF token check, as a second wall.
 */
export function refuseCrossSite(publicUrl: string | undefined) {
  const configuredOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (SAFE.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const ownOrigin = configuredOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`;
    // Sec-Fetch-Site is authoritative where sent (every current browser). Otherwise the Origin, unless
    // it is "null" (what browsers send under our no-referrer policy), and the CSRF token decides.
    const crossSite = site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && origin !== 'null' && origin !== ownOrigin;
    if (crossSite) return sendError(req, reply, 403, 'Requests that change something must come from this site.');
  };
}
