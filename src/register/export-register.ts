import { stringify } from 'csv-stringify/sync';
import { zipSync, strToU8 } from 'fflate';
import type { Queryable } from '../platform/db/database.ts';
import { neutraliseCsvCell } from './domain/csv-safety.ts';
import type { Dataset } from './domain/dataset.ts';
import { DATA_LICENCE } from './domain/vocabulary.ts';
import { lastModified, registerCounts } from './store/records.ts';
import { loadDataset } from './store/open-data.ts';

export { EXPORT_FORMATS, type ExportFormat } from './domain/vocabulary.ts';

type Cell = string | number | string[] | { source: string; claims: string[] }[] | undefined;
const cell = (v: Cell): string =>
  v === undefined ? '' : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : x.claims.length ? `${x.source} (${x.claims.join(', ')})` : x.source)).join('; ') : String(v);

function csv(rows: Record<string, Cell>[], columns: string[]): string {
  return stringify(rows.map((r) => columns.map((c) => neutraliseCsvCell(cell(r[c])))), { header: true, columns, bom: false });
}

/** A deployment's profile and screening as flat CSV cells ("unknown" stays the word unknown). */
function screeningCells(d: Dataset['deployments'][number]): Record<string, Cell> {
  const p = d.profile;
  const listOrUnknown = (v: string[] | 'unknown' | undefined) => (v === undefined ? 'unknown' : v);
  const screening = d.redLineScreening as { verdict: string; categories: string[] } | undefined;
  return {
    redLineVerdict: screening?.verdict, redLineCategories: screening?.categories,
    profileContext: listOrUnknown(p?.context), profileSubjects: p?.subjects ?? 'unknown', profileCapabilities: listOrUnknown(p?.capabilities),
    profileInputs: listOrUnknown(p?.inputs),
    profileDataSharing: p?.dataSharing === undefined || p.dataSharing === 'unknown' ? 'unknown'
      : p.dataSharing.map((s) => `${s.with} (${s.scale}${s.legalBasis ? `; legal basis: ${s.legalBasis}` : ''})`),
  };
}
const SCREENING_COLUMNS = ['redLineVerdict', 'redLineCategories', 'profileContext', 'profileSubjects', 'profileCapabilities', 'profileInputs', 'profileDataSharing'];

/** One CSV text per record type; list cells are joined with "; " and formula-like cells neutralised. */
export function datasetToCsvFiles(d: Dataset): Record<string, string> {
  return {
    'sources.csv': csv(d.sources, ['slug', 'url', 'title', 'publisher', 'publishedOn', 'archivedUrl']),
    'organisations.csv': csv(d.organisations, ['slug', 'name', 'kind', 'country', 'website', 'description', 'sources', 'unverified']),
    'technologies.csv': csv(d.technologies, ['slug', 'name', 'summary', 'techniques', 'dataCategories', 'vendorNote', 'documentedRedLines', 'documentedRedLinesRationale', 'sources', 'unverified']),
    'deployments.csv': csv(d.deployments.map((x) => ({ ...x, profile: undefined, redLineScreening: undefined, ...screeningCells(x) })), ['slug', 'title', 'technology', 'deployer', 'deployerRole', 'countries', 'sites', 'purpose', 'legalBasis', 'decisionRole', 'affectedGroups', 'periodStart', 'periodEnd', 'periodText', 'status', 'statusNote', ...SCREENING_COLUMNS, 'sources', 'unverified']),
    'relations.csv': csv(d.relations, ['organisation', 'kind', 'technology', 'deployment', 'counterpart', 'note', 'sources', 'unverified']),
    'contracts.csv': csv(d.contracts, ['slug', 'title', 'payer', 'recipient', 'technology', 'deployment', 'amount', 'currency', 'programme', 'startDate', 'endDate', 'reference', 'sources', 'unverified']),
  };
}

/** The CSV files in one zip archive. */
export function csvZip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}

/** A deployment's red-line screening as schema.org property values. */
const redLineProperties = (s: { verdict: string; categories: string[] }) => [
  { '@type': 'PropertyValue', propertyID: 'redLineVerdict', value: s.verdict },
  ...s.categories.map((c) => ({ '@type': 'PropertyValue', propertyID: 'redLineCategory', value: c })),
];

/** A DCAT dataset description with schema.org records (JSON-LD), with licence and modification date. */
export async function jsonLd(db: Queryable, baseUrl: string, d?: Dataset) {
  const dataset = d ?? (await loadDataset(db));
  const [modified, counts] = await Promise.all([lastModified(db), registerCounts(db)]);
  const at = (p: string) => `${baseUrl}${p}`;
  return {
    '@context': { '@vocab': 'https://schema.org/', dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
    '@type': ['Dataset', 'dcat:Dataset'],
    '@id': at('/open-data'),
    name: 'Safeguard register of digital technologies in asylum and migration',
    description: `Technologies, deployments, organisations and sources: ${counts.technologies} technologies, ${counts.deployments} deployments, ${counts.organisations} organisations, ${counts.sources} sources.`,
    license: DATA_LICENCE.url,
    'dct:license': { '@id': DATA_LICENCE.url },
    dateModified: (modified ?? new Date(0)).toISOString(),
    'dct:modified': (modified ?? new Date(0)).toISOString(),
    distribution: [
      { '@type': ['DataDownload', 'dcat:Distribution'], encodingFormat: 'application/zip', contentUrl: at('/exports/register-csv.zip'), 'dcat:mediaType': 'application/zip' },
      { '@type': ['DataDownload', 'dcat:Distribution'], encodingFormat: 'application/json', contentUrl: at('/exports/register.json'), 'dcat:mediaType': 'application/json' },
      { '@type': ['DataDownload', 'dcat:Distribution'], encodingFormat: 'application/ld+json', contentUrl: at('/exports/register.jsonld'), 'dcat:mediaType': 'application/ld+json' },
    ],
    hasPart: [
      ...dataset.organisations.map((o) => ({ '@type': 'Organization', '@id': at(`/organisations/${o.slug}`), name: o.name, additionalType: o.kind, ...(o.country ? { areaServed: o.country } : {}), ...(o.website ? { url: o.website } : {}) })),
      ...dataset.technologies.map((t) => ({
        '@type': 'SoftwareApplication', '@id': at(`/technologies/${t.slug}`), name: t.name, description: t.summary, keywords: t.techniques,
        citation: t.sources.map((s) => ({ '@id': at(`/sources#${s.source}`) })),
      })),
      ...dataset.deployments.map((x) => ({
        '@type': 'Action', '@id': at(`/deployments/${x.slug}`), name: x.title, actionStatus: x.status,
        agent: { '@id': at(`/organisations/${x.deployer}`) }, instrument: { '@id': at(`/technologies/${x.technology}`) },
        location: x.countries, ...(x.unverified.length ? { 'unverifiedClaims': x.unverified } : {}),
        ...(x.redLineScreening ? { additionalProperty: redLineProperties(x.redLineScreening as { verdict: string; categories: string[] }) } : {}),
      })),
      ...dataset.sources.map((s) => ({ '@type': 'CreativeWork', '@id': at(`/sources#${s.slug}`), url: s.url, ...(s.title ? { name: s.title } : {}), ...(s.publisher ? { publisher: s.publisher } : {}) })),
    ],
  };
}
