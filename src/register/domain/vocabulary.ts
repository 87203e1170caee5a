/** The register's fixed vocabularies; labels live in the locale files under the same keys. */
export const ORGANISATION_KINDS = ['public_body', 'company', 'international_organisation', 'ngo', 'research_institution', 'funder'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const DEPLOYMENT_STATUSES = ['planned', 'pilot', 'active', 'suspended', 'halted', 'withdrawn', 'court_ruling', 'unknown'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const DECISION_ROLES = ['fully_automated', 'decision_support', 'none', 'unknown'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

export const RELATION_KINDS = ['develops', 'sells', 'funds', 'operates', 'receives_data', 'shares_data_with'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** Relations that make an organisation a vendor of a technology (the "vendor" facet). */
export const VENDOR_RELATIONS: readonly RelationKind[] = ['develops', 'sells'];

export const RED_LINE_CATEGORIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type RedLineCategory = (typeof RED_LINE_CATEGORIES)[number];

export const RECORD_TYPES = ['organisation', 'technology', 'deployment', 'relation', 'contract'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const RECORD_PATHS: Partial<Record<RecordType, string>> = { organisation: '/organisations/', technology: '/technologies/', deployment: '/deployments/' };

/** The public page of a record (for record types that have one); the home page otherwise. */
export const recordPath = (type: string, slug: string): string => {
  const base = RECORD_PATHS[type as RecordType];
  return base ? `${base}${slug}` : '/';
};

/** Licence of the register's open data. */
export const DATA_LICENCE = { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

/** The formats of the whole-register export (`safeguard export --format`). */
export const EXPORT_FORMATS = ['csv', 'json', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
