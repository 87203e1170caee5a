import { describe, expect, it } from 'vitest';
import { humanCheck, MAX_FORM_SECONDS, MIN_FORM_SECONDS, suggestionForm } from './suggestion.ts';

const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 12, 0, 0) + s * 1000);

describe('suggestion form', () => {
  it('takes text, up to ten source URLs one per line, and an optional contact', () => {
    const r = suggestionForm.safeParse({ body: ' The pilot ended in 2023. ', sources: 'https://example.org/a\n\n http://example.org/b ', contact: '' });
    expect(r.success && r.data).toEqual({ body: 'The pilot ended in 2023.', sources: ['https://example.org/a', 'http://example.org/b'], contact: '' });
  });
  it('names what is wrong', () => {
    const r = suggestionForm.safeParse({ body: '', sources: 'ftp://example.org\nnot a url', contact: 'x'.repeat(201) });
    expect(r.success).toBe(false);
    const fields = r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(fields).toEqual(expect.arrayContaining(['body:required', 'sources:url_invalid', 'contact:too_long']));
    const many = suggestionForm.safeParse({ body: 'x', sources: Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`).join('\n') });
    expect(many.success ? '' : many.error.issues[0]!.message).toBe('too_many');
  });
});

describe('human check', () => {
  it('passes a solved proof of work at once', () => {
    expect(humanCheck({ honeypot: '', powValid: true, shownAt: at(0), now: at(1) })).toEqual({ ok: true, by: 'proof_of_work' });
  });
  it('without JavaScript, asks for a short wait, then passes', () => {
    expect(humanCheck({ honeypot: '', powValid: false, shownAt: at(0), now: at(3) })).toEqual({ ok: false, reason: 'too_fast', waitSeconds: MIN_FORM_SECONDS - 3 });
    expect(humanCheck({ honeypot: '', powValid: false, shownAt: at(0), now: at(MIN_FORM_SECONDS) })).toEqual({ ok: true, by: 'wait' });
  });
  it('refuses a stale or missing form token, and a filled honeypot', () => {
    expect(humanCheck({ honeypot: '', powValid: false, shownAt: at(0), now: at(MAX_FORM_SECONDS + 1) })).toEqual({ ok: false, reason: 'expired' });
    expect(humanCheck({ honeypot: '', powValid: false, shownAt: null, now: at(0) })).toEqual({ ok: false, reason: 'expired' });
    expect(humanCheck({ honeypot: 'http://spam.example', powValid: true, shownAt: at(0), now: at(60) })).toEqual({ ok: false, reason: 'robot' });
  });
});
