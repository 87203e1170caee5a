import { z } from 'zod';

// A system profile: what a technology or deployment does, in a fixed vocabulary, so that it can be
// screened against the red lines. Every field may be "unknown", and unknown never counts as "no".

export const UNKNOWN = 'unknown' as const;

export const CONTEXTS = ['border', 'visa', 'asylum', 'residence', 'detention', 'returns', 'reception', 'integration', 'welfare', 'policing', 'humanitarian_aid'] as const;
/** Where "migration management, asylum, and border control" happens (category A). */
export const MIGRATION_CONTEXTS: readonly Context[] = ['border', 'visa', 'asylum', 'residence', 'detention', 'returns', 'reception', 'integration'];

export const DECISION_ROLES = ['fully_automated', 'decision_support', 'none'] as const;
export const SUBJECTS = ['individuals', 'groups', 'aggregate_only'] as const;
export const CAPABILITIES = [
  'risk_scoring', 'profiling', 'fraud_detection', 'triage', 'automated_decision', 'emotion_recognition', 'deception_detection',
  'behavioural_analytics', 'biometric_identification_live', 'biometric_identification_retrospective', 'biometric_verification_1to1',
  // Biometric matching documented without saying whether it is one-to-one or one-to-many: keeps E open.
  'biometric_matching_unspecified',
  'biometric_categorisation', 'migration_flow_prediction', 'device_data_extraction', 'social_media_monitoring', 'location_tracking',
  'data_merging', 'person_detection',
] as const;
export const SHARING_PARTIES = [
  'migration', 'police', 'welfare', 'health', 'tax', 'national_security', 'third_country', 'country_of_origin', 'private_company', 'international_organisation',
] as const;
export const SHARING_SCALES = ['bulk', 'case_by_case'] as const;

export type Context = (typeof CONTEXTS)[number];
export type Capability = (typeof CAPABILITIES)[number];
export type SharingParty = (typeof SHARING_PARTIES)[number];

const orUnknown = <T extends z.ZodType>(schema: T) => z.union([schema, z.literal(UNKNOWN)]);

export const profileSchema = z.object({
  context: orUnknown(z.array(z.enum(CONTEXTS)).min(1)),
  decisionRole: orUnknown(z.enum(DECISION_ROLES)),
  subjects: orUnknown(z.enum(SUBJECTS)),
  capabilities: orUnknown(z.array(z.enum(CAPABILITIES))),
  inputs: orUnknown(z.array(z.string().trim().min(1).max(200)).max(200)),
  dataSharing: orUnknown(z.array(z.object({
    with: z.enum(SHARING_PARTIES),
    scale: orUnknown(z.enum(SHARING_SCALES)),
    legalBasis: z.string().trim().min(1).max(2000).optional(),
  }).strict()).max(50)),
}).strict();

export type SystemProfile = z.infer<typeof profileSchema>;

/** A profile where nothing is known yet. */
export const UNKNOWN_PROFILE: SystemProfile = {
  context: UNKNOWN, decisionRole: UNKNOWN, subjects: UNKNOWN, capabilities: UNKNOWN, inputs: UNKNOWN, dataSharing: UNKNOWN,
};

/**
 * The profile as a register deployment carries it: its decision role is the deployment's own
 * `decisionRole` field (one truth), and any field left out is "unknown".
 */
export const deploymentProfileSchema = z.object({
  context: profileSchema.shape.context.default(UNKNOWN),
  subjects: profileSchema.shape.subjects.default(UNKNOWN),
  capabilities: profileSchema.shape.capabilities.default(UNKNOWN),
  inputs: profileSchema.shape.inputs.default(UNKNOWN),
  dataSharing: profileSchema.shape.dataSharing.default(UNKNOWN),
}).strict();

export type DeploymentProfile = z.infer<typeof deploymentProfileSchema>;

export const UNKNOWN_DEPLOYMENT_PROFILE: DeploymentProfile = {
  context: UNKNOWN, subjects: UNKNOWN, capabilities: UNKNOWN, inputs: UNKNOWN, dataSharing: UNKNOWN,
};

/** The whole profile of a deployment: its own profile with the deployment's decision role. */
export const profileOfDeployment = (profile: DeploymentProfile | undefined, decisionRole: string): SystemProfile => ({
  ...(profile ?? UNKNOWN_DEPLOYMENT_PROFILE),
  decisionRole: (DECISION_ROLES as readonly string[]).includes(decisionRole) ? (decisionRole as SystemProfile['decisionRole']) : UNKNOWN,
});
