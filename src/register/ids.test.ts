import { describe, expect, it } from 'vitest';
import { contentHash, stableId } from './ids.ts';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('stableId', () => {
  it('is deterministic', () => {
    expect(stableId('technology', 'eurodac')).toBe(stableId('technology', 'eurodac'));
  });

  it('does not change between releases (ids are stored and shared across installations)', () => {
    // Pinned values: a change here would give every stored and exported record a new id.
    expect(stableId('technology', 'eurodac')).toBe('669a65cf-eeda-57f6-8361-b060687a713e');
    expect(stableId('organisation', 'frontex')).toBe('15376908-54a6-5c61-884b-6e11e2f96adb');
  });

  it('differs by type and by key', () => {
    const ids = new Set([
      stableId('technology', 'eurodac'),
      stableId('deployment', 'eurodac'),
      stableId('technology', 'eurodac-2'),
      stableId('organisation', 'frontex'),
      stableId('relation', 'frontex|operates||eurodac-frontex|'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('does not confuse the type/key boundary', () => {
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
  });

  it('has the RFC 9562 version-5 layout: version nibble 5, variant 10xx', () => {
    for (const [type, key] of [['technology', 'eurodac'], ['organisation', ''], ['relation', 'a|b|c'], ['deployment', 'ünïcode-مرحبا']] as const) {
      const id = stableId(type, key);
      expect(id).toMatch(UUID_V5);
      expect(id[14]).toBe('5');
      expect('89ab').toContain(id[19]);
    }
  });
});

describe('contentHash', () => {
  it('is the same for equal content and differs for changed content', () => {
    expect(contentHash({ a: 1, b: ['x'] })).toBe(contentHash({ a: 1, b: ['x'] }));
    expect(contentHash({ a: 1, b: ['x'] })).not.toBe(contentHash({ a: 1, b: ['y'] }));
    expect(contentHash({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
