import { CATALOGUE } from '../../catalogue.ts';
import { briefingSegments, glossaryMatcher, linkGlossary } from '../../domain/rich-text.ts';

// Text of any page (a technology's summary, a deployment's purpose, the briefing's words quoted by
// a screening, a glossary definition) with the briefing's glossary terms linked to their pages and
// the briefing's own marks (***emphasis***, footnote numbers) rendered. A page passes one `linked`
// set to all its texts, so each term is linked once, where it first appears.

const MATCHER = glossaryMatcher(CATALOGUE.glossary);

/** A set of terms already linked on a page; start it with a term's own id to skip that term. */
export const glossaryLinks = (...skip: string[]) => new Set<string>(skip);

export function GlossaryText({ text, linked = glossaryLinks() }: { text: string; linked?: Set<string> }) {
  return (
    <>
      {linkGlossary(briefingSegments(text), MATCHER, linked).map((s) => {
        if (s.sup) return <sup>{s.text}</sup>;
        const inner = s.term ? <a class="term" href={`/glossary/${s.term}`}>{s.text}</a> : s.text;
        return s.strong ? <strong><em>{inner}</em></strong> : inner;
      })}
    </>
  );
}
