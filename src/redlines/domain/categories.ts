import { MIGRATION_CONTEXTS, UNKNOWN, type Capability, type Context, type SharingParty, type SystemProfile } from './profile.ts';
import { CHARACTERISTICS, classifyInputs, PROXIES } from './sensitive-data.ts';

// The six kinds of technology the briefing asks states to ban outright ("Total bans", A–F), one rule
// each. A rule answers with three values: it applies (with the reasons, in plain words), it does not,
// or it cannot tell (with the questions whose answer is unknown). Unknown never counts as "no".

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
type Condition = { holds: boolean | null; question: string; reason?: Reason };

/** All conditions: applies when all hold, does not when any fails, otherwise unknown. */
function allOf(...conditions: Condition[]): RuleResult {
  if (conditions.some((c) => c.holds === false)) return { outcome: 'does_not_apply' };
  const open = conditions.filter((c) => c.holds === null);
  if (open.length) return { outcome: 'unknown', questions: open.map((c) => c.question) };
  return { outcome: 'applies', reasons: conditions.map((c) => c.reason).filter((r): r is Reason => !!r) };
}

function hasCapability(p: SystemProfile, wanted: readonly Capability[], reason: (found: Capability[]) => Reason = (capabilities) => ({ code: 'does', capabilities })): Condition {
  if (p.capabilities === UNKNOWN) return { holds: null, question: 'capabilities' };
  const found = p.capabilities.filter((c) => wanted.includes(c));
  return { holds: found.length > 0, question: 'capabilities', reason: reason(found) };
}

const aboutIndividuals = (p: SystemProfile): Condition =>
  p.subjects === UNKNOWN ? { holds: null, question: 'subjects' } : { holds: p.subjects === 'individuals', question: 'subjects', reason: { code: 'individuals' } };

const SCORING: readonly Capability[] = ['risk_scoring', 'profiling', 'fraud_detection'];

export const CATEGORIES: Category[] = [
  {
    id: 'A',
    title: 'Automated risk assessment, scoring and profiling in migration, asylum and border control',
    quote: 'Automated risk assessment, scoring and profiling systems in the context of migration management, asylum, and border control (including fraud detection systems).',
    rule: (p) => allOf(
      hasCapability(p, SCORING),
      aboutIndividuals(p),
      p.context === UNKNOWN
        ? { holds: null, question: 'context' }
        : { holds: p.context.some((c) => MIGRATION_CONTEXTS.includes(c)), question: 'context', reason: { code: 'migration_context', contexts: p.context.filter((c) => MIGRATION_CONTEXTS.includes(c)) } },
      // Whether a person takes the final decision does not matter: decision support is still scoring.
    ),
  },
  {
    id: 'B',
    title: 'Sensitive characteristics, or proxies of them, used for individual risk scoring',
    quote: 'Technologies to process or infer sensitive personal characteristics or proxies of characteristics, such as race, political affiliation, beliefs, genetic, health, and biometric data, for the purposes of individual risk-scoring.',
    rule: (p) => {
      const sensitive: Condition = (() => {
        if (p.inputs === UNKNOWN) return { holds: null, question: 'inputs' };
        const inputs = classifyInputs(p.inputs).matches.map((m): SensitiveInput => (m.kind === 'characteristic'
          ? { input: m.input, characteristics: [m.characteristic.id] }
          : { input: m.input, characteristics: m.characteristics.map((c) => c.id), proxy: m.proxy.id }));
        const infersFromBiometrics = p.capabilities !== UNKNOWN && p.capabilities.includes('biometric_categorisation');
        return { holds: inputs.length > 0 || infersFromBiometrics, question: 'inputs', reason: { code: 'sensitive_inputs', inputs, infersFromBiometrics } };
      })();
      return allOf(hasCapability(p, SCORING), aboutIndividuals(p), sensitive);
    },
  },
  {
    id: 'C',
    title: 'Predicting "irregular migration"',
    quote: 'Predictive technologies that generate predictions as to where there is a risk of “irregular migration.”',
    rule: (p) => allOf(hasCapability(p, ['migration_flow_prediction'], () => ({ code: 'predicts_irregular_migration' }))),
  },
  {
    id: 'D',
    title: 'Emotion recognition, "lie detection" and behavioural analytics',
    quote: 'AI-based emotion recognition tools, such as AI ‘lie-detectors’ and behavioural analytics.',
    rule: (p) => allOf(hasCapability(p, ['emotion_recognition', 'deception_detection', 'behavioural_analytics'])),
  },
  {
    id: 'E',
    title: 'Remote biometric identification, live or retrospective',
    quote: 'Retrospective (post) Remote Biometric Identification (RBI), in addition to live (real-time) RBI, such as the use of facial recognition.',
    // 1:1 verification (is this the passport's holder?) and detecting people without identifying them are not RBI.
    rule: (p) => {
      const identifies = hasCapability(p, ['biometric_identification_live', 'biometric_identification_retrospective'], (c) => ({
        code: 'remote_biometric_identification', modes: c.map((x) => (x === 'biometric_identification_live' ? 'live' : 'retrospective')),
      }));
      // Biometric matching whose kind (one-to-one or one-to-many) is not documented is not a "no".
      const unspecified = p.capabilities !== UNKNOWN && p.capabilities.includes('biometric_matching_unspecified');
      return identifies.holds === false && unspecified ? { outcome: 'unknown', questions: ['biometricMatching'] } : allOf(identifies);
    },
  },
  {
    id: 'F',
    title: 'Mass extraction, merging and sharing of personal data',
    quote: 'The practice of mass extraction, processing, merging and exploitation of individuals’ data, including sharing of collected data between migration, welfare, policing, and national security authorities.',
    rule: (p) => {
      const reasons: Reason[] = [];
      const questions: string[] = [];
      if (p.capabilities === UNKNOWN) questions.push('capabilities');
      else {
        if (p.capabilities.includes('device_data_extraction')) reasons.push({ code: 'device_extraction' });
        if (p.capabilities.includes('data_merging')) reasons.push({ code: 'merging' });
      }
      if (p.dataSharing === UNKNOWN) questions.push('dataSharing');
      else {
        for (const s of p.dataSharing) {
          const crossAuthority = ['migration', 'welfare', 'police', 'national_security'].includes(s.with);
          const abroad = s.with === 'third_country' || s.with === 'country_of_origin';
          if (!crossAuthority && !abroad) continue;
          if (s.scale === 'bulk') reasons.push({ code: 'bulk_sharing', with: s.with });
          else if (s.scale === UNKNOWN) questions.push(`dataSharing.${s.with}.scale`);
        }
      }
      if (reasons.length) return { outcome: 'applies', reasons };
      return questions.length ? { outcome: 'unknown', questions } : { outcome: 'does_not_apply' };
    },
  },
];

const words = (items: readonly string[]) => items.map((s) => s.replace(/_/g, ' ')).join(', ');

/** A reason in plain English. */
export function describeReason(r: Reason): string {
  switch (r.code) {
    case 'does': return `it does ${words(r.capabilities)}`;
    case 'individuals': return 'it is applied to individual people';
    case 'migration_context': return `it is used in ${words(r.contexts)}`;
    case 'sensitive_inputs': return `its inputs include ${[
      ...r.inputs.map((i) => {
        const of = i.characteristics.map((id) => CHARACTERISTICS.find((c) => c.id === id)?.label ?? id).join(' and ');
        const proxy = i.proxy ? PROXIES.find((x) => x.id === i.proxy) : undefined;
        return proxy ? `"${i.input}", a proxy of ${of} (${proxy.why})` : `"${i.input}" (${of})`;
      }),
      ...(r.infersFromBiometrics ? ['it infers characteristics from biometric data (biometric categorisation)'] : []),
    ].join('; ')}`;
    case 'predicts_irregular_migration': return 'it predicts where or when "irregular" migration will happen';
    case 'remote_biometric_identification': return `it identifies people by their biometrics (${r.modes.join(', ')}, one-to-many)`;
    case 'device_extraction': return 'it extracts data from people’s devices';
    case 'merging': return 'it merges data about people from several sources';
    case 'bulk_sharing': return `it shares data in bulk with ${words([r.with])}`;
  }
}
