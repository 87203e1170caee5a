import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/domain/roles.ts';
import { DomainError } from '../errors.ts';

// Small readers of a request shared by every capability's routes.

/** A posted form (urlencoded) as an object; anything else as an empty one. */
export const formBody = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};

/** A posted form: every field as text, repeated fields (checkboxes) as lists; anything else left out. */
export function formValues(req: FastifyRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(formBody(req))) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** A form value as text ('' when missing or repeated). */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The signed-in member making the request; routes behind the policy only reach here signed in. */
export function requireMember(req: FastifyRequest): Extract<Actor, { kind: 'member' }> {
  if (req.actor.kind !== 'member') throw new DomainError('unauthenticated', 'Sign in first.');
  return req.actor;
}
