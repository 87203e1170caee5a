import { z } from 'zod';
import { CAPABILITIES, CONTEXTS, DECISION_ROLES, SHARING_PARTIES, SUBJECTS } from '../../redlines/domain/profile.ts';
import { DEPLOYMENT_STATUSES, ORGANISATION_KINDS, RED_LINE_CATEGORIES } from '../../register/domain/vocabulary.ts';

// The briefing's recommendations as data: every recommendation of the Amnesty International et al.
// advocacy briefing, addressed to one kind of stakeholder, quoted with the heading it sits under, and
// the conditions over a system's facts under which it applies to that system. Plus the briefing's
// glossary. The catalogue is versioned and shipped (../catalogue/recommendations-X.Y.Z.json); the
// text it quotes is ../catalogue/briefing-recommendations.md. Pure: no I/O.

// ---------------------------------------------------------------------------------------------------
// Stakeholders and sections

export const STAKEHOLDERS = ['state', 'company', 'international_organisation', 'service_provider'] as const;
export type Stakeholder = (typeof STAKEHOLDERS)[number];

/** The sections of each stakeholder's recommendations, in the briefing's order. */
export const SECTIONS = {
  state: ['total_bans', 'before_deployment', 'during_deployment'],
  company: ['companies'],
  international_organisation: ['international_organisations'],
  service_provider: ['service_providers'],
} as const satisfies Record<Stakeholder, readonly string[]>;
export type Section = (typeof SECTIONS)[Stakeholder][number];

/** The briefing's heading of each section (as `quote.section` names it). */
export const SECTION_HEADINGS: { readonly [S in Stakeholder]: { readonly [K in (typeof SECTIONS)[S][number]]: string } } = {
  state: { total_bans: 'Total bans', before_deployment: 'Before deployment', during_deployment: 'During deployment' },
  company: { companies: 'Recommendations to companies' },
  international_organisation: { international_organisations: 'Recommendations to international organisations (including United Nation Agencies)' },
  service_provider: { service_providers: 'Recommendations to other service providers' },
};

/** The heading above the sections of each stakeholder (the states' three sections sit under it). */
export const STAKEHOLDER_HEADINGS: Readonly<Record<Stakeholder, string>> = {
  state: 'Recommendations to states',
  company: 'Recommendations to companies',
  international_organisation: 'Recommendations to international organisations (including United Nation Agencies)',
  service_provider: 'Recommendations to other service providers',
};

/** How every id of a section begins (ids are `<prefix><slug>`). */
export const ID_PREFIXES: { readonly [S in Stakeholder]: { readonly [K in (typeof SECTIONS)[S][number]]: string } } = {
  state: { total_bans: 'state.ban.', before_deployment: 'state.before.', during_deployment: 'state.during.' },
  company: { companies: 'company.' },
  international_organisation: { international_organisations: 'io.' },
  service_provider: { service_providers: 'provider.' },
};

export const sectionsOf = (s: Stakeholder): readonly string[] => SECTIONS[s];
export const headingOf = (s: Stakeholder, section: string): string | undefined =>
  (SECTION_HEADINGS[s] as Readonly<Record<string, string>>)[section];
export const idPrefixOf = (s: Stakeholder, section: string): string | undefined =>
  (ID_PREFIXES[s] as Readonly<Record<string, string>>)[section];

/** Order of gravity in a brief: bans first. */
export const GRAVITIES = ['ban', 'halt', 'binding', 'assessment', 'transparency', 'participation', 'remedy', 'other'] as const;
export type Gravity = (typeof GRAVITIES)[number];

// ---------------------------------------------------------------------------------------------------
// System facts

export const RED_LINE_VERDICTS = ['red_line', 'no_red_line_found', 'insufficient_information'] as const;
/** Where the system's impact assessment stands. */
export const ASSESSMENT_STATES = ['none', 'draft', 'in_review', 'published', 'overdue'] as const;
export const ASSESSMENT_DECISIONS = ['halt', 'proceed_with_conditions', 'proceed'] as const;
/** The kinds of halt ground an assessment's scoring can find (see assessments/domain/scoring.ts). */
export const HALT_GROUND_KINDS = [
  'red_line', 'no_legal_basis', 'less_intrusive_alternative', 'critical_risk_to_grave_right', 'residual_critical', 'automated_adverse_decision_without_contest',
] as const;
/** The register's deployment statuses, minus "unknown", which is the fact being unknown (null). */
export const KNOWN_DEPLOYMENT_STATUSES = DEPLOYMENT_STATUSES.filter((s): s is Exclude<(typeof DEPLOYMENT_STATUSES)[number], 'unknown'> => s !== 'unknown');
export const KNOWN_DECISION_ROLES = DECISION_ROLES;

type Values<T extends readonly unknown[]> = T[number];

/**
 * What a brief starts from: the facts about one system (a register deployment with its technology,
 * screening, assessment and audits). `null` is "not known" (no screening, profile field unknown, no
 * audit, …); an empty list is "known to be none".
 */
export type SystemFacts = {
  /** The red-line screening's verdict; null when the system was never screened. */
  redLineVerdict: Values<typeof RED_LINE_VERDICTS> | null;
  /** The red lines (A–F) the screening found. */
  redLines: Values<typeof RED_LINE_CATEGORIES>[] | null;
  /** What the system does (the profile's capabilities). */
  capabilities: Values<typeof CAPABILITIES>[] | null;
  /** Where it is used (the profile's contexts). */
  contexts: Values<typeof CONTEXTS>[] | null;
  /** Who it is applied to (the profile's subjects). */
  subjects: Values<typeof SUBJECTS> | null;
  /** The part it plays in decisions about people. */
  decisionRole: Values<typeof KNOWN_DECISION_ROLES> | null;
  /** The deployment's status in the register ("unknown" there is null here). */
  deploymentStatus: Values<typeof KNOWN_DEPLOYMENT_STATUSES> | null;
  /** The kind of organisation deploying it. */
  deployerKind: Values<typeof ORGANISATION_KINDS> | null;
  /** The kinds of the organisations that develop or sell it. */
  vendorKinds: Values<typeof ORGANISATION_KINDS>[] | null;
  /** The kinds of the organisations that fund it. */
  funderKinds: Values<typeof ORGANISATION_KINDS>[] | null;
  /** Where its impact assessment stands. */
  assessment: Values<typeof ASSESSMENT_STATES> | null;
  /** The decided assessment's decision; null when none was decided. */
  assessmentDecision: Values<typeof ASSESSMENT_DECISIONS> | null;
  /** The kinds of halt ground the decided assessment found; null when none was decided. */
  haltGrounds: Values<typeof HALT_GROUND_KINDS>[] | null;
  /** Whether its latest discrimination audit flagged a disparity; null when it has no audit. */
  auditFlagged: boolean | null;
  /** Who its data is known to be shared with (empty: with no one; null: not known). */
  dataSharing: Values<typeof SHARING_PARTIES>[] | null;
  /** Whether the people affected (or their organisations) were consulted. */
  consulted: boolean | null;
  /** Whether the people affected are told about the system and the decisions it supports. */
  noticeToAffected: boolean | null;
};

export type FactName = keyof SystemFacts;

/** The value type of each fact: one of a set of values, a list of them, or a boolean. */
export type FactType =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'boolean' };

export const FACTS: { readonly [F in FactName]: FactType & { description: string } } = {
  redLineVerdict: { kind: 'enum', values: RED_LINE_VERDICTS, description: 'the red-line screening’s verdict' },
  redLines: { kind: 'list', values: RED_LINE_CATEGORIES, description: 'the red lines the screening found' },
  capabilities: { kind: 'list', values: CAPABILITIES, description: 'what the system does' },
  contexts: { kind: 'list', values: CONTEXTS, description: 'where the system is used' },
  subjects: { kind: 'enum', values: SUBJECTS, description: 'who the system is applied to' },
  decisionRole: { kind: 'enum', values: KNOWN_DECISION_ROLES, description: 'the part the system plays in decisions' },
  deploymentStatus: { kind: 'enum', values: KNOWN_DEPLOYMENT_STATUSES, description: 'the deployment’s status' },
  deployerKind: { kind: 'enum', values: ORGANISATION_KINDS, description: 'the kind of organisation deploying it' },
  vendorKinds: { kind: 'list', values: ORGANISATION_KINDS, description: 'the kinds of organisations developing or selling it' },
  funderKinds: { kind: 'list', values: ORGANISATION_KINDS, description: 'the kinds of organisations funding it' },
  assessment: { kind: 'enum', values: ASSESSMENT_STATES, description: 'where its impact assessment stands' },
  assessmentDecision: { kind: 'enum', values: ASSESSMENT_DECISIONS, description: 'the impact assessment’s decision' },
  haltGrounds: { kind: 'list', values: HALT_GROUND_KINDS, description: 'the halt grounds the impact assessment found' },
  auditFlagged: { kind: 'boolean', description: 'whether a discrimination audit flagged a disparity' },
  dataSharing: { kind: 'list', values: SHARING_PARTIES, description: 'who its data is shared with' },
  consulted: { kind: 'boolean', description: 'whether the people affected were consulted' },
  noticeToAffected: { kind: 'boolean', description: 'whether the people affected are told' },
};

export const FACT_NAMES = Object.keys(FACTS) as FactName[];

/** Facts where nothing is known. */
export const UNKNOWN_FACTS: SystemFacts = Object.fromEntries(FACT_NAMES.map((f) => [f, null])) as SystemFacts;

const factValueSchema = (t: FactType): z.ZodType => {
  switch (t.kind) {
    case 'enum': return z.enum(t.values as [string, ...string[]]).nullable();
    case 'list': return z.array(z.enum(t.values as [string, ...string[]])).nullable();
    case 'boolean': return z.boolean().nullable();
  }
};

/** Checks a facts object (every fact present, null when unknown). */
export const systemFactsSchema = z.object(
  Object.fromEntries(FACT_NAMES.map((f) => [f, factValueSchema(FACTS[f])])) as Record<FactName, z.ZodType>,
).strict() as unknown as z.ZodType<SystemFacts>;

// ---------------------------------------------------------------------------------------------------
// Conditions

export type FactValue = string | boolean | null | string[];

/**
 * A condition over a system's facts, as readable data:
 * - `{ fact, equals }`: a one-value fact equals the value; a list fact is exactly that set (`[]`: known to be none).
 *   `equals: null` holds when the fact is unknown; an unknown fact satisfies no other `equals`.
 * - `{ fact, in }`: a one-value fact is one of the values (`null` among them: "or unknown");
 *   a list fact contains at least one of them (an unknown list satisfies none).
 * - `{ fact, present }`: the fact is known (`true`) or unknown (`false`).
 * - `{ all }`, `{ any }`, `{ not }`: and, or, not (so `not` of a condition on an unknown fact holds).
 * - `{ always: true }`: every system.
 */
export type Condition =
  | { fact: FactName; equals: FactValue }
  | { fact: FactName; in: (string | boolean | null)[] }
  | { fact: FactName; present: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { always: true };

const factName = z.enum(FACT_NAMES as [FactName, ...FactName[]]);
const scalar = z.union([z.string(), z.boolean(), z.null()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() => z.union([
  z.object({ fact: factName, equals: z.union([scalar, z.array(z.string())]) }).strict(),
  z.object({ fact: factName, in: z.array(scalar).min(1) }).strict(),
  z.object({ fact: factName, present: z.boolean() }).strict(),
  z.object({ all: z.array(conditionSchema).min(1) }).strict(),
  z.object({ any: z.array(conditionSchema).min(1) }).strict(),
  z.object({ not: conditionSchema }).strict(),
  z.object({ always: z.literal(true) }).strict(),
]));

/** Problems with the values a condition gives its facts (a fact name the schema already checked). */
export function conditionProblems(c: Condition, path: string[] = []): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  const bad = (message: string) => out.push({ path, message });
  if ('all' in c) c.all.forEach((x, i) => out.push(...conditionProblems(x, [...path, 'all', String(i)])));
  else if ('any' in c) c.any.forEach((x, i) => out.push(...conditionProblems(x, [...path, 'any', String(i)])));
  else if ('not' in c) out.push(...conditionProblems(c.not, [...path, 'not']));
  else if ('fact' in c) {
    const t = (FACTS as Record<string, FactType | undefined>)[c.fact];
    if (!t) { bad(`unknown fact "${c.fact}"`); return out; }
    const okValue = (v: unknown) => (t.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string' && t.values.includes(v));
    const show = (v: unknown) => JSON.stringify(v);
    if ('equals' in c) {
      const v = c.equals;
      if (v === null) { /* unknown: fine for every fact */ } else if (t.kind === 'list') {
        if (!Array.isArray(v)) bad(`"${c.fact}" is a list: equals takes a list (or null), not ${show(v)}`);
        else for (const x of v) if (!okValue(x)) bad(`${show(x)} is not a value of "${c.fact}"`);
      } else if (Array.isArray(v) || !okValue(v)) bad(`${show(v)} is not a value of "${c.fact}"`);
    } else if ('in' in c) {
      for (const x of c.in) {
        if (x === null) { if (t.kind === 'list') bad(`"${c.fact}" is a list: null cannot be one of its values (use present: false)`); } else if (!okValue(x)) bad(`${show(x)} is not a value of "${c.fact}"`);
      }
    }
  }
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;

/** Whether a condition holds for a system's facts. */
export function applies(c: Condition, facts: SystemFacts): boolean {
  if ('always' in c) return true;
  if ('all' in c) return c.all.every((x) => applies(x, facts));
  if ('any' in c) return c.any.some((x) => applies(x, facts));
  if ('not' in c) return !applies(c.not, facts);
  const value = facts[c.fact] as FactValue | undefined;
  const known = value !== null && value !== undefined;
  if ('present' in c) return c.present === known;
  if ('equals' in c) {
    if (c.equals === null) return !known;
    if (!known) return false;
    if (Array.isArray(value)) return Array.isArray(c.equals) && sameSet(value, c.equals);
    return !Array.isArray(c.equals) && value === c.equals;
  }
  if (!known) return c.in.includes(null);
  if (Array.isArray(value)) return value.some((v) => c.in.includes(v));
  return c.in.includes(value);
}

/** The facts a condition reads. */
export function factsOf(c: Condition): FactName[] {
  if ('all' in c) return [...new Set(c.all.flatMap(factsOf))];
  if ('any' in c) return [...new Set(c.any.flatMap(factsOf))];
  if ('not' in c) return factsOf(c.not);
  if ('fact' in c) return [c.fact];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// The catalogue

export const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RECOMMENDATION_ID = /^[a-z]+(?:\.[a-z]+)?\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().min(1).max(10_000).refine((s) => s === s.trim(), 'no leading or trailing blanks');

export const recommendationSchema = z.object({
  id: z.string().regex(RECOMMENDATION_ID, 'an id like "state.ban.emotion-recognition"'),
  stakeholder: z.enum(STAKEHOLDERS),
  section: z.string(),
  gravity: z.enum(GRAVITIES),
  quote: z.object({
    /** The briefing's words, verbatim: the whole bullet or paragraph (sub-items it needs included). */
    text,
    /** The briefing heading it sits under. */
    section: z.string().min(1),
    /** Words of the item or paragraph it elaborates, verbatim, when it does not make sense alone. */
    context: text.optional(),
  }).strict(),
  appliesWhen: conditionSchema,
  /** One plain-English sentence: which facts make it apply. */
  why: z.string().trim().min(10).max(400).regex(/^[A-Z].*[.]$/s, 'one sentence, capitalised, ending with a full stop'),
}).strict();
export type Recommendation = z.infer<typeof recommendationSchema>;

export const glossaryTermSchema = z.object({
  id: z.string().regex(SLUG, 'a slug'),
  term: text,
  /** The briefing's definition, verbatim. */
  definition: text,
  /** Word forms to link to the term in a text. */
  aliases: z.array(z.string().trim().min(1).max(100)).min(1),
}).strict();
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

export const CATALOGUE_ID = 'safeguard-briefing-recommendations';

export const catalogueSchema = z.object({
  id: z.literal(CATALOGUE_ID),
  version: z.string().regex(VERSION_PATTERN, 'a version X.Y.Z'),
  source: z.object({
    title: text,
    publisher: text,
    /** The document's index number and date, as it gives them. */
    reference: text.optional(),
    url: z.url().optional(),
    year: z.number().int().min(2000).max(2100).optional(),
  }).strict(),
  recommendations: z.array(recommendationSchema).min(1),
  glossary: z.array(glossaryTermSchema),
}).strict().superRefine((cat, ctx) => {
  const seen = new Set<string>();
  cat.recommendations.forEach((r, i) => {
    const path = ['recommendations', i];
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate recommendation id "${r.id}"` });
    seen.add(r.id);
    const heading = headingOf(r.stakeholder, r.section);
    if (heading === undefined) {
      ctx.addIssue({ code: 'custom', path: [...path, 'section'], message: `"${r.section}" is not a section of the ${r.stakeholder} recommendations (${sectionsOf(r.stakeholder).join(', ')})` });
      return;
    }
    if (r.quote.section !== heading) ctx.addIssue({ code: 'custom', path: [...path, 'quote', 'section'], message: `the ${r.section} section's heading is "${heading}"` });
    const prefix = idPrefixOf(r.stakeholder, r.section)!;
    if (!r.id.startsWith(prefix)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `ids of ${r.stakeholder} ${r.section} begin with "${prefix}"` });
    for (const p of conditionProblems(r.appliesWhen)) ctx.addIssue({ code: 'custom', path: [...path, 'appliesWhen', ...p.path], message: p.message });
  });
  const terms = new Set<string>();
  const aliases = new Map<string, string>();
  cat.glossary.forEach((g, i) => {
    if (terms.has(g.id)) ctx.addIssue({ code: 'custom', path: ['glossary', i, 'id'], message: `duplicate glossary id "${g.id}"` });
    terms.add(g.id);
    for (const a of g.aliases) {
      const key = a.toLowerCase();
      const other = aliases.get(key);
      if (other !== undefined && other !== g.id) ctx.addIssue({ code: 'custom', path: ['glossary', i, 'aliases'], message: `alias "${a}" is also an alias of "${other}"` });
      aliases.set(key, g.id);
    }
  });
});
export type Catalogue = z.infer<typeof catalogueSchema>;

/** The recommendations to one stakeholder that apply to a system: bans first (by gravity), then in the catalogue's order. */
export function matchRecommendations(catalogue: Pick<Catalogue, 'recommendations'>, stakeholder: Stakeholder, facts: SystemFacts): Recommendation[] {
  return catalogue.recommendations
    .map((r, order) => ({ r, order }))
    .filter(({ r }) => r.stakeholder === stakeholder && applies(r.appliesWhen, facts))
    .sort((a, b) => GRAVITIES.indexOf(a.r.gravity) - GRAVITIES.indexOf(b.r.gravity) || a.order - b.order)
    .map(({ r }) => r);
}
