import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, MESSAGES, isLocale, negotiateLocale, translator } from './i18n.ts';

/** The keys a locale misses and the keys it has that English does not. */
function keyDiff(english: Record<string, string>, other: Record<string, string>): { missing: string[]; extra: string[] } {
  const want = Object.keys(english);
  const have = Object.keys(other);
  return { missing: want.filter((k) => !have.includes(k)).sort(), extra: have.filter((k) => !want.includes(k)).sort() };
}

/** The names of the arguments a message uses ({name}, {n, plural, ...}, <tag>), found by walking its parsed form. */
function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Record<string, unknown>[]) {
      // Literal (0) and pound (7) elements name no argument; every other kind carries its name in `value`.
      if (el.type !== 0 && el.type !== 7 && typeof el.value === 'string') names.add(el.value);
      walk(el.children);
      if (el.options && typeof el.options === 'object')
        for (const option of Object.values(el.options as Record<string, { value: unknown }>)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe('message files', () => {
  it('are shipped for every locale', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the keys of en.json', (locale) => {
    const { missing, extra } = keyDiff(MESSAGES.en, MESSAGES[locale]);
    expect(missing, `${locale} misses keys: ${missing.join(', ')}`).toEqual([]);
    expect(extra, `${locale} has keys that en.json lacks: ${extra.join(', ')}`).toEqual([]);
  });

  it('the key comparison itself catches missing and extra keys', () => {
    expect(keyDiff({ a: 'A', b: 'B', c: 'C' }, { a: 'A', c: 'C', d: 'D' })).toEqual({ missing: ['b'], extra: ['d'] });
    expect(keyDiff({ a: 'A' }, { a: 'x' })).toEqual({ missing: [], extra: [] });
  });

  it.each(LOCALES)('every %s message compiles', (locale) => {
    const broken: string[] = [];
    for (const [key, message] of Object.entries(MESSAGES[locale])) {
      try {
        new IntlMessageFormat(message, locale);
      } catch (error) {
        broken.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('every %s message uses the same arguments as English', (locale) => {
    const mismatched: string[] = [];
    for (const [key, english] of Object.entries(MESSAGES.en)) {
      const translated = MESSAGES[locale][key];
      if (translated === undefined) continue; // reported by the key test
      const want = argumentNames(english, 'en').join(', ');
      const have = argumentNames(translated, locale).join(', ');
      if (want !== have) mismatched.push(`${key}: en {${want}} vs ${locale} {${have}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('the argument comparison sees arguments inside plural branches', () => {
    expect(argumentNames('{total, plural, =0 {None for “{q}”} other {# for {q}}}', 'en')).toEqual(['q', 'total']);
    expect(argumentNames('Plain text', 'en')).toEqual([]);
  });
});

describe('negotiateLocale', () => {
  it('prefers the explicit choice (cookie) over Accept-Language', () => {
    expect(negotiateLocale('fr', 'ar, en;q=0.9')).toBe('fr');
    expect(negotiateLocale('ar', undefined)).toBe('ar');
  });

  it('ignores a cookie that names no shipped locale', () => {
    expect(negotiateLocale('de', 'fr')).toBe('fr');
    expect(negotiateLocale('', 'ar')).toBe('ar');
  });

  it('ranks Accept-Language entries by q-value and matches on the base language', () => {
    expect(negotiateLocale(undefined, 'fr-CA;q=0.8, ar;q=0.9')).toBe('ar');
    expect(negotiateLocale(undefined, 'de-DE, fr-CA;q=0.7, en;q=0.5')).toBe('fr');
    expect(negotiateLocale(undefined, 'AR-EG')).toBe('ar');
    expect(negotiateLocale(undefined, 'en;q=0.1, fr')).toBe('fr');
  });

  it('keeps header order between equal q-values', () => {
    expect(negotiateLocale(undefined, 'fr, ar')).toBe('fr');
    expect(negotiateLocale(undefined, 'ar;q=0.5, fr;q=0.5')).toBe('ar');
  });

  it('skips languages refused with q=0', () => {
    expect(negotiateLocale(undefined, 'ar;q=0, fr;q=0.1')).toBe('fr');
  });

  it('falls back to English for unknown languages or no header', () => {
    expect(negotiateLocale(undefined, 'de, es;q=0.9')).toBe('en');
    expect(negotiateLocale(undefined, '*')).toBe('en');
    expect(negotiateLocale(undefined, undefined)).toBe('en');
    expect(negotiateLocale(undefined, '')).toBe('en');
    expect(DEFAULT_LOCALE).toBe('en');
  });

  it.each([';;;', ',,,', 'q=0.9', 'fr;q=abc', '🙂;q=1', '=;=,;q'])('falls back to English for the malformed header %j', (header) => {
    expect(negotiateLocale(undefined, header)).toBe('en');
  });
});

describe('isLocale', () => {
  it('accepts shipped locales only', () => {
    expect(LOCALES.every(isLocale)).toBe(true);
    for (const value of ['de', 'EN', 'en-GB', '', undefined, 1]) expect(isLocale(value)).toBe(false);
  });
});

describe('translator', () => {
  it('gives the text direction of the locale', () => {
    expect(translator('ar').dir).toBe('rtl');
    expect(translator('en').dir).toBe('ltr');
    expect(translator('fr').dir).toBe('ltr');
  });

  it('is cached per locale', () => {
    expect(translator('fr')).toBe(translator('fr'));
    expect(translator('fr').locale).toBe('fr');
  });

  it('names countries in its own language', () => {
    expect(translator('en').country('DE')).toBe('Germany');
    expect(translator('fr').country('DE')).toBe('Allemagne');
    expect(translator('ar').country('DE')).toBe('ألمانيا');
    expect(translator('en').country('EU')).toBe('European Union');
  });

  it('gives back a code it cannot name', () => {
    expect(translator('en').country('not a code')).toBe('not a code');
  });

  it('translates simple messages and fills in arguments', () => {
    expect(translator('en').t('nav.home')).toBe('Home');
    expect(translator('fr').t('nav.home')).toBe(MESSAGES.fr['nav.home']);
    expect(translator('en').t('register.page', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(translator('en').t('footer.licence', { licence: 'CC-BY-4.0' })).toBe('Data licence: CC-BY-4.0');
  });

  it('chooses English plural forms', () => {
    const { t } = translator('en');
    expect(t('register.results', { total: 0 })).toBe('No deployments match');
    expect(t('register.results', { total: 1 })).toBe('1 deployment');
    expect(t('register.results', { total: 1234 })).toBe('1,234 deployments');
    expect(t('register.resultsFor', { total: 2, q: 'iris' })).toBe('2 deployments match “iris”');
  });

  it('chooses French and Arabic plural forms', () => {
    expect(translator('fr').t('country.count', { count: 1 })).toBe('1 déploiement');
    expect(translator('fr').t('country.count', { count: 3 })).toBe('3 déploiements');
    const ar = translator('ar');
    expect(ar.t('country.count', { count: 0 })).toBe('لا توجد استخدامات');
    expect(ar.t('country.count', { count: 1 })).toBe('استخدام واحد');
    expect(ar.t('country.count', { count: 2 })).toBe('استخدامان');
    expect(ar.t('country.count', { count: 3 })).not.toBe(ar.t('country.count', { count: 11 }));
  });

  it('formats dates in UTC and amounts with the currency', () => {
    expect(translator('en').date('2024-05-14')).toBe('May 14, 2024');
    expect(translator('fr').date(new Date('2024-05-14T23:30:00Z'))).toBe('14 mai 2024');
    expect(translator('en').number('4500000', 'EUR')).toBe('€4,500,000');
    expect(translator('en').number(1234.5)).toBe('1,234.5');
    // Cents are kept in full, never rounded to the nearest unit.
    expect(translator('en').number('1250000.50', 'EUR')).toBe('€1,250,000.50');
    expect(translator('fr').number('12.5', 'EUR')).toMatch(/^12,50\s€$/);
  });
});
