import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import type { DeploymentListItem, TechnologyRow } from '../../../register/store/records.ts';
import { STAKEHOLDERS } from '../../domain/catalogue.ts';

// Advocacy on the register's pages: a deployment's section (write a brief, analyse it), and a
// technology's page of deployments to analyse, one brief and one analysis per deployment.

const t = (i18n: Translator, key: string, values?: Record<string, string | number>) => i18n.t(key as MessageKey, values);

/** The deployment page's section: a brief to each stakeholder, and the analysis. */
export function DeploymentAdvocacy({ i18n, slug }: { i18n: Translator; slug: string }) {
  return (
    <section aria-labelledby="advocacy-h">
      <h2 id="advocacy-h">{t(i18n, 'brief.section.title')}</h2>
      <p>{t(i18n, 'brief.section.intro')}</p>
      <ul class="plain">
        {STAKEHOLDERS.map((s) => <li><a href={`/deployments/${slug}/brief?to=${s}`}>{t(i18n, 'brief.section.briefTo', { to: t(i18n, `brief.stakeholderShort.${s}`) })}</a></li>)}
        <li><a href={`/deployments/${slug}/brief/compare?a=state&b=company`}>{t(i18n, 'brief.page.compare')}</a></li>
        <li><a href={`/deployments/${slug}/analysis`}>{t(i18n, 'brief.section.analyse')}</a> <span class="muted">{t(i18n, 'brief.section.analyseNote')}</span></li>
      </ul>
    </section>
  );
}

export function TechnologyAnalysePage({ i18n, technology, deployments, signedIn }: {
  i18n: Translator; technology: TechnologyRow; deployments: { items: DeploymentListItem[]; total: number }; signedIn: boolean;
}) {
  return (
    <>
      <p class="kicker"><a href={`/technologies/${technology.slug}`}>{technology.name}</a></p>
      <h1>{t(i18n, 'analysis.technology.title', { name: technology.name })}</h1>
      <p class="lead">{t(i18n, 'analysis.technology.intro')}</p>
      {!signedIn ? <p class="note">{t(i18n, 'analysis.technology.signIn')}</p> : null}
      {deployments.items.length ? (
        <ul class="results">
          {deployments.items.map((d) => (
            <li>
              <p class="title"><a href={`/deployments/${d.slug}`}>{d.title}</a></p>
              <p><a href={`/deployments/${d.slug}/analysis`}>{t(i18n, 'brief.section.analyse')}</a> · <a href={`/deployments/${d.slug}/brief`}>{t(i18n, 'brief.section.brief')}</a></p>
            </li>
          ))}
        </ul>
      ) : <p>{t(i18n, 'analysis.technology.none')}</p>}
      {deployments.total > deployments.items.length ? <p class="muted">{t(i18n, 'analysis.technology.more', { count: deployments.total - deployments.items.length })}</p> : null}
    </>
  );
}
