// Suggesting the column a user probably meant when a name is misspelt ("nationalty" → "nationality").

const normalise = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Levenshtein distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The available names closest to a wanted one (case, accents and punctuation aside), best first: those
 * within a third of the name's length in edits, or containing it, at most three.
 */
export function closestNames(wanted: string, available: readonly string[]): string[] {
  const w = normalise(wanted);
  return available
    .map((name) => {
      const n = normalise(name);
      const distance = n === w ? 0 : n.includes(w) || w.includes(n) ? 1 : editDistance(w, n);
      return { name, distance };
    })
    .filter((c) => c.distance <= Math.max(1, Math.floor(w.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
}
