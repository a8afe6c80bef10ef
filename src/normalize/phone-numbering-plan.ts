import { Metadata, type MetadataJson } from 'libphonenumber-js/core';
// The "max" metadata carries per-type patterns, needed for reliable MOBILE / FIXED_LINE decisions.
import metadataJson from 'libphonenumber-js/max/metadata';
import { regionSearchSteps, type RegionSearchStep } from './phone-region-search';

/**
 * Numbering plans compiled once per region from libphonenumber's own metadata.
 *
 * libphonenumber-js rebuilds every RegExp from its pattern text on each call, which
 * makes one parse-and-classify cost several microseconds. The functions here follow
 * its algorithms step by step (national prefix stripping, region choice inside a
 * shared calling code, type detection) but over RegExps compiled once and cached per
 * region. `test/normalize/phone-equivalence.test.ts` checks that they agree with the
 * library on generated numbers for every region.
 */

export type PhoneType =
  | 'FIXED_LINE'
  | 'MOBILE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'VOIP'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOICEMAIL';

/** libphonenumber's order for non-fixed-line types; the first match wins. */
const NON_FIXED_LINE_TYPES = [
  'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL',
] as const;

/** The parts of libphonenumber's runtime metadata API used here (its typings expose less). */
interface TypeApi {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlanApi {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  type(type: string): TypeApi | undefined;
}
interface MetadataApi {
  hasCountry(country: string): boolean;
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: NumberingPlanApi;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  getCountryCodeForCallingCode(callingCode: string): string | undefined;
  nonGeographic(): Record<string, unknown> | undefined;
}

const metadata = new Metadata(metadataJson as unknown as MetadataJson) as unknown as MetadataApi;

interface TypeRule {
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

export interface RegionPlan {
  region: string;
  callingCode: string;
  /** The regions of the calling code, main region first (carried here so no lookup is needed per number). */
  callingCodeRegions: readonly string[];
  nationalNumber: RegExp;
  possibleLengths: readonly number[] | undefined;
  iddPrefix: RegExp | undefined;
  nationalPrefixForParsing: RegExp | undefined;
  nationalPrefixTransformRule: string | undefined;
  leadingDigits: RegExp | undefined;
  fixedLine: TypeRule | undefined;
  /** `undefined`: no mobile type; `null`: a mobile type with an empty pattern (NANPA). */
  mobile: TypeRule | null | undefined;
  others: ReadonlyArray<readonly [PhoneType, TypeRule]>;
}

const plans = new Map<string, RegionPlan>();

function whole(pattern: string): RegExp {
  return new RegExp('^(?:' + pattern + ')$');
}
function leading(pattern: string): RegExp {
  return new RegExp('^(?:' + pattern + ')');
}

const supportedRegions = new Map<string, boolean>();

export function isSupportedRegion(region: string): boolean {
  let supported = supportedRegions.get(region);
  if (supported === undefined) {
    supported = metadata.hasCountry(region);
    supportedRegions.set(region, supported);
  }
  return supported;
}

// A number asks for the same region's plan several times in a row: the last answer is kept.
let lastRegionPlan: RegionPlan | undefined;

/** The compiled plan of a region, built on first use. */
export function regionPlan(region: string): RegionPlan {
  if (lastRegionPlan !== undefined && lastRegionPlan.region === region) return lastRegionPlan;
  let plan = plans.get(region);
  if (plan === undefined) {
    metadata.selectNumberingPlan(region);
    plan = compile(region, metadata.numberingPlan);
    plans.set(region, plan);
  }
  lastRegionPlan = plan;
  return plan;
}

function compile(region: string, p: NumberingPlanApi): RegionPlan {
  const rule = (type: string): TypeRule | undefined => {
    const t = p.type(type);
    if (!t || !t.pattern()) return undefined;
    return { pattern: whole(t.pattern()), lengths: t.possibleLengths() };
  };
  const mobileType = p.type('MOBILE');
  const others: Array<readonly [PhoneType, TypeRule]> = [];
  for (const type of NON_FIXED_LINE_TYPES) {
    const r = rule(type);
    if (r) others.push([type, r]);
  }
  const idd = p.IDDPrefix();
  const npfp = p.nationalPrefixForParsing();
  const ld = p.leadingDigits();
  return {
    region,
    callingCode: p.callingCode(),
    callingCodeRegions: regionsByCallingCode.get(p.callingCode()) ?? [],
    nationalNumber: whole(p.nationalNumberPattern()),
    possibleLengths: p.possibleLengths(),
    iddPrefix: idd ? leading(idd) : undefined,
    nationalPrefixForParsing: npfp ? leading(npfp) : undefined,
    nationalPrefixTransformRule: p.nationalPrefixTransformRule() || undefined,
    leadingDigits: ld ? leading(ld) : undefined,
    fixedLine: rule('FIXED_LINE'),
    mobile: mobileType === undefined ? undefined : mobileType.pattern() === '' ? null : rule('MOBILE'),
    others,
  };
}

/** Regions sharing a calling code, main region first; undefined for unknown or non-geographic codes. */
// Calling-code answers asked on every number, computed once from the metadata.
const regionsByCallingCode = new Map<string, readonly string[]>();
const nonGeographicCallingCodes = new Set<string>(Object.keys(metadata.nonGeographic() ?? {}));
for (const callingCode of Object.keys((metadataJson as { country_calling_codes: Record<string, unknown> }).country_calling_codes)) {
  const regions = metadata.getCountryCodesForCallingCode(callingCode);
  if (regions !== undefined) regionsByCallingCode.set(callingCode, regions);
}

// The same answers indexed by the code as a number: a calling code read digit by digit
// from the front of a number needs no string slice to hash.
const regionsByCallingCodeNumber: Array<readonly string[] | undefined> = new Array<readonly string[] | undefined>(1000).fill(undefined);
for (const [callingCode, regions] of regionsByCallingCode) regionsByCallingCodeNumber[Number(callingCode)] = regions;
const nonGeographicCallingCodeNumbers = new Uint8Array(1000);
for (const callingCode of nonGeographicCallingCodes) nonGeographicCallingCodeNumbers[Number(callingCode)] = 1;

/** Regions of a calling code given as a number (1-999), main region first. */
export function regionsForCallingCodeNumber(callingCode: number): readonly string[] | undefined {
  return regionsByCallingCodeNumber[callingCode];
}

export function isNonGeographicCallingCodeNumber(callingCode: number): boolean {
  return nonGeographicCallingCodeNumbers[callingCode] === 1;
}

function isType(nationalNumber: string, rule: TypeRule | undefined | null): boolean {
  if (!rule) return false;
  if (rule.lengths && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.pattern.test(nationalNumber);
}

/** The type of a national number in a plan; undefined means the number is not valid there. */
// The region search for shared calling codes and the final classification often ask
// the same question twice in a row; the last answer is kept.
let lastNumber = '';
let lastPlan: RegionPlan | undefined;
let lastType: PhoneType | undefined;

export function numberType(nationalNumber: string, plan: RegionPlan): PhoneType | undefined {
  if (nationalNumber === lastNumber && plan === lastPlan) return lastType;
  const type = classify(nationalNumber, plan);
  lastNumber = nationalNumber;
  lastPlan = plan;
  lastType = type;
  return type;
}

function classify(nationalNumber: string, plan: RegionPlan): PhoneType | undefined {
  if (!plan.nationalNumber.test(nationalNumber)) return undefined;
  if (isType(nationalNumber, plan.fixedLine)) {
    if (plan.mobile === undefined || plan.mobile === null || isType(nationalNumber, plan.mobile)) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  // An indexed loop: destructuring each pair in a for-of goes through the iterator protocol.
  const others = plan.others;
  for (let i = 0; i < others.length; i++) {
    const other = others[i]!;
    if (isType(nationalNumber, other[1])) return other[0];
  }
  return undefined;
}

export type LengthCheck = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

export function checkLength(nationalNumber: string, plan: RegionPlan): LengthCheck {
  const lengths = plan.possibleLengths;
  if (!lengths || lengths.length === 0) return 'IS_POSSIBLE';
  const length = nationalNumber.length;
  if (lengths[0] === length) return 'IS_POSSIBLE';
  if (lengths[0]! > length) return 'TOO_SHORT';
  if (lengths[lengths.length - 1]! < length) return 'TOO_LONG';
  return lengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

// Stripping a national prefix and choosing the number's region ask the same question about
// the same number up to three times in a row; for +1 each answer tries some twenty-five regions.
let lastRegionCallingCode = '';
let lastRegionNumber = '';
let lastRegion: string | undefined;

/** Which region of the plan's calling code (shared by several regions or not) a national number belongs to. */
export function regionForNationalNumber(plan: RegionPlan, nationalNumber: string): string | undefined {
  const regions = plan.callingCodeRegions;
  if (regions.length === 1) return regions[0];
  const callingCode = plan.callingCode;
  if (nationalNumber === lastRegionNumber && callingCode === lastRegionCallingCode) return lastRegion;
  const region = regionAmong(regionSearch(callingCode, regions), nationalNumber);
  lastRegionCallingCode = callingCode;
  lastRegionNumber = nationalNumber;
  lastRegion = region;
  return region;
}

function regionAmong(steps: readonly RegionSearchStep[], nationalNumber: string): string | undefined {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (typeof step === 'string') {
      if (numberType(nationalNumber, regionPlan(step))) return step;
    } else if (nationalNumber) {
      const region = step.firstMatch(nationalNumber);
      if (region !== undefined) return region;
    }
  }
  return undefined;
}

const regionSearches = new Map<string, readonly RegionSearchStep[]>();

function regionSearch(callingCode: string, regions: readonly string[]): readonly RegionSearchStep[] {
  let steps = regionSearches.get(callingCode);
  if (steps === undefined) {
    steps = regionSearchSteps(regions.map((region) => ({ region, leadingDigits: regionPlan(region).leadingDigits })));
    regionSearches.set(callingCode, steps);
  }
  return steps;
}

/** Strips a national (trunk) prefix and carrier code, only when what remains still makes sense. */
export function extractNationalNumber(number: string, plan: RegionPlan): string {
  const stripped = stripNationalPrefix(number, plan);
  if (stripped === number) return number;
  if (plan.nationalNumber.test(number) && !plan.nationalNumber.test(stripped)) return number;
  if (plan.possibleLengths) {
    const region = regionForNationalNumber(plan, stripped);
    const check = checkLength(stripped, region === undefined ? plan : regionPlan(region));
    if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return number;
  }
  return stripped;
}

function stripNationalPrefix(number: string, plan: RegionPlan): string {
  const prefix = plan.nationalPrefixForParsing;
  if (!number || !prefix) return number;
  const match = prefix.exec(number);
  if (!match) return number;
  const groups = match.length - 1;
  const lastGroup = groups > 0 ? match[groups] : undefined;
  if (plan.nationalPrefixTransformRule && lastGroup) return number.replace(prefix, plan.nationalPrefixTransformRule);
  return number.slice(match[0].length);
}
