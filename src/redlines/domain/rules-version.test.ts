import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, CONTEXTS, SHARING_PARTIES, SHARING_SCALES, SUBJECTS, UNKNOWN, type SystemProfile } from './profile.ts';
import { CHARACTERISTICS, PROXIES } from './sensitive-data.ts';
import { SCREENING_RULES_VERSION, screenProfile } from './screen-profile.ts';
import { screeningSchema } from './screening-schema.ts';

// Stored verdicts are re-screened on start only when SCREENING_RULES_VERSION changes. This test
// screens a fixed set of 3,000 generated profiles and compares a fingerprint of the answers with the
// one recorded for the current version: a change to a rule or to the taxonomy that alters any answer
// fails here until the version is bumped (and its new fingerprint recorded below).
const FINGERPRINTS: Record<string, string> = {
  '2026-11-28.1': '99a0a1f3dcc33d35',
  '2026-11-28.2': 'deb290b4db0e4c9a', // biometric matching of unspecified kind keeps E open
};

/** A small deterministic generator (mulberry32), so the profiles never depend on a library's version. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const some = <T,>(items: readonly T[], p: number) => items.filter(() => next() < p);
  const orUnknown = <T,>(value: () => T) => (next() < 0.15 ? UNKNOWN : value());
  return { pick, some, orUnknown };
}

function profiles(count: number): SystemProfile[] {
  const g = generator(20261128);
  const names = [...CHARACTERISTICS.flatMap((c) => c.names), ...PROXIES.flatMap((p) => p.names), 'shoe size', 'email address', 'case number'];
  return Array.from({ length: count }, () => ({
    context: g.orUnknown(() => { const c = g.some(CONTEXTS, 0.15); return c.length ? c : [g.pick(CONTEXTS)]; }),
    decisionRole: g.orUnknown(() => g.pick(['fully_automated', 'decision_support', 'none'] as const)),
    subjects: g.orUnknown(() => g.pick(SUBJECTS)),
    capabilities: g.orUnknown(() => g.some(CAPABILITIES, 0.08)),
    inputs: g.orUnknown(() => g.some(names, 0.01)),
    dataSharing: g.orUnknown(() => g.some(SHARING_PARTIES, 0.1).map((w) => ({ with: w, scale: g.pick([...SHARING_SCALES, UNKNOWN] as const) }))),
  }));
}

describe('the screening rules version', () => {
  it('changes whenever the rules give other answers', () => {
    const answers = profiles(3000).map((p) => {
      const s = screenProfile(p);
      // Every screening has the documented shape (the JSON of `safeguard screen --json`).
      expect(screeningSchema.safeParse(s).error).toBeUndefined();
      return [s.verdict, s.findings.map((f) => [f.id, f.reasons.map((r) => r.text)]), s.undetermined, s.toReview.map((r) => r.text), s.unrecognisedInputs];
    });
    // The set exercises every verdict and every category, or the fingerprint would guard little.
    const verdicts = new Set(answers.map((a) => a[0]));
    const categories = new Set(answers.flatMap((a) => (a[1] as [string][]).map(([id]) => id)));
    expect([...verdicts].sort()).toEqual(['insufficient_information', 'no_red_line_found', 'red_line']);
    expect([...categories].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const fingerprint = createHash('sha256').update(JSON.stringify(answers)).digest('hex').slice(0, 16);
    expect(fingerprint, `the rules now answer differently: bump SCREENING_RULES_VERSION and record ${fingerprint} for it`).toBe(FINGERPRINTS[SCREENING_RULES_VERSION]);
  });
});
