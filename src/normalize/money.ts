import Decimal from 'decimal.js';
import { currencySymbol, isCurrencyCode, minorUnits, resolveCurrency } from './currency';
import { accept, reject, type Normalized, type Rejected } from './result';
import { prepareText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const currencySymbolFn = currencySymbol;
const isCurrencyCodeFn = isCurrencyCode;
const minorUnitsFn = minorUnits;
const resolveCurrencyFn = resolveCurrency;
const acceptFn = accept;
const rejectFn = reject;
const prepareTextFn = prepareText;

/**
 * Money is parsed and computed with decimal.js only; amounts cross module
 * boundaries as plain decimal strings (`"1234.50"`), never as JS numbers.
 */

/** A private Decimal so that global decimal.js settings elsewhere cannot change results here. */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

export interface Money {
  /** Plain decimal string with at least the currency's minor units: `"1234.50"`, `"88"` for JPY. */
  amount: string;
  /** ISO 4217 code. */
  currency: string;
}

export interface MoneyOptions {
  /** The currency given for the value (a currency column); a different symbol in the text is a mismatch. */
  currency?: string;
  /** The source's currency, used when the text has none and to read shared symbols (`¥`, `$`, `kr`). */
  defaultCurrency?: string;
  /** Forces the decimal separator when a source is known to use one; otherwise it is detected. */
  decimalSeparator?: '.' | ',';
}

/** Enough zeros to pad any currency's minor units (at most 4, CLF). */
const ZEROS = '0000';
const GROUP_CHARS = /[ '\u2019\u00a0\u202f\u2009]/g;
const CANONICAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * `¥1,234.50`, `1.234,50 €`, `$12`, `1234.5`, `CNY 88`, `88 USD`, `-$5`, `(5.00)`.
 * Separators: with both `.` and `,` the last one is the decimal point; a lone `,`
 * followed by exactly three digits is a thousands separator (`1,234`), otherwise a
 * decimal comma (`12,5`); a lone `.` is a decimal point; repeated ones are grouping.
 */
export function parseMoney(raw: string, options: MoneyOptions = {}): Normalized<Money> {
  const { text, corrections } = prepareTextFn(raw);
  if (text === '') return rejectFn('BAD_AMOUNT', 'amount is empty');

  let first = -1;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return rejectFn('BAD_AMOUNT', `amount "${text}" contains no digits`);
  if (first > 0 && (text[first - 1] === '.' || text[first - 1] === ',')) first--;

  let prefix = text.slice(0, first).trim();
  let suffix = text.slice(last + 1).trim();
  let negative = false;
  if (prefix.startsWith('(') && suffix.endsWith(')')) {
    negative = true;
    prefix = prefix.slice(1).trim();
    suffix = suffix.slice(0, -1).trim();
  }
  const sign = prefix.charCodeAt(0);
  if (sign === 45 || sign === 0x2212) {
    negative = !negative;
    prefix = prefix.slice(1).trim();
  } else if (prefix.length > 1 && (prefix.endsWith('-') || prefix.endsWith('\u2212'))) {
    negative = !negative;
    prefix = prefix.slice(0, -1).trim();
  }

  const currency = pickCurrency(prefix, suffix, options);
  if (typeof currency !== 'string') return currency;

  const number = canonicalNumber(text.slice(first, last + 1), options.decimalSeparator);
  if (number === undefined) return rejectFn('BAD_AMOUNT', `amount "${text}" is not a number`);
  return acceptFn({ amount: padAmount(number, negative, currency), currency }, corrections);
}

/** A plain decimal string (`-12.5`) as an amount of `currency` (`-12.50`), by text alone. */
export function amountString(plain: string, currency: string): string {
  const negative = plain.charCodeAt(0) === 45;
  return padAmount(negative ? plain.slice(1) : plain, negative, currency);
}

/**
 * `canonicalNumber` output → amount string, by text alone: parsing needs no
 * arithmetic, and skipping Decimal here keeps the hot path cheap. Leading zeros go,
 * the fraction is padded to the currency's minor units, and zero is never negative.
 */
function padAmount(number: string, negative: boolean, currency: string): string {
  const dot = number.indexOf('.');
  // Most amounts have no sign and no leading zeros: their digits stay as written, in one piece.
  if (!negative && (number.charCodeAt(0) !== 48 || dot === 1 || number.length === 1)) {
    const written = dot < 0 ? 0 : number.length - dot - 1;
    const minor = minorUnitsFn(currency);
    if (written >= minor && (dot < 0 || written > 0)) return number;
    if (written < minor && minor - written <= ZEROS.length) return number + (dot < 0 ? '.' : '') + ZEROS.slice(0, minor - written);
  }
  let integer = dot < 0 ? number : number.slice(0, dot);
  let fraction = dot < 0 ? '' : number.slice(dot + 1);
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start++;
  if (start > 0) integer = integer.slice(start);
  const minor = minorUnitsFn(currency);
  if (fraction.length < minor) fraction = fraction.padEnd(minor, '0');
  const isZero = integer === '0' && !/[1-9]/.test(fraction);
  return (negative && !isZero ? '-' : '') + integer + (fraction === '' ? '' : '.' + fraction);
}

function pickCurrency(prefix: string, suffix: string, options: MoneyOptions): string | Rejected {
  if (prefix !== '' && suffix !== '' && prefix.toUpperCase() !== suffix.toUpperCase()) {
    const a = resolveCurrencyFn(prefix, options.currency ?? options.defaultCurrency);
    const b = resolveCurrencyFn(suffix, options.currency ?? options.defaultCurrency);
    if (!a.ok || !b.ok || a.currency !== b.currency) return rejectFn('BAD_AMOUNT', 'amount has text on both sides of the number');
  }
  const token = prefix !== '' ? prefix : suffix;
  if (token === '') {
    const currency = options.currency ?? options.defaultCurrency;
    if (currency === undefined) return rejectFn('UNKNOWN_CURRENCY', 'amount has no currency and the source has no default currency');
    if (!isCurrencyCodeFn(currency)) return rejectFn('UNKNOWN_CURRENCY', `currency "${currency}" is not an ISO 4217 code`);
    return currency;
  }
  const resolved = resolveCurrencyFn(token, options.currency ?? options.defaultCurrency);
  if (!resolved.ok) {
    if (resolved.ambiguous) return rejectFn('UNKNOWN_CURRENCY', `currency symbol "${token}" is used by several currencies and the source default does not say which`);
    if (/^\p{L}{3}$/u.test(token)) return rejectFn('UNKNOWN_CURRENCY', `currency "${token}" is not an ISO 4217 code`);
    return rejectFn('BAD_AMOUNT', `amount has text "${token}" that is not a currency`);
  }
  if (options.currency !== undefined && resolved.currency !== options.currency.toUpperCase()) {
    return rejectFn('CURRENCY_MISMATCH', `amount is written in ${resolved.currency} but the field's currency is ${options.currency}`);
  }
  return resolved.currency;
}

/** Digits with separators → `1234.50`, or undefined when the grouping is not consistent. */
export function canonicalNumber(written: string, decimalSeparator?: '.' | ','): string | undefined {
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (c === 32 || c === 39 || c === 0x2019 || c === 0xa0 || c === 0x202f || c === 0x2009) {
      // Spaces and apostrophes only ever group digits: drop them and read again.
      return canonicalNumber(written.replace(GROUP_CHARS, ''), decimalSeparator);
    } else {
      return undefined;
    }
  }
  let decimalAt = -1;
  let group = 0;
  if (dots > 0 && commas > 0) {
    decimalAt = Math.max(lastDot, lastComma);
    group = lastDot > lastComma ? 44 : 46;
    if (decimalSeparator !== undefined && written[decimalAt] !== decimalSeparator) return undefined;
    if ((group === 46 ? commas : dots) !== 1) return undefined;
  } else if (dots + commas > 0) {
    const separator = dots > 0 ? '.' : ',';
    const at = dots > 0 ? lastDot : lastComma;
    const repeated = dots + commas > 1;
    const decimal =
      decimalSeparator ?? (repeated ? undefined : separator === ',' ? (looksLikeThousands(written, at) ? undefined : ',') : '.');
    if (decimal === separator && repeated) return undefined;
    if (decimal === separator) decimalAt = at;
    else group = separator.charCodeAt(0);
  }
  const integerEnd = decimalAt >= 0 ? decimalAt : written.length;
  if (decimalAt === written.length - 1) return undefined;
  // Ungrouped digits with a decimal point (or none) are already in canonical form.
  if (group === 0 && integerEnd > 0 && (decimalAt < 0 || written.charCodeAt(decimalAt) === 46)) return written;
  const integer = group === 0 ? written.slice(0, integerEnd) : ungroup(written, integerEnd, group);
  if (integer === undefined) return undefined;
  const whole = integer === '' ? '0' : integer;
  return decimalAt < 0 ? whole : `${whole}.${written.slice(decimalAt + 1)}`;
}

function looksLikeThousands(s: string, at: number): boolean {
  return s.length - at - 1 === 3 && at >= 1 && at <= 3 && !(at === 1 && s.charCodeAt(0) === 48);
}

/** Digits before `end` with every `group` separator removed, if the groups are 1-3 then exactly 3 digits. */
function ungroup(s: string, end: number, group: number): string | undefined {
  let digits = '';
  let runStart = 0;
  let groups = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && s.charCodeAt(i) !== group) continue;
    const run = i - runStart;
    if (groups === 0 ? run < 1 || run > 3 : run !== 3) return undefined;
    digits += s.slice(runStart, i);
    groups++;
    runStart = i + 1;
  }
  return digits;
}

/** Keeps every digit written, padded to the currency's minor units; zero is never negative. */
export function toAmountString(value: Decimal, currency: string): string {
  const v = value.isZero() ? value.abs() : value;
  return v.toFixed(Math.max(minorUnitsFn(currency), v.decimalPlaces()));
}

/** `-1234.50`: what amounts look like at module boundaries (no exponent, no grouping). */
export function isPlainDecimal(amount: string): boolean {
  return CANONICAL_NUMBER.test(amount);
}

export type MoneyStyle = 'en' | 'de' | 'code-prefix' | 'code-suffix';

/** Formats money the way sources write it (used to test that parsing reads those forms back). */
export function formatMoney(money: Money, style: MoneyStyle = 'en'): string {
  const value = new MoneyDecimal(money.amount);
  const [integer, fraction] = value.abs().toFixed(Math.max(minorUnitsFn(money.currency), value.decimalPlaces())).split('.');
  const sign = value.isNegative() && !value.isZero() ? '-' : '';
  const grouped = (sep: string): string => integer!.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const symbol = currencySymbolFn(money.currency) ?? money.currency;
  switch (style) {
    case 'en':
      return `${sign}${symbol}${symbol.length === 3 ? ' ' : ''}${grouped(',')}${fraction ? '.' + fraction : ''}`;
    case 'de':
      return `${sign}${grouped('.')}${fraction ? ',' + fraction : ''} ${symbol}`;
    case 'code-prefix':
      return `${money.currency} ${sign}${integer}${fraction ? '.' + fraction : ''}`;
    case 'code-suffix':
      return `${sign}${integer}${fraction ? '.' + fraction : ''} ${money.currency}`;
  }
}
