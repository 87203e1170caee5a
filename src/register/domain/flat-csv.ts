import { slugify } from '../../platform/slug.ts';
import { DECISION_ROLES, DEPLOYMENT_STATUSES, ORGANISATION_KINDS, type DecisionRole, type DeploymentStatus, type OrganisationKind } from './vocabulary.ts';
import type { Dataset, DatasetOrganisation } from './dataset.ts';

// The flat CSV that `safeguard import` accepts: one row per deployment, lists separated by ";".
// Meant for people who collect data in a spreadsheet.
export const FLAT_CSV_COLUMNS = [
  'technology', 'technology_summary', 'deployer', 'deployer_kind', 'countries', 'status', 'status_note', 'decision_role',
  'purpose', 'legal_basis', 'vendors', 'funders', 'techniques', 'data_categories', 'affected_groups', 'period', 'sources', 'unverified',
] as const;
const REQUIRED = ['technology', 'deployer', 'status', 'sources'] as const;

export type CsvRow = { line: number; values: Record<string, string> };
export type CsvProblem = { line: number; column: number; message: string };

const split = (v: string | undefined) => (v ?? '').split(';').map((x) => x.trim()).filter(Boolean);

/** Converts flat CSV rows (one per deployment) into a dataset; problems name the line and column. */
export function flatCsvToDataset(header: string[], rows: CsvRow[]): { ok: true; dataset: Dataset } | { ok: false; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const col = (name: string) => header.indexOf(name) + 1;
  header.forEach((h, i) => {
    if (!(FLAT_CSV_COLUMNS as readonly string[]).includes(h)) problems.push({ line: 1, column: i + 1, message: `unknown column "${h}"; expected some of ${FLAT_CSV_COLUMNS.join(', ')}` });
  });
  for (const r of REQUIRED) if (!header.includes(r)) problems.push({ line: 1, column: 1, message: `missing required column "${r}"` });
  if (problems.length) return { ok: false, problems };

  const d: Dataset = { format: 'safeguard-register', version: 1, sources: [], organisations: [], technologies: [], deployments: [], relations: [], contracts: [] };
  const orgs = new Map<string, DatasetOrganisation>();
  const org = (name: string, kind: OrganisationKind) => {
    const slug = slugify(name, 70);
    if (!orgs.has(slug)) orgs.set(slug, { slug, name, kind, sources: [], unverified: [] });
    return slug;
  };
  const sourceSlugs = new Map<string, string>();
  for (const { line, values: v } of rows) {
    const fail = (column: string, message: string) => problems.push({ line, column: col(column), message });
    for (const r of REQUIRED) if (!v[r]?.trim()) fail(r, `"${r}" is required`);
    const status = (v.status ?? '').trim() as DeploymentStatus;
    if (v.status && !DEPLOYMENT_STATUSES.includes(status)) fail('status', `status must be one of ${DEPLOYMENT_STATUSES.join(', ')}`);
    const role = ((v.decision_role ?? '').trim() || 'unknown') as DecisionRole;
    if (!DECISION_ROLES.includes(role)) fail('decision_role', `decision_role must be one of ${DECISION_ROLES.join(', ')}`);
    const kind = ((v.deployer_kind ?? '').trim() || 'public_body') as OrganisationKind;
    if (!ORGANISATION_KINDS.includes(kind)) fail('deployer_kind', `deployer_kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
    const countries = split(v.countries).map((c) => c.toUpperCase());
    if (countries.some((c) => !/^[A-Z]{2}$/.test(c))) fail('countries', 'countries are two-letter codes separated by ";"');
    const urls = split(v.sources);
    for (const u of urls) {
      try {
        if (!/^https?:$/.test(new URL(u).protocol)) throw new Error();
      } catch {
        fail('sources', `"${u}" is not an http(s) URL`);
      }
    }
    if (problems.length) continue;
    const techName = v.technology!.trim();
    const tech = slugify(techName, 70);
    const cites = urls.map((url) => {
      let slug = sourceSlugs.get(url);
      if (!slug) {
        slug = slugify(url.replace(/^https?:\/\/(www\.)?/, ''), 70);
        while ([...sourceSlugs.values()].includes(slug)) slug += '-2';
        sourceSlugs.set(url, slug);
        d.sources.push({ slug, url });
      }
      return { source: slug, claims: [] };
    });
    if (!d.technologies.some((t) => t.slug === tech)) {
      d.technologies.push({
        slug: tech, name: techName, summary: v.technology_summary?.trim() || techName, techniques: split(v.techniques),
        dataCategories: split(v.data_categories), documentedRedLines: [], sources: cites, unverified: [],
      });
    }
    const deployerName = v.deployer!.trim();
    const deployer = org(deployerName, kind);
    const depSlug = slugify(`${tech} ${deployer}`, 90);
    if (d.deployments.some((x) => x.slug === depSlug)) {
      fail('deployer', `a row for ${techName} by ${deployerName} already appears above`);
      continue;
    }
    d.deployments.push({
      slug: depSlug, technology: tech, deployer, title: `${techName} — ${deployerName}`, countries, sites: [],
      ...(v.purpose?.trim() ? { purpose: v.purpose.trim() } : {}), ...(v.legal_basis?.trim() ? { legalBasis: v.legal_basis.trim() } : {}),
      decisionRole: role, affectedGroups: split(v.affected_groups), ...(v.period?.trim() ? { periodText: v.period.trim() } : {}),
      status, ...(v.status_note?.trim() ? { statusNote: v.status_note.trim() } : {}), sources: cites, unverified: split(v.unverified),
    });
    d.relations.push({ organisation: deployer, kind: 'operates', deployment: depSlug, sources: cites, unverified: [] });
    for (const name of split(v.vendors)) d.relations.push({ organisation: org(name, 'company'), kind: 'develops', technology: tech, sources: cites, unverified: [] });
    for (const name of split(v.funders)) d.relations.push({ organisation: org(name, 'funder'), kind: 'funds', technology: tech, sources: cites, unverified: [] });
  }
  if (problems.length) return { ok: false, problems };
  // Relations repeated on several rows (same vendor of the same technology) are kept once.
  const seen = new Set<string>();
  d.relations = d.relations.filter((r) => {
    const k = `${r.organisation}|${r.kind}|${r.technology ?? ''}|${r.deployment ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  d.organisations = [...orgs.values()];
  return { ok: true, dataset: d };
}
