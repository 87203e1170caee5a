import { briefingSegments, glossaryMatcher, linkGlossary, type Segment } from '../domain/rich-text.ts';
import type { GlossaryTerm } from '../domain/catalogue.ts';
import type { BriefDocument, BriefQuote, BriefStatement } from './brief-document.ts';

// A brief as Markdown (CommonMark with inline HTML only for footnote numbers): the file an advocate
// pastes into a letter, a pad or a repository. Text from the register is escaped; the briefing's
// quotations keep its marks; glossary terms link to their public pages. Pure.

const escape = (s: string) => s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\u2068|\u2069/g, '');

function segmentsMd(segments: readonly Segment[], glossaryHref: (id: string) => string): string {
  return segments.map((s) => {
    if (s.sup) return `<sup>${escape(s.text)}</sup>`;
    let text = escape(s.text);
    if (s.term) text = `[${text}](${glossaryHref(s.term)})`;
    return s.strong && s.em ? `***${text}***` : text;
  }).join('');
}

const refsMd = (refs: readonly number[]) => (refs.length ? ' ' + refs.map((n) => `[${n}]`).join('') : '');

export function renderBriefMarkdown(doc: BriefDocument, glossary: readonly GlossaryTerm[]): string {
  const L = doc.labels;
  const matcher = glossaryMatcher(glossary);
  const linked = new Set<string>();
  const glossaryHref = (id: string) => `${doc.baseUrl}/glossary/${id}`;
  const quoted = (text: string) => segmentsMd(linkGlossary(briefingSegments(text), matcher, linked), glossaryHref);
  const out: string[] = [];
  const statement = (s: BriefStatement, prefix = '') => {
    out.push(`- ${prefix}${escape(s.text)}${s.unverified ? ` _(${escape(L.unverified)})_` : ''}${refsMd(s.refs)}`);
    for (const item of s.items ?? []) out.push(`  - ${escape(item)}`);
    if (s.quote) quote(s.quote, '  ');
  };
  const quote = (q: BriefQuote, indent = '') => {
    if (q.context) out.push(`${indent}> ${escape(L.quoteContext)} ${quoted(q.context)}`, `${indent}>`);
    for (const para of q.text.split(/\n+/)) out.push(`${indent}> ${quoted(para)}`);
    out.push(`${indent}>`, `${indent}> — ${escape(q.cite)}`);
  };

  out.push(`# ${escape(doc.title)}`, '');
  out.push(`**${escape(L.to)}:** ${escape(doc.addressee ? `${doc.addressee.name} (${doc.stakeholderLabel})` : doc.stakeholderLabel)}  `);
  out.push(`**${escape(L.system)}:** [${escape(doc.system.title)}](<${doc.system.href}>)  `);
  out.push(`${escape(doc.date)}`, '');
  out.push(escape(doc.intro), '');
  if (doc.quoteNote) out.push(`_${escape(doc.quoteNote)}_`, '');

  out.push(`## ${escape(L.about)}`, '');
  for (const s of doc.about) statement(s);
  out.push('');

  out.push(`## ${escape(L.findings)}`, '');
  if (!doc.findings.length) out.push(escape(L.noFindings));
  for (const f of doc.findings) statement(f);
  out.push('');

  if (doc.analysis) {
    out.push(`## ${escape(doc.analysis.heading)}`, '', `_${escape(doc.analysis.by)}_`, '');
    for (const s of doc.analysis.statements) statement(s);
    if (L.analysisGaps) out.push('', escape(L.analysisGaps));
    out.push('');
  }

  out.push(`## ${escape(L.unknown)}`, '', escape(doc.unknown.lead), '');
  for (const f of doc.unknown.facts) out.push(`- ${escape(f)}`);
  if (doc.unknown.recommendations.length) {
    out.push('', escape(L.unknownRecommendations), '');
    for (const id of doc.unknown.recommendations) {
      const r = doc.recommendations.find((x) => x.id === id)!;
      out.push(`- \`${id}\` (${escape(r.gravityLabel)})`);
    }
  }
  out.push('');

  out.push(`## ${escape(L.recommendations)}`, '');
  if (!doc.recommendations.length) out.push(escape(L.noRecommendations), '');
  doc.recommendations.forEach((r, i) => {
    out.push(`### ${i + 1}. ${escape(r.gravityLabel)} — \`${r.id}\``, '');
    quote(r.quote);
    out.push('');
    if (r.why) out.push(`${escape(L.whyApplies)} ${escape(r.why)}  `);
    out.push(`${escape(L.appliesBecause)} ${escape(r.because)}.`, '');
  });

  out.push(`## ${escape(L.references)}`, '');
  for (const ref of doc.references) {
    const label = ref.href ? `[${escape(ref.label)}](<${ref.href.replace(/[<>\s]/g, encodeURIComponent)}>)` : escape(ref.label);
    out.push(`${ref.n}. ${label}${ref.detail ? ` — ${escape(ref.detail)}` : ''}`);
  }
  out.push('', '---', '', `_${escape(doc.footer)}_`, '');
  return out.join('\n');
}
