import type { ComponentChildren } from 'preact';
import { recordPath } from '../../domain/vocabulary.ts';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import type { viewCountry, viewDeployment, viewOrganisation, viewTechnology } from '../../view-records.ts';
import type { ContractView, RelationView } from '../../store/records.ts';
import { RedLineBadge, ScreeningSection } from '../../../redlines/http/views/screening.tsx';
import { GlossaryText, glossaryLinks } from '../../../briefs/http/views/glossary-text.tsx';
import { Chips, CountryLinks, DeploymentList, Fact, SourceList, StatusTag, Unverified, UnverifiedNote } from './components.tsx';

type Data<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

function OrgLinks({ i18n, relations }: { i18n: Translator; relations: RelationView[] }) {
  if (!relations.length) return null;
  return (
    <ul class="plain">
      {relations.map((r) => (
        <li>
          <a href={`/organisations/${r.organisation_slug}`}>{r.organisation_name}</a>
          {r.note ? <span class="muted"> — {r.note}</span> : null} <Unverified i18n={i18n} show={r.unverified_claims.length > 0} />
        </li>
      ))}
    </ul>
  );
}

function Contracts({ i18n, contracts }: { i18n: Translator; contracts: ContractView[] }) {
  if (!contracts.length) return null;
  const t = i18n.t;
  return (
    <section aria-labelledby="contracts-h">
      <h2 id="contracts-h">{t('field.contracts')}</h2>
      <ul class="plain">
        {contracts.map((c) => (
          <li>
            <strong>{c.title}</strong> <Unverified i18n={i18n} show={c.unverified_claims.length > 0} />
            <div class="meta">
              {c.amount && c.currency ? <>{t('field.amount')}: {i18n.number(c.amount, c.currency)}. </> : null}
              {c.payer_slug ? <>{t('field.payer')}: <a href={`/organisations/${c.payer_slug}`}>{c.payer_name}</a>. </> : null}
              {c.technology_slug ? <><a href={`/technologies/${c.technology_slug}`}>{c.technology_name}</a>. </> : null}
              {c.reference ? <>{t('field.reference')}: {c.reference}.</> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

const byKind = (relations: RelationView[], ...kinds: string[]) => relations.filter((r) => kinds.includes(r.kind));

/** The public page of one deployment; `sections` are what other capabilities add (its impact assessments, its discrimination audits). */
export function DeploymentPage({ i18n, data, sections }: { i18n: Translator; data: Data<typeof viewDeployment>; sections?: ComponentChildren }) {
  const { deployment: d, technology, deployer, relations, contracts, sources, screening, profile } = data;
  const t = i18n.t;
  const u = (claim: string) => d.unverified_claims.includes(claim);
  const linked = glossaryLinks();
  const labels = new Map<string, string>([[d.id, t('record.deployment')], ...relations.map((r) => [r.id, r.organisation_name] as [string, string]), ...contracts.map((c) => [c.id, c.title] as [string, string])]);
  return (
    <article>
      <p class="kicker">{t('record.deployment')}</p>
      <h1>{d.title}</h1>
      <p>
        <StatusTag i18n={i18n} status={d.status} /> <Unverified i18n={i18n} show={u('status')} />{' '}
        <a href="#screening-h"><RedLineBadge i18n={i18n} verdict={screening.verdict} categories={screening.findings.map((f) => f.id)} /></a>
      </p>
      <UnverifiedNote i18n={i18n} show={d.unverified_claims.length > 0 || relations.some((r) => r.unverified_claims.length > 0)} />
      <dl class="facts">
        <Fact i18n={i18n} label="record.technology"><a href={`/technologies/${technology.slug}`}>{technology.name}</a></Fact>
        <Fact i18n={i18n} label="field.deployer" unverified={u('deployer')}>
          <a href={`/organisations/${deployer.slug}`}>{deployer.name}</a>{d.deployer_role ? <span class="muted"> — {d.deployer_role}</span> : null}
        </Fact>
        <Fact i18n={i18n} label="field.countries" unverified={u('countries')}>{d.countries.length ? <CountryLinks i18n={i18n} codes={d.countries} /> : null}</Fact>
        <Fact i18n={i18n} label="field.sites">{d.sites.length ? <Chips values={d.sites} /> : null}</Fact>
        <Fact i18n={i18n} label="field.purpose" unverified={u('purpose')}>{d.purpose ? <GlossaryText text={d.purpose} linked={linked} /> : null}</Fact>
        <Fact i18n={i18n} label="field.legalBasis" unverified={u('legalBasis')}>{d.legal_basis}</Fact>
        <Fact i18n={i18n} label="field.decisionRole" unverified={u('decisionRole')}>{d.decision_role === 'unknown' ? null : t(`role.${d.decision_role}` as MessageKey)}</Fact>
        <Fact i18n={i18n} label="field.affectedGroups">{d.affected_groups.length ? <Chips values={d.affected_groups} /> : null}</Fact>
        <Fact i18n={i18n} label="field.period" unverified={u('period')}>
          {d.period_start ? `${i18n.date(d.period_start)} – ${d.period_end ? i18n.date(d.period_end) : ''}` : d.period_text}
        </Fact>
        <Fact i18n={i18n} label="field.status" unverified={u('status')}>{d.status_note ?? t(`status.${d.status}` as MessageKey)}</Fact>
        <Fact i18n={i18n} label="field.vendors" unverified={technology.unverified_claims.includes('vendors')}>
          {byKind(relations, 'develops', 'sells').length ? <OrgLinks i18n={i18n} relations={byKind(relations, 'develops', 'sells')} /> : technology.vendor_note}
        </Fact>
        <Fact i18n={i18n} label="field.funders">{byKind(relations, 'funds').length ? <OrgLinks i18n={i18n} relations={byKind(relations, 'funds')} /> : null}</Fact>
        <Fact i18n={i18n} label="field.dataCategories">{technology.data_categories.length ? <Chips values={technology.data_categories} /> : null}</Fact>
      </dl>
      <ScreeningSection i18n={i18n} screening={screening} profile={profile} linked={linked} />
      {sections}
      <Contracts i18n={i18n} contracts={contracts} />
      <p class="meta">{t('field.updated', { date: i18n.date(d.updated_at) })} · <a href={`${recordPath('deployment', d.slug)}/history`}>{t('record.history')}</a> · <a href={`${recordPath('deployment', d.slug)}/suggest`}>{t('suggest.linkCorrection')}</a></p>
      <SourceList i18n={i18n} sources={sources} labels={labels} />
    </article>
  );
}

/** The public page of one technology. */
export function TechnologyPage({ i18n, data }: { i18n: Translator; data: Data<typeof viewTechnology> }) {
  const { technology: x, deployments, relations, contracts, sources } = data;
  const t = i18n.t;
  const vendors = byKind(relations, 'develops', 'sells');
  const linked = glossaryLinks();
  const labels = new Map<string, string>([[x.id, t('record.technology')], ...relations.map((r) => [r.id, r.organisation_name] as [string, string]), ...contracts.map((c) => [c.id, c.title] as [string, string])]);
  return (
    <article>
      <p class="kicker">{t('record.technology')}</p>
      <h1>{x.name}</h1>
      <UnverifiedNote i18n={i18n} show={x.unverified_claims.length > 0 || relations.some((r) => r.unverified_claims.length > 0)} />
      <p class="lead"><GlossaryText text={x.summary} linked={linked} /></p>
      <dl class="facts">
        <Fact i18n={i18n} label="field.techniques">{x.techniques.length ? <Chips values={x.techniques} /> : null}</Fact>
        <Fact i18n={i18n} label="field.dataCategories">{x.data_categories.length ? <Chips values={x.data_categories} /> : null}</Fact>
        <Fact i18n={i18n} label="field.vendors" unverified={x.unverified_claims.includes('vendors')}>
          {vendors.length ? <OrgLinks i18n={i18n} relations={vendors} /> : x.vendor_note}
        </Fact>
        <Fact i18n={i18n} label="field.funders">{byKind(relations, 'funds').length ? <OrgLinks i18n={i18n} relations={byKind(relations, 'funds')} /> : null}</Fact>
      </dl>
      {x.documented_red_lines.length ? (
        <section class="redlines" aria-labelledby="redlines-h">
          <h2 id="redlines-h">{t('field.redLines')}</h2>
          <p class="muted">{t('field.redLinesNote')}</p>
          <ul>{x.documented_red_lines.map((c) => <li>{t(`redline.${c}` as MessageKey)}</li>)}</ul>
          {x.documented_red_lines_rationale ? <p><GlossaryText text={x.documented_red_lines_rationale} linked={linked} /></p> : null}
        </section>
      ) : null}
      <section aria-labelledby="deployments-h">
        <h2 id="deployments-h">{t('record.deployments')}</h2>
        <DeploymentList i18n={i18n} list={deployments} allHref={`/register?q=${encodeURIComponent(x.name)}`} />
        {deployments.items.length ? <p><a href={`/technologies/${x.slug}/analyse`}>{t('brief.section.analyseTechnology')}</a></p> : null}
      </section>
      <Contracts i18n={i18n} contracts={contracts} />
      <p class="meta">{t('field.updated', { date: i18n.date(x.updated_at) })} · <a href={`${recordPath('technology', x.slug)}/history`}>{t('record.history')}</a> · <a href={`${recordPath('technology', x.slug)}/suggest`}>{t('suggest.linkCorrection')}</a></p>
      <SourceList i18n={i18n} sources={sources} labels={labels} />
    </article>
  );
}

function TechnologyLinks({ i18n, relations }: { i18n: Translator; relations: RelationView[] }) {
  if (!relations.length) return <p class="muted">{i18n.t('org.none')}</p>;
  return (
    <ul class="plain">
      {relations.map((r) => (
        <li>
          {r.technology_slug ? <a href={`/technologies/${r.technology_slug}`}>{r.technology_name}</a> : null}
          {r.deployment_slug ? <a href={`/deployments/${r.deployment_slug}`}>{r.deployment_title}</a> : null}
          {r.counterpart_slug ? <a href={`/organisations/${r.counterpart_slug}`}>{r.counterpart_name}</a> : null}
          {r.note ? <span class="muted"> — {r.note}</span> : null} <Unverified i18n={i18n} show={r.unverified_claims.length > 0} />
        </li>
      ))}
    </ul>
  );
}

/** The public page of one organisation: what it deploys, supplies and funds. */
export function OrganisationPage({ i18n, data }: { i18n: Translator; data: Data<typeof viewOrganisation> }) {
  const { organisation: o, deployments, relations, contracts, sources } = data;
  const t = i18n.t;
  const own = relations.filter((r) => r.organisation_slug === o.slug);
  const labels = new Map<string, string>([[o.id, t('record.organisation')], ...relations.map((r) => [r.id, r.technology_name ?? r.deployment_title ?? r.organisation_name] as [string, string]), ...contracts.map((c) => [c.id, c.title] as [string, string])]);
  const others = own.filter((r) => !['develops', 'sells', 'funds', 'operates'].includes(r.kind));
  return (
    <article>
      <p class="kicker">{t('record.organisation')}</p>
      <h1>{o.name}</h1>
      <UnverifiedNote i18n={i18n} show={o.unverified_claims.length > 0 || own.some((r) => r.unverified_claims.length > 0)} />
      <dl class="facts">
        <Fact i18n={i18n} label="field.kind">{t(`kind.${o.kind}` as MessageKey)}</Fact>
        <Fact i18n={i18n} label="record.country">{o.country ? <a href={`/countries/${o.country}`}>{i18n.country(o.country)}</a> : null}</Fact>
        {o.website ? <Fact i18n={i18n} label="field.website"><a href={o.website} rel="noopener noreferrer">{o.website}</a></Fact> : null}
      </dl>
      {o.description ? <p>{o.description}</p> : null}
      <p class="meta"><a href={`${recordPath('organisation', o.slug)}/history`}>{t('record.history')}</a> · <a href={`${recordPath('organisation', o.slug)}/suggest`}>{t('suggest.linkCorrection')}</a></p>
      <section aria-labelledby="deploys-h">
        <h2 id="deploys-h">{t('org.deploys')}</h2>
        <DeploymentList i18n={i18n} list={deployments} allHref={`/register?deployer=${o.slug}`} />
      </section>
      <section aria-labelledby="supplies-h">
        <h2 id="supplies-h">{t('org.supplies')}</h2>
        <TechnologyLinks i18n={i18n} relations={byKind(own, 'develops', 'sells')} />
      </section>
      <section aria-labelledby="funds-h">
        <h2 id="funds-h">{t('org.fundsList')}</h2>
        <TechnologyLinks i18n={i18n} relations={byKind(own, 'funds')} />
      </section>
      {others.length ? (
        <section aria-labelledby="other-h">
          <h2 id="other-h">{t('org.otherRelations')}</h2>
          <TechnologyLinks i18n={i18n} relations={others} />
        </section>
      ) : null}
      <Contracts i18n={i18n} contracts={contracts} />
      <SourceList i18n={i18n} sources={sources} labels={labels} />
    </article>
  );
}

/** The public page of a country or region. */
export function CountryPage({ i18n, data }: { i18n: Translator; data: Data<typeof viewCountry> }) {
  const t = i18n.t;
  return (
    <article>
      <p class="kicker">{t('record.country')}</p>
      <h1>{i18n.country(data.code)}</h1>
      <p><a href={`/register?country=${data.code}`}>{t('register.results', { total: data.deployments.total })}</a></p>
      <section aria-labelledby="deployers-h">
        <h2 id="deployers-h">{t('country.deployers')}</h2>
        <ul class="plain">
          {data.deployers.map((o) => (
            <li><a href={`/organisations/${o.slug}`}>{o.name}</a> <span class="muted">({t('country.count', { count: o.count })})</span></li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="deployments-h">
        <h2 id="deployments-h">{t('record.deployments')}</h2>
        <DeploymentList i18n={i18n} list={data.deployments} allHref={`/register?country=${data.code}`} />
      </section>
    </article>
  );
}

/** All countries and regions with deployments. */
export function CountriesPage({ i18n, items }: { i18n: Translator; items: { code: string; count: number }[] }) {
  const sorted = [...items].sort((a, b) => i18n.country(a.code).localeCompare(i18n.country(b.code), i18n.locale));
  return (
    <>
      <h1>{i18n.t('country.all')}</h1>
      <ul class="columns">
        {sorted.map((c) => (
          <li><a href={`/countries/${c.code}`}>{i18n.country(c.code)}</a> <span class="muted">({i18n.t('country.count', { count: c.count })})</span></li>
        ))}
      </ul>
    </>
  );
}
