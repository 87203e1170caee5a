import { MIGRATION_CONTEXTS, UNKNOWN, type Capability, type SystemProfile } from './profile.ts';
import { classifyInputs } from './sensitive-data.ts';

// The six kinds of technology the briefing asks states to ban outright ("Total bans", A–F), one rule
// each. A rule answers with three values: it applies (with the reasons, in plain words), it does not,
// or it cannot tell (with the questions whose answer is unknown). Unknown never counts as "no".

export const SECTION = 'Recommendations to states › Total bans';

export type RuleResult =
  | { outcome: 'applies'; reasons: string[] }
  | { outcome: 'does_not_apply' }
  | { outcome: 'unknown'; questions: string[] };

export type Category = { id: 'A' | 'B' | 'C' | 'D' | 'E' | 'F'; title: string; quote: string; rule: (p: SystemProfile) => RuleResult };

/** A condition over the profile: true, false, or unknown (naming the question that is open). */
type Condition = { holds: boolean | null; question: string; reason?: string };

/** All conditions: applies when all hold, does not when any fails, otherwise unknown. */
function allOf(...conditions: Condition[]): RuleResult {
  if (conditions.some((c) => c.holds === false)) return { outcome: 'does_not_apply' };
  const open = conditions.filter((c) => c.holds === null);
  if (open.length) return { outcome: 'unknown', questions: open.map((c) => c.question) };
  return { outcome: 'applies', reasons: conditions.map((c) => c.reason).filter((r): r is string => !!r) };
}

function hasCapability(p: SystemProfile, wanted: readonly Capability[], describe: (found: Capability[]) => string): Condition {
  if (p.capabilities === UNKNOWN) return { holds: null, question: 'capabilities' };
  const found = p.capabilities.filter((c) => wanted.includes(c));
  return { holds: found.length > 0, question: 'capabilities', reason: describe(found) };
}

const aboutIndividuals = (p: SystemProfile): Condition =>
  p.subjects === UNKNOWN ? { holds: null, question: 'subjects' } : { holds: p.subjects === 'individuals', question: 'subjects', reason: 'it is applied to individual people' };

const SCORING: readonly Capability[] = ['risk_scoring', 'profiling', 'fraud_detection'];
const list = (items: string[]) => items.map((s) => s.replace(/_/g, ' ')).join(', ');

export const CATEGORIES: Category[] = [
  {
    id: 'A',
    title: 'Automated risk assessment, scoring and profiling in migration, asylum and border control',
    quote: 'Automated risk assessment, scoring and profiling systems in the context of migration management, asylum, and border control (including fraud detection systems).',
    rule: (p) => allOf(
      hasCapability(p, SCORING, (c) => `it does ${list(c)}`),
      aboutIndividuals(p),
      p.context === UNKNOWN
        ? { holds: null, question: 'context' }
        : { holds: p.context.some((c) => MIGRATION_CONTEXTS.includes(c)), question: 'context', reason: `it is used in ${list(p.context.filter((c) => MIGRATION_CONTEXTS.includes(c)))}` },
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
        const { matches } = classifyInputs(p.inputs);
        const described = matches.map((m) => (m.kind === 'characteristic'
          ? `"${m.input}" (${m.characteristic.label})`
          : `"${m.input}", a proxy of ${m.characteristics.map((c) => c.label).join(' and ')} (${m.proxy.why})`));
        const infers = p.capabilities !== UNKNOWN && p.capabilities.includes('biometric_categorisation');
        if (infers) described.push('it infers characteristics from biometric data (biometric categorisation)');
        return { holds: described.length > 0, question: 'inputs', reason: `its inputs include ${described.join('; ')}` };
      })();
      return allOf(hasCapability(p, SCORING, (c) => `it does ${list(c)}`), aboutIndividuals(p), sensitive);
    },
  },
  {
    id: 'C',
    title: 'Predicting "irregular migration"',
    quote: 'Predictive technologies that generate predictions as to where there is a risk of “irregular migration.”',
    rule: (p) => allOf(hasCapability(p, ['migration_flow_prediction'], () => 'it predicts where or when "irregular" migration will happen')),
  },
  {
    id: 'D',
    title: 'Emotion recognition, "lie detection" and behavioural analytics',
    quote: 'AI-based emotion recognition tools, such as AI ‘lie-detectors’ and behavioural analytics.',
    rule: (p) => allOf(hasCapability(p, ['emotion_recognition', 'deception_detection', 'behavioural_analytics'], (c) => `it does ${list(c)}`)),
  },
  {
    id: 'E',
    title: 'Remote biometric identification, live or retrospective',
    quote: 'Retrospective (post) Remote Biometric Identification (RBI), in addition to live (real-time) RBI, such as the use of facial recognition.',
    // 1:1 verification (is this the passport's holder?) and detecting people without identifying them are not RBI.
    rule: (p) => allOf(hasCapability(p, ['biometric_identification_live', 'biometric_identification_retrospective'], (c) => `it identifies people by their biometrics (${list(c.map((x) => x.replace('biometric_identification_', '')))}, one-to-many)`)),
  },
  {
    id: 'F',
    title: 'Mass extraction, merging and sharing of personal data',
    quote: 'The practice of mass extraction, processing, merging and exploitation of individuals’ data, including sharing of collected data between migration, welfare, policing, and national security authorities.',
    rule: (p) => {
      const reasons: string[] = [];
      const questions: string[] = [];
      if (p.capabilities === UNKNOWN) questions.push('capabilities');
      else {
        if (p.capabilities.includes('device_data_extraction')) reasons.push('it extracts data from people’s devices');
        if (p.capabilities.includes('data_merging')) reasons.push('it merges data about people from several sources');
      }
      if (p.dataSharing === UNKNOWN) questions.push('dataSharing');
      else {
        for (const s of p.dataSharing) {
          const crossAuthority = ['migration', 'welfare', 'police', 'national_security'].includes(s.with);
          const abroad = s.with === 'third_country' || s.with === 'country_of_origin';
          if (!crossAuthority && !abroad) continue;
          if (s.scale === 'bulk') reasons.push(`it shares data in bulk with ${s.with.replace(/_/g, ' ')}`);
          else if (s.scale === UNKNOWN) questions.push(`dataSharing.${s.with}.scale`);
        }
      }
      if (reasons.length) return { outcome: 'applies', reasons };
      return questions.length ? { outcome: 'unknown', questions } : { outcome: 'does_not_apply' };
    },
  },
];
