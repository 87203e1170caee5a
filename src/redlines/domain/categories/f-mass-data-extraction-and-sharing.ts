import { UNKNOWN } from '../profile.ts';
import { type Reason, type Category } from './rule-kit.ts';

/** Red line F. */
export const categoryF: Category = {
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
};
