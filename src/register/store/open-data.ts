import type { Queryable } from '../../platform/db/database.ts';
import { profileOfDeployment, UNKNOWN_DEPLOYMENT_PROFILE, type DeploymentProfile } from '../../redlines/domain/profile.ts';
import { screenProfile, SCREENING_RULES_VERSION } from '../../redlines/domain/screen-profile.ts';
import type {
  Dataset, DatasetContract, DatasetDeployment, DatasetOrganisation, DatasetRelation, DatasetSource, DatasetTechnology,
} from '../domain/dataset.ts';

// Records in the register's dataset format (what import reads and the JSON export writes), with
// their stable ids. Shared by the API, the exports and the feed.

export type Page = { limit: number; offset: number };
export type WithId<T> = T & { id: string };
type Citation = { source: string; claims: string[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are mapped field by field into typed records below
type Row = Record<string, any>;

const opt = <T>(v: T | null | undefined) => (v === null || v === undefined ? undefined : v);
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Citations of the given records, grouped per record then per source. */
async function citationsOf(db: Queryable, ids: string[]): Promise<Map<string, Citation[]>> {
  const out = new Map<string, Citation[]>();
  if (!ids.length) return out;
  const rows = await db.query<{ record_id: string; slug: string; claim: string }>(
    `SELECT c.record_id, s.slug, c.claim FROM register.citations c JOIN register.sources s ON s.id = c.source_id
     WHERE c.record_id = ANY($1::uuid[]) ORDER BY s.slug, c.claim`, [ids]);
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    let c = list.find((x) => x.source === r.slug);
    if (!c) list.push((c = { source: r.slug, claims: [] }));
    if (r.claim) c.claims.push(r.claim);
    out.set(r.record_id, list);
  }
  return out;
}

type Filter = { sql: string; params: unknown[] };
const filters = (parts: [string, unknown][]): Filter => {
  const params: unknown[] = [];
  const clauses = parts.filter(([, v]) => v !== undefined && v !== '').map(([sql, v]) => sql.replace('?', `$${params.push(v)}`));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};
const paging = (f: Filter, page?: Page) =>
  page ? ` LIMIT $${f.params.push(page.limit)} OFFSET $${f.params.push(page.offset)}` : '';
async function counted(db: Queryable, table: string, f: Filter): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${f.sql}`, f.params))[0]!.n;
}

export type OrganisationFilter = { slug?: string; kind?: string; country?: string; q?: string };
export async function listOrganisations(db: Queryable, filter: OrganisationFilter = {}, page?: Page) {
  const f = filters([['x.slug = ?', filter.slug], ['x.kind = ?', filter.kind], ['x.country = ?', filter.country], ['x.name ILIKE ?', filter.q ? `%${filter.q}%` : undefined]]);
  const total = await counted(db, 'register.organisations x', f);
  const rows = await db.query<Row>(`SELECT * FROM register.organisations x ${f.sql} ORDER BY x.slug${paging(f, page)}`, f.params);
  const cites = await citationsOf(db, rows.map((r) => r.id));
  const items = rows.map((r): WithId<DatasetOrganisation> => compact({
    id: r.id, slug: r.slug, name: r.name, kind: r.kind, country: opt(r.country), website: opt(r.website), description: opt(r.description),
    sources: cites.get(r.id) ?? [], unverified: r.unverified_claims,
  }));
  return { total, items };
}

export type TechnologyFilter = { slug?: string; technique?: string; q?: string };
export async function listTechnologies(db: Queryable, filter: TechnologyFilter = {}, page?: Page) {
  const f = filters([['x.slug = ?', filter.slug], ['? = ANY(x.techniques)', filter.technique], ['x.name ILIKE ?', filter.q ? `%${filter.q}%` : undefined]]);
  const total = await counted(db, 'register.technologies x', f);
  const rows = await db.query<Row>(`SELECT * FROM register.technologies x ${f.sql} ORDER BY x.slug${paging(f, page)}`, f.params);
  const cites = await citationsOf(db, rows.map((r) => r.id));
  const items = rows.map((r): WithId<DatasetTechnology> => compact({
    id: r.id, slug: r.slug, name: r.name, summary: r.summary, techniques: r.techniques, dataCategories: r.data_categories,
    vendorNote: opt(r.vendor_note), documentedRedLines: r.documented_red_lines, documentedRedLinesRationale: opt(r.documented_red_lines_rationale),
    sources: cites.get(r.id) ?? [], unverified: r.unverified_claims,
  }));
  return { total, items };
}

/** A deployment's screening as exports and the API carry it: the verdict, why, and the rules' version. */
export function redLineScreeningOf(profile: Partial<DeploymentProfile>, decisionRole: string) {
  const s = screenProfile(profileOfDeployment({ ...UNKNOWN_DEPLOYMENT_PROFILE, ...profile }, decisionRole));
  return { verdict: s.verdict, categories: s.findings.map((f) => f.id), rules: SCREENING_RULES_VERSION, findings: s.findings, undetermined: s.undetermined, toReview: s.toReview };
}

/** Deployments in dataset format, for the given ids in order, or all of them. */
export async function deploymentsInDatasetFormat(db: Queryable, ids?: string[], page?: Page, opts: { screening?: boolean } = {}) {
  const f = filters([['x.id = ANY(?::uuid[])', ids]]);
  const rows = await db.query<Row>(
    `SELECT x.*, t.slug AS technology_slug, o.slug AS deployer_slug FROM register.deployments x
     JOIN register.technologies t ON t.id = x.technology_id JOIN register.organisations o ON o.id = x.deployer_id ${f.sql}
     ORDER BY x.slug${paging(f, page)}`, f.params);
  const cites = await citationsOf(db, rows.map((r) => r.id));
  const byId = new Map(rows.map((r): [string, WithId<DatasetDeployment>] => [r.id, compact({
    id: r.id, slug: r.slug, technology: r.technology_slug, deployer: r.deployer_slug, deployerRole: opt(r.deployer_role), title: r.title,
    countries: r.countries, sites: r.sites, purpose: opt(r.purpose), legalBasis: opt(r.legal_basis), decisionRole: r.decision_role,
    affectedGroups: r.affected_groups, periodStart: opt(r.period_start), periodEnd: opt(r.period_end), periodText: opt(r.period_text),
    status: r.status, statusNote: opt(r.status_note), profile: { ...UNKNOWN_DEPLOYMENT_PROFILE, ...r.profile },
    ...(opts.screening ? { redLineScreening: redLineScreeningOf(r.profile, r.decision_role) } : {}),
    sources: cites.get(r.id) ?? [], unverified: r.unverified_claims,
  })]));
  return ids ? ids.map((id) => byId.get(id)!).filter(Boolean) : [...byId.values()];
}

export type RelationFilter = { kind?: string; organisation?: string };
export async function listRelations(db: Queryable, filter: RelationFilter = {}, page?: Page) {
  const f = filters([['x.kind = ?', filter.kind], ['o.slug = ?', filter.organisation]]);
  const from = `register.relations x JOIN register.organisations o ON o.id = x.organisation_id`;
  const total = await counted(db, from, f);
  const rows = await db.query<Row>(
    `SELECT x.*, o.slug AS organisation_slug, t.slug AS technology_slug, d.slug AS deployment_slug, c.slug AS counterpart_slug
     FROM ${from} LEFT JOIN register.technologies t ON t.id = x.technology_id LEFT JOIN register.deployments d ON d.id = x.deployment_id
     LEFT JOIN register.organisations c ON c.id = x.counterpart_id ${f.sql} ORDER BY o.slug, x.kind, x.id${paging(f, page)}`, f.params);
  const cites = await citationsOf(db, rows.map((r) => r.id));
  const items = rows.map((r): WithId<DatasetRelation> => compact({
    id: r.id, organisation: r.organisation_slug, kind: r.kind, technology: opt(r.technology_slug), deployment: opt(r.deployment_slug),
    counterpart: opt(r.counterpart_slug), note: opt(r.note), sources: cites.get(r.id) ?? [], unverified: r.unverified_claims,
  }));
  return { total, items };
}

export type ContractFilter = { slug?: string; currency?: string };
export async function listContracts(db: Queryable, filter: ContractFilter = {}, page?: Page) {
  const f = filters([['x.slug = ?', filter.slug], ['x.currency = ?', filter.currency]]);
  const total = await counted(db, 'register.contracts x', f);
  const rows = await db.query<Row>(
    `SELECT x.*, trim_scale(x.amount)::text AS amount_text, p.slug AS payer_slug, r.slug AS recipient_slug, t.slug AS technology_slug, d.slug AS deployment_slug
     FROM register.contracts x LEFT JOIN register.organisations p ON p.id = x.payer_id LEFT JOIN register.organisations r ON r.id = x.recipient_id
     LEFT JOIN register.technologies t ON t.id = x.technology_id LEFT JOIN register.deployments d ON d.id = x.deployment_id
     ${f.sql} ORDER BY x.slug${paging(f, page)}`, f.params);
  const cites = await citationsOf(db, rows.map((r) => r.id));
  const items = rows.map((r): WithId<DatasetContract> => compact({
    id: r.id, slug: r.slug, title: r.title, payer: opt(r.payer_slug), recipient: opt(r.recipient_slug), technology: opt(r.technology_slug),
    deployment: opt(r.deployment_slug), amount: opt(r.amount_text), currency: opt(r.currency), programme: opt(r.programme),
    startDate: opt(r.start_date), endDate: opt(r.end_date), reference: opt(r.reference), sources: cites.get(r.id) ?? [], unverified: r.unverified_claims,
  }));
  return { total, items };
}

export type SourceFilter = { slug?: string; publisher?: string };
export async function listSources(db: Queryable, filter: SourceFilter = {}, page?: Page) {
  const f = filters([['x.slug = ?', filter.slug], ['x.publisher = ?', filter.publisher]]);
  const total = await counted(db, 'register.sources x', f);
  const rows = await db.query<Row>(`SELECT * FROM register.sources x ${f.sql} ORDER BY x.slug${paging(f, page)}`, f.params);
  const items = rows.map((r): WithId<DatasetSource> => compact({
    id: r.id, slug: r.slug, url: r.url, title: opt(r.title), publisher: opt(r.publisher), publishedOn: opt(r.published_on), archivedUrl: opt(r.archived_url),
  }));
  return { total, items };
}

/** The whole register in its dataset format, with each deployment's screening (the JSON export; re-importable). */
export async function loadDataset(db: Queryable): Promise<Dataset> {
  const strip = <T extends { id: string }>(items: T[]) => items.map(({ id: _id, ...rest }) => rest);
  const [sources, organisations, technologies, deployments, relations, contracts] = await Promise.all([
    listSources(db), listOrganisations(db), listTechnologies(db), deploymentsInDatasetFormat(db, undefined, undefined, { screening: true }), listRelations(db), listContracts(db),
  ]);
  return {
    format: 'safeguard-register',
    version: 1,
    sources: strip(sources.items),
    organisations: strip(organisations.items),
    technologies: strip(technologies.items),
    deployments: strip(deployments),
    relations: strip(relations.items),
    contracts: strip(contracts.items),
  } as Dataset;
}
