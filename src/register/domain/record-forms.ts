import type { z } from 'zod';
import { slugify } from '../../platform/slug.ts';
import { contractSchema, deploymentSchema, organisationSchema, relationKey, relationSchema, sourceSchema, technologySchema } from './dataset.ts';
import { CAPABILITIES, CONTEXTS, SUBJECTS, UNKNOWN, UNKNOWN_DEPLOYMENT_PROFILE } from '../../redlines/domain/profile.ts';
import { DECISION_ROLES, DEPLOYMENT_STATUSES, ORGANISATION_KINDS, RED_LINE_CATEGORIES, RELATION_KINDS } from './vocabulary.ts';

// The editing forms of register records, as data: which fields a form shows, how each is typed in,
// and how the typed text becomes a record in the dataset format (validated by the same schemas as
// imports) and back. Pure: the views render these descriptors, the use cases convert with them.

export const EDITABLE_TYPES = ['deployment', 'organisation', 'technology', 'source', 'contract', 'relation'] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];

export type FieldKind =
  | 'text' | 'textarea' | 'date' | 'url'
  | 'select' // one of `options`
  | 'checkboxes' // any of `options`
  | 'lines' // a list, one item per line
  | 'codes' // a list of upper-case codes separated by spaces or commas (countries)
  | 'ref' // the slug of another record (`ref` names its type)
  | 'citations' // one source per line: "source-slug" or "source-slug: claim, claim"
  | 'sharing'; // rows of { with, scale, legalBasis } (a profile's data sharing)

/** `optionLabels` names the message prefix of a select's or checkboxes' options (e.g. "status" for status.active). */
export type FormField = {
  name: string; kind: FieldKind; required?: boolean; options?: readonly string[]; optionLabels?: string; ref?: EditableType;
  /** A profile answer that may be "unknown": the form asks "Not known" or "Known, as follows" first (field `<name>.known`). */
  unknownable?: boolean;
};

/** Form fields named "profile.<field>" fill the record's `profile` object. */
const PROFILE_PREFIX = 'profile.';

const citationFields: FormField[] = [
  { name: 'sources', kind: 'citations' },
  { name: 'unverified', kind: 'lines' },
];

export const RECORD_FORMS: Record<EditableType, { schema: z.ZodType; fields: FormField[]; titleField: string }> = {
  deployment: {
    schema: deploymentSchema,
    titleField: 'title',
    fields: [
      { name: 'title', kind: 'text', required: true },
      { name: 'technology', kind: 'ref', ref: 'technology', required: true },
      { name: 'deployer', kind: 'ref', ref: 'organisation', required: true },
      { name: 'deployerRole', kind: 'text' },
      { name: 'countries', kind: 'codes' },
      { name: 'sites', kind: 'lines' },
      { name: 'purpose', kind: 'textarea' },
      { name: 'legalBasis', kind: 'textarea' },
      { name: 'decisionRole', kind: 'select', options: DECISION_ROLES, optionLabels: 'role' },
      { name: 'affectedGroups', kind: 'lines' },
      { name: 'periodStart', kind: 'date' },
      { name: 'periodEnd', kind: 'date' },
      { name: 'periodText', kind: 'text' },
      { name: 'status', kind: 'select', options: DEPLOYMENT_STATUSES, optionLabels: 'status', required: true },
      { name: 'statusNote', kind: 'textarea' },
      // The system profile, screened against the red lines (src/redlines). Unknown is never "no".
      { name: 'profile.context', kind: 'checkboxes', options: CONTEXTS, optionLabels: 'context', unknownable: true, required: true },
      { name: 'profile.subjects', kind: 'select', options: [...SUBJECTS, UNKNOWN], optionLabels: 'subjects', required: true },
      { name: 'profile.capabilities', kind: 'checkboxes', options: CAPABILITIES, optionLabels: 'capability', unknownable: true },
      { name: 'profile.inputs', kind: 'lines', unknownable: true },
      { name: 'profile.dataSharing', kind: 'sharing', unknownable: true },
      ...citationFields,
    ],
  },
  organisation: {
    schema: organisationSchema,
    titleField: 'name',
    fields: [
      { name: 'name', kind: 'text', required: true },
      { name: 'kind', kind: 'select', options: ORGANISATION_KINDS, optionLabels: 'kind', required: true },
      { name: 'country', kind: 'text' },
      { name: 'website', kind: 'url' },
      { name: 'description', kind: 'textarea' },
      ...citationFields,
    ],
  },
  technology: {
    schema: technologySchema,
    titleField: 'name',
    fields: [
      { name: 'name', kind: 'text', required: true },
      { name: 'summary', kind: 'textarea', required: true },
      { name: 'techniques', kind: 'lines' },
      { name: 'dataCategories', kind: 'lines' },
      { name: 'vendorNote', kind: 'text' },
      { name: 'documentedRedLines', kind: 'checkboxes', options: RED_LINE_CATEGORIES, optionLabels: 'edit.redLine' },
      { name: 'documentedRedLinesRationale', kind: 'textarea' },
      ...citationFields,
    ],
  },
  source: {
    schema: sourceSchema,
    titleField: 'title',
    fields: [
      { name: 'url', kind: 'url', required: true },
      { name: 'title', kind: 'text' },
      { name: 'publisher', kind: 'text' },
      { name: 'publishedOn', kind: 'date' },
      { name: 'archivedUrl', kind: 'url' },
    ],
  },
  contract: {
    schema: contractSchema,
    titleField: 'title',
    fields: [
      { name: 'title', kind: 'text', required: true },
      { name: 'payer', kind: 'ref', ref: 'organisation' },
      { name: 'recipient', kind: 'ref', ref: 'organisation' },
      { name: 'technology', kind: 'ref', ref: 'technology' },
      { name: 'deployment', kind: 'ref', ref: 'deployment' },
      { name: 'amount', kind: 'text' },
      { name: 'currency', kind: 'text' },
      { name: 'programme', kind: 'text' },
      { name: 'startDate', kind: 'date' },
      { name: 'endDate', kind: 'date' },
      { name: 'reference', kind: 'text' },
      ...citationFields,
    ],
  },
  // A relation has no slug: it is named by its parties and kind (relationKey).
  relation: {
    schema: relationSchema,
    titleField: 'organisation',
    fields: [
      { name: 'organisation', kind: 'ref', ref: 'organisation', required: true },
      { name: 'kind', kind: 'select', options: RELATION_KINDS, optionLabels: 'relation', required: true },
      { name: 'technology', kind: 'ref', ref: 'technology' },
      { name: 'deployment', kind: 'ref', ref: 'deployment' },
      { name: 'counterpart', kind: 'ref', ref: 'organisation' },
      { name: 'note', kind: 'text' },
      ...citationFields,
    ],
  },
};

/** The key a record is known by: its slug, or for a relation its parties and kind. */
export const keyOf = (type: EditableType, record: Record<string, unknown>): string =>
  type === 'relation' ? relationKey(record as Parameters<typeof relationKey>[0]) : String(record.slug);

/** A short human title for a record in lists and headings. */
export function recordTitle(type: EditableType, record: Record<string, unknown>): string {
  if (type === 'relation') return [record.organisation, record.kind, record.technology ?? record.deployment ?? record.counterpart].filter(Boolean).join(' · ');
  return String(record[RECORD_FORMS[type].titleField] ?? record.url ?? record.slug ?? '');
}

/** What a form posts: each field's text (checkboxes: every ticked value). */
export type FormValues = Record<string, string | string[]>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const lines = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The typed-in text of one field as the value the dataset format holds (undefined when empty). */
function fieldValue(field: FormField, raw: string | string[] | undefined): unknown {
  switch (field.kind) {
    case 'checkboxes': return many(raw).map((s) => s.trim()).filter(Boolean);
    case 'lines': return lines(one(raw));
    case 'codes': return one(raw).toUpperCase().split(/[\s,;]+/).filter(Boolean);
    case 'citations':
      return lines(one(raw)).map((line) => {
        const [source = '', claims = ''] = line.split(/:(.*)/s);
        return { source: source.trim(), claims: claims.split(',').map((c) => c.trim()).filter(Boolean) };
      });
    case 'sharing': return undefined; // read by sharingRows, from its three columns
    case 'ref': return one(raw).toLowerCase() || undefined;
    case 'text': return ['country', 'currency'].includes(field.name) ? one(raw).toUpperCase() || undefined : one(raw) || undefined;
    default: return one(raw) || undefined;
  }
}

/**
 * The record a form describes, in the dataset format, validated by the import schema; or the
 * problems, by field. A new record's slug comes from its title (or is kept when editing).
 */
export function formToRecord(type: EditableType, values: FormValues, slug?: string):
  { ok: true; record: Record<string, unknown> } | { ok: false; errors: Record<string, string>; candidate: Record<string, unknown> } {
  const form = RECORD_FORMS[type];
  const candidate: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const profile: Record<string, unknown> = {};
  for (const field of form.fields) {
    let value = field.kind === 'sharing' ? sharingRows(values) : fieldValue(field, values[field.name]);
    // A choice that may be "unknown" and was not answered is unknown.
    if (value === undefined && field.options?.includes(UNKNOWN)) value = UNKNOWN;
    if (field.kind === 'sharing' && value === null) {
      errors[field.name] = 'profile_sharing_invalid';
      value = undefined;
    }
    if (field.unknownable) {
      const given = Array.isArray(value) && value.length > 0;
      const known = one(values[`${field.name}.known`]);
      if (known === UNKNOWN && given) errors[field.name] ??= 'profile_unknown_and_values';
      // Not answered (a client without the radio buttons): unknown unless something was given.
      else if (known === UNKNOWN || (known !== 'known' && !given)) value = UNKNOWN;
      else value ??= [];
    }
    if (value === undefined) continue;
    if (field.name.startsWith(PROFILE_PREFIX)) profile[field.name.slice(PROFILE_PREFIX.length)] = value;
    else candidate[field.name] = value;
  }
  if (form.fields.some((f) => f.name.startsWith(PROFILE_PREFIX))) candidate.profile = { ...UNKNOWN_DEPLOYMENT_PROFILE, ...profile };
  if (type !== 'relation') candidate.slug = slug ?? slugify(String(candidate[form.titleField] ?? candidate.url ?? ''));
  for (const field of form.fields) {
    const v = field.name.startsWith(PROFILE_PREFIX) ? profile[field.name.slice(PROFILE_PREFIX.length)] : candidate[field.name];
    if (field.required && (v === undefined || (Array.isArray(v) && !v.length))) {
      errors[field.name] ??= field.name === 'profile.context' ? 'profile_context_required' : 'required';
    }
  }
  const parsed = form.schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const first = String(issue.path[0] ?? form.titleField);
      const name = first === 'profile' && issue.path.length > 1 ? `${PROFILE_PREFIX}${String(issue.path[1])}` : first;
      // A relation's own rule (it needs a technology, a deployment or a counterpart) has no field: it goes on technology.
      errors[name === 'slug' ? form.titleField : issue.path.length ? name : type === 'relation' ? 'technology' : form.titleField] ??= issueCode(issue);
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors, candidate };
  return { ok: true, record: parsed.data as Record<string, unknown> };
}

/** The rows of a data-sharing field (its three columns, aligned by position); null when a row is half filled. */
function sharingRows(values: FormValues): { with: string; scale: string; legalBasis?: string }[] | null {
  const column = (name: string) => many(values[`profile.dataSharing.${name}`]).map((v) => v.trim());
  const [parties, scales, bases] = [column('with'), column('scale'), column('legalBasis')];
  const rows: { with: string; scale: string; legalBasis?: string }[] = [];
  for (let i = 0; i < Math.max(parties.length, bases.length); i++) {
    const party = parties[i] ?? '';
    const basis = bases[i] ?? '';
    if (!party && !basis) continue;
    if (!party) return null;
    rows.push({ with: party, scale: scales[i] || UNKNOWN, ...(basis ? { legalBasis: basis } : {}) });
  }
  return rows;
}

/** A schema problem as a message code the views translate ("form.error.<code>"). */
function issueCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'too_small') return 'required';
  if (issue.code === 'invalid_format' && (issue as { format?: string }).format === 'url') return 'url_invalid';
  if (/YYYY-MM-DD/.test(issue.message)) return 'date_invalid';
  if (issue.code === 'invalid_format' && /alpha-2/.test(issue.message)) return 'country_invalid';
  if (issue.code === 'invalid_format' && /slug/.test(issue.message)) return 'slug_invalid';
  if (issue.code === 'invalid_value') return 'choice_invalid';
  // "unknown" or a list of vocabulary values: a value outside the vocabulary is a wrong choice.
  if (issue.code === 'invalid_union' && issue.errors.flat().some((i) => i.code === 'invalid_value' && i.path.length)) return 'choice_invalid';
  return 'invalid';
}

/** A record in the dataset format as the text of its form (to edit it, or to show what was typed). */
export function recordToForm(type: EditableType, record: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const profile = (record.profile ?? {}) as Record<string, unknown>;
  for (const field of RECORD_FORMS[type].fields) {
    const v = field.name.startsWith(PROFILE_PREFIX) ? (profile[field.name.slice(PROFILE_PREFIX.length)] ?? UNKNOWN) : record[field.name];
    if (v === undefined || v === null) continue;
    if (field.unknownable) {
      out[`${field.name}.known`] = v === UNKNOWN ? UNKNOWN : 'known';
      if (v === UNKNOWN) continue;
    }
    if (field.kind === 'sharing') {
      const rows = v as { with: string; scale: string; legalBasis?: string }[];
      out['profile.dataSharing.with'] = rows.map((r) => r.with);
      out['profile.dataSharing.scale'] = rows.map((r) => r.scale);
      out['profile.dataSharing.legalBasis'] = rows.map((r) => r.legalBasis ?? '');
      continue;
    }
    if (field.kind === 'checkboxes') out[field.name] = (v as string[]).map(String);
    else if (field.kind === 'lines') out[field.name] = (v as string[]).join('\n');
    else if (field.kind === 'codes') out[field.name] = (v as string[]).join(' ');
    else if (field.kind === 'citations') {
      out[field.name] = (v as { source: string; claims: string[] }[]).map((c) => (c.claims.length ? `${c.source}: ${c.claims.join(', ')}` : c.source)).join('\n');
    } else out[field.name] = String(v);
  }
  return out;
}

/** The slugs a record refers to, by record type (to check they exist before it is published). */
export function referencesOf(type: EditableType, record: Record<string, unknown>): { type: EditableType; slug: string; field: string }[] {
  const refs: { type: EditableType; slug: string; field: string }[] = [];
  for (const field of RECORD_FORMS[type].fields) {
    if (field.kind === 'ref' && typeof record[field.name] === 'string') refs.push({ type: field.ref!, slug: record[field.name] as string, field: field.name });
    if (field.kind === 'citations') for (const c of (record[field.name] as { source: string }[] | undefined) ?? []) refs.push({ type: 'source', slug: c.source, field: field.name });
  }
  return refs;
}

/** A record with its profile spread into "profile.<field>" entries, so that a diff shows each answer that changed. */
export function diffable(record: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!record || typeof record.profile !== 'object' || record.profile === null) return record;
  const { profile, ...rest } = record;
  return { ...rest, ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [`${PROFILE_PREFIX}${k}`, v])) };
}
