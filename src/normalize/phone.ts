import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isSupportedRegion, type PhoneType } from './phone-numbering-plan';
import { parsePhoneFast, type ParsedPhone } from './phone-parse';
import { accept, correction, reject, withCorrections, type Normalized } from './result';
import { prepareText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const prepareTextFn = prepareText;
const parsePhoneFastFn = parsePhoneFast;
const acceptFn = accept;
const rejectFn = reject;
const correctionFn = correction;
const withCorrectionsFn = withCorrections;
const isSupportedRegionFn = isSupportedRegion;

export type { PhoneType } from './phone-numbering-plan';

export interface PhoneValue {
  /** `+8613800138000` */
  e164: string;
  type: PhoneType;
  /** ISO 3166-1 alpha-2 region the number belongs to, when the numbering plan tells. */
  region?: string;
  extension?: string;
}

export interface PhoneOptions {
  /** Region assumed for numbers written without a country code (the source's country). */
  defaultRegion?: string;
}

const NON_DIGITS = /\D/g;

/** Parses a phone number into E.164 with its type; invalid numbers are rejected with INVALID_PHONE. */
export function normalizePhone(raw: string, options: PhoneOptions = {}): Normalized<PhoneValue> {
  return normalizePhoneIn(raw, options.defaultRegion, undefined);
}

/**
 * `normalizePhone` for a national number that may belong to either of two regions: read
 * in `region`, and only when it is not a valid number there, in `fallbackRegion` (a
 * Chinese CRM writes Chinese mobiles without +86 even for customers abroad). The text is
 * cleaned once for both readings; when neither is valid, the first reading's rejection stands.
 */
export function normalizePhoneIn(raw: string, region: string | undefined, fallbackRegion: string | undefined): Normalized<PhoneValue> {
  const { text, corrections } = prepareTextFn(raw);
  if (text === '') return rejectFn('INVALID_PHONE', 'phone number is empty');
  const defaultRegion = region === undefined ? undefined : upperRegion(region);
  let read = readPhone(text, defaultRegion);
  if (read === undefined && fallbackRegion !== undefined) {
    const fallback = upperRegion(fallbackRegion);
    if (fallback !== defaultRegion) read = readPhone(text, fallback);
  }
  if (read === undefined) {
    return rejectFn(
      'INVALID_PHONE',
      defaultRegion === undefined && !text.startsWith('+')
        ? 'phone number has no country code and the source has no default region'
        : 'phone number is not a valid number for its region',
    );
  }
  const e164 = '+' + read.callingCode + read.nationalNumber;
  // The region in the literal (it is almost always known): adding it afterwards costs a second allocation.
  const value: PhoneValue = read.region === undefined ? { e164, type: read.type! } : { e164, type: read.type!, region: read.region };
  if (read.extension !== undefined) value.extension = read.extension;
  const writtenDigits = read.digits;
  const nationalNumber = read.nationalNumber;
  const callingCode = read.callingCode;
  const digitsChanged =
    writtenDigits !== nationalNumber &&
    !(writtenDigits.length === callingCode.length + nationalNumber.length && writtenDigits.startsWith(callingCode) && writtenDigits.endsWith(nationalNumber));
  return acceptFn(value, digitsChanged ? withCorrectionsFn(corrections, [correctionFn('PHONE_REFORMATTED', raw, value.e164)]) : corrections);
}

/** The number `text` is as read in `region`, or undefined when it is not a valid number (of a known type) there. */
function readPhone(text: string, region: string | undefined): ParsedPhone | undefined {
  const fast = parsePhoneFastFn(text, region);
  if (fast !== 'fallback') return fast !== undefined && fast.type !== undefined ? fast : undefined;
  const supported = region !== undefined && isSupportedRegionFn(region) ? (region as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(text, supported === undefined ? {} : { defaultCountry: supported });
  const type = parsed?.getType();
  if (parsed === undefined || type === undefined) return undefined;
  return {
    digits: digitsBeforeExtension(text),
    callingCode: parsed.countryCallingCode,
    nationalNumber: parsed.nationalNumber,
    region: parsed.country,
    type,
    extension: parsed.ext || undefined,
  };
}

function upperRegion(region: string): string {
  const a = region.charCodeAt(0);
  const b = region.charCodeAt(1);
  return region.length === 2 && a >= 65 && a <= 90 && b >= 65 && b <= 90 ? region : region.toUpperCase();
}

/**
 * Punctuation changes are formatting, and so is adding the source region's country
 * code to a national number. Removing digits the writer typed (a trunk `0`, an
 * international `00`, a carrier code) is recorded so the raw form stays visible.
 */
function digitsBeforeExtension(text: string): string {
  const extensionAt = text.search(/[^0-9 ().\/+-]/);
  return (extensionAt >= 0 ? text.slice(0, extensionAt) : text).replace(NON_DIGITS, '');
}
