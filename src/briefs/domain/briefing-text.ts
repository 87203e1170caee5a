import { SECTION_HEADINGS, STAKEHOLDER_HEADINGS, STAKEHOLDERS, type Catalogue, type Stakeholder } from './catalogue.ts';

// Reads the briefing's text (../catalogue/briefing-recommendations.md, copied verbatim from the
// briefing) into its recommendation units and glossary terms, so that the catalogue can be checked
// against it: every quotation verbatim under its heading, every recommendation in the catalogue.
// Pure: takes the text.
//
// The copy keeps the briefing's page breaks: a footnote block (`---` then `<sup>N</sup> …` lines)
// can interrupt a bullet, whose words go on after it on a line starting in lower case (or, in the
// glossary table, with a tab). The reading text drops the footnotes and joins such a line to the
// words it continues with one space; everything else is the file's text unchanged.
//
// The units (what must each be one catalogue entry):
// - every list item, at any depth, its text without the "- " marker;
// - except an item whose sentence is unfinished (it ends without punctuation, e.g. "… must be in
//   line with") and is completed by its sub-items: that item and its sub-items are one unit, the
//   lines as the file has them ("…in line with\n  - the international …\n  - data protection …");
// - every paragraph of a section that is not a list item, except a lead-in (one sentence ending with
//   ":", e.g. "States should, before any technology system is deployed:"). Headings that are lead-ins
//   ("*During the lifecycle of technologies, States should:*") are recorded as such too.
// An item with sub-items that are full sentences is a unit, and so is each sub-item; an entry for a
// sub-item that does not make sense alone gives its parent's words as `quote.context`.

export type Line =
  | { type: 'heading'; text: string; raw: string }
  | { type: 'item'; depth: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'row'; term: string; definition: string };

export type Unit = { text: string; kind: 'item' | 'merged_item' | 'paragraph'; depth: number };

export type BriefingSection = {
  stakeholder: Stakeholder;
  section: string;
  heading: string;
  /** The section's reading text: its lines as the file has them, page breaks mended. */
  text: string;
  units: Unit[];
  leadIns: string[];
  /** Every item's text (units, and the items merged into them) with its parent item's text. */
  items: { text: string; parent: string | null }[];
};

export type BriefingText = {
  sections: BriefingSection[];
  glossary: { term: string; definition: string }[];
  /** Headings in the order the file has them. */
  headings: string[];
};

const FOOTNOTE = /^<sup>\d+<\/sup>/;
const ITEM = /^( *)- (.*)$/;
const CONTAINER_HEADINGS = new Set(['Recommendations', 'Recommendations to states']);
const GLOSSARY_HEADING = 'Glossary A-Z';

/** A heading's words: without the #s and the emphasis around it. */
export const headingText = (line: string) => line.replace(/^#+\s*/, '').trim().replace(/^\*+|\*+$/g, '').trim();

const stripEmphasis = (s: string) => s.replace(/\*+/g, '');
/** Text without a trailing footnote marker and emphasis. */
const ending = (s: string) => stripEmphasis(s).replace(/(\s*<sup>\d+<\/sup>)+$/, '').trim();
const isLeadIn = (s: string) => { const t = ending(s); return t.endsWith(':') && !/[.!?;:]\s/.test(t.slice(0, -1)); };

/** The file's lines, comments and footnotes dropped and page breaks mended. */
export function readingLines(md: string): Line[] {
  const lines = md.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: Line[] = [];
  let footnotes = false; // inside a footnote block
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    if (raw.trim() === '---') { footnotes = true; continue; }
    if (/^--\t---$/.test(raw)) continue; // the end of the glossary table
    if (FOOTNOTE.test(raw)) { footnotes = true; continue; }
    const continuation = /^\t/.test(raw) || /^[a-z]/.test(raw);
    if (continuation) {
      const last = out[out.length - 1];
      const words = raw.replace(/^\t/, '');
      if (!last || last.type === 'heading') throw new Error(`a continuation with nothing to continue: "${raw.slice(0, 60)}"`);
      if (last.type === 'row') last.definition += ` ${words}`;
      else last.text += ` ${words}`;
      footnotes = false;
      continue;
    }
    if (footnotes && !/^(#| *- |\*)/.test(raw)) continue; // the rest of a footnote (e.g. a URL line)
    footnotes = false;
    if (raw.startsWith('#')) { out.push({ type: 'heading', text: headingText(raw), raw }); continue; }
    const item = ITEM.exec(raw);
    if (item) { out.push({ type: 'item', depth: Math.floor(item[1]!.length / 2), text: item[2]! }); continue; }
    const tab = raw.indexOf('\t');
    if (tab > 0) { out.push({ type: 'row', term: raw.slice(0, tab), definition: raw.slice(tab + 1) }); continue; }
    out.push({ type: 'paragraph', text: raw });
  }
  return out;
}

const render = (l: Line): string => {
  switch (l.type) {
    case 'heading': return l.raw;
    case 'item': return `${'  '.repeat(l.depth)}- ${l.text}`;
    case 'paragraph': return l.text;
    case 'row': return `${l.term}\t${l.definition}`;
  }
};

const SECTION_BY_HEADING = new Map<string, { stakeholder: Stakeholder; section: string }>(
  STAKEHOLDERS.flatMap((s) => Object.entries(SECTION_HEADINGS[s]).map(([section, heading]) => [heading, { stakeholder: s, section }] as const)),
);

/** Reads the briefing's text; throws on a heading or line it does not expect (the source changed). */
export function readBriefing(md: string): BriefingText {
  const lines = readingLines(md);
  const sections: BriefingSection[] = [];
  const glossary: { term: string; definition: string }[] = [];
  const headings: string[] = [];
  let where: 'none' | 'glossary' | 'container' | BriefingSection = 'none';
  let body: Line[] = [];
  const close = () => {
    if (typeof where === 'object') finishSection(where, body);
    body = [];
  };
  for (const l of lines) {
    if (l.type === 'heading') {
      const known = SECTION_BY_HEADING.get(l.text);
      if (known || l.text === GLOSSARY_HEADING || CONTAINER_HEADINGS.has(l.text)) {
        headings.push(l.text);
        close();
        if (known) { where = { ...known, heading: l.text, text: '', units: [], leadIns: [], items: [] }; sections.push(where); } else where = l.text === GLOSSARY_HEADING ? 'glossary' : 'container';
        continue;
      }
      if (typeof where === 'object' && isLeadIn(l.text)) { where.leadIns.push(l.text); body.push(l); continue; }
      throw new Error(`unexpected heading "${l.text}"`);
    }
    if (where === 'glossary') {
      if (l.type !== 'row') throw new Error(`unexpected line in the glossary: "${render(l).slice(0, 60)}"`);
      glossary.push({ term: l.term, definition: l.definition });
      continue;
    }
    if (typeof where !== 'object') throw new Error(`a line outside any section: "${render(l).slice(0, 60)}"`);
    body.push(l);
  }
  close();
  return { sections, glossary, headings };
}

function finishSection(s: BriefingSection, body: Line[]): void {
  s.text = body.map(render).join('\n');
  const parents: (Line & { type: 'item' })[] = []; // the open items, by depth
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    if (l.type === 'heading') { parents.length = 0; continue; }
    if (l.type === 'row') throw new Error(`a table row in ${s.heading}`);
    if (l.type === 'paragraph') {
      parents.length = 0;
      if (isLeadIn(l.text)) s.leadIns.push(l.text);
      else s.units.push({ text: l.text, kind: 'paragraph', depth: 0 });
      continue;
    }
    while (parents.length && parents[parents.length - 1]!.depth >= l.depth) parents.pop();
    const parent = parents[parents.length - 1];
    s.items.push({ text: l.text, parent: parent?.text ?? null });
    parents.push(l);
    // Sub-items that finish an unfinished sentence are part of its unit.
    const children: (Line & { type: 'item' })[] = [];
    for (let j = i + 1; j < body.length; j++) {
      const n = body[j]!;
      if (n.type !== 'item' || n.depth <= l.depth) break;
      children.push(n);
    }
    if (children.length && !/[.:;!?]$/.test(ending(l.text))) {
      s.units.push({ text: [l.text, ...children.map(render)].join('\n'), kind: 'merged_item', depth: l.depth });
      for (const c of children) s.items.push({ text: c.text, parent: l.text });
      i += children.length;
      continue;
    }
    s.units.push({ text: l.text, kind: 'item', depth: l.depth });
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking a catalogue against the text

export type CatalogueProblem = { code: 'quote_not_in_section' | 'context_not_in_section' | 'unit_not_in_catalogue' | 'unit_in_several_entries' | 'entry_without_unit' | 'section_missing' | 'glossary_term_missing' | 'glossary_definition_differs' | 'glossary_term_unknown'; message: string };

/**
 * Everything that does not agree between the catalogue and the briefing's text: quotations (and
 * their contexts) not found verbatim under their heading, recommendation units of the briefing that
 * no entry quotes, or that several do, entries quoting no unit, glossary terms missing or altered.
 */
export function checkCatalogue(catalogue: Pick<Catalogue, 'recommendations' | 'glossary'>, briefing: BriefingText): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const sectionOf = (stakeholder: string, section: string) => briefing.sections.find((s) => s.stakeholder === stakeholder && s.section === section);
  for (const r of catalogue.recommendations) {
    const s = sectionOf(r.stakeholder, r.section);
    if (!s || s.heading !== r.quote.section) { problems.push({ code: 'quote_not_in_section', message: `${r.id}: the briefing has no section "${r.quote.section}" for ${r.stakeholder}` }); continue; }
    if (!s.text.includes(r.quote.text)) problems.push({ code: 'quote_not_in_section', message: `${r.id}: its quotation is not, verbatim, under "${s.heading}": "${r.quote.text.slice(0, 80)}…"` });
    if (r.quote.context !== undefined && !s.text.includes(r.quote.context)) problems.push({ code: 'context_not_in_section', message: `${r.id}: its context is not, verbatim, under "${s.heading}"` });
    if (!s.units.some((u) => r.quote.text.includes(u.text))) problems.push({ code: 'entry_without_unit', message: `${r.id}: quotes none of the recommendations of "${s.heading}"` });
  }
  for (const s of briefing.sections) {
    const entries = catalogue.recommendations.filter((r) => r.stakeholder === s.stakeholder && r.section === s.section);
    if (!entries.length) problems.push({ code: 'section_missing', message: `no entry for "${s.heading}"` });
    for (const u of s.units) {
      const matching = entries.filter((r) => r.quote.text.includes(u.text));
      if (matching.length === 0) problems.push({ code: 'unit_not_in_catalogue', message: `"${s.heading}": not in the catalogue: "${u.text.slice(0, 100)}…"` });
      if (matching.length > 1) problems.push({ code: 'unit_in_several_entries', message: `"${s.heading}": in ${matching.map((r) => r.id).join(', ')}: "${u.text.slice(0, 80)}…"` });
    }
  }
  for (const g of briefing.glossary) {
    const entry = catalogue.glossary.find((t) => t.term === g.term);
    if (!entry) problems.push({ code: 'glossary_term_missing', message: `glossary term "${g.term}" is not in the catalogue` });
    else if (entry.definition !== g.definition) problems.push({ code: 'glossary_definition_differs', message: `glossary term "${g.term}": the definition is not the briefing's, verbatim` });
  }
  for (const t of catalogue.glossary) {
    if (!briefing.glossary.some((g) => g.term === t.term)) problems.push({ code: 'glossary_term_unknown', message: `glossary term "${t.term}" is not in the briefing's glossary` });
  }
  return problems;
}

/** The headings of the stakeholders, as the file should have them (states' three sections under theirs). */
export const expectedHeadings = (): string[] => [
  GLOSSARY_HEADING, 'Recommendations',
  ...STAKEHOLDERS.flatMap((s) => {
    const sections = Object.values(SECTION_HEADINGS[s]);
    return s === 'state' ? [STAKEHOLDER_HEADINGS.state, ...sections] : sections;
  }),
];
