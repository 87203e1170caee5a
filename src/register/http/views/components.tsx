import type { ComponentChildren } from 'preact';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { RedLineBadge } from '../../../redlines/http/views/screening.tsx';
import type { CitedSource, DeploymentListItem } from '../../store/records.ts';

/** Claim names used in datasets, mapped to the label of the field they qualify. */
const CLAIM_LABELS: Record<string, MessageKey> = {
  status: 'field.status', period: 'field.period', deployer: 'field.deployer', vendors: 'field.vendors', organisation: 'record.organisation',
  amount: 'field.amount', summary: 'field.summary', countries: 'field.countries', purpose: 'field.purpose', legalBasis: 'field.legalBasis',
  decisionRole: 'field.decisionRole', techniques: 'field.techniques', dataCategories: 'field.dataCategories',
};
export const claimLabel = (t: Translator['t'], claim: string) => (CLAIM_LABELS[claim] ? t(CLAIM_LABELS[claim]!) : claim);

/** The visible "unverified" marker, shown next to each claim the research could not confirm. */
export function Unverified({ i18n, show = true }: { i18n: Translator; show?: boolean }) {
  if (!show) return null;
  return <span class="badge unverified">{i18n.t('unverified.badge')}</span>;
}

/** A status as a coloured tag with its text (colour is never the only signal). */
export function StatusTag({ i18n, status }: { i18n: Translator; status: string }) {
  return <span class={`tag s-${status}`}>{i18n.t(`status.${status}` as MessageKey)}</span>;
}

/** One labelled row of a record's facts; "not documented" when empty. */
export function Fact({ i18n, label, unverified, children }: { i18n: Translator; label: MessageKey; unverified?: boolean; children?: ComponentChildren }) {
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <>
      <dt>{i18n.t(label)}</dt>
      <dd>
        {empty ? <span class="muted">{i18n.t('field.notDocumented')}</span> : children} <Unverified i18n={i18n} show={!!unverified} />
      </dd>
    </>
  );
}

/** A comma-free list of short values as inline chips. */
export function Chips({ values }: { values: string[] }) {
  if (!values.length) return null;
  return <ul class="chips">{values.map((v) => <li>{v}</li>)}</ul>;
}

export function CountryLinks({ i18n, codes }: { i18n: Translator; codes: string[] }) {
  if (!codes.length) return null;
  return <ul class="chips">{codes.map((c) => <li><a href={`/countries/${c}`}>{i18n.country(c)}</a></li>)}</ul>;
}

/** A list of deployments with status, deployer and technology; when cut short, a link to all of them in the register. */
export function DeploymentList({ i18n, list, allHref }: { i18n: Translator; list: { items: DeploymentListItem[]; total: number }; allHref?: string }) {
  const { items, total } = list;
  if (!items.length) return <p class="muted">{i18n.t('record.noDeployments')}</p>;
  return (
    <>
    {total > items.length ? (
      <p>
        {i18n.t('record.showingFirst', { shown: items.length, total })} {allHref ? <a href={allHref}>{i18n.t('record.seeAll')}</a> : null}
      </p>
    ) : null}
    <ul class="results">
      {items.map((d) => (
        <li>
          <a href={`/deployments/${d.slug}`} class="title">{d.title}</a> <StatusTag i18n={i18n} status={d.status} />{' '}
          <RedLineBadge i18n={i18n} verdict={d.red_line_verdict} categories={d.facet_red_lines} />{' '}
          <Unverified i18n={i18n} show={d.unverified_claims.length > 0} />
          <p class="meta">
            {d.deployer_name} · {d.technology_name} · {d.countries.map((c) => i18n.country(c)).join(', ')}
          </p>
        </li>
      ))}
    </ul>
    </>
  );
}

/** The sources under every record page, each with the claims it supports. */
export function SourceList({ i18n, sources, labels }: { i18n: Translator; sources: CitedSource[]; labels: Map<string, string> }) {
  const t = i18n.t;
  return (
    <section class="sources" aria-labelledby="sources-h">
      <h2 id="sources-h">{t('sources.title')}</h2>
      {sources.length === 0 ? (
        <p class="muted">{t('sources.none')}</p>
      ) : (
        <ol>
          {sources.map((s) => {
            const claims = [...new Set(s.supports.map((x) => {
              const record = labels.get(x.record_id);
              const claim = x.claim ? claimLabel(t, x.claim) : t('sources.whole');
              return record ? `${record} (${claim})` : claim;
            }))];
            return (
              <li id={`source-${s.slug}`}>
                <a href={s.url} rel="noopener noreferrer">{s.title ?? s.url}</a>
                {s.publisher ? <span class="muted"> — {s.publisher}</span> : null}
                {s.published_on ? <span class="muted">, {i18n.date(s.published_on)}</span> : null}
                {s.archived_url ? <> (<a href={s.archived_url} rel="noopener noreferrer">{t('sources.archived')}</a>)</> : null}
                <div class="meta">{t('sources.supports', { claims: claims.join('; ') })}</div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The note explaining the unverified marker, shown once on pages that carry one. */
export function UnverifiedNote({ i18n, show }: { i18n: Translator; show: boolean }) {
  if (!show) return null;
  return <p class="note"><span class="badge unverified">{i18n.t('unverified.badge')}</span> {i18n.t('unverified.explain')}</p>;
}
