import { renderToString } from 'preact-render-to-string';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { LOCALES, LOCALE_NAMES } from '../../../platform/i18n/i18n.ts';
import { STYLESHEET } from '../../../platform/http/respond.tsx';
import { STAKEHOLDERS, type GlossaryTerm, type Stakeholder } from '../../domain/catalogue.ts';
import type { BriefAddressee, BriefDocument } from '../../views/brief-document.ts';
import { BriefArticle } from './brief-article.tsx';

// The brief's pages: choosing the stakeholder (a GET form, so it works without JavaScript and every
// brief has its address), the brief with its downloads, two briefs side by side, and the print view.

export type BriefChoice = {
  slug: string; title: string; stakeholder: Stakeholder | null; addressee: string | null; lang: string;
  /** Organisations a brief to each stakeholder type can be addressed to. */
  addressees: Record<Stakeholder, BriefAddressee[]>;
  /** The reader's organisations that have an analysis of this deployment (slug, name); the one chosen. */
  analyses: { slug: string; name: string }[]; analysis: string | null;
};

const t = (i18n: Translator, key: string, values?: Record<string, string | number>) => i18n.t(key as MessageKey, values);

/** The query string of a brief's address. */
export function briefQuery(c: Pick<BriefChoice, 'stakeholder' | 'addressee' | 'lang' | 'analysis'>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (c.stakeholder) q.set('to', c.stakeholder);
  if (c.addressee) q.set('addressee', c.addressee);
  q.set('lang', c.lang);
  if (c.analysis) q.set('analysis', c.analysis);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function BriefForm({ i18n, choice, error }: { i18n: Translator; choice: BriefChoice; error?: string | undefined }) {
  const addresseeOptions = STAKEHOLDERS.flatMap((s) => choice.addressees[s].map((a) => ({ ...a, stakeholder: s })));
  return (
    <form method="get" action={`/deployments/${choice.slug}/brief`} class="stack brief-form" novalidate>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="brief-error-title" tabindex={-1}>
          <h2 id="brief-error-title">{i18n.t('form.errorSummary')}</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <fieldset class="field">
        <legend>{t(i18n, 'brief.form.to')}</legend>
        {STAKEHOLDERS.map((s) => (
          <div class="choice">
            <input type="radio" name="to" id={`to-${s}`} value={s} checked={choice.stakeholder === s} />
            <label for={`to-${s}`}>{t(i18n, `brief.stakeholderShort.${s}`)}</label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="addressee">{t(i18n, 'brief.form.addressee')}</label>
        <p class="hint" id="addressee-hint">{t(i18n, 'brief.form.addresseeHint')}</p>
        <select id="addressee" name="addressee" aria-describedby="addressee-hint">
          <option value="">{t(i18n, 'brief.form.noAddressee')}</option>
          {addresseeOptions.map((a) => (
            <option value={a.slug} selected={choice.addressee === a.slug}>{`${a.name} — ${t(i18n, `brief.stakeholderShort.${a.stakeholder}`)}`}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="lang">{t(i18n, 'brief.form.lang')}</label>
        <select id="lang" name="lang">
          {LOCALES.map((l) => <option value={l} lang={l} selected={choice.lang === l}>{LOCALE_NAMES[l]}</option>)}
        </select>
      </div>
      {choice.analyses.length ? (
        <div class="field">
          <label for="analysis">{t(i18n, 'brief.form.analysis')}</label>
          <select id="analysis" name="analysis">
            <option value="">{t(i18n, 'brief.form.noAnalysis')}</option>
            {choice.analyses.map((a) => <option value={a.slug} selected={choice.analysis === a.slug}>{a.name}</option>)}
          </select>
        </div>
      ) : null}
      <div class="buttons"><button type="submit">{t(i18n, 'brief.form.submit')}</button></div>
    </form>
  );
}

/** Without a stakeholder: what a brief is, and the form. */
export function BriefChooserPage({ i18n, choice, error }: { i18n: Translator; choice: BriefChoice; error?: string | undefined }) {
  return (
    <>
      <p class="kicker"><a href={`/deployments/${choice.slug}`}>{choice.title}</a></p>
      <h1>{t(i18n, 'brief.page.chooseTitle')}</h1>
      <p class="lead">{t(i18n, 'brief.page.chooseIntro')}</p>
      <BriefForm i18n={i18n} choice={choice} error={error} />
    </>
  );
}

export function BriefPage({ i18n, choice, doc, glossary }: { i18n: Translator; choice: BriefChoice; doc: BriefDocument; glossary: readonly GlossaryTerm[] }) {
  const base = `/deployments/${choice.slug}/brief`;
  const q = briefQuery(choice);
  const other = STAKEHOLDERS.find((s) => s !== choice.stakeholder)!;
  return (
    <>
      <p class="kicker"><a href={`/deployments/${choice.slug}`}>{choice.title}</a></p>
      <nav class="brief-downloads" aria-label={t(i18n, 'brief.page.downloads')}>
        <ul class="plain">
          <li><a href={`${base}.md?${q}`} download>{t(i18n, 'brief.download.md')}</a></li>
          <li><a href={`${base}.html?${q}`} download>{t(i18n, 'brief.download.html')}</a></li>
          <li><a href={`${base}.docx?${q}`} download>{t(i18n, 'brief.download.docx')}</a></li>
          <li><a href={`${base}/print?${q}`}>{t(i18n, 'brief.download.print')}</a></li>
          <li><a href={`${base}/compare?${briefQuery({ ...choice, stakeholder: null, addressee: null }, { a: choice.stakeholder ?? 'state', b: other })}`}>{t(i18n, 'brief.page.compare')}</a></li>
        </ul>
      </nav>
      <BriefArticle doc={doc} glossary={glossary} />
      <details class="brief-change">
        <summary>{t(i18n, 'brief.page.change')}</summary>
        <BriefForm i18n={i18n} choice={choice} />
      </details>
    </>
  );
}

export function BriefComparePage({ i18n, slug, title, a, b, glossary, lang, analysis }: {
  i18n: Translator; slug: string; title: string; a: BriefDocument; b: BriefDocument; glossary: readonly GlossaryTerm[]; lang: string; analysis: string | null;
}) {
  const link = (s: Stakeholder) => `/deployments/${slug}/brief?${briefQuery({ stakeholder: s, addressee: null, lang, analysis })}`;
  return (
    <>
      <p class="kicker"><a href={`/deployments/${slug}`}>{title}</a></p>
      <h1>{t(i18n, 'brief.page.compareTitle', { a: t(i18n, `brief.stakeholderShort.${a.stakeholder}`), b: t(i18n, `brief.stakeholderShort.${b.stakeholder}`) })}</h1>
      <form method="get" action={`/deployments/${slug}/brief/compare`} class="columns-form" novalidate>
        {(['a', 'b'] as const).map((side) => (
          <div class="field">
            <label for={`compare-${side}`}>{t(i18n, side === 'a' ? 'brief.page.left' : 'brief.page.right')}</label>
            <select id={`compare-${side}`} name={side}>
              {STAKEHOLDERS.map((s) => <option value={s} selected={(side === 'a' ? a : b).stakeholder === s}>{t(i18n, `brief.stakeholderShort.${s}`)}</option>)}
            </select>
          </div>
        ))}
        <input type="hidden" name="lang" value={lang} />
        {analysis ? <input type="hidden" name="analysis" value={analysis} /> : null}
        <div class="buttons"><button type="submit">{t(i18n, 'brief.page.compareSubmit')}</button></div>
      </form>
      <div class="brief-compare">
        {[a, b].map((doc, i) => (
          <div class="brief-column">
            <p><a href={link(doc.stakeholder)}>{t(i18n, 'brief.page.open', { to: t(i18n, `brief.stakeholderShort.${doc.stakeholder}`) })}</a></p>
            <BriefArticle doc={doc} glossary={glossary} id={`brief-${i === 0 ? 'a' : 'b'}`} headingLevel={3} />
          </div>
        ))}
      </div>
    </>
  );
}

/** The print view: the brief alone, with the site's stylesheet (its print rules print links' addresses). */
export function briefPrintPage(i18n: Translator, doc: BriefDocument, glossary: readonly GlossaryTerm[]): string {
  const body = (
    <html lang={doc.lang} dir={doc.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.title} — ${i18n.t('site.name')}`}</title>
        <link rel="stylesheet" href={STYLESHEET} />
        <link rel="icon" href="data:," />
      </head>
      <body class="print-view">
        <main id="main" class="wrap">
          <BriefArticle doc={doc} glossary={glossary} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(body)}`;
}
