import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { LOCALES, LOCALE_NAMES, type Translator } from '../i18n/i18n.ts';
import { DATA_LICENCE } from '../../register/domain/vocabulary.ts';

/** What every page needs to render: the visitor's language and the address being shown. */
export type PageContext = { i18n: Translator; path: string; stylesheet: string; signedIn?: boolean };

type LayoutProps = { ctx: PageContext; title: string; children: ComponentChildren; head?: ComponentChildren };

function Layout({ ctx, title, children, head }: LayoutProps) {
  const { i18n } = ctx;
  const t = i18n.t;
  const next = encodeURIComponent(ctx.path);
  return (
    <html lang={i18n.locale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('site.name')}`}</title>
        <link rel="stylesheet" href={ctx.stylesheet} />
        {/* No favicon: an empty one saves every visitor a request that would only find a 404. */}
        <link rel="icon" href="data:," />
        <link rel="alternate" type="application/atom+xml" title={t('openData.feed')} href="/feed.atom" />
        {head}
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href="/">{t('site.name')}</a>
            <nav aria-label={t('nav.main')}>
              <ul>
                <li><a href="/register">{t('nav.register')}</a></li>
                <li><a href="/countries">{t('nav.countries')}</a></li>
                <li><a href="/open-data">{t('nav.openData')}</a></li>
              </ul>
            </nav>
            <nav aria-label={t('lang.label')} class="langs">
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    {l === i18n.locale ? (
                      <span aria-current="true" lang={l}>{LOCALE_NAMES[l]}</span>
                    ) : (
                      <a href={`/language?lang=${l}&next=${next}`} lang={l} hreflang={l}>{LOCALE_NAMES[l]}</a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap">{children}</main>
        <footer class="site wrap">
          <p>{t('footer.about')} <a href="/glossary">{t('nav.glossary')}</a></p>
          <p>
            <a href={DATA_LICENCE.url}>{t('footer.licence', { licence: DATA_LICENCE.id })}</a>
          </p>
          <p>{ctx.signedIn ? <a href="/account">{t('nav.account')}</a> : <a href="/login">{t('nav.signIn')}</a>}</p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a whole HTML page in the visitor's language. */
export function renderPage(ctx: PageContext, title: string, body: ComponentChildren, head?: ComponentChildren): string {
  return `<!doctype html>${renderToString(<Layout ctx={ctx} title={title} head={head}>{body}</Layout>)}`;
}
