import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Masking turns a value into the form a role may see; it is a value, never an error.
 * Each strategy keeps just enough to be useful for its purpose (counting, joining, support
 * calls) and nothing that identifies the person on its own.
 */
export const MASK_STRATEGIES = ['email', 'phone', 'year', 'initials', 'redact'] as const;
export type MaskStrategy = (typeof MASK_STRATEGIES)[number];

/** `wei.zhang@example.com` → `w***@example.com` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Every country calling code; they are prefix-free, so an E.164 number starts with exactly one. */
const CALLING_CODES = new Set(getCountries().map((country) => String(getCountryCallingCode(country))));

/** Splits `+8613800138000` into `86` and `13800138000` without a full parse (stored phones are E.164). */
function splitE164(phone: string): { code: string; national: string } | undefined {
  if (!/^\+\d{7,15}$/.test(phone)) return undefined;
  for (let length = 1; length <= 3; length += 1) {
    const code = phone.slice(1, 1 + length);
    if (CALLING_CODES.has(code)) return { code, national: phone.slice(1 + length) };
  }
  return undefined;
}

/** `+8613800138000` → `+86 138****8000` */
export function maskPhone(phone: string): string {
  let split = splitE164(phone);
  if (!split) {
    const parsed = parsePhoneNumberFromString(phone);
    split = parsed ? { code: String(parsed.countryCallingCode), national: String(parsed.nationalNumber) } : undefined;
  }
  const national = split ? split.national : phone.replace(/\D/g, '');
  const prefix = split ? `+${split.code} ` : '';
  if (national.length <= 4) return `${prefix}****`;
  const head = national.length > 7 ? national.slice(0, 3) : '';
  return `${prefix}${head}****${national.slice(-4)}`;
}

/** `1990-02-03` → `1990` */
export function maskToYear(date: string): string {
  return date.slice(0, 4);
}

/** `Xiaoming` → `X.` */
export function maskToInitial(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first}.` : '';
}

function maskScalar(strategy: MaskStrategy, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return strategy === 'redact' ? null : value;
  switch (strategy) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'year':
      return maskToYear(value);
    case 'initials':
      return maskToInitial(value);
    case 'redact':
      return null;
  }
}

/** Applies a strategy to a field value, element by element for lists. */
export function applyMask(strategy: MaskStrategy, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => maskScalar(strategy, item));
  return maskScalar(strategy, value);
}
