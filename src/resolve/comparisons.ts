import { CODE_LEVELS, compareCodeLists, compareCodes, compareExact, EXACT_LEVELS } from './comparators/codes';
import { compareDateValues, DATE_LEVELS } from './comparators/dates';
import { compareEmails, EMAIL_LEVELS } from './comparators/email';
import { compareNameValues, NAME_LEVELS } from './comparators/names';
import { compareText, TEXT_LEVELS } from './comparators/text';
import type { PreparedRecords } from './prepared-records';

export interface ComparisonSettings {
  /** Birth years this far apart still count as "withinYears" rather than "different". */
  birthYearTolerance: number;
}

/**
 * One comparison of the Fellegi–Sunter model: maps a pair of records to a discrete level.
 * Level 0 is always "null" (a value is missing: weight 0). `defaultM` / `defaultU` are the
 * starting parameters before training (index 0 unused); EM and u-sampling refine them.
 */
export interface ComparisonDefinition {
  readonly name: string;
  readonly levels: readonly string[];
  readonly defaultM: readonly number[];
  readonly defaultU: readonly number[];
  compare(records: PreparedRecords, a: number, b: number, settings: ComparisonSettings): number;
}

const givenName: ComparisonDefinition = {
  name: 'givenName',
  levels: NAME_LEVELS,
  //          null  exact  equiv  swap   vClose close  initial different
  defaultM: [0, 0.8, 0.03, 0.03, 0.06, 0.03, 0.01, 0.04],
  defaultU: [0, 0.01, 0.002, 0.0005, 0.01, 0.05, 0.01, 0.9175],
  compare: (r, a, b) =>
    compareNameValues(
      r.given[a] as string,
      r.givenLatin[a] as string,
      r.familyLatin[a] as string,
      r.givenNicknames[a] as readonly number[],
      r.given[b] as string,
      r.givenLatin[b] as string,
      r.familyLatin[b] as string,
      r.givenNicknames[b] as readonly number[],
    ),
};

const NO_NICKNAMES: readonly number[] = [];

const familyName: ComparisonDefinition = {
  name: 'familyName',
  levels: NAME_LEVELS,
  defaultM: [0, 0.8, 0.01, 0.03, 0.08, 0.03, 0.001, 0.05],
  defaultU: [0, 0.005, 0.0005, 0.0005, 0.01, 0.04, 0.001, 0.943],
  compare: (r, a, b) =>
    compareNameValues(
      r.family[a] as string,
      r.familyLatin[a] as string,
      r.givenLatin[a] as string,
      NO_NICKNAMES,
      r.family[b] as string,
      r.familyLatin[b] as string,
      r.givenLatin[b] as string,
      NO_NICKNAMES,
    ),
};

const birthDate: ComparisonDefinition = {
  name: 'birthDate',
  levels: DATE_LEVELS,
  //          null  exact  dmSwap oneTypo sameYear within different
  defaultM: [0, 0.85, 0.02, 0.08, 0.01, 0.02, 0.02],
  defaultU: [0, 0.0001, 0.00001, 0.0005, 0.01, 0.1, 0.88939],
  compare: (r, a, b, settings) =>
    compareDateValues(
      r.birthDigits[a] as string,
      r.birthYear[a] as number,
      r.birthMonth[a] as number,
      r.birthDay[a] as number,
      r.birthDigits[b] as string,
      r.birthYear[b] as number,
      r.birthMonth[b] as number,
      r.birthDay[b] as number,
      settings.birthYearTolerance,
    ),
};

const nationalId: ComparisonDefinition = {
  name: 'nationalId',
  levels: CODE_LEVELS,
  defaultM: [0, 0.9, 0.04, 0.06],
  defaultU: [0, 0.00001, 0.0001, 0.99989],
  compare: (r, a, b) => compareCodes(r.nationalId[a] as string, r.nationalId[b] as string),
};

const email: ComparisonDefinition = {
  name: 'email',
  levels: EMAIL_LEVELS,
  defaultM: [0, 0.7, 0.05, 0.05, 0.2],
  defaultU: [0, 0.000001, 0.00001, 0.0001, 0.999889],
  compare: (r, a, b) =>
    compareEmails(
      r.emails[a] as readonly string[],
      r.emailLocalParts[a] as readonly string[],
      r.emails[b] as readonly string[],
      r.emailLocalParts[b] as readonly string[],
    ),
};

const phone: ComparisonDefinition = {
  name: 'phone',
  levels: CODE_LEVELS,
  defaultM: [0, 0.7, 0.05, 0.25],
  defaultU: [0, 0.000001, 0.00001, 0.999989],
  compare: (r, a, b) => compareCodeLists(r.phones[a] as readonly string[], r.phones[b] as readonly string[]),
};

const streetNumber: ComparisonDefinition = {
  name: 'streetNumber',
  levels: CODE_LEVELS,
  defaultM: [0, 0.85, 0.05, 0.1],
  defaultU: [0, 0.02, 0.03, 0.95],
  compare: (r, a, b) => compareCodes(r.streetNumber[a] as string, r.streetNumber[b] as string),
};

const addressLine1: ComparisonDefinition = {
  name: 'addressLine1',
  levels: TEXT_LEVELS,
  //          null  exact vClose close crossed different
  defaultM: [0, 0.75, 0.1, 0.03, 0.03, 0.09],
  defaultU: [0, 0.001, 0.002, 0.02, 0.0005, 0.9765],
  compare: (r, a, b) =>
    compareText(
      r.addressLine1[a] as string,
      r.addressLine1[b] as string,
      r.addressLine2[a] as string,
      r.addressLine2[b] as string,
    ),
};

const addressLine2: ComparisonDefinition = {
  name: 'addressLine2',
  levels: TEXT_LEVELS,
  defaultM: [0, 0.7, 0.1, 0.03, 0.03, 0.14],
  defaultU: [0, 0.002, 0.003, 0.02, 0.0005, 0.9745],
  compare: (r, a, b) =>
    compareText(
      r.addressLine2[a] as string,
      r.addressLine2[b] as string,
      r.addressLine1[a] as string,
      r.addressLine1[b] as string,
    ),
};

const city: ComparisonDefinition = {
  name: 'city',
  levels: TEXT_LEVELS,
  // A city is never "crossed" (no paired field): that level keeps m = u, weight 0.
  defaultM: [0, 0.8, 0.1, 0.03, 0.000001, 0.07],
  defaultU: [0, 0.003, 0.003, 0.02, 0.000001, 0.974],
  compare: (r, a, b) => compareText(r.city[a] as string, r.city[b] as string),
};

const postalCode: ComparisonDefinition = {
  name: 'postalCode',
  levels: CODE_LEVELS,
  defaultM: [0, 0.85, 0.07, 0.08],
  defaultU: [0, 0.001, 0.01, 0.989],
  compare: (r, a, b) => compareCodes(r.postalCode[a] as string, r.postalCode[b] as string),
};

const region: ComparisonDefinition = {
  name: 'region',
  levels: EXACT_LEVELS,
  defaultM: [0, 0.95, 0.05],
  defaultU: [0, 0.2, 0.8],
  compare: (r, a, b) => compareExact(r.region[a] as string, r.region[b] as string),
};

const country: ComparisonDefinition = {
  name: 'country',
  levels: EXACT_LEVELS,
  defaultM: [0, 0.98, 0.02],
  defaultU: [0, 0.5, 0.5],
  compare: (r, a, b) => compareExact(r.country[a] as string, r.country[b] as string),
};

/** Every comparison the engine knows, by name. */
export const COMPARISONS: Readonly<Record<string, ComparisonDefinition>> = {
  givenName,
  familyName,
  birthDate,
  nationalId,
  email,
  phone,
  streetNumber,
  addressLine1,
  addressLine2,
  city,
  postalCode,
  region,
  country,
};

export type ComparisonName = keyof typeof COMPARISONS;

export function comparisonsByName(names: readonly string[]): ComparisonDefinition[] {
  return names.map((name) => {
    const definition = COMPARISONS[name];
    if (definition === undefined) throw new Error(`unknown comparison "${name}"`);
    return definition;
  });
}
