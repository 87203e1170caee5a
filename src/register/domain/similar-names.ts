// Spotting likely duplicates when someone adds an organisation or a technology: names are
// normalised (case, Latin accents, punctuation, 'the', legal forms) and compared fuzzily, by
// character trigrams and by shared words.

/** Legal-form words that say nothing about which organisation a name means. */
const LEGAL_FORMS = new Set([
  'ltd', 'limited', 'inc', 'incorporated', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'srl', 'spa', 'bv', 'nv',
  'oy', 'ab', 'as', 'co', 'corp', 'corporation', 'company',
]);

/**
 * Removes combining marks that follow Latin letters (é → e, ç → c) and leaves the marks of other
 * scripts alone: in Arabic, Greek, Cyrillic or Devanagari they are part of the spelling.
 */
function stripLatinAccents(decomposed: string): string {
  return decomposed.replace(/(\p{Script=Latin})\p{M}+/gu, '$1');
}

/** Joins dotted initialisms into one word (S.A. → SA, S.p.A. → SpA) so legal forms are recognised. */
function joinInitialisms(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (m) => m.replaceAll('.', ''));
}

/** Drops a leading 'the' and every legal-form word, unless nothing would be left. */
function dropNoiseWords(tokens: readonly string[]): readonly string[] {
  const withoutThe = tokens[0] === 'the' ? tokens.slice(1) : tokens;
  const kept = withoutThe.filter((t) => !LEGAL_FORMS.has(t));
  return kept.length > 0 ? kept : tokens;
}

/**
 * The form of a name used for comparison: compatibility-decomposed, Latin accents removed,
 * lower-cased, '&' read as 'and', punctuation turned into spaces, a leading 'the' and legal forms
 * (Ltd, Inc., GmbH, S.A. …) dropped. Never empty when the name has letters or digits; other
 * scripts come through unchanged apart from case.
 */
export function normaliseName(name: string): string {
  const folded = stripLatinAccents(name.normalize('NFKD').toLowerCase()).normalize('NFC');
  const spaced = joinInitialisms(folded)
    .replaceAll('&', ' and ')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
  const tokens = spaced.split(' ').filter((t) => t !== '');
  return dropNoiseWords(tokens).join(' ');
}

/** Character trigrams of a normalised name padded with a space on each side, as counts. */
function trigrams(normalised: string): Map<string, number> {
  const chars = Array.from(` ${normalised} `);
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= chars.length; i++) {
    const gram = chars.slice(i, i + 3).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice coefficient over trigram multisets: twice the shared count over the total count. */
function diceSimilarity(a: string, b: string): number {
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const [gram, n] of ga) {
    shared += Math.min(n, gb.get(gram) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Distinct words the two names share, over the distinct word count of the longer one. */
function tokenSetSimilarity(a: string, b: string): number {
  const ta = new Set(a.split(' '));
  const tb = new Set(b.split(' '));
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.max(ta.size, tb.size);
}

/**
 * How alike two names are, in [0, 1], compared in normalised form: 1 when they normalise to the
 * same text, otherwise the larger of the trigram Dice coefficient and the shared-word ratio.
 * Symmetric. A name with no letters or digits matches nothing (0).
 */
export function nameSimilarity(a: string, b: string): number {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (na === '' || nb === '') return 0;
  if (na === nb) return 1;
  return Math.max(diceSimilarity(na, nb), tokenSetSimilarity(na, nb));
}

/**
 * The existing records whose name is at least `threshold` (and more than 0) similar to `name`,
 * best first (ties by name), at most `limit` of them. The default 0.3 is low enough to flag a short
 * name against a longer form of it ('Idemia' / 'IDEMIA Identity & Security' scores 0.35) and high
 * enough to pass over names that only look alike ('Cellebrite' / 'Celestica' scores 0.21).
 */
export function findSimilar<T extends { name: string }>(
  name: string,
  candidates: readonly T[],
  threshold = 0.3,
  limit = 5,
): { candidate: T; score: number }[] {
  return candidates
    .map((candidate) => ({ candidate, score: nameSimilarity(name, candidate.name) }))
    .filter((match) => match.score >= threshold && match.score > 0)
    .sort((x, y) => y.score - x.score || compareNames(x.candidate.name, y.candidate.name))
    .slice(0, Math.max(0, limit));
}

/** Deterministic name order for ties: by code units, so it does not depend on the runtime's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
