import { CHARACTERISTICS, PROXIES } from './sensitive-data.ts';
import { categoryA } from './categories/a-risk-scoring.ts';
import { categoryB } from './categories/b-sensitive-characteristics.ts';
import { categoryC } from './categories/c-irregular-migration-prediction.ts';
import { categoryD } from './categories/d-emotion-recognition.ts';
import { categoryE } from './categories/e-remote-biometric-identification.ts';
import { categoryF } from './categories/f-mass-data-extraction-and-sharing.ts';
import type { Category, Reason } from './categories/rule-kit.ts';

// The six kinds of technology the briefing asks states to ban outright ("Total bans", A–F), one small
// module each in ./categories/, built from the conditions in ./categories/rule-kit.ts.

export { SECTION, type Category, type Reason, type RuleResult, type SensitiveInput } from './categories/rule-kit.ts';

export const CATEGORIES: Category[] = [categoryA, categoryB, categoryC, categoryD, categoryE, categoryF];

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
