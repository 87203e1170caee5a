import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import { humanCheck, MAX_FORM_SECONDS, type HumanCheck } from './domain/suggestion.ts';

// The anti-abuse side of the public suggestion forms, without tracking anyone: an altcha proof of
// work for browsers with JavaScript, a signed "form shown at" time for those without, and a
// memory of spent challenges so a solution works once. Keys live in memory only.

/** Work a browser does in well under a second (SHA-256 over at most this many numbers). */
const MAX_NUMBER = 20_000;

export type PowChallenge = { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };

export function suggestionGuard(now: () => Date = () => new Date()) {
  const key = randomBytes(32).toString('hex');
  const spent = new Map<string, number>();
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');

  const forget = () => {
    const limit = now().getTime() - MAX_FORM_SECONDS * 1000;
    for (const [signature, at] of spent) if (at < limit) spent.delete(signature);
  };

  return {
    /** What a form carries: a challenge for the script, and the signed time it was shown. */
    async issue(): Promise<{ pow: PowChallenge; shown: string }> {
      const at = now();
      // The time goes into the salt (and so under the signature), checked against this server's clock.
      const pow = (await createChallenge({ hmacKey: key, maxNumber: MAX_NUMBER, params: { t: String(at.getTime()) } })) as PowChallenge;
      const issued = String(at.getTime());
      return { pow: { ...pow, maxnumber: pow.maxnumber ?? MAX_NUMBER }, shown: `${issued}.${sign(issued)}` };
    },
    /** Checks a sent form's fields: altcha (the solution), shown (the token) and the honeypot. */
    async check(fields: { altcha?: unknown; shown?: unknown; website?: unknown }): Promise<HumanCheck> {
      forget();
      let powValid = false;
      if (typeof fields.altcha === 'string' && fields.altcha.length < 2000 && fields.altcha) {
        try {
          const payload = JSON.parse(Buffer.from(fields.altcha, 'base64').toString('utf8')) as { signature?: string };
          const signature = String(payload.signature ?? '');
          const issuedAt = Number(extractParams(fields.altcha).t);
          const age = now().getTime() - issuedAt;
          powValid = Number.isFinite(issuedAt) && age >= -60_000 && age <= MAX_FORM_SECONDS * 1000 && !spent.has(signature) && (await verifySolution(fields.altcha, key, false));
          if (powValid) spent.set(signature, now().getTime());
        } catch {
          powValid = false;
        }
      }
      let shownAt: Date | null = null;
      if (typeof fields.shown === 'string') {
        const [issued = '', mac = ''] = fields.shown.split('.');
        const expected = sign(issued);
        if (/^\d{10,15}$/.test(issued) && mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) shownAt = new Date(Number(issued));
      }
      return humanCheck({ honeypot: typeof fields.website === 'string' ? fields.website : '', powValid, shownAt, now: now() });
    },
  };
}
export type SuggestionGuard = ReturnType<typeof suggestionGuard>;
