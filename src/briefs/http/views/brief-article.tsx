import { renderToString } from 'preact-render-to-string';
import type { GlossaryTerm } from '../../domain/catalogue.ts';
import { briefingSegments, glossaryMatcher, linkGlossary, type Segment } from '../../domain/rich-text.ts';
import type { BriefDocument, BriefQuote, BriefStatement } from '../../views/brief-document.ts';

// A brief as HTML: the article the web page, the print view, the comparison and the self-contained
// file all show. The briefing's words are quoted in English (lang="en", left to right) inside a
// brief of any language; glossary terms link to their pages once per brief; each statement ends
// with the numbers of its references, which link to the list at the end.

type Linker = (text: string) => Segment[];

function Rich({ segments, baseUrl }: { segments: readonly Segment[]; baseUrl: string }) {
  return (
    <>
      {segments.map((s) => {
        const inner = s.term ? <a href={`${baseUrl}/glossary/${s.term}`}>{s.text}</a> : s.text;
        if (s.sup) return <sup>{s.text}</sup>;
        return s.strong && s.em ? <strong><em>{inner}</em></strong> : inner;
      })}
    </>
  );
}

function Refs({ refs, id }: { refs: readonly number[]; id: string }) {
  if (!refs.length) return null;
  return <span class="refs"> {refs.map((n) => <a href={`#${id}-ref-${n}`}>[{n}]</a>)}</span>;
}

function Quote({ quote, link, doc }: { quote: BriefQuote; link: Linker; doc: BriefDocument }) {
  return (
    <figure class="brief-quote">
      <blockquote lang="en" dir="ltr">
        {quote.context ? <p class="muted">{doc.labels.quoteContext} <Rich segments={link(quote.context)} baseUrl={doc.baseUrl} /></p> : null}
        {quote.text.split(/\n+/).map((p) => <p><Rich segments={link(p)} baseUrl={doc.baseUrl} /></p>)}
      </blockquote>
      <figcaption>— <span lang="en" dir="ltr">{quote.cite}</span></figcaption>
    </figure>
  );
}

function Statements({ items, doc, link, id }: { items: readonly (BriefStatement & { gravity?: string })[]; doc: BriefDocument; link: Linker; id: string }) {
  return (
    <ul class="brief-statements">
      {items.map((s) => (
        <li>
          {s.text}
          {s.unverified ? <> <span class="unverified">{doc.labels.unverified}</span></> : null}
          <Refs refs={s.refs} id={id} />
          {s.items?.length ? <ul>{s.items.map((i) => <li>{i}</li>)}</ul> : null}
          {s.quote ? <Quote quote={s.quote} link={link} doc={doc} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The brief as an article; `id` keeps anchors apart when two briefs share a page. */
export function BriefArticle({ doc, glossary, id = 'brief', headingLevel = 2 }: { doc: BriefDocument; glossary: readonly GlossaryTerm[]; id?: string; headingLevel?: 2 | 3 }) {
  const L = doc.labels;
  const matcher = glossaryMatcher(glossary);
  const linked = new Set<string>();
  const link: Linker = (text) => linkGlossary(briefingSegments(text), matcher, linked);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const H2 = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <article class="brief" lang={doc.lang} dir={doc.dir} id={id} aria-labelledby={`${id}-title`}>
      <header>
        {headingLevel === 2 ? <h1 id={`${id}-title`}>{doc.title}</h1> : <h2 id={`${id}-title`}>{doc.title}</h2>}
        <dl class="facts">
          <dt>{L.to}</dt><dd>{doc.addressee ? `${doc.addressee.name} (${doc.stakeholderLabel})` : doc.stakeholderLabel}</dd>
          <dt>{L.system}</dt><dd><a href={doc.system.href}>{doc.system.title}</a></dd>
        </dl>
        <p class="muted">{doc.date}</p>
        <p>{doc.intro}</p>
        {doc.quoteNote ? <p class="note">{doc.quoteNote}</p> : null}
      </header>

      <section>
        <H id={`${id}-about`}>{L.about}</H>
        <Statements items={doc.about} doc={doc} link={link} id={id} />
      </section>

      <section>
        <H id={`${id}-findings`}>{L.findings}</H>
        {doc.findings.length ? <Statements items={doc.findings} doc={doc} link={link} id={id} /> : <p>{L.noFindings}</p>}
      </section>

      {doc.analysis ? (
        <section>
          <H id={`${id}-analysis`}>{doc.analysis.heading}</H>
          <p class="muted">{doc.analysis.by}</p>
          <Statements items={doc.analysis.statements} doc={doc} link={link} id={id} />
          {L.analysisGaps ? <p>{L.analysisGaps}</p> : null}
        </section>
      ) : null}

      <section>
        <H id={`${id}-unknown`}>{L.unknown}</H>
        <p>{doc.unknown.lead}</p>
        {doc.unknown.facts.length ? <ul class="chips">{doc.unknown.facts.map((f) => <li>{f}</li>)}</ul> : null}
        {doc.unknown.recommendations.length ? (
          <>
            <p>{L.unknownRecommendations}</p>
            <ul>
              {doc.unknown.recommendations.map((rid) => {
                const r = doc.recommendations.find((x) => x.id === rid)!;
                return <li><a href={`#${id}-${rid}`}><code>{rid}</code></a> ({r.gravityLabel})</li>;
              })}
            </ul>
          </>
        ) : null}
      </section>

      <section>
        <H id={`${id}-recommendations`}>{L.recommendations}</H>
        {!doc.recommendations.length ? <p>{L.noRecommendations}</p> : (
          <ol class="brief-recommendations">
            {doc.recommendations.map((r) => (
              <li id={`${id}-${r.id}`}>
                <H2><span class={`tag g-${r.gravity}`}>{r.gravityLabel}</span> <code>{r.id}</code></H2>
                <Quote quote={r.quote} link={link} doc={doc} />
                {r.why ? <p><strong>{L.whyApplies}</strong> {r.why}</p> : null}
                <p class="muted"><strong>{L.appliesBecause}</strong> {r.because}.</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section>
        <H id={`${id}-references`}>{L.references}</H>
        <ol class="brief-references">
          {doc.references.map((ref) => (
            <li id={`${id}-ref-${ref.n}`}>
              {ref.href ? <a href={ref.href}>{ref.label}</a> : ref.label}
              {ref.detail ? <span class="muted"> — {ref.detail}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <p class="muted">{doc.footer}</p>
    </article>
  );
}

/** The stylesheet of the self-contained file (its only style: allowed by its hash where it is served). */
export const BRIEF_FILE_CSS = `body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Naskh Arabic",sans-serif;color:#1a1a1a;margin:0;padding:1.5rem;max-width:48rem;margin-inline:auto}
a{color:#0b4f8a}h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
blockquote{margin:.5rem 0;padding:.25rem 1rem;border-inline-start:4px solid #8a6d0b;background:#faf7ee}figure{margin:.5rem 0 1rem}figcaption{font-size:.9rem;color:#555}
.muted{color:#555}.note{background:#eef4fa;padding:.5rem .75rem}.unverified{background:#fff1c2;padding:0 .3rem;font-size:.85rem}
.tag{display:inline-block;border:1px solid #555;border-radius:3px;padding:0 .35rem;font-size:.85rem}.g-ban,.g-halt{background:#7a0019;color:#fff;border-color:#7a0019}
.chips{padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.35rem}.chips li{background:#eee;padding:0 .4rem;border-radius:3px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
code{font-size:.9em;overflow-wrap:anywhere}li{margin:.25rem 0}@media print{a{color:inherit}}`;

/** The brief as one HTML file: no script, no external asset, its own small stylesheet. */
export function briefHtmlFile(doc: BriefDocument, glossary: readonly GlossaryTerm[]): string {
  const body = (
    <html lang={doc.lang} dir={doc.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Safeguard" />
        <title>{doc.title}</title>
        <style dangerouslySetInnerHTML={{ __html: BRIEF_FILE_CSS }} />
      </head>
      <body>
        <main>
          <BriefArticle doc={doc} glossary={glossary} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(body)}`;
}
