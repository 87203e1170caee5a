import { UNKNOWN } from '../profile.ts';
import { allOf, hasCapability, type Category } from './rule-kit.ts';

/** Red line E. */
export const categoryE: Category = {
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
};
