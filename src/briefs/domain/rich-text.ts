import type { GlossaryTerm } from './catalogue.ts';

// The briefing's text as the catalogue quotes it keeps the document's own inline marks: ***bold
// italics*** and footnote numbers as <sup>N</sup>. Here they become segments every output (HTML,
// Markdown, DOCX) renders its own way, and glossary terms become links to their pages. Pure.

export type Segment = { text: string; strong?: true; em?: true; sup?: true; term?: string };

const MARKS = /(\*\*\*[^*]+\*\*\*|<sup>[^<]{1,20}<\/sup>)/;

/** The briefing's inline marks as segments (the text between them kept verbatim). */
export function briefingSegments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const part of text.split(MARKS)) {
    if (!part) continue;
    if (part.startsWith('***') && part.endsWith('***') && part.length > 6) out.push({ text: part.slice(3, -3), strong: true, em: true });
    else if (part.startsWith('<sup>')) out.push({ text: part.slice(5, -6), sup: true });
    else out.push({ text: part });
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher of every alias of the glossary, longest first, as whole words. */
export function glossaryMatcher(glossary: readonly GlossaryTerm[]): { pattern: RegExp; termOf: Map<string, string> } {
  const termOf = new Map<string, string>();
  for (const g of glossary) for (const a of g.aliases) termOf.set(a.toLowerCase(), g.id);
  const aliases = [...termOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${aliases.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'giu');
  return { pattern, termOf };
}

/**
 * Links the first occurrence of each glossary term in the segments to the term (`term` set); a term
 * already in `linked` (earlier in the same document) is not linked again. Footnote marks are left alone.
 */
export function linkGlossary(segments: readonly Segment[], matcher: ReturnType<typeof glossaryMatcher>, linked: Set<string>): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.sup || s.term) { out.push(s); continue; }
    let last = 0;
    for (const m of s.text.matchAll(matcher.pattern)) {
      const id = matcher.termOf.get(m[0].toLowerCase());
      if (!id || linked.has(id)) continue;
      linked.add(id);
      if (m.index > last) out.push({ ...s, text: s.text.slice(last, m.index) });
      out.push({ ...s, text: m[0], term: id });
      last = m.index + m[0].length;
    }
    if (last < s.text.length) out.push(last ? { ...s, text: s.text.slice(last) } : s);
  }
  return out;
}

/** The text without marks (for plain outputs and comparisons). */
export const plainText = (segments: readonly Segment[]) => segments.map((s) => s.text).join('');
