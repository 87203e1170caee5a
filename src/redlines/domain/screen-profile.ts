import { CATEGORIES, describeReason, SECTION, type Category, type Reason } from './categories.ts';
import { UNKNOWN, type SharingParty, type SystemProfile } from './profile.ts';
import { classifyInputs } from './sensitive-data.ts';

// Screens a system profile against the six red lines and explains the verdict.

export type Verdict = 'red_line' | 'no_red_line_found' | 'insufficient_information';

export type Screening = {
  verdict: Verdict;
  /** Each category that applies: why, and the briefing passage it rests on. */
  findings: { id: Category['id']; title: string; reasons: (Reason & { text: string })[]; passage: { section: string; quote: string } }[];
  /** Categories that could not be decided, and the questions whose "unknown" prevented it. */
  undetermined: { id: Category['id']; questions: string[] }[];
  /** Things to review that are not red lines on their own (case-by-case sharing, for instance). */
  toReview: { code: 'case_by_case_sharing'; with: SharingParty; legalBasis?: string; text: string }[];
  /** Input fields not recognised as sensitive or as a proxy (not a failure: listed for a human to check). */
  unrecognisedInputs: string[];
};

export function screenProfile(profile: SystemProfile): Screening {
  const findings: Screening['findings'] = [];
  const undetermined: Screening['undetermined'] = [];
  for (const category of CATEGORIES) {
    const result = category.rule(profile);
    if (result.outcome === 'applies') {
      findings.push({ id: category.id, title: category.title, reasons: result.reasons.map((r) => ({ ...r, text: describeReason(r) })), passage: { section: SECTION, quote: category.quote } });
    }
    else if (result.outcome === 'unknown') undetermined.push({ id: category.id, questions: result.questions });
  }
  const toReview = profile.dataSharing === UNKNOWN ? [] : profile.dataSharing
    .filter((s) => s.scale === 'case_by_case' && ['migration', 'welfare', 'police', 'national_security', 'third_country', 'country_of_origin'].includes(s.with))
    .map((s): Screening['toReview'][number] => ({
      code: 'case_by_case_sharing', with: s.with, ...(s.legalBasis ? { legalBasis: s.legalBasis } : {}),
      text: `case-by-case sharing with ${s.with.replace(/_/g, ' ')}${s.legalBasis ? ` (legal basis given: ${s.legalBasis})` : ' (no legal basis given)'}: check necessity, proportionality and the risk to the person`,
    }));
  const verdict: Verdict = findings.length ? 'red_line' : undetermined.length ? 'insufficient_information' : 'no_red_line_found';
  return { verdict, findings, undetermined, toReview, unrecognisedInputs: profile.inputs === UNKNOWN ? [] : classifyInputs(profile.inputs).unrecognised };
}

/**
 * Which rules a stored verdict was reached with. Bump it whenever a rule, the taxonomy or the
 * verdict changes: on start, deployments screened with another version are screened again.
 * (screen-profile.test.ts fingerprints the rules' answers over a grid of profiles to catch a
 * change made without bumping it.)
 */
export const SCREENING_RULES_VERSION = '2026-11-28.2';

/** How a screening files under the register's "red lines" facet: its categories, or "none" / "undetermined". */
export const RED_LINE_FACET_VALUES = ['A', 'B', 'C', 'D', 'E', 'F', 'none', 'undetermined'] as const;
export type RedLineFacetValue = (typeof RED_LINE_FACET_VALUES)[number];
export function redLineFacet(s: Pick<Screening, 'verdict' | 'findings'>): RedLineFacetValue[] {
  if (s.verdict === 'red_line') return s.findings.map((f) => f.id);
  return [s.verdict === 'no_red_line_found' ? 'none' : 'undetermined'];
}
