// Password rules after NIST SP 800-63B and OWASP: long enough, not a known common password, not
// the account's own name or e-mail; no composition rules, no forced rotation.

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only keeps hashing cheap enough to refuse abuse. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

/** Length in characters as people count them (code points, not UTF-16 units). */
const length = (s: string) => [...s].length;

const normalise = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The problems with a new password, or none. `isCommon` answers whether a (lower-case) password is
 * on the list of common ones; `personal` are the account's own words (e-mail, name).
 */
export function passwordProblems(password: string, isCommon: (lowerCase: string) => boolean, personal: string[] = []): PasswordProblem[] {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return ['too_short'];
  if (n > PASSWORD_MAX_LENGTH) return ['too_long'];
  const problems: PasswordProblem[] = [];
  const p = normalise(password);
  // A common password padded with repeats or a year is still common ("password1234", "qwertyqwerty").
  const core = p.replace(/(\d{1,4}|[!?.*]+)$/u, '');
  if (isCommon(p) || isCommon(core) || isRepetition(p)) problems.push('common');
  // Made of the account's own words: what is left without them (and digits, spaces, punctuation) is tiny.
  const words = personal.flatMap((w) => normalise(w).split(/[@\s._-]+/u)).filter((w) => length(w) >= 4).sort((a, b) => b.length - a.length);
  if (words.some((w) => p.includes(w))) {
    const rest = words.reduce((left, w) => left.split(w).join(''), p).replace(/[\s\d\p{P}\p{S}]/gu, '');
    if (length(rest) < 4) problems.push('personal');
  }
  return problems;
}

/** One short unit repeated ("aaaaaaaaaaaa", "abcabcabcabc"). */
function isRepetition(p: string): boolean {
  return /^(.{1,4})\1+$/u.test(p);
}
