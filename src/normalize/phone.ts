import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isSupportedRegion, type PhoneType } from './phone-numbering-plan';
import { parsePhoneFast } from './phone-parse';
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
  const { text, corrections } = prepareTextFn(raw);
  if (text === '') return rejectFn('INVALID_PHONE', 'phone number is empty');
  const defaultRegion = options.defaultRegion === undefined ? undefined : upperRegion(options.defaultRegion);

  let value: PhoneValue | undefined;
  let nationalNumber = '';
  let callingCode = '';
  let writtenDigits: string | undefined;
  const fast = parsePhoneFastFn(text, defaultRegion);
  if (fast === 'fallback') {
    const region = defaultRegion !== undefined && isSupportedRegionFn(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
    const parsed = parsePhoneNumberFromString(text, region === undefined ? {} : { defaultCountry: region });
    const type = parsed?.getType();
    if (parsed !== undefined && type !== undefined) {
      value = { e164: parsed.number, type };
      if (parsed.country !== undefined) value.region = parsed.country;
      if (parsed.ext) value.extension = parsed.ext;
      nationalNumber = parsed.nationalNumber;
      callingCode = parsed.countryCallingCode;
    }
  } else if (fast !== undefined && fast.type !== undefined) {
    value = { e164: '+' + fast.callingCode + fast.nationalNumber, type: fast.type };
    if (fast.region !== undefined) value.region = fast.region;
    nationalNumber = fast.nationalNumber;
    callingCode = fast.callingCode;
    writtenDigits = fast.digits;
  }
  if (value === undefined) {
    return rejectFn(
      'INVALID_PHONE',
      defaultRegion === undefined && !text.startsWith('+')
        ? 'phone number has no country code and the source has no default region'
        : 'phone number is not a valid number for its region',
    );
  }
  writtenDigits ??= digitsBeforeExtension(text);
  const digitsChanged =
    writtenDigits !== nationalNumber &&
    !(writtenDigits.length === callingCode.length + nationalNumber.length && writtenDigits.startsWith(callingCode) && writtenDigits.endsWith(nationalNumber));
  return acceptFn(value, digitsChanged ? withCorrectionsFn(corrections, [correctionFn('PHONE_REFORMATTED', raw, value.e164)]) : corrections);
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
