import { z } from 'zod';
import { SLUG_PATTERN } from '../../platform/slug.ts';
import { deploymentProfileSchema } from '../../redlines/domain/profile.ts';
import { DECISION_ROLES, DEPLOYMENT_STATUSES, ORGANISATION_KINDS, RED_LINE_CATEGORIES, RELATION_KINDS } from './vocabulary.ts';

// The register's own dataset format: what `safeguard import` reads, what the JSON export
// writes and what ships as first content. Records refer to each other by slug.

const slug = z.string().regex(SLUG_PATTERN, 'must be a slug: lower-case letters, digits and single hyphens');
/** A real calendar date written YYYY-MM-DD (2024-02-30 is refused, as the database would). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}, 'must be a date YYYY-MM-DD that exists');
const text = z.string().trim().min(1).max(20000);
const shortText = z.string().trim().min(1).max(500);
const list = z.array(shortText).max(200).default([]);
const url = z.url({ protocol: /^https?$/ }).max(2000);

/** A source supports the listed claims (field names) of a record, or the whole record when none are listed. */
const citation = z.object({ source: slug, claims: z.array(z.string().min(1).max(60)).max(50).default([]) }).strict();
const common = {
  sources: z.array(citation).max(200).default([]),
  unverified: z.array(z.string().min(1).max(60)).max(50).default([]),
};

export const sourceSchema = z
  .object({
    slug,
    url,
    title: shortText.optional(),
    publisher: shortText.optional(),
    publishedOn: isoDate.optional(),
    archivedUrl: url.optional(),
  })
  .strict();

export const organisationSchema = z
  .object({
    slug,
    name: shortText,
    kind: z.enum(ORGANISATION_KINDS),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code or EU').optional(),
    website: url.optional(),
    description: text.optional(),
    ...common,
  })
  .strict();

export const technologySchema = z
  .object({
    slug,
    name: shortText,
    summary: text,
    techniques: list,
    dataCategories: list,
    vendorNote: shortText.optional(),
    documentedRedLines: z.array(z.enum(RED_LINE_CATEGORIES)).default([]),
    documentedRedLinesRationale: text.optional(),
    ...common,
  })
  .strict();

export const deploymentSchema = z
  .object({
    slug,
    technology: slug,
    deployer: slug,
    deployerRole: shortText.optional(),
    title: shortText.optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code or EU')).max(250).default([]),
    sites: list,
    purpose: text.optional(),
    legalBasis: text.optional(),
    decisionRole: z.enum(DECISION_ROLES).default('unknown'),
    affectedGroups: list,
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    periodText: shortText.optional(),
    status: z.enum(DEPLOYMENT_STATUSES),
    statusNote: text.optional(),
    /** What the deployed system does, for red-line screening; left out, every answer is "unknown". */
    profile: deploymentProfileSchema.optional(),
    /** The red-line screening of the profile, as exports and the API give it: computed, ignored on import. */
    redLineScreening: z.unknown().optional(),
    ...common,
  })
  .strict();

export const relationSchema = z
  .object({
    organisation: slug,
    kind: z.enum(RELATION_KINDS),
    technology: slug.optional(),
    deployment: slug.optional(),
    counterpart: slug.optional(),
    note: shortText.optional(),
    ...common,
  })
  .strict()
  .refine((r) => r.technology || r.deployment || r.counterpart, { message: 'needs a technology, a deployment or a counterpart' });

export const contractSchema = z
  .object({
    slug,
    title: shortText,
    payer: slug.optional(),
    recipient: slug.optional(),
    technology: slug.optional(),
    deployment: slug.optional(),
    // Canonical form (no trailing decimal zeros) so that exported amounts re-import unchanged.
    amount: z
      .string()
      .regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be a decimal amount like 4500000 or 12.50')
      .transform((v) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v))
      .optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR').optional(),
    programme: shortText.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    reference: shortText.optional(),
    ...common,
  })
  .strict()
  .refine((c) => !c.amount || c.currency, { message: 'an amount needs a currency', path: ['currency'] });

export const datasetSchema = z
  .object({
    format: z.literal('safeguard-register'),
    version: z.literal(1),
    description: z.string().optional(),
    sources: z.array(sourceSchema).default([]),
    organisations: z.array(organisationSchema).default([]),
    technologies: z.array(technologySchema).default([]),
    deployments: z.array(deploymentSchema).default([]),
    relations: z.array(relationSchema).default([]),
    contracts: z.array(contractSchema).default([]),
  })
  .strict();

export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetSource = z.infer<typeof sourceSchema>;
export type DatasetOrganisation = z.infer<typeof organisationSchema>;
export type DatasetTechnology = z.infer<typeof technologySchema>;
export type DatasetDeployment = z.infer<typeof deploymentSchema>;
export type DatasetRelation = z.infer<typeof relationSchema>;
export type DatasetContract = z.infer<typeof contractSchema>;

/** One problem found in a dataset, located by its JSON path (e.g. deployments[3].technology). */
export type DatasetProblem = { path: string; message: string };

const pathOf = (parts: readonly PropertyKey[]) =>
  parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

/** Validates a parsed dataset: shape, then every cross-reference and uniqueness; returns it or its problems. */
export function validateDataset(input: unknown): { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] } {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, 50).map((i) => ({ path: pathOf(i.path), message: i.message })) };
  }
  const d = parsed.data;
  const problems: DatasetProblem[] = [];
  const index = (kind: string, items: { slug: string }[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.slug)) problems.push({ path: `${kind}[${i}].slug`, message: `duplicate slug "${item.slug}"` });
      seen.add(item.slug);
    });
    return seen;
  };
  const sources = index('sources', d.sources);
  const orgs = index('organisations', d.organisations);
  const techs = index('technologies', d.technologies);
  const deps = index('deployments', d.deployments);
  index('contracts', d.contracts);
  const urls = new Set<string>();
  d.sources.forEach((s, i) => {
    if (urls.has(s.url)) problems.push({ path: `sources[${i}].url`, message: `duplicate source URL ${s.url}` });
    urls.add(s.url);
  });
  const ref = (set: Set<string>, what: string, value: string | undefined, path: string) => {
    if (value !== undefined && !set.has(value)) problems.push({ path, message: `unknown ${what} "${value}"` });
  };
  const cites = (kind: string, items: { sources: { source: string }[] }[]) =>
    items.forEach((item, i) => item.sources.forEach((c, j) => ref(sources, 'source', c.source, `${kind}[${i}].sources[${j}].source`)));
  d.deployments.forEach((dep, i) => {
    ref(techs, 'technology', dep.technology, `deployments[${i}].technology`);
    ref(orgs, 'organisation', dep.deployer, `deployments[${i}].deployer`);
    if (dep.periodStart && dep.periodEnd && dep.periodEnd < dep.periodStart)
      problems.push({ path: `deployments[${i}].periodEnd`, message: 'ends before it starts' });
  });
  d.relations.forEach((r, i) => {
    ref(orgs, 'organisation', r.organisation, `relations[${i}].organisation`);
    ref(techs, 'technology', r.technology, `relations[${i}].technology`);
    ref(deps, 'deployment', r.deployment, `relations[${i}].deployment`);
    ref(orgs, 'organisation', r.counterpart, `relations[${i}].counterpart`);
  });
  d.contracts.forEach((c, i) => {
    ref(orgs, 'organisation', c.payer, `contracts[${i}].payer`);
    ref(orgs, 'organisation', c.recipient, `contracts[${i}].recipient`);
    ref(techs, 'technology', c.technology, `contracts[${i}].technology`);
    ref(deps, 'deployment', c.deployment, `contracts[${i}].deployment`);
  });
  cites('organisations', d.organisations);
  cites('technologies', d.technologies);
  cites('deployments', d.deployments);
  cites('relations', d.relations);
  cites('contracts', d.contracts);
  return problems.length ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, dataset: d };
}

/** The natural key of a relation, from which its stable id is derived. */
export function relationKey(r: Pick<DatasetRelation, 'organisation' | 'kind' | 'technology' | 'deployment' | 'counterpart'>): string {
  return [r.organisation, r.kind, r.technology ?? '', r.deployment ?? '', r.counterpart ?? ''].join('|');
}
