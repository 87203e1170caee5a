import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, CATALOGUES, findCatalogue } from './catalogue.ts';
import { checkCatalogue, expectedHeadings, readBriefing } from './domain/briefing-text.ts';
import {
  catalogueSchema, GRAVITIES, matchRecommendations, SECTION_HEADINGS, SECTIONS, STAKEHOLDERS, UNKNOWN_FACTS, type Catalogue, type SystemFacts,
} from './domain/catalogue.ts';
import json from './catalogue/recommendations-1.1.0.json' with { type: 'json' };
import json100 from './catalogue/recommendations-1.0.0.json' with { type: 'json' };

// The shipped catalogue against the briefing's text it quotes (catalogue/briefing-recommendations.md,
// a verbatim copy of the briefing's "Glossary A-Z" and "Recommendations" parts).

const SOURCE = fs.readFileSync(new URL('./catalogue/briefing-recommendations.md', import.meta.url), 'utf8');
const BRIEFING = readBriefing(SOURCE);

/**
 * Whether `quote` is in the raw file, verbatim, allowing only page breaks: pieces that each are in
 * the file, one ending a line and the next starting a line (after footnotes), joined by one space.
 */
function inFileAcrossPageBreaks(quote: string, file: string): { ok: boolean; breaks: number } {
  let rest = quote;
  let breaks = 0;
  for (;;) {
    if (file.includes(rest)) return { ok: true, breaks };
    let lo = 0; let hi = rest.length; // the longest prefix in the file
    while (lo < hi) { const mid = Math.ceil((lo + hi) / 2); if (file.includes(rest.slice(0, mid))) lo = mid; else hi = mid - 1; }
    const piece = rest.slice(0, lo);
    if (lo === 0 || rest[lo] !== ' ' || !file.includes(`${piece}\n`)) return { ok: false, breaks };
    rest = rest.slice(lo + 1);
    const next = rest.slice(0, 20);
    if (!file.includes(`\n${next}`) && !file.includes(`\n\t${next}`)) return { ok: false, breaks };
    breaks++;
  }
}

const bySection = (c: Pick<Catalogue, 'recommendations'>, stakeholder: string) => c.recommendations.filter((r) => r.stakeholder === stakeholder);

describe('the shipped catalogue', () => {
  it('parses, is versioned, and is the current one', () => {
    expect(catalogueSchema.safeParse(json).success).toBe(true);
    expect(CATALOGUE.version).toBe('1.1.0');
    expect(findCatalogue('1.1.0')).toBe(CATALOGUE);
    // Older versions stay readable: a brief names the version it used.
    expect(catalogueSchema.safeParse(json100).success).toBe(true);
    expect(findCatalogue('1.0.0')?.recommendations.length).toBe(CATALOGUE.recommendations.length);
    expect(CATALOGUES.map((c) => c.version)).toEqual([...new Set(CATALOGUES.map((c) => c.version))]);
    expect(CATALOGUE.source.title).toBe('Advocacy Briefing for Defending the Rights of Refugees, Asylum Seekers, and Migrants in The Digital Age');
    expect(SOURCE.split('\n').slice(0, 3).join('\n')).toContain(CATALOGUE.source.title); // the header names it
  });

  it('has the number of recommendations of each stakeholder and glossary terms the briefing has', () => {
    const counts = Object.fromEntries(STAKEHOLDERS.map((s) => [s, bySection(CATALOGUE, s).length]));
    expect(counts).toEqual({ state: 25, company: 9, international_organisation: 16, service_provider: 5 });
    expect(CATALOGUE.glossary).toHaveLength(17);
  });
});

describe('the briefing text', () => {
  it('starts with the header naming its source', () => {
    const header = SOURCE.split('\n').slice(0, 3).join('\n');
    expect(header).toMatch(/^<!--[\s\S]*Amnesty International[\s\S]*Advocacy Briefing for Defending the Rights of Refugees[\s\S]*advocacy[\s\S]*-->$/);
  });

  it('has the headings the catalogue’s stakeholders and sections name, in order', () => {
    expect(BRIEFING.headings).toEqual(expectedHeadings());
    for (const s of STAKEHOLDERS) {
      for (const section of SECTIONS[s]) {
        const found = BRIEFING.sections.find((x) => x.stakeholder === s && x.section === section);
        expect(found?.heading, `${s} ${section}`).toBe((SECTION_HEADINGS[s] as Record<string, string>)[section]);
        expect(CATALOGUE.recommendations.some((r) => r.stakeholder === s && r.section === section), `${s} ${section} has entries`).toBe(true);
      }
    }
    expect(BRIEFING.sections).toHaveLength(Object.values(SECTIONS).flat().length);
  });

  it('is read whole: every list item of the file is an item of a section, every glossary row a term', () => {
    const lines = SOURCE.split('\n');
    const start = lines.findIndex((l) => l === '## Recommendations');
    const rawItems = lines.slice(start).filter((l) => /^ *- /.test(l)).length;
    expect(BRIEFING.sections.reduce((n, s) => n + s.items.length, 0)).toBe(rawItems);
    const glossaryLines = lines.slice(lines.indexOf('## Glossary A-Z') + 1, start).filter((l) => /^[A-Z][^\t]*\t/.test(l));
    expect(BRIEFING.glossary.map((g) => g.term)).toEqual(glossaryLines.map((l) => l.split('\t')[0]));
  });

  it('finds only the lead-ins that introduce lists, and no recommendation among them', () => {
    expect(BRIEFING.sections.flatMap((s) => s.leadIns)).toEqual([
      'In addition to clear prohibitions on technologies incompatible with human rights, **States should, before any technology system is deployed:**',
      'During the lifecycle of technologies, States should:',
      'Companies involved at any point in the lifecycle of technologies, including businesses involved in developing and providing technologies for asylum, migration, and border enforcement, should:',
      'To service providers deploying digital technologies in the fields of asylum, migration, border enforcement and humanitarian aid, including non-governmental organisations (NGOs) and humanitarian non-profit service providers:',
    ]);
  });

  it('merges into one unit only the sub-items that complete their item’s sentence', () => {
    const merged = BRIEFING.sections.flatMap((s) => s.units.filter((u) => u.kind === 'merged_item').map((u) => `${s.section}: ${u.text.slice(0, 40)}`));
    expect(merged).toEqual([
      'before_deployment: Assess and demonstrate the legality, nec',
      'international_organisations: Assess and demonstrate the legality, nec',
    ]);
  });
});

describe('the catalogue against the briefing text', () => {
  it('agrees with it: quotes verbatim under their heading, every recommendation in exactly one entry, the whole glossary', () => {
    expect(checkCatalogue(CATALOGUE, BRIEFING).map((p) => p.message)).toEqual([]);
  });

  it('quotes each entry under the section it names', () => {
    for (const r of CATALOGUE.recommendations) {
      const section = BRIEFING.sections.find((s) => s.heading === r.quote.section && s.stakeholder === r.stakeholder);
      expect(section?.text.includes(r.quote.text), r.id).toBe(true);
    }
  });

  it('maps every recommendation of the briefing to exactly one entry, listing any that do not', () => {
    const unmapped: string[] = [];
    for (const s of BRIEFING.sections) {
      for (const u of s.units) {
        const entries = CATALOGUE.recommendations.filter((r) => r.stakeholder === s.stakeholder && r.section === s.section && r.quote.text.includes(u.text));
        if (entries.length !== 1) unmapped.push(`${s.heading} (${entries.length} entries): ${u.text.slice(0, 80)}`);
      }
    }
    expect(unmapped).toEqual([]);
    expect(CATALOGUE.recommendations).toHaveLength(BRIEFING.sections.reduce((n, s) => n + s.units.length, 0));
  });

  it('quotes the whole unit, the file’s words only mended at page breaks', () => {
    const breaks: string[] = [];
    for (const r of CATALOGUE.recommendations) {
      const section = BRIEFING.sections.find((s) => s.heading === r.quote.section)!;
      expect(section.units.map((u) => u.text), r.id).toContain(r.quote.text);
      const check = inFileAcrossPageBreaks(r.quote.text, SOURCE);
      expect(check.ok, r.id).toBe(true);
      if (check.breaks) breaks.push(r.id);
    }
    // The bullets the briefing's pages split (a footnote block between their two halves).
    expect(breaks).toEqual(['state.ban.risk-scoring-profiling', 'state.before.hria', 'company.avoid-and-remediate-abuses', 'provider.protect-data']);
  });

  it('gives as context only the words of the item an entry elaborates, from its own section', () => {
    for (const r of CATALOGUE.recommendations.filter((x) => x.quote.context !== undefined)) {
      const section = BRIEFING.sections.find((s) => s.heading === r.quote.section)!;
      expect(section.units.map((u) => u.text), r.id).toContain(r.quote.context);
      expect(r.quote.context).not.toBe(r.quote.text);
    }
  });

  it('has every glossary term of the briefing, its definition verbatim', () => {
    expect(CATALOGUE.glossary.map((g) => g.term)).toEqual(BRIEFING.glossary.map((g) => g.term));
    for (const g of CATALOGUE.glossary) {
      expect(g.definition).toBe(BRIEFING.glossary.find((x) => x.term === g.term)!.definition);
      expect(inFileAcrossPageBreaks(`${g.term}\t${g.definition}`, SOURCE).ok, g.term).toBe(true);
    }
    expect(CATALOGUE.glossary.find((g) => g.id === 'deployers')!.definition).toContain('a developer and a deployer if they have in-house capabilities');
  });

  describe('refuses a broken catalogue', () => {
    const edit = (f: (c: Catalogue) => void): Catalogue => { const c = structuredClone(CATALOGUE); f(c); return c; };
    const codes = (c: Catalogue) => checkCatalogue(c, BRIEFING).map((p) => p.code);

    it('a duplicate id (the schema)', () => {
      const broken = edit((c) => { c.recommendations[3]!.id = c.recommendations[2]!.id; });
      expect(catalogueSchema.safeParse(broken).success).toBe(false);
    });
    it('an unknown fact name (the schema)', () => {
      const broken = edit((c) => { c.recommendations[0]!.appliesWhen = { fact: 'threatLevel' as never, equals: 'high' }; });
      expect(catalogueSchema.safeParse(broken).success).toBe(false);
    });
    it('a quote not in the source, or under another heading', () => {
      expect(codes(edit((c) => { c.recommendations[0]!.quote.text = c.recommendations[0]!.quote.text.replace('total bans', 'partial bans'); })))
        .toEqual(expect.arrayContaining(['quote_not_in_section', 'unit_not_in_catalogue']));
      const moved = edit((c) => { const r = c.recommendations.find((x) => x.id === 'state.during.liability')!; r.section = 'before_deployment'; r.quote.section = 'Before deployment'; r.id = 'state.before.liability'; });
      expect(catalogueSchema.safeParse(moved).success).toBe(true);
      expect(codes(moved)).toEqual(expect.arrayContaining(['quote_not_in_section', 'unit_not_in_catalogue']));
    });
    it('a recommendation left out, or quoted by two entries', () => {
      expect(checkCatalogue(edit((c) => { c.recommendations = c.recommendations.filter((r) => r.id !== 'io.data-sharing-safeguards'); }), BRIEFING).map((p) => p.message))
        .toEqual([expect.stringContaining('not in the catalogue: "Incorporate explicit and specific safeguards')]);
      expect(codes(edit((c) => { c.recommendations.push({ ...structuredClone(c.recommendations[0]!), id: 'state.ban.again' }); }))).toEqual(['unit_in_several_entries']);
    });
    it('a glossary term left out or altered', () => {
      expect(codes(edit((c) => { c.glossary = c.glossary.slice(1); }))).toEqual(['glossary_term_missing']);
      expect(codes(edit((c) => { c.glossary[1]!.definition = c.glossary[1]!.definition.replace('An algorithmic', 'A'); }))).toEqual(['glossary_definition_differs']);
    });
  });
});

describe('matching the shipped catalogue to a system', () => {
  const facts = (over: Partial<SystemFacts>): SystemFacts => ({ ...UNKNOWN_FACTS, ...over });
  const ids = (stakeholder: (typeof STAKEHOLDERS)[number], f: SystemFacts) => matchRecommendations(CATALOGUE, stakeholder, f).map((r) => r.id);

  const lieDetector = facts({
    redLineVerdict: 'red_line', redLines: ['D'], capabilities: ['deception_detection'], contexts: ['border'], subjects: 'individuals',
    decisionRole: 'decision_support', deploymentStatus: 'pilot', deployerKind: 'public_body', vendorKinds: ['company'], funderKinds: ['international_organisation'],
    assessment: 'none', assessmentDecision: null, haltGrounds: null, auditFlagged: null, dataSharing: ['police'], consulted: false, noticeToAffected: false,
  });

  it('gives a State the emotion-recognition ban first for a system with red line D, then the other recommendations by gravity', () => {
    const got = matchRecommendations(CATALOGUE, 'state', lieDetector);
    expect(got.slice(0, 2).map((r) => r.id)).toEqual(['state.ban.inherently-rights-violating', 'state.ban.emotion-recognition']);
    expect(got.filter((r) => r.gravity === 'ban').map((r) => r.id)).not.toContain('state.ban.remote-biometric-identification');
    const gravities = got.map((r) => r.gravity);
    expect(gravities).toEqual([...gravities].sort((a, b) => GRAVITIES.indexOf(a) - GRAVITIES.indexOf(b)));
    expect(got.map((r) => r.id)).toEqual(expect.arrayContaining(['state.before.public-body-obligations', 'state.before.mandatory-due-diligence-law', 'state.during.inform-of-ai-decisions', 'state.during.effective-remedies', 'state.during.liability']));
    // A banned technology is not assessed and mitigated: no entry offering that way on.
    expect(got.map((r) => r.id)).not.toContain('state.before.hria');
  });

  it('gives the red-line D ban on the capability alone, when the screening could not conclude', () => {
    expect(ids('state', facts({ redLineVerdict: 'insufficient_information', capabilities: ['emotion_recognition'] }))[0]).toBe('state.ban.emotion-recognition');
  });

  it('gives a company vendor the company entries, due diligence among them', () => {
    const got = ids('company', lieDetector);
    expect(got).toEqual(expect.arrayContaining(['company.respect-human-rights', 'company.avoid-and-remediate-abuses', 'company.business-relationships', 'company.consult-communities']));
    expect(got).not.toContain('company.due-diligence'); // red line D: refrain, not mitigate
    expect(ids('company', { ...lieDetector, redLineVerdict: 'no_red_line_found', redLines: [] })).toContain('company.due-diligence');
    expect(got.every((id) => id.startsWith('company.'))).toBe(true);
    expect(ids('company', facts({ vendorKinds: ['company'] }))).toContain('company.due-diligence');
    expect(ids('company', facts({ vendorKinds: ['ngo'], deployerKind: 'public_body' }))).not.toContain('company.due-diligence');
  });

  it('halts when the assessment decided so or a red line was found', () => {
    expect(ids('international_organisation', facts({ assessmentDecision: 'halt' }))[0]).toBe('io.halt-unmitigable-risks');
    expect(ids('international_organisation', facts({ redLineVerdict: 'red_line' }))[0]).toBe('io.halt-unmitigable-risks');
    expect(ids('international_organisation', facts({ redLineVerdict: 'no_red_line_found', assessmentDecision: 'proceed' }))).not.toContain('io.halt-unmitigable-risks');
  });

  it('asks for an assessment only where none is finished', () => {
    expect(ids('state', facts({ assessment: 'overdue' }))).toContain('state.before.hria');
    expect(ids('state', facts({ assessment: 'none', redLineVerdict: 'red_line' }))).not.toContain('state.before.hria');
    expect(ids('international_organisation', facts({ assessment: 'none', redLineVerdict: 'red_line' }))).not.toContain('io.hria');
    expect(ids('state', facts({ assessment: 'published', assessmentDecision: 'proceed' }))).not.toContain('state.before.hria');
  });

  it('gives a system of which nothing is known only the general recommendations and those for what is not known to be done', () => {
    const got = matchRecommendations(CATALOGUE, 'state', UNKNOWN_FACTS);
    expect(got.filter((r) => r.gravity === 'ban')).toEqual([]);
    for (const r of got) expect(JSON.stringify(r.appliesWhen), r.id).toMatch(/"always":true|null/);
  });

  it('gives an international organisation funding the system the funding recommendation', () => {
    expect(ids('international_organisation', lieDetector)).toContain('io.responsible-support-and-funding');
    expect(ids('international_organisation', facts({ funderKinds: ['public_body'] }))).not.toContain('io.responsible-support-and-funding');
  });
});
