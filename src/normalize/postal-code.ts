import { accept, correction, reject, type Normalized } from './result';
import { normalizeText } from './text';

/**
 * Postal code formats of common countries. Each rule reads the code with spaces
 * and hyphens removed and uppercased, and writes the country's canonical form.
 */
interface PostalRule {
  pattern: RegExp;
  format: (m: RegExpExecArray) => string;
  example: string;
  /** Optional repair of a known corruption, applied only when the code is otherwise invalid. */
  repair?: (compact: string) => string | undefined;
}

const whole = (m: RegExpExecArray): string => m[0];

const RULES: Readonly<Record<string, PostalRule>> = {
  // Spreadsheets drop the leading zero of New England ZIPs (02134 → 2134).
  US: {
    pattern: /^(\d{5})(\d{4})?$/,
    format: (m) => (m[2] ? `${m[1]}-${m[2]}` : m[1]!),
    example: '94105 or 94105-1234',
    repair: (c) => (/^\d{4}$/.test(c) || /^\d{8}$/.test(c) ? '0' + c : undefined),
  },
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/, format: (m) => `${m[1]} ${m[2]}`, example: 'SW1A 1AA' },
  CA: { pattern: /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)$/, format: (m) => `${m[1]} ${m[2]}`, example: 'K1A 0B6' },
  JP: { pattern: /^(\d{3})(\d{4})$/, format: (m) => `${m[1]}-${m[2]}`, example: '123-4567' },
  NL: { pattern: /^([1-9]\d{3})([A-Z]{2})$/, format: (m) => `${m[1]} ${m[2]}`, example: '1234 AB' },
  BR: { pattern: /^(\d{5})(\d{3})$/, format: (m) => `${m[1]}-${m[2]}`, example: '12345-678' },
  PL: { pattern: /^(\d{2})(\d{3})$/, format: (m) => `${m[1]}-${m[2]}`, example: '00-950' },
  CN: { pattern: /^\d{6}$/, format: whole, example: '100000' },
  IN: { pattern: /^[1-9]\d{5}$/, format: whole, example: '110001' },
  SG: { pattern: /^\d{6}$/, format: whole, example: '018956' },
  RU: { pattern: /^\d{6}$/, format: whole, example: '101000' },
  DE: { pattern: /^\d{5}$/, format: whole, example: '10115' },
  FR: { pattern: /^\d{5}$/, format: whole, example: '75001' },
  IT: { pattern: /^\d{5}$/, format: whole, example: '00184' },
  ES: { pattern: /^\d{5}$/, format: whole, example: '28001' },
  MX: { pattern: /^\d{5}$/, format: whole, example: '01000' },
  KR: { pattern: /^\d{5}$/, format: whole, example: '03051' },
  TW: { pattern: /^\d{3}(?:\d{2,3})?$/, format: whole, example: '100 or 10048' },
  AU: { pattern: /^\d{4}$/, format: whole, example: '2000' },
  NZ: { pattern: /^\d{4}$/, format: whole, example: '6011' },
  AT: { pattern: /^\d{4}$/, format: whole, example: '1010' },
  BE: { pattern: /^\d{4}$/, format: whole, example: '1000' },
  CH: { pattern: /^\d{4}$/, format: whole, example: '8001' },
  DK: { pattern: /^\d{4}$/, format: whole, example: '1050' },
  NO: { pattern: /^\d{4}$/, format: whole, example: '0150' },
  SE: { pattern: /^(\d{3})(\d{2})$/, format: (m) => `${m[1]} ${m[2]}`, example: '114 55' },
};

const SEPARATORS = /[\s-]/g;
/** Japanese postal mark, and "CH-8001"-style country prefixes. */
const PREFIXES = /^(?:〒|[A-Z]{1,2}-(?=\d))/;

export function hasPostalRule(country: string): boolean {
  return RULES[country] !== undefined;
}

/**
 * Formats and validates a postal code for its country. Codes of countries without
 * a rule are only cleaned (trimmed, uppercased); a code that breaks a known
 * country's format is rejected with BAD_POSTAL_CODE.
 */
export function normalizePostalCode(raw: string, country: string | undefined): Normalized<string> {
  const text = normalizeText(raw).toUpperCase();
  const rule = country === undefined ? undefined : RULES[country];
  if (rule === undefined) return accept(text);
  const compact = text.replace(PREFIXES, '').replace(SEPARATORS, '');
  const m = rule.pattern.exec(compact);
  if (m !== null) return accept(rule.format(m));
  const repaired = rule.repair?.(compact);
  if (repaired !== undefined) {
    const again = rule.pattern.exec(repaired);
    if (again !== null) {
      const value = rule.format(again);
      return accept(value, [correction('POSTAL_CODE_REPAIRED', raw, value)]);
    }
  }
  return reject('BAD_POSTAL_CODE', `postal code "${text}" does not match the ${country} format (${rule.example})`);
}
