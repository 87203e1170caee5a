import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/domain/roles.ts';
import { DomainError } from '../errors.ts';

// Small readers of a request shared by every capability's routes.

/** A posted form (urlencoded) as an object; anything else as an empty one. */
export const formBody = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};

/** A form value as text ('' when missing or repeated). */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The signed-in member making the request; routes behind the policy only reach here signed in. */
export function requireMember(req: FastifyRequest): Extract<Actor, { kind: 'member' }> {
  if (req.actor.kind !== 'member') throw new DomainError('unauthenticated', 'Sign in first.');
  return req.actor;
}
