import { z } from 'zod';

// A suggestion from the public, and the rules that keep the form usable without an account and
// without tracking: a proof of work solved by the browser (altcha), or, without JavaScript, a
// short wait between showing the form and sending it; a hidden field only robots fill.

export const suggestionForm = z.object({
  body: z.string().trim().min(1, 'required').max(5000, 'too_long'),
  sources: z.string().max(5000, 'too_long').default('').transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)).pipe(
    z.array(z.url({ protocol: /^https?$/, error: 'url_invalid' }).max(2000, 'too_long')).max(10, 'too_many'),
  ),
  contact: z.string().trim().max(200, 'too_long').default(''),
});
export type SuggestionInput = z.output<typeof suggestionForm>;

/** The shortest wait, without JavaScript, between being shown the form and sending it. */
export const MIN_FORM_SECONDS = 8;
/** How long a form stays valid. */
export const MAX_FORM_SECONDS = 2 * 3600;

export type HumanCheck =
  | { ok: true; by: 'proof_of_work' | 'wait' }
  | { ok: false; reason: 'too_fast'; waitSeconds: number }
  | { ok: false; reason: 'expired' | 'robot' };

/**
 * Decides whether a sent form passes: `powValid` (the browser solved the challenge), else the time
 * since the form was shown (`shownAt`, from a token the server signed) must be long enough.
 */
export function humanCheck(input: { honeypot: string; powValid: boolean; shownAt: Date | null; now: Date }): HumanCheck {
  if (input.honeypot.trim()) return { ok: false, reason: 'robot' };
  if (input.powValid) return { ok: true, by: 'proof_of_work' };
  if (!input.shownAt) return { ok: false, reason: 'expired' };
  const seconds = (input.now.getTime() - input.shownAt.getTime()) / 1000;
  if (seconds > MAX_FORM_SECONDS || seconds < -60) return { ok: false, reason: 'expired' };
  if (seconds < MIN_FORM_SECONDS) return { ok: false, reason: 'too_fast', waitSeconds: Math.ceil(MIN_FORM_SECONDS - seconds) };
  return { ok: true, by: 'wait' };
}
