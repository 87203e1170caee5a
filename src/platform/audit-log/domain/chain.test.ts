import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntry, GENESIS_HASH, verifyEntries, type AuditEntry, type AuditEvent } from './chain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const event = (i: number): AuditEvent => ({
  action: i % 2 ? 'deployment.published' : 'session.created',
  actor: i % 3 ? { kind: 'user', userId: `u${i}`, organisationId: 'o1', role: 'editor' } : { kind: 'system', name: 'cli' },
  subjectType: 'deployment',
  subjectId: `d${i}`,
  details: { note: `change ${i}`, fields: ['title', 'status'], count: i },
});

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(chainEntry(out.at(-1) ?? null, event(i), new Date(Date.UTC(2026, 10, 28, 0, 0, i)).toISOString(), sha256));
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });
  it('orders keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"é":1}');
  });
  it('gives the same text whatever the insertion order of keys', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
    }));
  });
  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/Infinity/);
  });
});

describe('hash chain', () => {
  it('starts from the genesis hash and links every entry to the one before', () => {
    const entries = chain(4);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(verifyEntries(null, entries, sha256)).toEqual({ ok: true, last: { seq: 4, hash: entries[3]!.hash } });
  });

  it('verifies in batches, continuing from the last entry checked', () => {
    const entries = chain(6);
    const first = verifyEntries(null, entries.slice(0, 3), sha256);
    if (!first.ok) throw new Error('first batch should verify');
    expect(verifyEntries(first.last, entries.slice(3), sha256).ok).toBe(true);
  });

  it('names an entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: { ...entries[2]!.details, note: 'rewritten' } };
    expect(verifyEntries(null, entries, sha256)).toEqual({ ok: false, broken: expect.objectContaining({ seq: 3, problem: 'hash' }) });
  });

  it('catches a changed entry whose hash was recomputed, at the next entry', () => {
    const entries = chain(5);
    const { hash: _old, ...rest } = { ...entries[1]!, action: 'nothing.happened' };
    entries[1] = chainEntry({ seq: 1, hash: entries[0]!.hash }, rest, rest.occurredAt, sha256);
    expect(verifyEntries(null, entries, sha256)).toEqual({ ok: false, broken: expect.objectContaining({ seq: 3, problem: 'link' }) });
  });

  it('catches a removed entry', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(verifyEntries(null, entries, sha256)).toEqual({ ok: false, broken: expect.objectContaining({ seq: 4, problem: 'sequence' }) });
  });

  it('detects any change to any single field of any entry (property)', () => {
    const fields = ['action', 'subjectType', 'subjectId', 'occurredAt', 'details', 'actor', 'prevHash', 'hash'] as const;
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (index, field, text) => {
      const entries = chain(6);
      const original = entries[index]!;
      const changed = { ...original, [field]: field === 'details' ? { text } : field === 'actor' ? { kind: 'system', name: text } : `${String(original[field])}${text}` } as AuditEntry;
      entries[index] = changed;
      const result = verifyEntries(null, entries, sha256);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.broken.seq).toBe(index + 1);
    }));
  });
});
