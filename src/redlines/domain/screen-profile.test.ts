import { describe, expect, it } from 'vitest';
import { profileSchema, UNKNOWN_PROFILE, type SystemProfile } from './profile.ts';
import { classifyInputs } from './sensitive-data.ts';
import { screenProfile } from './screen-profile.ts';

// A fully known profile that falls under no red line; each case changes what it needs.
const clean: SystemProfile = { context: ['border'], decisionRole: 'none', subjects: 'individuals', capabilities: [], inputs: [], dataSharing: [] };
const ids = (p: Partial<SystemProfile>) => screenProfile({ ...clean, ...p }).findings.map((f) => f.id);

describe('red-line screening', () => {
  it('finds nothing in a fully known profile that does none of it', () => {
    expect(screenProfile(clean)).toMatchObject({ verdict: 'no_red_line_found', findings: [], undetermined: [] });
  });

  it('E: 1:1 biometric verification is not remote biometric identification; 1:N, live or retrospective, is', () => {
    expect(ids({ capabilities: ['biometric_verification_1to1'] })).toEqual([]);
    expect(ids({ capabilities: ['biometric_identification_live'] })).toEqual(['E']);
    expect(ids({ capabilities: ['biometric_identification_retrospective'] })).toEqual(['E']);
    // Matching documented without its kind is not a "no": E stays open, with the question named.
    const unspecified = screenProfile({ ...clean, capabilities: ['biometric_matching_unspecified'] });
    expect(unspecified.verdict).toBe('insufficient_information');
    expect(unspecified.undetermined).toEqual([{ id: 'E', questions: ['biometricMatching'] }]);
    expect(ids({ capabilities: ['biometric_matching_unspecified', 'biometric_identification_live'] })).toEqual(['E']);
  });

  it('A: risk scoring of individuals in migration contexts, whether or not a person takes the final decision', () => {
    for (const decisionRole of ['fully_automated', 'decision_support', 'none'] as const) {
      expect(ids({ capabilities: ['risk_scoring'], context: ['asylum'], decisionRole })).toEqual(['A']);
    }
    expect(ids({ capabilities: ['fraud_detection'], context: ['visa'] })).toEqual(['A']);
    expect(ids({ capabilities: ['risk_scoring'], context: ['welfare'] })).toEqual([]);
    expect(ids({ capabilities: ['risk_scoring'], subjects: 'aggregate_only' })).toEqual([]);
  });

  it('B: needs a sensitive characteristic or a proxy of one, used for individual risk scoring', () => {
    const scoring = { capabilities: ['risk_scoring' as const], context: ['visa' as const] };
    expect(ids({ ...scoring, inputs: ['Nationality'] })).toEqual(['A', 'B']);
    const proxy = screenProfile({ ...clean, ...scoring, inputs: ['code postal'] }).findings.find((f) => f.id === 'B')!;
    expect(proxy.reasons.map((r) => r.text).join(' ')).toMatch(/"code postal", a proxy of race or ethnic origin/);
    expect(ids({ ...scoring, inputs: ['shoe size'] })).toEqual(['A']);
    expect(screenProfile({ ...clean, ...scoring, inputs: ['shoe size'] }).unrecognisedInputs).toEqual(['shoe size']);
    expect(ids({ inputs: ['nationality', 'religion'] })).toEqual([]);
    expect(ids({ capabilities: ['risk_scoring', 'biometric_categorisation'], context: ['welfare'] })).toEqual(['B']);
  });

  it('C: predicting where or when "irregular migration" will happen', () => {
    expect(ids({ capabilities: ['migration_flow_prediction'], subjects: 'aggregate_only' })).toEqual(['C']);
  });

  it('D: emotion, deception and behavioural inference', () => {
    for (const c of ['emotion_recognition', 'deception_detection', 'behavioural_analytics'] as const) expect(ids({ capabilities: [c] })).toEqual(['D']);
  });

  it('F: device extraction, merging and bulk sharing; case-by-case sharing on a legal basis is to review, not F', () => {
    expect(ids({ capabilities: ['device_data_extraction'] })).toEqual(['F']);
    expect(ids({ capabilities: ['data_merging'] })).toEqual(['F']);
    expect(ids({ dataSharing: [{ with: 'police', scale: 'bulk' }] })).toEqual(['F']);
    expect(ids({ dataSharing: [{ with: 'country_of_origin', scale: 'bulk' }] })).toEqual(['F']);
    const caseByCase = screenProfile({ ...clean, dataSharing: [{ with: 'police', scale: 'case_by_case', legalBasis: 'Court order under Art. 12' }] });
    expect(caseByCase.verdict).toBe('no_red_line_found');
    expect(caseByCase.toReview[0]!.text).toMatch(/case-by-case sharing with police \(legal basis given: Court order under Art\. 12\)/);
  });

  it('detecting people without identifying them (radar, thermal cameras) is none of A–F on its own', () => {
    expect(screenProfile({ ...clean, capabilities: ['person_detection'], subjects: 'groups' }).verdict).toBe('no_red_line_found');
  });

  it('never reads unknown as no: it says which answers are missing', () => {
    const unknown = screenProfile(UNKNOWN_PROFILE);
    expect(unknown.verdict).toBe('insufficient_information');
    expect(unknown.undetermined.map((u) => u.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(unknown.undetermined.find((u) => u.id === 'A')!.questions).toEqual(['capabilities', 'subjects', 'context']);
    const scoringUnknownSubjects = screenProfile({ ...clean, capabilities: ['risk_scoring'], subjects: 'unknown' });
    expect(scoringUnknownSubjects.verdict).toBe('insufficient_information');
    const bulkUnknown = screenProfile({ ...clean, dataSharing: [{ with: 'welfare', scale: 'unknown' }] });
    expect(bulkUnknown.undetermined).toEqual([{ id: 'F', questions: ['dataSharing.welfare.scale'] }]);
    // A red line found elsewhere is a red line even with open questions.
    expect(screenProfile({ ...UNKNOWN_PROFILE, capabilities: ['emotion_recognition'] }).verdict).toBe('red_line');
  });

  it('quotes the briefing passage each finding rests on, with its section', () => {
    const [finding] = screenProfile({ ...clean, capabilities: ['deception_detection'] }).findings;
    expect(finding!.passage.section).toBe('Recommendations to states › Total bans');
    expect(finding!.passage.quote).toContain('AI-based emotion recognition tools');
  });
});

describe('sensitive characteristics and proxies', () => {
  it('matches field names across case, accents, spelling and languages', () => {
    const { matches, unrecognised } = classifyInputs(['Postleitzahl', 'código postal', 'CAP', 'Régime alimentaire', 'dialect', 'Staatsangehörigkeit', 'nazionalità', 'Date of birth', 'shoe size']);
    expect(matches.map((m) => (m.kind === 'proxy' ? `proxy:${m.proxy.id}` : m.characteristic.id))).toEqual([
      'proxy:postcode', 'proxy:postcode', 'proxy:postcode', 'proxy:diet', 'proxy:language', 'nationality', 'nationality', 'age',
    ]);
    expect(unrecognised).toEqual(['shoe size']);
  });
  it('does not match inside other words', () => {
    expect(classifyInputs(['face image', 'capacity', 'username']).matches.map((m) => m.input)).toEqual(['face image']);
  });
  it('recognises the plural and variant field names the documented systems use', () => {
    const { matches, unrecognised } = classifyInputs(['facial images', 'palm-vein scans', 'names', 'contact country codes', 'travel routes', 'conflict-zone travel', 'vulnerabilities (e.g. mental illness)', 'voice recordings', 'country/city of residence', 'Gesichtsbilder', 'Vornamen']);
    expect(matches.map((m) => (m.kind === 'proxy' ? `proxy:${m.proxy.id}` : m.characteristic.id))).toEqual([
      'biometric', 'biometric', 'proxy:name', 'proxy:phone_country_code', 'proxy:travel_history', 'proxy:travel_history', 'health', 'proxy:language', 'proxy:postcode', 'biometric', 'proxy:name',
    ]);
    expect(unrecognised).toEqual([]);
  });
});

describe('field names that look like a proxy but are not', () => {
  it('reads a home address as a proxy of where people live, but not an e-mail or IP address', () => {
    const { matches, unrecognised } = classifyInputs(['home address', 'Adresse', 'email address', 'IP addresses', 'adresse e-mail', 'indirizzo IP']);
    expect(matches.map((m) => m.input)).toEqual(['home address', 'Adresse']);
    expect(unrecognised).toEqual(['email address', 'IP addresses', 'adresse e-mail', 'indirizzo IP']);
  });
});

describe('profile schema', () => {
  it('names the path of an invalid field', () => {
    const r = profileSchema.safeParse({ ...clean, capabilities: ['mind_reading'] });
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toContain('capabilities');
    expect(profileSchema.safeParse({ ...clean, dataSharing: [{ with: 'police', scale: 'bulk', extra: 1 }] }).success).toBe(false);
    expect(profileSchema.safeParse(UNKNOWN_PROFILE).success).toBe(true);
  });
});
