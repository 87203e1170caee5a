import { AlignmentType, Document, ExternalHyperlink, Footer, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { GlossaryTerm } from '../domain/catalogue.ts';
import { briefingSegments, glossaryMatcher, linkGlossary } from '../domain/rich-text.ts';
import type { BriefDocument, BriefQuote, BriefStatement } from './brief-document.ts';

// A brief as a Word document (DOCX, with the `docx` library): the same content and order as the
// Markdown. Right-to-left briefs set bidi paragraphs and RTL runs, while the briefing's quotations
// stay English and left to right; glossary terms link to their pages once per document.

const LANGUAGE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar-SA' };
/** Bidi isolates help browsers; some Word versions show them as boxes. */
const clean = (s: string) => s.replace(/[\u2068\u2069]/g, '');

export async function renderBriefDocx(doc: BriefDocument, glossary: readonly GlossaryTerm[]): Promise<Buffer> {
  const rtl = doc.dir === 'rtl';
  const L = doc.labels;
  const matcher = glossaryMatcher(glossary);
  const linked = new Set<string>();
  const out: Paragraph[] = [];

  /** Runs of generated text (the brief's language and direction). */
  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text: clean(text), rightToLeft: rtl, ...o });
  const para = (children: ParagraphChild[], o: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; bullet?: number } = {}) =>
    new Paragraph({ children, bidirectional: rtl, ...(o.heading ? { heading: o.heading } : {}), ...(o.bullet !== undefined ? { bullet: { level: o.bullet } } : {}) });
  const link = (text: string, href: string, ltr = false) => new ExternalHyperlink({ link: href, children: [new TextRun({ text: clean(text), style: 'Hyperlink', rightToLeft: rtl && !ltr })] });
  const refs = (ns: readonly number[]) => (ns.length ? [run(' ' + ns.map((n) => `[${n}]`).join(''))] : []);

  /** The briefing's words: English, left to right, with its marks and glossary links. */
  const quoted = (text: string): ParagraphChild[] => linkGlossary(briefingSegments(text), matcher, linked).map((s) => {
    const r = new TextRun({ text: s.text, italics: true, language: { value: 'en-GB' }, ...(s.sup ? { superScript: true } : {}), ...(s.strong ? { bold: true } : {}), ...(s.term ? { style: 'Hyperlink' } : {}) });
    return s.term ? new ExternalHyperlink({ link: `${doc.baseUrl}/glossary/${s.term}`, children: [r] }) : r;
  });
  const quote = (q: BriefQuote) => {
    const indent = { left: 720, right: 360 };
    if (q.context) out.push(new Paragraph({ indent, children: [new TextRun({ text: `${L.quoteContext} `, italics: true }), ...quoted(q.context)] }));
    for (const p of q.text.split(/\n+/)) out.push(new Paragraph({ indent, children: quoted(p) }));
    out.push(new Paragraph({ indent, children: [new TextRun({ text: `— ${clean(q.cite)}`, size: 18, language: { value: 'en-GB' } })] }));
  };
  const statement = (s: BriefStatement) => {
    out.push(para([run(s.text), ...(s.unverified ? [run(` (${L.unverified})`, { italics: true })] : []), ...refs(s.refs)], { bullet: 0 }));
    for (const item of s.items ?? []) out.push(para([run(item)], { bullet: 1 }));
    if (s.quote) quote(s.quote);
  };
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => out.push(para([run(text)], { heading: level }));

  heading(doc.title, HeadingLevel.HEADING_1);
  out.push(para([run(`${L.to}: `, { bold: true }), run(doc.addressee ? `${doc.addressee.name} (${doc.stakeholderLabel})` : doc.stakeholderLabel)]));
  out.push(para([run(`${L.system}: `, { bold: true }), link(doc.system.title, doc.system.href)]));
  out.push(para([run(doc.date)]));
  out.push(para([run(doc.intro)]));
  if (doc.quoteNote) out.push(para([run(doc.quoteNote, { italics: true })]));

  heading(L.about, HeadingLevel.HEADING_2);
  doc.about.forEach(statement);
  heading(L.findings, HeadingLevel.HEADING_2);
  if (!doc.findings.length) out.push(para([run(L.noFindings)]));
  doc.findings.forEach(statement);
  if (doc.analysis) {
    heading(doc.analysis.heading, HeadingLevel.HEADING_2);
    out.push(para([run(doc.analysis.by, { italics: true })]));
    doc.analysis.statements.forEach(statement);
    if (L.analysisGaps) out.push(para([run(L.analysisGaps)]));
  }
  heading(L.unknown, HeadingLevel.HEADING_2);
  out.push(para([run(doc.unknown.lead)]));
  for (const f of doc.unknown.facts) out.push(para([run(f)], { bullet: 0 }));
  if (doc.unknown.recommendations.length) {
    out.push(para([run(L.unknownRecommendations)]));
    for (const id of doc.unknown.recommendations) {
      const r = doc.recommendations.find((x) => x.id === id)!;
      out.push(para([new TextRun({ text: id, font: 'Consolas' }), run(` (${r.gravityLabel})`)], { bullet: 0 }));
    }
  }
  heading(L.recommendations, HeadingLevel.HEADING_2);
  if (!doc.recommendations.length) out.push(para([run(L.noRecommendations)]));
  doc.recommendations.forEach((r, i) => {
    out.push(para([run(`${i + 1}. ${r.gravityLabel} — `), new TextRun({ text: r.id, font: 'Consolas' })], { heading: HeadingLevel.HEADING_3 }));
    quote(r.quote);
    if (r.why) out.push(para([run(`${L.whyApplies} `, { bold: true }), run(r.why)]));
    out.push(para([run(`${L.appliesBecause} `, { bold: true }), run(`${r.because}.`)]));
  });
  heading(L.references, HeadingLevel.HEADING_2);
  for (const ref of doc.references) {
    out.push(para([run(`${ref.n}. `), ref.href ? link(ref.label, ref.href, true) : run(ref.label), ...(ref.detail ? [run(` — ${ref.detail}`)] : [])]));
  }
  out.push(para([run(doc.footer, { italics: true, size: 18 })]));

  const language = { value: LANGUAGE[doc.lang] ?? 'en-GB', ...(rtl ? { bidirectional: LANGUAGE[doc.lang] ?? 'ar-SA' } : {}) };
  const document = new Document({
    title: doc.title, creator: 'Safeguard', description: doc.footer,
    styles: { default: { document: { run: { font: 'Calibri', language } } } },
    sections: [{
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, bidirectional: rtl, children: [new TextRun({ text: clean(doc.footer), size: 16, rightToLeft: rtl })] })] }) },
      children: out,
    }],
  });
  return Packer.toBuffer(document);
}
