/** Reading the canonical fields of a mapped source record, and telling empty values from real ones. */
import { correction, type Correction } from './result';
import type { CanonicalField } from './settings';
import { isPlaceholder, mayBePlaceholder, normalizeText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const correctionFn = correction;
const isPlaceholderFn = isPlaceholder;
const mayBePlaceholderFn = mayBePlaceholder;
const normalizeTextFn = normalizeText;

export type CanonicalValues = Record<CanonicalField, string | undefined>;

/**
 * Copies the canonical fields into an object of one fixed shape. Source records come
 * in many shapes, and looking up absent keys on them one by one is slow; a single
 * pass over the keys they do have is not.
 */
export function readCanonical(input: Readonly<Partial<Record<string, string | undefined>>>): CanonicalValues {
  // A literal, so every instance shares one hidden class; the type keeps it complete.
  const values: CanonicalValues = {
    givenName: undefined, familyName: undefined, fullName: undefined, email: undefined, phone: undefined,
    birthDate: undefined, gender: undefined, country: undefined, addressLine1: undefined, addressLine2: undefined,
    city: undefined, region: undefined, postalCode: undefined, lifetimeValue: undefined, currency: undefined,
    signupAt: undefined, updatedAt: undefined, emailMarketingConsent: undefined, smsMarketingConsent: undefined, consentAt: undefined,
  };
  // A switch of named stores: several times faster than `values[key] = value` (a keyed store
  // over many names), whatever shapes the input records come in.
  for (const key in input) {
    const v = input[key];
    if (typeof v !== 'string') continue;
    switch (key) {
      case 'givenName': values.givenName = v; break;
      case 'familyName': values.familyName = v; break;
      case 'fullName': values.fullName = v; break;
      case 'email': values.email = v; break;
      case 'phone': values.phone = v; break;
      case 'birthDate': values.birthDate = v; break;
      case 'gender': values.gender = v; break;
      case 'country': values.country = v; break;
      case 'addressLine1': values.addressLine1 = v; break;
      case 'addressLine2': values.addressLine2 = v; break;
      case 'city': values.city = v; break;
      case 'region': values.region = v; break;
      case 'postalCode': values.postalCode = v; break;
      case 'lifetimeValue': values.lifetimeValue = v; break;
      case 'currency': values.currency = v; break;
      case 'signupAt': values.signupAt = v; break;
      case 'updatedAt': values.updatedAt = v; break;
      case 'emailMarketingConsent': values.emailMarketingConsent = v; break;
      case 'smsMarketingConsent': values.smsMarketingConsent = v; break;
      case 'consentAt': values.consentAt = v; break;
    }
  }
  return values;
}

/** The raw value of a field, or undefined when it is empty or a placeholder such as "N/A". */
export function present(corrections: Correction[], field: CanonicalField, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Only values that start with what a placeholder starts with need the full text treatment.
  const first = firstVisible(raw);
  if (first < 0) return undefined;
  if (raw.length - first > 40 || !mayBePlaceholderFn(raw.charCodeAt(first))) return raw;
  const text = normalizeTextFn(raw);
  if (text === '') return undefined;
  if (isPlaceholderFn(text)) {
    corrections.push(correctionFn('PLACEHOLDER_REMOVED', raw, '', field));
    return undefined;
  }
  return raw;
}

/** Index of the first character that is not whitespace or invisible, or -1 for a blank value. */
function firstVisible(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 32 && c < 127) return i;
    if (c <= 32 || c === 0x7f || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200d) || c === 0x2060) continue;
    return i;
  }
  return -1;
}

