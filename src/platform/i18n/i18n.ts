import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import ar from './messages/ar.json' with { type: 'json' };
// A capability may ship messages of its own (generated wording too long for the shared files).
import assessmentsEn from '../../assessments/messages/en.json' with { type: 'json' };
import assessmentsFr from '../../assessments/messages/fr.json' with { type: 'json' };
import assessmentsAr from '../../assessments/messages/ar.json' with { type: 'json' };
import briefsEn from '../../briefs/messages/en.json' with { type: 'json' };
import briefsFr from '../../briefs/messages/fr.json' with { type: 'json' };
import briefsAr from '../../briefs/messages/ar.json' with { type: 'json' };

export const LOCALES = ['en', 'fr', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export type MessageKey = keyof typeof en | keyof typeof assessmentsEn | keyof typeof briefsEn;

/** Every shipped message file, by locale; a test checks they all have exactly the English keys. */
export const MESSAGES: Record<Locale, Record<string, string>> = {
  en: { ...en, ...assessmentsEn, ...briefsEn },
  fr: { ...fr, ...assessmentsFr, ...briefsFr },
  ar: { ...ar, ...assessmentsAr, ...briefsAr },
};
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', ar: 'العربية' };
const RTL = new Set<Locale>(['ar']);

export type Translator = {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A country or region name in this language from its two-letter code. */
  country(code: string): string;
  date(value: Date | string): string;
  number(value: number | string, currency?: string): string;
  /** Items joined as a list in this language ("a, b and c"). */
  list(items: readonly string[]): string;
};

const translators = new Map<Locale, Translator>();

/** The translator for a locale; message formats are compiled once and reused. */
export function translator(locale: Locale): Translator {
  const cached = translators.get(locale);
  if (cached) return cached;
  const compiled = new Map<string, IntlMessageFormat>();
  // Messages without values and country names are the same every time: formatted once.
  const plain = new Map<string, string>();
  const countryNames = new Map<string, string>();
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  // Creating an Intl formatter costs far more than using one: keep one per currency.
  const numberFormats = new Map<string, Intl.NumberFormat>();
  // Whole amounts without decimals; cents, when there are some, in full (never rounded away).
  const numberFormat = (currency = '', cents = false) => {
    const key = `${currency}|${cents}`;
    let f = numberFormats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 } : {});
      numberFormats.set(key, f);
    }
    return f;
  };
  const t: Translator = {
    locale,
    dir: RTL.has(locale) ? 'rtl' : 'ltr',
    t(key, values) {
      if (!values) {
        const done = plain.get(key);
        if (done !== undefined) return done;
      }
      let format = compiled.get(key);
      if (!format) {
        format = new IntlMessageFormat(MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key, locale);
        compiled.set(key, format);
      }
      const text = String(format.format(values));
      if (!values) plain.set(key, text);
      return text;
    },
    country: (code) => {
      let name = countryNames.get(code);
      if (name === undefined) {
        try {
          name = regions.of(code) ?? code;
        } catch {
          name = code;
        }
        // Only well-formed codes are remembered, so odd input cannot grow the map.
        if (/^[A-Z]{2}$/.test(code)) countryNames.set(code, name);
      }
      return name;
    },
    date: (value) => dates.format(typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value),
    number: (value, currency) => numberFormat(currency, !!currency && !Number.isInteger(Number(value))).format(Number(value)),
    list: (items) => lists.format(items),
  };
  translators.set(locale, t);
  return t;
}

/** Whether a string names a shipped locale. */
export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Picks the locale: an explicit choice (cookie) first, then the best Accept-Language match, then English. */
export function negotiateLocale(chosen: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0]!, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.base).find(isLocale) ?? DEFAULT_LOCALE;
}
