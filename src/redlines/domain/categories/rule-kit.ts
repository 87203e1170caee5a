import { UNKNOWN, type Capability, type Context, type SharingParty, type SystemProfile } from '../profile.ts';

// What every red-line rule is made of: the result a rule gives (applies with reasons, does not, or
// cannot tell with the open questions), the reasons as data, and the few conditions rules share.
// Unknown never counts as "no".

export const SECTION = 'Recommendations to states › Total bans';

/**
 * Why a rule applies, as data (so that every interface can say it in its own language); `describeReason`
 * says it in plain English for the CLI and the JSON.
 */
export type Reason =
  | { code: 'does'; capabilities: Capability[] }
  | { code: 'individuals' }
  | { code: 'migration_context'; contexts: Context[] }
  | { code: 'sensitive_inputs'; inputs: SensitiveInput[]; infersFromBiometrics: boolean }
  | { code: 'predicts_irregular_migration' }
  | { code: 'remote_biometric_identification'; modes: ('live' | 'retrospective')[] }
  | { code: 'device_extraction' }
  | { code: 'merging' }
  | { code: 'bulk_sharing'; with: SharingParty };

/** An input field that is a sensitive characteristic, or a proxy of some (taxonomy ids). */
export type SensitiveInput = { input: string; characteristics: string[]; proxy?: string };

export type RuleResult =
  | { outcome: 'applies'; reasons: Reason[] }
  | { outcome: 'does_not_apply' }
  | { outcome: 'unknown'; questions: string[] };

export type Category = { id: 'A' | 'B' | 'C' | 'D' | 'E' | 'F'; title: string; quote: string; rule: (p: SystemProfile) => RuleResult };

/** A condition over the profile: true, false, or unknown (naming the question that is open). */
export type Condition = { holds: boolean | null; question: string; reason?: Reason };

/** All conditions: applies when all hold, does not when any fails, otherwise unknown. */
export function allOf(...conditions: Condition[]): RuleResult {
  if (conditions.some((c) => c.holds === false)) return { outcome: 'does_not_apply' };
  const open = conditions.filter((c) => c.holds === null);
  if (open.length) return { outcome: 'unknown', questions: open.map((c) => c.question) };
  return { outcome: 'applies', reasons: conditions.map((c) => c.reason).filter((r): r is Reason => !!r) };
}

export function hasCapability(p: SystemProfile, wanted: readonly Capability[], reason: (found: Capability[]) => Reason = (capabilities) => ({ code: 'does', capabilities })): Condition {
  if (p.capabilities === UNKNOWN) return { holds: null, question: 'capabilities' };
  const found = p.capabilities.filter((c) => wanted.includes(c));
  return { holds: found.length > 0, question: 'capabilities', reason: reason(found) };
}

export const aboutIndividuals = (p: SystemProfile): Condition =>
  p.subjects === UNKNOWN ? { holds: null, question: 'subjects' } : { holds: p.subjects === 'individuals', question: 'subjects', reason: { code: 'individuals' } };

export const SCORING: readonly Capability[] = ['risk_scoring', 'profiling', 'fraud_detection'];

