import { UNKNOWN } from '../profile.ts';
import { classifyInputs } from '../sensitive-data.ts';
import { allOf, hasCapability, aboutIndividuals, SCORING, type Condition, type SensitiveInput, type Category } from './rule-kit.ts';

/** Red line B. */
export const categoryB: Category = {
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
};
