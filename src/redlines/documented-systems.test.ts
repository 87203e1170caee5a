import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDataset, type Dataset } from '../register/domain/dataset.ts';
import { RED_LINE_CATEGORIES, type RedLineCategory } from '../register/domain/vocabulary.ts';
import { DOCUMENTED_PROFILES } from '../../scripts/documented-profiles.ts';
import { deploymentProfileSchema, profileOfDeployment } from './domain/profile.ts';
import { screenProfile, type Verdict } from './domain/screen-profile.ts';

// Screens the profiles of the documented systems shipped as first content (written from each system's
// documented facts in scripts/documented-profiles.ts) and compares the categories found with the
// letters the research assigned (`documentedRedLines`). It reads the SHIPPED dataset, not ../shared.
//
// EXPECTED is what the screening must give. Where its categories differ from the research's letters,
// `disagreement` says why, in plain words: either the research rests on a fact the documents do not
// give, or the rules need an answer the documents leave unknown, or the rules read the briefing more
// literally than the research. (A profile found wrong was corrected instead; see the comments.)

type Expected = { categories: RedLineCategory[]; verdict: Verdict; disagreement?: string };

const EXPECTED: Record<string, Expected> = {
  'iborderctrl': {
    categories: ['A', 'B', 'D'], verdict: 'red_line',
    disagreement: 'B is added by the rules: the per-traveller risk value fuses the analysis of facial micro-expressions with fingerprint and face checks, so biometric data are processed for individual risk scoring, which is the briefing\'s B word for word; the research lists A and D only. Neither finds E: the documents do not say whether the biometric checks were one-to-one or one-to-many, so the profile says biometric_matching_unspecified and E stays undetermined.',
  },
  'etias-screening-rules': { categories: ['A', 'B', 'F'], verdict: 'red_line' },
  'eurodac': {
    categories: ['E'], verdict: 'red_line',
    disagreement: 'F is undetermined, not found: the documents say police and Europol have access but not whether they get data in bulk or case by case, and the rules need that answer (case-by-case access on a legal basis is a finding to review, not F). The research\'s F also rests on Eurodac being linked into the interoperability framework, which is screened (as F) under eu-interoperability.',
  },
  'eu-entry-exit-system': {
    categories: [], verdict: 'insufficient_information',
    disagreement: 'The research\'s E rests on matching through the shared Biometric Matching Service, which the EES documents do not mention (it is screened as E under eu-interoperability); they only say face and fingerprints are captured, so E stays undetermined (biometric_matching_unspecified). Its F rests on police access and transfers to third countries for returns: the documents name law-enforcement users but not the scale of their access, and no third-country transfers, so F stays undetermined.',
  },
  'eu-visa-information-system': {
    categories: ['A', 'B'], verdict: 'red_line',
    disagreement: 'B is added by the rules: the reformed VIS checks applications against risk indicators (A) and its documented data include fingerprints and facial images; the rules count every sensitive input of a scoring system, though the documents do not say which data the risk indicators use. E is undetermined, not found: the summary does not say whether biometrics are searched one-to-one or one-to-many (the research\'s "used to identify applicants" is not in it). F is undetermined: law-enforcement and Europol access is documented without its scale.',
  },
  'eu-schengen-information-system': { categories: ['E', 'F'], verdict: 'red_line' },
  'eu-interoperability': {
    categories: ['A', 'B', 'E', 'F'], verdict: 'red_line',
    disagreement: 'A and B are added by the rules: the Multiple-Identity Detector automatically flags suspected multiple identities, which is automated identity-fraud detection on individual third-country nationals, using their nationality, sex, date of birth and biometrics. The research reads the framework only as biometric matching (E) and merging (F).',
  },
  'frontex-aerial-surveillance-eurosur': { categories: ['F'], verdict: 'red_line' },
  // Detection only (no identification); whether its data were shared is not documented, so F stays open.
  'roborder': { categories: [], verdict: 'insufficient_information' },
  'itflows-eumigratool': { categories: ['C'], verdict: 'red_line' },
  'frontex-pedra-debriefings': { categories: ['F'], verdict: 'red_line' },
  'greece-centaur-hyperion': { categories: ['D'], verdict: 'red_line' },
  // Detection only (no identification); sharing beyond the police is not documented, so F stays open.
  'greece-evros-automated-border-surveillance': { categories: [], verdict: 'insufficient_information' },
  'germany-bamf-dias-dialect-and-name-analysis': {
    categories: ['A', 'B'], verdict: 'red_line',
    disagreement: 'A is added: the rules (like the briefing) find B only in a system that scores or profiles individuals, so in an asylum context B always comes with A. The research letters this tool B alone (origin proxies inferred from dialect and names feed credibility assessments) without calling it profiling; the profile counts that automated per-person estimate of origin as profiling.',
  },
  'germany-bamf-phone-data-analysis': {
    categories: ['A', 'B', 'F'], verdict: 'red_line',
    disagreement: 'A is added: the rules find B only in a system that scores or profiles individuals, so in an asylum context B always comes with A. The research letters the automated report on a person\'s likely nationality (from contact country codes and message languages) B and F but not A; the profile counts that report as profiling.',
  },
  'uk-sham-marriage-triage': {
    categories: ['A', 'B'], verdict: 'red_line',
    disagreement: 'B is added: the documented risk factors include the couple\'s age gap and shared travel, and the data include nationality and travel history; the research leaves B "unverified" because the full list of eight risk factors is undisclosed, while the rules count the sensitive inputs that are documented.',
  },
  'uk-ipic-emrt': {
    categories: ['A', 'B'], verdict: 'red_line',
    disagreement: 'B is added: ethnicity, health markers and biometric data are documented data of a tool that profiles individuals for enforcement; the research leaves B "unverified" because their role in the recommendations is undisclosed, while the rules count every sensitive input of a scoring system.',
  },
  'uk-small-boat-phone-seizures': { categories: ['F'], verdict: 'red_line' },
  'uk-gps-tagging-pilot': {
    categories: [], verdict: 'insufficient_information',
    disagreement: 'F is undetermined, not found: the research\'s F rests on the Home Office keeping the location data after the pilot and being able to share it with third parties (ICO findings), which the summary does not document. Continuous location tracking alone is none of A–F in the rules, so the answer waits on what was done with the data.',
  },
  'uk-nhs-home-office-data-sharing': {
    categories: [], verdict: 'no_red_line_found',
    disagreement: 'F is not found: the documented sharing is the Home Office requesting one patient\'s details at a time under a memorandum of understanding, which the rules treat as case-by-case sharing to review (necessity, proportionality, risk to the person) rather than a red line. The research counts the repurposing of health-service data for immigration enforcement as F.',
  },
  'netherlands-visa-profiling-iob': { categories: ['A', 'B'], verdict: 'red_line' },
  'denmark-asylum-phone-searches': {
    categories: ['F'], verdict: 'red_line',
    disagreement: 'B is not found: the documents describe police reading devices, not an automated score or profile, and B needs individual risk scoring. The research\'s B rests on police citing calls to another country as evidence of nationality, which is not in the summary.',
  },
  'norway-asylum-device-searches': { categories: ['F'], verdict: 'red_line' },
  'belgium-asylum-phone-social-media-checks': { categories: ['F'], verdict: 'red_line' },
  'us-cbp-one': {
    categories: [], verdict: 'insufficient_information',
    disagreement: 'E is undetermined, not found: the summary says the selfies were "checked by facial recognition" but not against what (biometric_matching_unspecified); the research\'s E rests on comparison with DHS photo holdings (one-to-many), which is not in the summary. F is undetermined: no sharing is documented.',
  },
  'us-ice-palantir-icm-immigrationos': {
    categories: ['A', 'B', 'F'], verdict: 'red_line',
    disagreement: 'B is added: the platforms profile and prioritise individuals for arrest and deportation and their documented data include biometrics; the rules count every sensitive input of a profiling system, the research does not list B.',
  },
  // Profile corrected: it first left out data merging, though the tools compile phones' location
  // histories from app advertising data and gather online content about each person from many sources.
  'us-babel-street-locate-x-and-catch-and-revoke': { categories: ['A', 'F'], verdict: 'red_line' },
  'us-ice-risk-classification-assessment': {
    categories: ['A', 'B'], verdict: 'red_line',
    disagreement: 'B is added: the documented questionnaire inputs include vulnerabilities such as mental illness, which is health data processed for individual risk scoring; the research letters the tool A only.',
  },
  'us-ice-dmv-facial-recognition': {
    categories: ['E'], verdict: 'red_line',
    disagreement: 'F is not found: the documented sharing is ICE asking state agencies to search for particular people with probe photos, case-by-case sharing to review rather than bulk. The research counts the repurposing of civil licence data for immigration enforcement as F.',
  },
  'us-dhs-dna-collection-codis': { categories: ['F'], verdict: 'red_line' },
  'australia-serco-srat': { categories: ['A'], verdict: 'red_line' },
  'unhcr-primes-bims-rohingya-data-sharing': {
    categories: ['E', 'F'], verdict: 'red_line',
    disagreement: 'E is added: registration matches fingerprints, irises and faces against all records to prevent duplicate registration, which is one-to-many identification; the rules count it as E, as they do for Eurodac and SIS (where the research agrees). The research letters this system only for the sharing with Myanmar.',
  },
  'netherlands-ind-sponsor-risk-model': { categories: ['A', 'B'], verdict: 'red_line' },
};

const raw: unknown = JSON.parse(fs.readFileSync(new URL('../register/data/register-dataset.json', import.meta.url), 'utf8'));
const checked = validateDataset(raw);
const dataset: Dataset = checked.ok ? checked.dataset : { ...(raw as Dataset), technologies: [], deployments: [] };

const sorted = (ids: Iterable<RedLineCategory>) => [...new Set(ids)].sort();
const sameSet = (a: readonly RedLineCategory[], b: readonly RedLineCategory[]) => sorted(a).join() === sorted(b).join();

/** Screens every deployment of a technology; they all carry the technology's documented profile. */
function screenTechnology(slug: string) {
  const deployments = dataset.deployments.filter((d) => d.technology === slug);
  const screenings = deployments.map((d) => screenProfile(profileOfDeployment(d.profile, d.decisionRole)));
  return {
    deployments,
    categories: sorted(screenings.flatMap((s) => s.findings.map((f) => f.id))),
    verdicts: [...new Set(screenings.map((s) => s.verdict))],
  };
}

const results = dataset.technologies.map((t) => ({ slug: t.slug, research: sorted(t.documentedRedLines), ...screenTechnology(t.slug) }));

describe('red-line screening of the documented systems (shipped dataset)', () => {
  it('reads a valid dataset with an expected result for exactly its technologies', () => {
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    expect(dataset.technologies.map((t) => t.slug).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives every deployment a profile, shared by all deployments of a system along with their decision role', () => {
    for (const r of results) {
      expect(r.deployments.length, r.slug).toBeGreaterThan(0);
      for (const d of r.deployments) {
        expect(d.profile, d.slug).toBeDefined();
        expect(d.profile, d.slug).toEqual(r.deployments[0]!.profile);
        expect(d.decisionRole, d.slug).toBe(r.deployments[0]!.decisionRole);
      }
    }
  });

  it('ships the profiles written in scripts/documented-profiles.ts (after editing them, run npm run dataset:convert)', () => {
    const stale = dataset.deployments
      .filter((d) => {
        const written = DOCUMENTED_PROFILES[d.technology];
        return !written || d.decisionRole !== written.decisionRole || JSON.stringify(d.profile) !== JSON.stringify(deploymentProfileSchema.parse(written.profile));
      })
      .map((d) => d.slug);
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(EXPECTED))('screens %s as expected', (slug) => {
    const r = results.find((x) => x.slug === slug);
    const expected = EXPECTED[slug]!;
    expect(r, slug).toBeDefined();
    expect({ categories: r!.categories, verdicts: r!.verdicts }).toEqual({ categories: sorted(expected.categories), verdicts: [expected.verdict] });
  });

  it('explains every difference from the research\'s letters, and only the differences', () => {
    const unexplained = results.filter((r) => !sameSet(r.categories, r.research) && !EXPECTED[r.slug]?.disagreement?.trim()).map((r) => r.slug);
    const stale = results.filter((r) => sameSet(r.categories, r.research) && EXPECTED[r.slug]?.disagreement !== undefined).map((r) => r.slug);
    expect({ unexplained, stale }).toEqual({ unexplained: [], stale: [] });
  });

  afterAll(() => {
    if (!results.length) return;
    const letters = (ids: readonly string[]) => ids.join('') || '–';
    const exact = results.filter((r) => sameSet(r.categories, r.research));
    const partial = results.filter((r) => !sameSet(r.categories, r.research) && r.categories.some((c) => r.research.includes(c)));
    const disagree = results.filter((r) => !sameSet(r.categories, r.research) && !r.categories.some((c) => r.research.includes(c)));
    const verdicts = new Map<string, number>();
    for (const r of results) for (const v of r.verdicts) verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
    const lines = [
      `Red-line screening of ${results.length} documented systems against the research's categories:`,
      `  agree exactly: ${exact.length}, partially: ${partial.length}, disagree: ${disagree.length}`,
      ...RED_LINE_CATEGORIES.map((c) => {
        const research = results.filter((r) => r.research.includes(c)).length;
        const screening = results.filter((r) => r.categories.includes(c)).length;
        const both = results.filter((r) => r.research.includes(c) && r.categories.includes(c)).length;
        return `  ${c}: research ${research}, screening ${screening}, both ${both}`;
      }),
      `  verdicts: ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(', ')}`,
      '  differences (research → screening):',
      ...[...partial, ...disagree].map((r) => `    ${r.slug}: ${letters(r.research)} → ${letters(r.categories)}`),
    ];
    console.log(lines.join('\n'));
  });

  it('keeps E open, not ruled out, where the documents leave the kind of biometric matching unsaid', () => {
    for (const slug of ['iborderctrl', 'eu-entry-exit-system', 'eu-visa-information-system', 'us-cbp-one']) {
      const deployment = dataset.deployments.find((d) => d.technology === slug)!;
      const s = screenProfile(profileOfDeployment(deployment.profile, deployment.decisionRole));
      expect(s.undetermined.find((u) => u.id === 'E')?.questions, slug).toEqual(['biometricMatching']);
    }
  });
});
