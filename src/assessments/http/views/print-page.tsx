import { renderToString } from 'preact-render-to-string';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { STYLESHEET } from '../../../platform/http/respond.tsx';
import type { Definition } from '../../domain/definition.ts';
import type { PublishedFindings } from '../../domain/findings.ts';
import type { EnvironmentalImpact } from '../../domain/environment.ts';
import { FindingsPage } from './assessment-pages.tsx';

// The print view of published findings: the findings alone (no site navigation), with the site's
// print stylesheet; print it or save it as PDF from the browser. Links print their addresses.

export function PrintPage({ i18n, findings, definition, overdue, environment }: { i18n: Translator; findings: PublishedFindings; definition: Definition; overdue: boolean; environment: EnvironmentalImpact }): string {
  const t = i18n.t;
  const body = (
    <html lang={i18n.locale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${findings.title} — ${t('site.name')}`}</title>
        <link rel="stylesheet" href={STYLESHEET} />
        <link rel="icon" href="data:," />
      </head>
      <body class="print-view">
        <main id="main" class="wrap">
          <p class="muted">{t('site.name')} · {t('assessment.print.note', { date: i18n.date(findings.publishedOn) })}</p>
          <FindingsPage i18n={i18n} findings={findings} definition={definition} id="print" overdue={overdue} superseded={false} environment={environment} print />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(body)}`;
}
