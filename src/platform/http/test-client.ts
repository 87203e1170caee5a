import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { acceptInvitation } from '../auth/accept-invitation.ts';
import type { Role } from '../auth/domain/roles.ts';
import { inviteMember } from '../auth/invite-member.ts';
import type { Database } from '../db/database.ts';

// A small browser stand-in for integration tests through app.inject(): a cookie jar per visitor,
// and form posts that carry the page's CSRF token and same-origin headers, as a browser sends them.

export type Jar = Record<string, string>;

export const cookieHeader = (jar: Jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

/** Keeps the cookies a response sets, and drops those it clears. */
export function keep(jar: Jar, res: LightMyRequestResponse) {
  for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return res;
}

/** The CSRF token of the first form in a page. */
export const csrfFrom = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

export function testClient(app: FastifyInstance, origin: string) {
  const get = async (jar: Jar, url: string) => keep(jar, await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar) } }));
  /** Posts a form; the token comes from `tokenFrom` (a page showing a form), unless noToken. */
  async function post(jar: Jar, url: string, form: Record<string, string | string[]>, opts: { tokenFrom?: string; headers?: Record<string, string>; noToken?: boolean } = {}) {
    const token = opts.noToken ? undefined : csrfFrom((await get(jar, opts.tokenFrom ?? '/login')).body);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) params.append(k, item);
    if (token) params.append('_csrf', token);
    return keep(jar, await app.inject({
      method: 'POST', url, payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), origin, 'sec-fetch-site': 'same-origin', ...opts.headers },
    }));
  }
  return { get, post };
}

/**
 * A member with a signed-in session, for integration tests: invited into an organisation with a role,
 * the invitation accepted (name "<key> person", e-mail "<key>@example.org"); returns their cookie jar.
 */
export async function signedInMember(db: Database, key: string, organisation: string, role: Role, creditByName = false): Promise<Jar> {
  const password = 'a long and unguessable passphrase';
  const invite = await inviteMember(db, { kind: 'system', name: 'test' }, { organisation, role }, new Date());
  const result = await acceptInvitation(db, invite.token, {
    displayName: `${key} person`, email: `${key}@example.org`, password, confirmPassword: password, creditByName: creditByName ? 'yes' : 'no',
  }, new Date());
  if (!result.ok) throw new Error(`could not create ${key}`);
  return { '__Host-safeguard_session': result.token };
}
