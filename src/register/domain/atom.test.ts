import { describe, expect, it } from 'vitest';
import { atomFeed, xmlEscape } from './atom.ts';

describe('xmlEscape', () => {
  it('escapes the five XML special characters', () => {
    expect(xmlEscape(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('escapes an ampersand once, so existing entities are not left ambiguous', () => {
    expect(xmlEscape('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text alone', () => {
    expect(xmlEscape('Eurodac — مرحبا, 100%')).toBe('Eurodac — مرحبا, 100%');
    expect(xmlEscape('')).toBe('');
  });
});

describe('atomFeed', () => {
  const base = 'https://register.example.org';
  const feed = atomFeed({
    baseUrl: base,
    title: 'Safeguard <changes> & more',
    updated: new Date('2025-03-01T12:00:00Z'),
    changes: [
      { id: 42, occurred_at: new Date('2025-02-28T09:30:00Z'), record_type: 'technology', slug: 'eurodac', title: 'Eurodac "recast" <2024> & co', action: 'created' },
      { id: 43, occurred_at: new Date('2025-03-01T10:00:00Z'), record_type: 'deployment', slug: 'eurodac-frontex', title: 'Eurodac — Frontex', action: 'updated' },
      { id: 44, occurred_at: new Date('2025-03-01T11:00:00Z'), record_type: 'organisation', slug: 'frontex', title: 'Frontex', action: 'updated' },
    ],
  });
  const entries = feed.match(/<entry>.*?<\/entry>/g) ?? [];

  it('is an Atom document with its own id, escaped title, update time and self link', () => {
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(feed).toContain(`<id>${base}/feed.atom</id>`);
    expect(feed).toContain('<title>Safeguard &lt;changes&gt; &amp; more</title>');
    expect(feed).toContain('<updated>2025-03-01T12:00:00.000Z</updated>');
    expect(feed).toContain(`<link rel="self" href="${base}/feed.atom"/>`);
    expect(feed).toContain('<author><name>Safeguard</name></author>');
    expect(feed.trimEnd().endsWith('</feed>')).toBe(true);
  });

  it('has one entry per change, in order, with stable ids from the change id', () => {
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.match(/<id>(.*?)<\/id>/)?.[1])).toEqual([`${base}/changes/42`, `${base}/changes/43`, `${base}/changes/44`]);
  });

  it('links each entry to the page of its record', () => {
    expect(entries.map((e) => e.match(/<link rel="alternate" href="(.*?)"\/>/)?.[1])).toEqual([
      `${base}/technologies/eurodac`,
      `${base}/deployments/eurodac-frontex`,
      `${base}/organisations/frontex`,
    ]);
  });

  it('titles entries by action and record type, escaping <, & and "', () => {
    expect(entries[0]).toContain('<title>Added technology: Eurodac &quot;recast&quot; &lt;2024&gt; &amp; co</title>');
    expect(entries[1]).toContain('<title>Updated deployment: Eurodac — Frontex</title>');
    expect(entries[0]).toContain('<updated>2025-02-28T09:30:00.000Z</updated>');
  });

  it('leaves no raw special characters in text content', () => {
    const texts = [...feed.matchAll(/>([^<]*)</g)].map((m) => m[1]!);
    for (const t of texts) expect(t).not.toMatch(/[<>"]|&(?!(amp|lt|gt|quot|apos);)/);
  });

  it('is an empty feed, still valid, when there are no changes', () => {
    const empty = atomFeed({ baseUrl: base, title: 'T', updated: new Date(0), changes: [] });
    expect(empty).not.toContain('<entry>');
    expect(empty).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});
