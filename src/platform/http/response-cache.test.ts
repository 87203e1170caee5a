import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.ts';

const body = (s: string) => ({ status: 200, contentType: 'text/html', body: Buffer.from(s) });

function setup(maxBytes = 1000) {
  let version = 1;
  let reads = 0;
  let now = 0;
  const cache = new ResponseCache(maxBytes, async () => (reads++, version), () => now);
  return { cache, bump: () => version++, advance: (ms: number) => (now += ms), reads: () => reads };
}

describe('ResponseCache', () => {
  it('serves what was stored at the current version', async () => {
    const { cache } = setup();
    const v = await cache.currentVersion();
    cache.set('en /a', v, body('A'));
    expect((await cache.get('en /a'))?.body.toString()).toBe('A');
    expect(await cache.get('fr /a')).toBeUndefined();
  });

  it('forgets everything once the data version changes, read at most once per second', async () => {
    const { cache, bump, advance, reads } = setup();
    cache.set('en /a', await cache.currentVersion(), body('A'));
    bump();
    advance(500);
    expect(await cache.get('en /a')).toBeDefined();
    advance(600);
    expect(await cache.get('en /a')).toBeUndefined();
    expect(reads()).toBe(2);
  });

  it('forgets everything when the day changes, for pages that depend on the date', async () => {
    const { cache, advance } = setup();
    advance(86_400_000 - 2000);
    cache.set('en /a', await cache.currentVersion(), body('A'));
    advance(1000);
    expect(await cache.get('en /a')).toBeDefined();
    advance(1000);
    expect(await cache.get('en /a')).toBeUndefined();
  });

  it('ignores a response made under an older version', async () => {
    const { cache, bump, advance } = setup();
    const old = await cache.currentVersion();
    bump();
    advance(2000);
    await cache.currentVersion();
    cache.set('en /a', old, body('stale'));
    expect(await cache.get('en /a')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond its budget', async () => {
    const { cache } = setup(400);
    const v = await cache.currentVersion();
    cache.set('a', v, body('x'.repeat(40)));
    cache.set('b', v, body('x'.repeat(40)));
    await cache.get('a');
    for (let i = 0; i < 9; i++) cache.set(`c${i}`, v, body('x'.repeat(40)));
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c8')).toBeDefined();
    expect(await cache.get('a')).toBeDefined();
  });

  it('does nothing when its budget is zero, and invalidate() drops everything', async () => {
    const off = setup(0).cache;
    off.set('a', await off.currentVersion(), body('A'));
    expect(await off.get('a')).toBeUndefined();
    const { cache } = setup();
    cache.set('a', await cache.currentVersion(), body('A'));
    cache.invalidate();
    expect(await cache.get('a')).toBeUndefined();
  });
});
