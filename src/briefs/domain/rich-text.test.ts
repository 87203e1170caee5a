import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue.ts';
import { briefingSegments, glossaryMatcher, linkGlossary, plainText } from './rich-text.ts';

describe('the briefing’s inline marks', () => {
  it('reads bold italics and footnote numbers, keeping the words between verbatim', () => {
    expect(briefingSegments('***Under no circumstances*** should States allow it.<sup>12</sup> More.')).toEqual([
      { text: 'Under no circumstances', strong: true, em: true }, { text: ' should States allow it.' }, { text: '12', sup: true }, { text: ' More.' },
    ]);
    expect(briefingSegments('plain text')).toEqual([{ text: 'plain text' }]);
    // A lone asterisk or an unclosed tag is text.
    expect(briefingSegments('a * b <sup>1')).toEqual([{ text: 'a * b <sup>1' }]);
  });
});

describe('linking glossary terms', () => {
  const matcher = glossaryMatcher(CATALOGUE.glossary);
  it('links the first occurrence of each term once per document, as whole words, whatever the case', () => {
    const linked = new Set<string>();
    const first = linkGlossary(briefingSegments('Profiling and more profiling, then intersectional harms.'), matcher, linked);
    expect(first.filter((s) => s.term).map((s) => [s.text, s.term])).toEqual([['Profiling', 'profiling'], ['intersectional', 'intersectionality']]);
    expect(plainText(first)).toBe('Profiling and more profiling, then intersectional harms.');
    const second = linkGlossary(briefingSegments('profiling again'), matcher, linked);
    expect(second.some((s) => s.term)).toBe(false);
  });
  it('does not link inside other words, nor footnote numbers', () => {
    const got = linkGlossary(briefingSegments('Unprofilingly AIs<sup>3</sup>'), matcher, new Set());
    expect(got.some((s) => s.term)).toBe(false);
  });
  it('keeps the marks of the words it links', () => {
    const got = linkGlossary(briefingSegments('***automated decision-making systems***'), matcher, new Set());
    expect(got.every((s) => s.strong && s.em)).toBe(true);
    expect(got.some((s) => s.term)).toBe(true);
  });
});
