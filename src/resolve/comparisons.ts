import { CODE_LEVELS, CodeLevel, compareCodeLists, compareCodes, EXACT_LEVELS, ExactLevel } from './comparators/codes';
import { compareDateValues, DATE_LEVELS, DateLevel } from './comparators/dates';
import { compareEmails, EMAIL_LEVELS } from './comparators/email';
import { compareNameValues, NAME_LEVELS, NameLevel } from './comparators/names';
import { ADDRESS_LINE_LEVELS, compareAddressLines, compareText, TEXT_LEVELS, TextLevel } from './comparators/text';
import type { InternedColumn } from './columns';
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
  //          null  exact  equiv  vClose swap   close  initial different
  defaultM: [0, 0.8, 0.03, 0.06, 0.03, 0.03, 0.01, 0.04],
  defaultU: [0, 0.01, 0.002, 0.01, 0.0005, 0.05, 0.01, 0.9175],
  compare: (r, a, b) => {
    const code = r.given.code(a);
    if (code !== 0 && code === r.given.code(b)) return NameLevel.Exact;
    return compareNameValues(
      r.given.get(a),
      r.givenLatin.get(a),
      r.familyLatin.get(a),
      r.givenNicknames[a] as readonly number[],
      r.given.get(b),
      r.givenLatin.get(b),
      r.familyLatin.get(b),
      r.givenNicknames[b] as readonly number[],
    );
  },
};

const NO_NICKNAMES: readonly number[] = [];

const familyName: ComparisonDefinition = {
  name: 'familyName',
  levels: NAME_LEVELS,
  defaultM: [0, 0.8, 0.01, 0.08, 0.03, 0.03, 0.001, 0.05],
  defaultU: [0, 0.005, 0.0005, 0.01, 0.0005, 0.04, 0.001, 0.943],
  compare: (r, a, b) => {
    const code = r.family.code(a);
    if (code !== 0 && code === r.family.code(b)) return NameLevel.Exact;
    return compareNameValues(
      r.family.get(a),
      r.familyLatin.get(a),
      r.givenLatin.get(a),
      NO_NICKNAMES,
      r.family.get(b),
      r.familyLatin.get(b),
      r.givenLatin.get(b),
      NO_NICKNAMES,
    );
  },
};

const birthDate: ComparisonDefinition = {
  name: 'birthDate',
  levels: DATE_LEVELS,
  //          null  exact  dmSwap oneTypo sameYear within different
  defaultM: [0, 0.85, 0.02, 0.08, 0.01, 0.02, 0.02],
  defaultU: [0, 0.0001, 0.00001, 0.0005, 0.01, 0.1, 0.88939],
  compare: (r, a, b, settings) => {
    const code = r.birthDigits.code(a);
    if (code !== 0 && code === r.birthDigits.code(b)) return DateLevel.Exact;
    return compareDateValues(
      r.birthDigits.get(a),
      r.birthYear.get(a),
      r.birthMonth.get(a),
      r.birthDay.get(a),
      r.birthDigits.get(b),
      r.birthYear.get(b),
      r.birthMonth.get(b),
      r.birthDay.get(b),
      settings.birthYearTolerance,
    );
  },
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
  compare: (r, a, b) => compareInternedCodes(r.streetNumber, a, b),
};

const addressLine1: ComparisonDefinition = {
  name: 'addressLine1',
  levels: ADDRESS_LINE_LEVELS,
  //          null  exact vClose close crossed different
  defaultM: [0, 0.75, 0.1, 0.03, 0.03, 0.09],
  defaultU: [0, 0.001, 0.002, 0.02, 0.0005, 0.9765],
  compare: (r, a, b) =>
    compareAddressLines(
      r.addressLine1[a] as string,
      r.addressLine1[b] as string,
      r.addressLine2[a] as string,
      r.addressLine2[b] as string,
    ),
};

const addressLine2: ComparisonDefinition = {
  name: 'addressLine2',
  levels: ADDRESS_LINE_LEVELS,
  defaultM: [0, 0.7, 0.1, 0.03, 0.03, 0.14],
  defaultU: [0, 0.002, 0.003, 0.02, 0.0005, 0.9745],
  compare: (r, a, b) =>
    compareAddressLines(
      r.addressLine2[a] as string,
      r.addressLine2[b] as string,
      r.addressLine1[a] as string,
      r.addressLine1[b] as string,
    ),
};

const city: ComparisonDefinition = {
  name: 'city',
  levels: TEXT_LEVELS,
  defaultM: [0, 0.8, 0.1, 0.03, 0.07],
  defaultU: [0, 0.003, 0.003, 0.02, 0.974],
  compare: (r, a, b) => {
    const code = r.city.code(a);
    if (code !== 0 && code === r.city.code(b)) return TextLevel.Exact;
    return compareText(r.city.get(a), r.city.get(b));
  },
};

const postalCode: ComparisonDefinition = {
  name: 'postalCode',
  levels: CODE_LEVELS,
  defaultM: [0, 0.85, 0.07, 0.08],
  defaultU: [0, 0.001, 0.01, 0.989],
  compare: (r, a, b) => compareInternedCodes(r.postalCode, a, b),
};

const region: ComparisonDefinition = {
  name: 'region',
  levels: EXACT_LEVELS,
  defaultM: [0, 0.95, 0.05],
  defaultU: [0, 0.2, 0.8],
  compare: (r, a, b) => compareInternedExact(r.region, a, b),
};

const country: ComparisonDefinition = {
  name: 'country',
  levels: EXACT_LEVELS,
  defaultM: [0, 0.98, 0.02],
  defaultU: [0, 0.5, 0.5],
  compare: (r, a, b) => compareInternedExact(r.country, a, b),
};

/** Short codes stored interned: equal codes are an exact match without touching the strings. */
function compareInternedCodes(column: InternedColumn, a: number, b: number): number {
  const codeA = column.code(a);
  const codeB = column.code(b);
  if (codeA === 0 || codeB === 0) return CodeLevel.Null;
  if (codeA === codeB) return CodeLevel.Exact;
  return compareCodes(column.dictionary[codeA] as string, column.dictionary[codeB] as string);
}

function compareInternedExact(column: InternedColumn, a: number, b: number): number {
  const codeA = column.code(a);
  const codeB = column.code(b);
  if (codeA === 0 || codeB === 0) return ExactLevel.Null;
  return codeA === codeB ? ExactLevel.Exact : ExactLevel.Different;
}

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
