import {
  checkLength,
  extractNationalNumber,
  isNonGeographicCallingCodeNumber,
  isSupportedRegion,
  numberType,
  regionForNationalNumber,
  regionPlan,
  regionsForCallingCodeNumber,
  type PhoneType,
  type RegionPlan,
} from './phone-numbering-plan';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const checkLengthFn = checkLength;
const extractNationalNumberFn = extractNationalNumber;
const isNonGeographicCallingCodeNumberFn = isNonGeographicCallingCodeNumber;
const isSupportedRegionFn = isSupportedRegion;
const numberTypeFn = numberType;
const regionForNationalNumberFn = regionForNationalNumber;
const regionPlanFn = regionPlan;
const regionsForCallingCodeNumberFn = regionsForCallingCodeNumber;

/**
 * The fast path for phone numbers made only of digits and ordinary separators
 * (`+86-138-0013-8000`, `(020) 1234 5678`, `138 0013 8000`). It mirrors
 * libphonenumber-js `parsePhoneNumber(...)` followed by `getType()` over compiled
 * plans. Inputs it does not cover (letters, extensions, `tel:` URIs, non-geographic
 * calling codes) return `'fallback'` and go to the library itself.
 */

const MAX_NATIONAL_NUMBER_LENGTH = 17;
const MIN_NATIONAL_NUMBER_LENGTH = 2;

export interface ParsedPhone {
  /** The digits as written, for telling formatting from changed digits. */
  digits: string;
  callingCode: string;
  nationalNumber: string;
  region: string | undefined;
  type: PhoneType | undefined;
  /** Only numbers read by the library (outside the fast path) have one. */
  extension: string | undefined;
}

/** `undefined`: not a phone number; `'fallback'`: outside the fast path's shapes. */
export function parsePhoneFast(text: string, defaultRegion: string | undefined): ParsedPhone | undefined | 'fallback' {
  if (text.length > 250) return 'fallback';
  const digits = simpleDigits(text);
  if (digits === undefined || digits.length < 3) return 'fallback';
  const region = defaultRegion !== undefined && isSupportedRegionFn(defaultRegion) ? defaultRegion : undefined;
  const parsed = text.charCodeAt(0) === 43 /* + */ ? international(digits) : region === undefined ? undefined : national(digits, region);
  if (parsed !== undefined && parsed !== 'fallback') parsed.digits = digits;
  return parsed;
}

/**
 * The digits of a number written with digits, spaces, `().-/` and an optional leading
 * plus, and nothing else (nothing that can hide an extension); undefined otherwise.
 */
function simpleDigits(text: string): string | undefined {
  // Runs of digits are joined as slices while checking: cheaper than a global replace afterwards.
  let digits = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || (c === 43 && i === 0)) {
      if (i > runStart) digits += text.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    return undefined;
  }
  if (runStart === 0) return text;
  return runStart < text.length ? digits + text.slice(runStart) : digits;
}

function international(digits: string): ParsedPhone | undefined | 'fallback' {
  if (digits[0] === '0') return undefined;
  let callingCode = 0;
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    callingCode = callingCode * 10 + digits.charCodeAt(length - 1) - 48;
    const regions = regionsForCallingCodeNumberFn(callingCode);
    if (regions !== undefined) return finish(digits.slice(length), regionPlanFn(regions[0]!), undefined);
    if (isNonGeographicCallingCodeNumberFn(callingCode)) return 'fallback';
  }
  return undefined;
}

function national(digits: string, region: string): ParsedPhone | undefined | 'fallback' {
  const plan = regionPlanFn(region);
  // A number dialled with the region's international prefix (00, 011 ...) is international.
  if (plan.iddPrefix) {
    const idd = plan.iddPrefix.exec(digits);
    if (idd) {
      const rest = digits.slice(idd[0].length);
      if (rest !== '' && rest !== digits && rest[0] !== '0') return international(rest);
    }
  }
  // A number written with its country code but without the plus (8613800138000).
  const callingCode = plan.callingCode;
  if (digits.startsWith(callingCode)) {
    const shorter = digits.slice(callingCode.length);
    const shorterNational = extractNationalNumberFn(shorter, plan);
    const fullNational = extractNationalNumberFn(digits, plan);
    if (
      (!plan.nationalNumber.test(fullNational) && plan.nationalNumber.test(shorterNational)) ||
      checkLengthFn(fullNational, plan) === 'TOO_LONG'
    ) {
      const main = plan.callingCodeRegions[0];
      return main === undefined ? undefined : finish(shorter, regionPlanFn(main), undefined);
    }
  }
  return finish(digits, plan, region);
}

/** `plan` is the region's plan, or the main plan of the calling code when the region is not known yet. */
function finish(number: string, plan: RegionPlan, region: string | undefined): ParsedPhone | undefined {
  if (number === '') return undefined;
  const nationalNumber = extractNationalNumberFn(number, plan);
  const exactRegion = regionForNationalNumberFn(plan, nationalNumber);
  if (exactRegion !== undefined) region = exactRegion;
  if (nationalNumber.length < MIN_NATIONAL_NUMBER_LENGTH || nationalNumber.length > MAX_NATIONAL_NUMBER_LENGTH) return undefined;
  const typePlan = region !== undefined ? regionPlanFn(region) : mainPlan(plan);
  if (typePlan === undefined) return undefined;
  return { digits: '', callingCode: plan.callingCode, nationalNumber, region, type: numberTypeFn(nationalNumber, typePlan), extension: undefined };
}

function mainPlan(plan: RegionPlan): RegionPlan | undefined {
  const main = plan.callingCodeRegions[0];
  return main === undefined ? undefined : regionPlanFn(main);
}
