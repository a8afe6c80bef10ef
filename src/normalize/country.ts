import countries from 'i18n-iso-countries';
import { COUNTRY_ALIASES } from './country-aliases';
import { BoundedMemo } from './memo';
import { accept, reject, type Normalized } from './result';
import { normalizeText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const acceptFn = accept;
const rejectFn = reject;
const normalizeTextFn = normalizeText;

// Locale data is registered once, here, and nowhere else.
// eslint-disable-next-line @typescript-eslint/no-require-imports
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
countries.registerLocale(require('i18n-iso-countries/langs/zh.json'));

const COMBINING_MARKS = /\p{M}/gu;
const IGNORED_PUNCTUATION = /[.'’,()]/g;

/** Lookup key: case, accents, dots and a leading "the" do not matter (`U.S.` = `us`). */
function countryKey(text: string): string {
  let key = normalizeTextFn(text).toLowerCase();
  if (/[^\x20-\x7e]/.test(key)) key = key.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  key = key.replace(IGNORED_PUNCTUATION, '').replace(/&/g, 'and').replace(/\s+/g, ' ').trim();
  return key.startsWith('the ') ? key.slice(4) : key;
}

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (name: string, alpha2: string): void => {
    const key = countryKey(name);
    if (key !== '' && !index.has(key)) index.set(key, alpha2);
  };
  // Codes first so that a name never shadows a code.
  for (const alpha2 of Object.keys(countries.getAlpha2Codes())) add(alpha2, alpha2);
  for (const [alpha3, alpha2] of Object.entries(countries.getAlpha3Codes())) add(alpha3, alpha2);
  for (const [numeric, alpha2] of Object.entries(countries.getNumericCodes())) add(numeric, alpha2);
  for (const [alpha2, aliases] of Object.entries(COUNTRY_ALIASES)) for (const alias of aliases) add(alias, alpha2);
  for (const lang of ['en', 'zh']) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of names) add(name, alpha2);
    }
  }
  return index;
}

const INDEX = buildIndex();

// Country columns hold few distinct values, so results are memoized by raw text (bounded).
const MEMO_LIMIT = 10_000;
const memo = new BoundedMemo<string, Normalized<string>>(MEMO_LIMIT);

/**
 * ISO 3166-1 alpha-2 code from an alpha-2/alpha-3/numeric code, an English or
 * Chinese name, or a common variant (`USA`, `U.S.`, `UK`, `England`, `中国`, `美国`).
 */
export function normalizeCountry(raw: string): Normalized<string> {
  let result = memo.get(raw);
  if (result === undefined) {
    const alpha2 = INDEX.get(countryKey(raw));
    // Frozen because the same object is handed to every caller with this raw text.
    result = Object.freeze(
      alpha2 !== undefined
        ? acceptFn(alpha2)
        : rejectFn('UNKNOWN_COUNTRY', `"${normalizeTextFn(raw)}" is not a known country name or ISO 3166 code`),
    );
    memo.set(raw, result);
  }
  return result;
}

/** English short name of an alpha-2 code, for messages and display. */
export function countryName(alpha2: string, lang: 'en' | 'zh' = 'en'): string | undefined {
  return countries.getName(alpha2, lang, { select: 'alias' });
}
