import { normalizeCountry } from './country';
import { normalizePostalCode } from './postal-code';
import { accept, reject, withCorrections, type Correction, type Normalized } from './result';
import { prepareText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const normalizeCountryFn = normalizeCountry;
const normalizePostalCodeFn = normalizePostalCode;
const acceptFn = accept;
const rejectFn = reject;
const withCorrectionsFn = withCorrections;
const prepareTextFn = prepareText;

export { hasPostalRule, normalizePostalCode } from './postal-code';

export interface AddressInput {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

const HAS_UPPER = /\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const ORDINAL = /^(\d+)(st|nd|rd|th)$/i;
const HAS_DIGIT = /\d/;
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'n.', 's.', 'e.', 'w.']);
const UPPER_WORDS = new Set(['po', 'p.o.', 'apo', 'fpo', 'us', 'usa', 'uk']);
const SMALL_WORDS = new Set(['of', 'the', 'and', 'de', 'la', 'le', 'du', 'des', 'del', 'van', 'von', 'der', 'di', 'da', 'on', 'upon']);
const WORD_PART = /([-'\u2019/])/;

/**
 * Recases an address line or place name written entirely in capitals or entirely in
 * lowercase (`123 MAIN ST NW` → `123 Main St NW`, `apt 4b` → `Apt 4B`). Mixed case
 * is left as written, and scripts without case pass through.
 */
export function caseAddressText(text: string): string {
  const upper = HAS_UPPER.test(text);
  if (upper === HAS_LOWER.test(text)) return text;
  return text
    .split(' ')
    .map((token, i) => caseAddressToken(token, i))
    .join(' ');
}

function caseAddressToken(token: string, index: number): string {
  const lower = token.toLowerCase();
  const ordinal = ORDINAL.exec(lower);
  if (ordinal !== null) return ordinal[1]! + ordinal[2]!;
  if (HAS_DIGIT.test(token)) return token.toUpperCase();
  if (DIRECTIONS.has(lower) || UPPER_WORDS.has(lower)) return token.toUpperCase();
  if (index > 0 && SMALL_WORDS.has(lower)) return lower;
  return lower
    .split(WORD_PART)
    .map((part, i, parts) => (i > 0 && (parts[i - 1] === "'" || parts[i - 1] === '\u2019') && part.length < 2 ? part : capitalize(part)))
    .join('');
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

export function normalizeAddressLine(raw: string): Normalized<string> {
  const { text, corrections } = prepareTextFn(raw);
  return acceptFn(caseAddressText(text), corrections);
}

/** Regions of these countries are usually written as short codes (CA, NSW, ON). */
const REGION_CODE_COUNTRIES = new Set(['US', 'CA', 'AU', 'MX', 'BR', 'IN']);

export function normalizeRegion(raw: string, country: string | undefined): Normalized<string> {
  const { text, corrections } = prepareTextFn(raw);
  if (country !== undefined && REGION_CODE_COUNTRIES.has(country) && /^[A-Za-z]{2,3}\.?$/.test(text)) {
    return acceptFn(text.replace('.', '').toUpperCase(), corrections);
  }
  return acceptFn(caseAddressText(text), corrections);
}

/**
 * Normalizes all parts of an address; the first invalid part (unknown country,
 * postal code not matching its country) rejects the whole address. Record-level
 * normalization calls the parts separately to attribute problems to fields.
 */
export function normalizeAddress(input: AddressInput, options: { defaultCountry?: string } = {}): Normalized<Address> {
  const address: Address = {};
  let corrections: readonly Correction[] = [];
  let country: string | undefined = options.defaultCountry;
  if (input.country !== undefined && input.country.trim() !== '') {
    const c = normalizeCountryFn(input.country);
    if (!c.ok) return c;
    country = c.value;
  }
  if (country !== undefined) address.country = country;
  const textParts = [['line1', input.line1], ['line2', input.line2], ['city', input.city]] as const;
  for (const [key, raw] of textParts) {
    if (raw === undefined) continue;
    const r = normalizeAddressLine(raw);
    if (r.ok && r.value !== '') {
      address[key] = r.value;
      corrections = withCorrectionsFn(corrections, r.corrections);
    }
  }
  if (input.region !== undefined) {
    const r = normalizeRegion(input.region, country);
    if (r.ok && r.value !== '') address.region = r.value;
  }
  if (input.postalCode !== undefined && input.postalCode.trim() !== '') {
    const r = normalizePostalCodeFn(input.postalCode, country);
    if (!r.ok) return r;
    address.postalCode = r.value;
    corrections = withCorrectionsFn(corrections, r.corrections);
  }
  if (Object.keys(address).length === 0) return rejectFn('MISSING_REQUIRED', 'address is empty');
  return acceptFn(address, corrections);
}
