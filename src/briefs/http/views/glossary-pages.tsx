import type { Translator } from '../../../platform/i18n/i18n.ts';
import type { Catalogue, GlossaryTerm } from '../../domain/catalogue.ts';
import { GlossaryText, glossaryLinks } from './glossary-text.tsx';

// The briefing's glossary as public pages: the list, and one page per term. The definitions are
// the briefing's own words, quoted in English whatever the interface language, with a note saying so.

function SourceNote({ i18n, catalogue }: { i18n: Translator; catalogue: Catalogue }) {
  return <p class="muted">{i18n.t('glossary.source', { title: catalogue.source.title, publisher: catalogue.source.publisher, reference: catalogue.source.reference ?? '' })}</p>;
}

function Quote({ i18n, term }: { i18n: Translator; term: GlossaryTerm }) {
  return (
    <>
      <blockquote lang="en" dir="ltr"><p><GlossaryText text={term.definition} linked={glossaryLinks(term.id)} /></p></blockquote>
      {i18n.locale !== 'en' && <p class="muted">{i18n.t('glossary.inEnglish')}</p>}
    </>
  );
}

export function GlossaryPage({ i18n, catalogue }: { i18n: Translator; catalogue: Catalogue }) {
  const t = i18n.t;
  const terms = [...catalogue.glossary].sort((a, b) => a.term.localeCompare(b.term, 'en'));
  return (
    <>
      <h1>{t('glossary.title')}</h1>
      <p class="lead">{t('glossary.intro')}</p>
      <dl class="glossary">
        {terms.map((term) => (
          <>
            <dt id={term.id} lang="en" dir="ltr"><a href={`/glossary/${term.id}`}>{term.term}</a></dt>
            <dd><Quote i18n={i18n} term={term} /></dd>
          </>
        ))}
      </dl>
      <SourceNote i18n={i18n} catalogue={catalogue} />
    </>
  );
}

export function GlossaryTermPage({ i18n, catalogue, term }: { i18n: Translator; catalogue: Catalogue; term: GlossaryTerm }) {
  const t = i18n.t;
  return (
    <article>
      <p class="kicker"><a href="/glossary">{t('glossary.title')}</a></p>
      <h1 lang="en" dir="ltr">{term.term}</h1>
      <Quote i18n={i18n} term={term} />
      <SourceNote i18n={i18n} catalogue={catalogue} />
    </article>
  );
}
