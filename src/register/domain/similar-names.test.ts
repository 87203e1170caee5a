import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSimilar, nameSimilarity, normaliseName } from './similar-names.ts';

describe('normaliseName', () => {
  it.each([
    ['FRONTEX', 'frontex'],
    ['  Palantir   Technologies Inc. ', 'palantir technologies'],
    ['Ministère de l’Intérieur', 'ministere de l interieur'],
    ["Ministere de l'Interieur", 'ministere de l interieur'],
    ['IDEMIA Identity & Security', 'idemia identity and security'],
    ['The Home Office', 'home office'],
    ['Idemia S.A.', 'idemia'],
    ['Leonardo S.p.A.', 'leonardo'],
    ['Siemens AG', 'siemens'],
    ['Vision-Box, Lda.', 'vision box lda'],
    ['Cellebrite DI Ltd', 'cellebrite di'],
    ['Ａｃｍｅ ＧｍｂＨ', 'acme'],
    ['Škoda a.s.', 'skoda'],
    ['eu-LISA', 'eu lisa'],
    ['Ørsted', 'ørsted'],
  ])('%j → %j', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it('keeps the words when dropping "the" and legal forms would leave nothing', () => {
    expect(normaliseName('The Company')).toBe('the company');
    expect(normaliseName('AB')).toBe('ab');
    expect(normaliseName('The')).toBe('the');
    expect(normaliseName('Co. Ltd.')).toBe('co ltd');
  });

  it('gives an empty string only for names without letters or digits', () => {
    expect(normaliseName('  — ... ')).toBe('');
    expect(normaliseName('')).toBe('');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        if (/[\p{L}\p{N}]/u.test(name)) expect(normaliseName(name)).not.toBe('');
      }),
    );
  });

  it('keeps Arabic, Greek and other scripts as they are, apart from case', () => {
    expect(normaliseName('وزارة الداخلية')).toBe('وزارة الداخلية');
    expect(normaliseName('الإدارة العامة للأمن')).toBe('الإدارة العامة للأمن');
    expect(normaliseName('Ελληνική Αστυνομία')).toBe('ελληνική αστυνομία');
    expect(normaliseName('ΥΠΟΥΡΓΕΙΟ ΜΕΤΑΝΑΣΤΕΥΣΗΣ')).toBe('υπουργειο μεταναστευσης');
    expect(normaliseName('Федеральная миграционная служба')).toBe('федеральная миграционная служба');
    expect(normaliseName('भारत सरकार')).toBe('भारत सरकार');
  });
});

describe('nameSimilarity', () => {
  it.each([
    ['Palantir Technologies Inc.', 'palantir technologies'],
    ['Frontex', 'FRONTEX'],
    ['Ministère de l’Intérieur', "Ministere de l'Interieur"],
    ['The Idemia Group', 'IDEMIA group'],
  ])('is 1 for %j and %j, which normalise alike', (a, b) => {
    expect(nameSimilarity(a, b)).toBe(1);
  });

  it('scores a short name against a longer form of it between the default threshold and 0.6', () => {
    const score = nameSimilarity('Idemia', 'IDEMIA Identity & Security');
    expect(score).toBeGreaterThanOrEqual(0.3);
    expect(score).toBeLessThan(0.6);
  });

  it('takes the shared-word ratio when it beats the trigrams', () => {
    // Two of the three words shared; trigrams alone give less.
    expect(nameSimilarity('Hellenic Coast Guard', 'Coast Guard Greece')).toBeCloseTo(2 / 3);
  });

  it('is 0 for names with nothing in common and for names without letters or digits', () => {
    expect(nameSimilarity('Frontex', 'Europol')).toBe(0);
    expect(nameSimilarity('...', '...')).toBe(0);
    expect(nameSimilarity('', 'Frontex')).toBe(0);
  });
});

describe('findSimilar', () => {
  const existing = [
    { slug: 'idemia', name: 'IDEMIA Identity & Security' },
    { slug: 'palantir', name: 'palantir technologies' },
    { slug: 'frontex', name: 'FRONTEX' },
    { slug: 'interieur', name: "Ministere de l'Interieur" },
    { slug: 'europol', name: 'Europol' },
    { slug: 'celestica', name: 'Celestica' },
  ];
  const flagged = (name: string) => findSimilar(name, existing).map((m) => m.candidate.slug);

  it.each([
    ['Idemia', 'idemia'],
    ['Palantir Technologies Inc.', 'palantir'],
    ['Frontex', 'frontex'],
    ['Ministère de l’Intérieur', 'interieur'],
  ])('flags %j as a likely duplicate of %j', (name, slug) => {
    expect(flagged(name)).toEqual([slug]);
  });

  it('does not flag names that merely look alike', () => {
    expect(flagged('Cellebrite')).toEqual([]);
    expect(findSimilar('Frontex', [{ name: 'Europol' }])).toEqual([]);
  });

  it('returns the best first, ties by name, at most `limit`, above the given threshold', () => {
    const candidates = [{ name: 'Thales Group' }, { name: 'Thales' }, { name: 'Airbus Group' }, { name: 'Group Thales' }];
    expect(findSimilar('THALES', candidates).map((m) => m.candidate.name)).toEqual(['Thales', 'Group Thales', 'Thales Group']);
    expect(findSimilar('THALES', candidates, 0.3, 2).map((m) => m.candidate.name)).toEqual(['Thales', 'Group Thales']);
    expect(findSimilar('THALES', candidates, 0.9)).toEqual([{ candidate: { name: 'Thales' }, score: 1 }]);
    expect(findSimilar('THALES', candidates, 0.3, 0)).toEqual([]);
  });
});

// Names built from words that exercise the normalisation (accents, legal forms, 'the', '&',
// punctuation, other scripts), plus arbitrary text.
const word = fc.constantFrom(
  'Frontex', 'FRONTEX', 'Idemia', 'Identity', '&', 'Security', 'the', 'The', 'Inc.', 'GmbH', 'S.A.', 'Ministère',
  'l’Intérieur', 'Interieur', 'de', 'وزارة', 'الداخلية', 'Αστυνομία', '—', 'Cellebrite', 'Celestica', '2021',
);
const words = fc.array(word, { maxLength: 5 }).map((ws) => ws.join(' '));
const name = fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 30 }));

describe('nameSimilarity properties', () => {
  it('is symmetric and lies in [0, 1]', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const score = nameSimilarity(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBe(score);
      }),
    );
  });

  it('is 1 between a name with letters or digits and itself', () => {
    fc.assert(
      fc.property(name, (a) => {
        fc.pre(normaliseName(a) !== '');
        expect(nameSimilarity(a, a)).toBe(1);
      }),
    );
  });

  it('ignores case', () => {
    fc.assert(
      fc.property(words, (a) => {
        fc.pre(normaliseName(a) !== '');
        expect(nameSimilarity(a.toUpperCase(), a.toLowerCase())).toBe(1);
      }),
    );
  });

  it('findSimilar returns scores at or above the threshold, best first, within the limit', () => {
    fc.assert(
      fc.property(name, fc.array(name.map((n) => ({ name: n })), { maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(6), (query, candidates, threshold, limit) => {
        const matches = findSimilar(query, candidates, threshold, limit);
        expect(matches.length).toBeLessThanOrEqual(limit);
        for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(threshold);
        for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
      }),
    );
  });
});
