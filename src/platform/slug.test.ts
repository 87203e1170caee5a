import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slug.ts';

describe('slugify', () => {
  it('lower-cases and joins words with single hyphens', () => {
    expect(slugify('Eurodac Fingerprint Database')).toBe('eurodac-fingerprint-database');
  });

  it('removes accents', () => {
    expect(slugify('Équipe Française à Zürich')).toBe('equipe-francaise-a-zurich');
    expect(slugify('Ministério da Justiça')).toBe('ministerio-da-justica');
  });

  it('writes "&" as "and"', () => {
    expect(slugify('Research & Development')).toBe('research-and-development');
    expect(slugify('A&B')).toBe('a-and-b');
  });

  it('collapses runs of punctuation and spaces and trims hyphens at both ends', () => {
    expect(slugify('  --Hello,   world!!  (2024)--  ')).toBe('hello-world-2024');
    expect(slugify('a---b___c')).toBe('a-b-c');
  });

  it('cuts a long slug at a word boundary within the limit', () => {
    expect(slugify('alpha beta gamma delta', 13)).toBe('alpha-beta');
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^(word-)*word$/);
  });

  it('keeps a slug that fits the limit exactly', () => {
    expect(slugify('abc def', 7)).toBe('abc-def');
  });

  it('gives "item" when nothing usable is left', () => {
    expect(slugify('')).toBe('item');
    expect(slugify('!!! ???')).toBe('item');
    expect(slugify('مرحبا')).toBe('item');
  });

  it('always produces a slug matching SLUG_PATTERN, within the length limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 120 }), (name, max) => {
        const slug = slugify(name, max);
        expect(slug).toMatch(SLUG_PATTERN);
        if (slug !== 'item') expect(slug.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (name) => {
        const slug = slugify(name);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});

describe('SLUG_PATTERN', () => {
  it('accepts slugs and rejects everything else', () => {
    for (const good of ['a', 'eurodac', 'eu-lisa', 'x1-2y']) expect(good).toMatch(SLUG_PATTERN);
    for (const bad of ['', '-a', 'a-', 'a--b', 'A', 'a b', 'é', 'a_b']) expect(bad).not.toMatch(SLUG_PATTERN);
  });
});
