import type { Queryable } from '../../platform/db/database.ts';
import type { DeploymentProfile } from '../../redlines/domain/profile.ts';
import type { RedLineFacetValue, Verdict } from '../../redlines/domain/screen-profile.ts';
import type { RecordType } from '../domain/vocabulary.ts';

export type OrganisationRow = {
  id: string; slug: string; name: string; kind: string; country: string | null; website: string | null;
  description: string | null; unverified_claims: string[]; updated_at: Date;
};
export type TechnologyRow = {
  id: string; slug: string; name: string; summary: string; techniques: string[]; data_categories: string[];
  vendor_note: string | null; documented_red_lines: string[]; documented_red_lines_rationale: string | null;
  unverified_claims: string[]; updated_at: Date;
};
export type DeploymentRow = {
  id: string; slug: string; title: string; technology_id: string; deployer_id: string; deployer_role: string | null;
  countries: string[]; sites: string[]; purpose: string | null; legal_basis: string | null; decision_role: string;
  affected_groups: string[]; period_start: string | null; period_end: string | null; period_text: string | null;
  status: string; status_note: string | null; unverified_claims: string[]; updated_at: Date;
  profile: Partial<DeploymentProfile>; red_line_verdict: Verdict; facet_red_lines: RedLineFacetValue[];
};
export type RelationView = {
  id: string; kind: string; note: string | null; unverified_claims: string[];
  organisation_slug: string; organisation_name: string; organisation_kind: string;
  technology_slug: string | null; technology_name: string | null; deployment_slug: string | null; deployment_title: string | null;
  counterpart_slug: string | null; counterpart_name: string | null;
};
export type ContractView = {
  id: string; slug: string; title: string; amount: string | null; currency: string | null; programme: string | null;
  start_date: string | null; end_date: string | null; reference: string | null; unverified_claims: string[];
  payer_slug: string | null; payer_name: string | null; recipient_slug: string | null; recipient_name: string | null;
  technology_slug: string | null; technology_name: string | null;
};
export type DeploymentListItem = {
  slug: string; title: string; status: string; countries: string[]; unverified_claims: string[];
  red_line_verdict: Verdict; facet_red_lines: RedLineFacetValue[];
  technology_slug: string; technology_name: string; deployer_slug: string; deployer_name: string;
};
export type CitedSource = {
  id: string; slug: string; url: string; title: string | null; publisher: string | null; published_on: string | null;
  archived_url: string | null; supports: { record_type: RecordType; record_id: string; claim: string }[];
};

const DEPLOYMENT_COLUMNS = `d.id, d.slug, d.title, d.technology_id, d.deployer_id, d.deployer_role, d.countries, d.sites, d.purpose,
  d.legal_basis, d.decision_role, d.affected_groups, d.period_start, d.period_end, d.period_text, d.status, d.status_note,
  d.unverified_claims, d.updated_at, d.profile, d.red_line_verdict, d.facet_red_lines`;
const LIST_COLUMNS = `d.slug, d.title, d.status, d.countries, d.unverified_claims, d.red_line_verdict, d.facet_red_lines, t.slug AS technology_slug, t.name AS technology_name,
  o.slug AS deployer_slug, o.name AS deployer_name`;
const LIST_FROM = `register.deployments d JOIN register.technologies t ON t.id = d.technology_id JOIN register.organisations o ON o.id = d.deployer_id`;
const RELATION_SELECT = `SELECT r.id, r.kind, r.note, r.unverified_claims, o.slug AS organisation_slug, o.name AS organisation_name,
  o.kind AS organisation_kind, t.slug AS technology_slug, t.name AS technology_name, d.slug AS deployment_slug, d.title AS deployment_title,
  c.slug AS counterpart_slug, c.name AS counterpart_name
  FROM register.relations r JOIN register.organisations o ON o.id = r.organisation_id
  LEFT JOIN register.technologies t ON t.id = r.technology_id LEFT JOIN register.deployments d ON d.id = r.deployment_id
  LEFT JOIN register.organisations c ON c.id = r.counterpart_id`;
const CONTRACT_SELECT = `SELECT k.id, k.slug, k.title, k.amount::text AS amount, k.currency, k.programme, k.start_date, k.end_date, k.reference, k.unverified_claims,
  p.slug AS payer_slug, p.name AS payer_name, r.slug AS recipient_slug, r.name AS recipient_name, t.slug AS technology_slug, t.name AS technology_name
  FROM register.contracts k LEFT JOIN register.organisations p ON p.id = k.payer_id LEFT JOIN register.organisations r ON r.id = k.recipient_id
  LEFT JOIN register.technologies t ON t.id = k.technology_id`;

const ORGANISATION_COLUMNS = 'id, slug, name, kind, country, website, description, unverified_claims, updated_at';
const TECHNOLOGY_COLUMNS = `id, slug, name, summary, techniques, data_categories, vendor_note, documented_red_lines,
  documented_red_lines_rationale, unverified_claims, updated_at`;

export const findOrganisation = async (db: Queryable, slug: string) =>
  (await db.query<OrganisationRow>(`SELECT ${ORGANISATION_COLUMNS} FROM register.organisations WHERE slug = $1`, [slug], { prepare: true }))[0];

export const findTechnology = async (db: Queryable, slug: string) =>
  (await db.query<TechnologyRow>(`SELECT ${TECHNOLOGY_COLUMNS} FROM register.technologies WHERE slug = $1`, [slug], { prepare: true }))[0];

/**
 * The union of one indexed lookup per given filter: `select` is the shared SELECT … FROM, each
 * branch a condition. (A single WHERE a = $1 OR b = $2 … would scan the whole table.)
 */
async function unionOf<T>(db: Queryable, select: string, branches: [string, unknown][], orderBy: string, limit: number): Promise<T[]> {
  const given = branches.filter(([, v]) => v !== undefined);
  if (!given.length) return [];
  const sql = given.map(([cond], i) => `${select} WHERE ${cond.replace('?', `$${i + 1}`)}`).join(' UNION ');
  return db.query<T>(`SELECT * FROM (${sql}) x ORDER BY ${orderBy} LIMIT ${limit}`, given.map(([, v]) => v));
}

/** Relations naming this technology, these deployments, or this organisation. */
export function relationsWhere(db: Queryable, filter: { technologyId?: string; deploymentIds?: string[]; organisationId?: string }) {
  return unionOf<RelationView>(db, RELATION_SELECT, [
    ['r.technology_id = ?', filter.technologyId],
    ['r.deployment_id = ANY(?::uuid[])', filter.deploymentIds],
    ['r.organisation_id = ?', filter.organisationId],
    ['r.counterpart_id = ?', filter.organisationId],
  ], 'kind, organisation_name, id', 500);
}

/** Contracts of this technology or deployment, or paid or received by this organisation. */
export function contractsWhere(db: Queryable, filter: { technologyId?: string; deploymentId?: string; organisationId?: string }) {
  return unionOf<ContractView>(db, CONTRACT_SELECT, [
    ['k.technology_id = ?', filter.technologyId],
    ['k.deployment_id = ?', filter.deploymentId],
    ['k.payer_id = ?', filter.organisationId],
    ['k.recipient_id = ?', filter.organisationId],
  ], 'start_date NULLS LAST, title, id', 200);
}

/** How many deployments a record page lists before pointing to the register for the rest. */
export const RECORD_PAGE_DEPLOYMENTS = 50;

/** Deployments of a technology, by a deployer, or in a country: the first ones by title, and how many there are. */
export async function deploymentsWhere(db: Queryable, filter: { technologyId?: string; deployerId?: string; country?: string }) {
  const [column, value] = filter.technologyId ? ['d.technology_id = $1', filter.technologyId]
    : filter.deployerId ? ['d.deployer_id = $1', filter.deployerId] : ['d.countries @> ARRAY[$1::text]', filter.country];
  const [items, [count]] = await Promise.all([
    db.query<DeploymentListItem>(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${column} ORDER BY d.title, d.id LIMIT ${RECORD_PAGE_DEPLOYMENTS}`, [value], { prepare: true }),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM register.deployments d WHERE ${column}`, [value], { prepare: true }),
  ]);
  return { items, total: count!.n };
}

type CitationRow = CitedSource & { record_type: RecordType; record_id: string; claim: string };
const CITATION_SELECT = `SELECT s.id, s.slug, s.url, s.title, s.publisher, s.published_on, s.archived_url, c.record_type, c.record_id, c.claim
  FROM register.citations c JOIN register.sources s ON s.id = c.source_id`;

function groupBySource(rows: CitationRow[]): CitedSource[] {
  const bySource = new Map<string, CitedSource>();
  for (const r of rows) {
    const s = bySource.get(r.id) ?? { id: r.id, slug: r.slug, url: r.url, title: r.title, publisher: r.publisher, published_on: r.published_on, archived_url: r.archived_url, supports: [] };
    s.supports.push({ record_type: r.record_type, record_id: r.record_id, claim: r.claim });
    bySource.set(r.id, s);
  }
  return [...bySource.values()];
}

/** The sources cited by any of these records, each with the claims it supports. */
export async function citedSources(db: Queryable, recordIds: string[]): Promise<CitedSource[]> {
  if (!recordIds.length) return [];
  return groupBySource(await db.query<CitationRow>(`${CITATION_SELECT} WHERE c.record_id = ANY($1::uuid[]) ORDER BY s.publisher, s.url`, [recordIds], { prepare: true }));
}

export type DeploymentPageData = {
  deployment: DeploymentRow; technology: TechnologyRow; deployer: OrganisationRow;
  relations: RelationView[]; contracts: ContractView[]; sources: CitedSource[];
};

/** Timestamps arrive as ISO strings when a row travels inside JSON. */
const withDate = <T extends { updated_at: Date }>(row: T): T => ({ ...row, updated_at: new Date(row.updated_at) });

/**
 * Everything a deployment page shows, in one prepared statement (one round trip): the deployment,
 * its technology and deployer, the relations of either, the contracts of either and the sources
 * cited by the deployment, its own relations and those contracts.
 */
export async function findDeploymentPage(db: Queryable, slug: string): Promise<DeploymentPageData | undefined> {
  const [row] = await db.query<{
    deployment: DeploymentRow; technology: TechnologyRow; deployer: OrganisationRow;
    relations: RelationView[]; contracts: ContractView[]; citations: CitationRow[];
  }>(
    `WITH dep AS (SELECT ${DEPLOYMENT_COLUMNS} FROM register.deployments d WHERE d.slug = $1)
     SELECT row_to_json(dep) AS deployment,
       (SELECT row_to_json(x) FROM (SELECT ${TECHNOLOGY_COLUMNS} FROM register.technologies WHERE id = dep.technology_id) x) AS technology,
       (SELECT row_to_json(x) FROM (SELECT ${ORGANISATION_COLUMNS} FROM register.organisations WHERE id = dep.deployer_id) x) AS deployer,
       (SELECT coalesce(json_agg(x ORDER BY x.kind, x.organisation_name, x.id), '[]') FROM (
          SELECT * FROM (${RELATION_SELECT} WHERE r.technology_id = dep.technology_id
            UNION ${RELATION_SELECT} WHERE r.deployment_id = dep.id) u ORDER BY kind, organisation_name, id LIMIT 500) x) AS relations,
       (SELECT coalesce(json_agg(x ORDER BY x.start_date NULLS LAST, x.title, x.id), '[]') FROM (
          SELECT * FROM (${CONTRACT_SELECT} WHERE k.technology_id = dep.technology_id
            UNION ${CONTRACT_SELECT} WHERE k.deployment_id = dep.id) u ORDER BY start_date NULLS LAST, title, id LIMIT 200) x) AS contracts,
       (SELECT coalesce(json_agg(x ORDER BY x.publisher, x.url), '[]') FROM (${CITATION_SELECT} WHERE c.record_id IN (
          SELECT dep.id
          UNION ALL SELECT id FROM register.relations WHERE deployment_id = dep.id
          UNION ALL SELECT id FROM register.contracts WHERE technology_id = dep.technology_id
          UNION ALL SELECT id FROM register.contracts WHERE deployment_id = dep.id)) x) AS citations
     FROM dep`,
    [slug],
    { prepare: true },
  );
  if (!row) return undefined;
  return {
    deployment: withDate(row.deployment), technology: withDate(row.technology), deployer: withDate(row.deployer),
    relations: row.relations, contracts: row.contracts, sources: groupBySource(row.citations),
  };
}

/** Deployers active in a country, with how many of their deployments are there. */
export function deployersInCountry(db: Queryable, country: string) {
  return db.query<{ slug: string; name: string; count: number }>(
    `SELECT o.slug, o.name, count(*)::int AS count FROM register.deployments d JOIN register.organisations o ON o.id = d.deployer_id
     WHERE d.countries @> ARRAY[$1::text] GROUP BY o.slug, o.name ORDER BY count DESC, o.name LIMIT 100`,
    [country],
  );
}

/** Every country named by a deployment, with its number of deployments. */
export function countries(db: Queryable) {
  return db.query<{ code: string; count: number }>(
    'SELECT v AS code, count(*)::int AS count FROM register.deployments d, unnest(d.countries) v GROUP BY v ORDER BY v',
  );
}

export type RegisterCounts = { technologies: number; deployments: number; organisations: number; sources: number; countries: number };

/** Headline counts for the home page and the dataset description. */
export async function registerCounts(db: Queryable): Promise<RegisterCounts> {
  const [row] = await db.query<RegisterCounts>(`SELECT
    (SELECT count(*)::int FROM register.technologies) AS technologies,
    (SELECT count(*)::int FROM register.deployments) AS deployments,
    (SELECT count(*)::int FROM register.organisations) AS organisations,
    (SELECT count(*)::int FROM register.sources) AS sources,
    (SELECT count(DISTINCT v)::int FROM register.deployments d, unnest(d.countries) v) AS countries`);
  return row!;
}

export type ChangeRow = { id: number; occurred_at: Date; record_type: RecordType; record_id: string; slug: string; title: string; action: 'created' | 'updated' | 'withdrawn' };

/** The most recent public changes, newest first. */
export function recentChanges(db: Queryable, limit: number) {
  return db.query<ChangeRow>('SELECT id, occurred_at, record_type, record_id, slug, title, action FROM register.changes ORDER BY occurred_at DESC, id DESC LIMIT $1', [limit]);
}

/** When the register last changed (for the dataset description and the feed). */
export async function lastModified(db: Queryable): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>('SELECT max(occurred_at) AS at FROM register.changes');
  return row?.at ?? null;
}
