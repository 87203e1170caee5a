import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/i18n.ts';
import { screenProfile } from '../../redlines/domain/screen-profile.ts';
import { CATALOGUE } from '../catalogue.ts';
import { factsOf, type SystemRecord } from '../domain/facts.ts';
import { briefingSegments, plainText } from '../domain/rich-text.ts';
import { composeBrief, type BriefSubject } from './brief-document.ts';
import { renderBriefDocx } from './brief-docx.ts';

// The DOCX opens (a zip whose document.xml parses) and says what the brief says: every
// recommendation quoted, glossary links, footnote numbers as superscript; right to left in Arabic
// except the briefing's English quotations.

const profile = { context: ['border' as const], decisionRole: 'decision_support' as const, subjects: 'individuals' as const, capabilities: ['deception_detection' as const], inputs: ['facial video'], dataSharing: [] };
const record: SystemRecord = {
  deployment: { slug: 'lie-detector', title: 'Lie detector pilot', status: 'pilot', decisionRole: 'decision_support', deployerKind: 'public_body', deployerSlug: 'police' },
  profile, screening: { verdict: 'red_line', redLines: ['D'] }, vendorKinds: ['company'], funderKinds: [], assessment: null, audit: null,
};
const subject: BriefSubject = {
  deployment: { slug: 'lie-detector', title: 'Lie detector pilot', purpose: 'Questioning travellers.', legalBasis: null, countries: ['HU'], sites: [], status: 'pilot', statusNote: null, decisionRole: 'decision_support', affectedGroups: [], period: null, unverified: [] },
  technology: { slug: 'avatar', name: 'Avatar', summary: 'An avatar that asks questions and reads faces.', techniques: [], dataCategories: [], unverified: [] },
  deployer: { slug: 'police', name: 'Border Police', kind: 'public_body' },
  organisations: [{ slug: 'acme', name: 'Acme', kind: 'company', relation: 'develops' }],
  sources: [{ url: 'https://example.org/a', title: 'A report', publisher: 'Example', publishedOn: null, archivedUrl: null }],
  screening: screenProfile(profile), gathered: { ...factsOf(record), record },
};

async function open(lang: 'en' | 'ar') {
  const doc = composeBrief(subject, { stakeholder: 'state', i18n: translator(lang), catalogue: CATALOGUE, today: '2026-12-07', baseUrl: 'https://sg.example' });
  const files = unzipSync(new Uint8Array(await renderBriefDocx(doc, CATALOGUE.glossary)));
  const errors: string[] = [];
  const xml = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(strFromU8(files['word/document.xml']!), 'text/xml');
  expect(errors).toEqual([]);
  return { doc, xml, files, text: Array.from(xml.getElementsByTagName('w:t')).map((n) => n.textContent).join('') };
}

describe('the brief as DOCX', () => {
  it('holds the title, every recommendation with its quotation, and the references', async () => {
    const { doc, text, files, xml } = await open('en');
    expect(text).toContain(doc.title);
    for (const r of doc.recommendations) {
      expect(text).toContain(r.id);
      expect(text).toContain(plainText(briefingSegments(r.quote.text)).slice(0, 80));
    }
    for (const ref of doc.references) expect(text).toContain(ref.label);
    expect(strFromU8(files['word/_rels/document.xml.rels']!)).toMatch(/Target="https:\/\/sg\.example\/glossary\/[a-z-]+"/);
    expect(xml.getElementsByTagName('w:hyperlink').length).toBeGreaterThan(0);
    expect(strFromU8(files['word/document.xml']!)).toContain('w:vertAlign w:val="superscript"');
    expect(strFromU8(files['docProps/core.xml']!)).toContain(doc.title);
  });
  it('is right to left in Arabic, but quotes the briefing left to right', async () => {
    const { xml } = await open('ar');
    const paragraphs = Array.from(xml.getElementsByTagName('w:p'));
    expect(paragraphs.filter((p) => p.getElementsByTagName('w:bidi').length).length).toBeGreaterThan(10);
    const quoteRuns = Array.from(xml.getElementsByTagName('w:r')).filter((r) => r.getElementsByTagName('w:i').length && (r.textContent ?? '').includes('emotion recognition'));
    expect(quoteRuns.length).toBeGreaterThan(0);
    for (const r of quoteRuns) expect(r.getElementsByTagName('w:rtl').length).toBe(0);
    expect(Array.from(xml.getElementsByTagName('w:rtl')).length).toBeGreaterThan(10);
  });
});
