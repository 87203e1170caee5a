import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { FACETS, PAGE_SIZE, SEARCH_SORTS, searchHref, toggleFacet, type FacetName, type SearchQuery } from '../../domain/search-query.ts';
import type { ChangeRow, RegisterCounts } from '../../store/records.ts';
import type { FacetValue, SearchResult } from '../../domain/deployment-index.ts';
import { recordPath } from '../../domain/vocabulary.ts';
import { RedLineBadge, redLineFacetLabel } from '../../../redlines/http/views/screening.tsx';
import { StatusTag, Unverified } from './components.tsx';

function SearchBox({ i18n, q, id }: { i18n: Translator; q: string; id: string }) {
  return (
    <div class="searchbox">
      <label for={id}>{i18n.t('search.label')}</label>
      <div class="row">
        <input type="search" id={id} name="q" value={q} maxLength={200} placeholder={i18n.t('search.placeholder')} />
        <button type="submit">{i18n.t('search.button')}</button>
      </div>
    </div>
  );
}


/** The home page: what this is, headline counts, a search box and recent changes. */
export function HomePage({ i18n, counts, changes }: { i18n: Translator; counts: RegisterCounts; changes: ChangeRow[] }) {
  const t = i18n.t;
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <form action="/register" method="get" role="search">
        <SearchBox i18n={i18n} q="" id="home-q" />
      </form>
      <p>{t('home.counts', counts)}</p>
      <p><a href="/register">{t('home.browse')}</a></p>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t('home.recent')}</h2>
        {changes.length === 0 ? <p class="muted">{t('home.noChanges')}</p> : (
          <ul class="plain">
            {changes.map((c) => (
              <li>
                <a href={recordPath(c.record_type, c.slug)}>
                  {t(c.action === 'created' ? 'change.created' : c.action === 'withdrawn' ? 'change.withdrawn' : 'change.updated', { type: c.record_type, title: c.title })}
                </a>{' '}
                <span class="muted">{i18n.date(c.occurred_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function facetLabel(i18n: Translator, facet: FacetName, v: FacetValue): string {
  if (facet === 'status') return i18n.t(`status.${v.value}` as MessageKey);
  if (facet === 'role') return i18n.t(`role.${v.value}` as MessageKey);
  if (facet === 'country') return i18n.country(v.value);
  if (facet === 'redline') return redLineFacetLabel(i18n, v.value);
  return v.label;
}

function Facet({ i18n, facet, values, selected }: { i18n: Translator; facet: FacetName; values: FacetValue[]; selected: string[] }) {
  if (!values.length) return null;
  return (
    <fieldset class="facet">
      <legend>{i18n.t(`facet.${facet}` as MessageKey)}</legend>
      <ul>
        {values.map((v, i) => (
          <li>
            <input type="checkbox" name={facet} value={v.value} id={`f-${facet}-${i}`} checked={selected.includes(v.value)} />
            <label for={`f-${facet}-${i}`}>
              {facetLabel(i18n, facet, v)} <span class="count">({i18n.number(v.count)})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The register: full-text search, combinable facets with counts, sorting and pagination, all in the URL. */
export function RegisterPage({ i18n, query, result }: { i18n: Translator; query: SearchQuery; result: SearchResult }) {
  const t = i18n.t;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const active = FACETS.flatMap((f) => (query[f] as string[]).map((v) => ({ facet: f, value: v })));
  const labelOf = (facet: FacetName, value: string) =>
    facetLabel(i18n, facet, result.facets[facet].find((x) => x.value === value) ?? { value, label: value, count: 0 });
  return (
    <>
      <h1>{t('register.title')}</h1>
      <p class="meta"><a href="/suggest">{t('suggest.linkTechnology')}</a></p>
      <form action="/register" method="get" class="register" role="search">
        <SearchBox i18n={i18n} q={query.q} id="register-q" />
        <div class="layout">
          <div class="filters">
            <h2>{t('register.filters')}</h2>
            {FACETS.map((f) => <Facet i18n={i18n} facet={f} values={result.facets[f]} selected={query[f] as string[]} />)}
            <button type="submit">{t('register.apply')}</button>
          </div>
          <div class="results-col">
            <div class="summary">
              <p role="status">
                <strong>{query.q ? t('register.resultsFor', { total: result.total, q: query.q }) : t('register.results', { total: result.total })}</strong>
              </p>
              <label for="sort">{t('register.sort')}</label>{' '}
              <select id="sort" name="sort">
                {SEARCH_SORTS.filter((s) => s !== 'relevance' || query.terms.length).map((s) => (
                  <option value={s} selected={s === query.sort}>{t(`register.sort.${s}` as MessageKey)}</option>
                ))}
              </select>{' '}
              <button type="submit" class="secondary">{t('search.button')}</button>
            </div>
            {active.length ? (
              <ul class="active-filters">
                {active.map((a) => (
                  <li><a href={toggleFacet(query, a.facet, a.value)}>{t('register.remove', { label: labelOf(a.facet, a.value) })}</a></li>
                ))}
                <li><a href={searchHref(query, { ...Object.fromEntries(FACETS.map((f) => [f, []])), page: 1 })}>{t('register.clear')}</a></li>
              </ul>
            ) : null}
            {result.hits.length === 0 ? <p>{t('register.noResults')}</p> : (
              <ol class="results" start={(query.page - 1) * PAGE_SIZE + 1}>
                {result.hits.map((h) => (
                  <li>
                    <a class="title" href={`/deployments/${h.slug}`}>{h.title}</a> <StatusTag i18n={i18n} status={h.status} />{' '}
                    <RedLineBadge i18n={i18n} verdict={h.red_line_verdict} categories={h.facet_red_lines} />{' '}
                    <Unverified i18n={i18n} show={h.unverified_claims.length > 0} />
                    <p class="meta">
                      <a href={`/organisations/${h.deployer_slug}`}>{h.deployer_name}</a> · <a href={`/technologies/${h.technology_slug}`}>{h.technology_name}</a> ·{' '}
                      {h.countries.map((c) => i18n.country(c)).join(', ')}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {pages > 1 ? (
              <nav aria-label={t('register.pagination')} class="pager">
                {query.page > 1 ? <a rel="prev" href={searchHref(query, { page: query.page - 1 })}>{t('register.previous')}</a> : null}
                <span>{t('register.page', { page: query.page, pages })}</span>
                {query.page < pages ? <a rel="next" href={searchHref(query, { page: query.page + 1 })}>{t('register.next')}</a> : null}
              </nav>
            ) : null}
          </div>
        </div>
      </form>
    </>
  );
}
