import type { InternedColumn } from './columns';
import {
  CODE_LEVELS,
  EXACT_LEVELS,
  CodeLevel as importedCodeLevel,
  compareCodeLists as importedCompareCodeLists,
  compareCodes as importedCompareCodes,
  ExactLevel as importedExactLevel,
} from './comparators/codes';
import { DATE_LEVELS, compareDates as importedCompareDates } from './comparators/dates';
import {
  EMAIL_LEVELS,
  compareEmails as importedCompareEmails,
  EmailLevel as importedEmailLevel,
  MIN_LOCAL_PART as importedMinLocalPart,
  similarLocalParts as importedSimilarLocalParts,
} from './comparators/email';
import { NAME_LEVELS, compareNames as importedCompareNames } from './comparators/names';
import {
  ADDRESS_LINE_LEVELS,
  TEXT_LEVELS,
  compareAddressLines as importedCompareAddressLines,
  TextLevel as importedTextLevel,
  textLevelOf as importedTextLevelOf,
} from './comparators/text';
import { PHONE_FILTER_MIN_LENGTH as importedPhoneFilterMinLength } from './contact-columns';
import type { PreparedRecords } from './prepared-records';
import { emailLocalPart as importedEmailLocalPart } from './text';

// The comparisons run for every candidate pair. Under a CommonJS loader each imported name
// is read through a getter on every use, so the hot ones are bound to local constants once.
const CodeLevel = importedCodeLevel;
const compareCodeLists = importedCompareCodeLists;
const compareCodes = importedCompareCodes;
const ExactLevel = importedExactLevel;
const compareDates = importedCompareDates;
const similarLocalParts = importedSimilarLocalParts;
const compareEmails = importedCompareEmails;
const EmailLevel = importedEmailLevel;
const MIN_LOCAL_PART = importedMinLocalPart;
const compareNames = importedCompareNames;
const compareAddressLines = importedCompareAddressLines;
const TextLevel = importedTextLevel;
const textLevelOf = importedTextLevelOf;
const PHONE_FILTER_MIN_LENGTH = importedPhoneFilterMinLength;
const emailLocalPart = importedEmailLocalPart;

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
  /** Rough relative cost of one comparison (1: a code comparison; more for string similarity). */
  readonly cost: number;
  compare(records: PreparedRecords, a: number, b: number, settings: ComparisonSettings): number;
}

const givenName: ComparisonDefinition = {
  name: 'givenName',
  cost: 4,
  levels: NAME_LEVELS,
  //          null  exact  equiv  vClose swap   close  initial different
  defaultM: [0, 0.8, 0.03, 0.06, 0.03, 0.03, 0.01, 0.04],
  defaultU: [0, 0.01, 0.002, 0.01, 0.0005, 0.05, 0.01, 0.9175],
  compare: (r, a, b) => compareNames(r.givenNameColumns, a, b),
};

const familyName: ComparisonDefinition = {
  name: 'familyName',
  cost: 4,
  levels: NAME_LEVELS,
  defaultM: [0, 0.8, 0.01, 0.08, 0.03, 0.03, 0.001, 0.05],
  defaultU: [0, 0.005, 0.0005, 0.01, 0.0005, 0.04, 0.001, 0.943],
  compare: (r, a, b) => compareNames(r.familyNameColumns, a, b),
};

const birthDate: ComparisonDefinition = {
  name: 'birthDate',
  cost: 1,
  levels: DATE_LEVELS,
  //          null  exact  dmSwap oneTypo sameYear within different
  defaultM: [0, 0.85, 0.02, 0.08, 0.01, 0.02, 0.02],
  defaultU: [0, 0.0001, 0.00001, 0.0005, 0.01, 0.1, 0.88939],
  compare: (r, a, b, settings) => compareDates(r.birthDate.get(a), r.birthDate.get(b), settings.birthYearTolerance),
};

const nationalId: ComparisonDefinition = {
  name: 'nationalId',
  cost: 1,
  levels: CODE_LEVELS,
  defaultM: [0, 0.9, 0.04, 0.06],
  defaultU: [0, 0.00001, 0.0001, 0.99989],
  compare: (r, a, b) => compareCodes(r.nationalId[a] as string, r.nationalId[b] as string),
};

const email: ComparisonDefinition = {
  name: 'email',
  cost: 2,
  levels: EMAIL_LEVELS,
  defaultM: [0, 0.7, 0.05, 0.05, 0.2],
  defaultU: [0, 0.000001, 0.00001, 0.0001, 0.999889],
  compare: (r, a, b) => {
    const contacts = r.contacts;
    const countA = contacts.emailCount.get(a);
    const countB = contacts.emailCount.get(b);
    if (countA === 0 || countB === 0) return EmailLevel.Null;
    if (countA > 1 || countB > 1) {
      return compareEmails(r.emails[a] as readonly string[], r.localPartsOf(a), r.emails[b] as readonly string[], r.localPartsOf(b));
    }
    // One address each: decide from the fingerprints where possible.
    if (contacts.emailHash.get(a) === contacts.emailHash.get(b) && r.emails[a]?.[0] === r.emails[b]?.[0]) return EmailLevel.Exact;
    const lengthA = contacts.localLength.get(a);
    const lengthB = contacts.localLength.get(b);
    if (lengthA < MIN_LOCAL_PART || lengthB < MIN_LOCAL_PART || Math.abs(lengthA - lengthB) > 1) return EmailLevel.Different;
    const endsA = contacts.localEnds.get(a);
    const endsB = contacts.localEnds.get(b);
    // A single typo keeps the first or the last character (local parts have at least 4).
    if (endsA >>> 16 !== endsB >>> 16 && (endsA & 0xffff) !== (endsB & 0xffff)) return EmailLevel.Different;
    const localA = emailLocalPart(r.emails[a]?.[0] as string);
    const localB = emailLocalPart(r.emails[b]?.[0] as string);
    if (contacts.localHash.get(a) === contacts.localHash.get(b) && localA === localB) return EmailLevel.SameLocalPart;
    return similarLocalParts(localA, localB) ? EmailLevel.SimilarLocalPart : EmailLevel.Different;
  },
};

const phone: ComparisonDefinition = {
  name: 'phone',
  cost: 2,
  levels: CODE_LEVELS,
  defaultM: [0, 0.7, 0.05, 0.25],
  defaultU: [0, 0.000001, 0.00001, 0.999989],
  compare: (r, a, b) => {
    const contacts = r.contacts;
    const countA = contacts.phoneCount.get(a);
    const countB = contacts.phoneCount.get(b);
    if (countA === 0 || countB === 0) return CodeLevel.Null;
    if (countA > 1 || countB > 1) return compareCodeLists(r.phones[a] as readonly string[], r.phones[b] as readonly string[]);
    const phoneA = r.phones[a]?.[0] as string;
    const phoneB = r.phones[b]?.[0] as string;
    if (contacts.phoneHash.get(a) === contacts.phoneHash.get(b) && phoneA === phoneB) return CodeLevel.Exact;
    const lengthA = contacts.phoneLength.get(a);
    const lengthB = contacts.phoneLength.get(b);
    if (Math.abs(lengthA - lengthB) > 1) return CodeLevel.Different;
    if (
      lengthA >= PHONE_FILTER_MIN_LENGTH &&
      lengthB >= PHONE_FILTER_MIN_LENGTH &&
      contacts.phoneHead.get(a) !== contacts.phoneHead.get(b) &&
      contacts.phoneTail.get(a) !== contacts.phoneTail.get(b)
    ) {
      return CodeLevel.Different;
    }
    return compareCodes(phoneA, phoneB);
  },
};

const streetNumber: ComparisonDefinition = {
  name: 'streetNumber',
  cost: 1,
  levels: CODE_LEVELS,
  defaultM: [0, 0.85, 0.05, 0.1],
  defaultU: [0, 0.02, 0.03, 0.95],
  compare: (r, a, b) => compareInternedCodes(r.streetNumber, a, b),
};

const addressLine1: ComparisonDefinition = {
  name: 'addressLine1',
  cost: 4,
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
  cost: 3,
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
  cost: 2,
  levels: TEXT_LEVELS,
  defaultM: [0, 0.8, 0.1, 0.03, 0.07],
  defaultU: [0, 0.003, 0.003, 0.02, 0.974],
  compare: (r, a, b) => {
    const codeA = r.city.code(a);
    const codeB = r.city.code(b);
    if (codeA === 0 || codeB === 0) return TextLevel.Null;
    if (codeA === codeB) return TextLevel.Exact;
    return textLevelOf(r.citySimilarity.similarity(codeA, codeB));
  },
};

const postalCode: ComparisonDefinition = {
  name: 'postalCode',
  cost: 1,
  levels: CODE_LEVELS,
  defaultM: [0, 0.85, 0.07, 0.08],
  defaultU: [0, 0.001, 0.01, 0.989],
  compare: (r, a, b) => compareInternedCodes(r.postalCode, a, b),
};

const region: ComparisonDefinition = {
  name: 'region',
  cost: 1,
  levels: EXACT_LEVELS,
  defaultM: [0, 0.95, 0.05],
  defaultU: [0, 0.2, 0.8],
  compare: (r, a, b) => compareInternedExact(r.region, a, b),
};

const country: ComparisonDefinition = {
  name: 'country',
  cost: 1,
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
  return compareCodes(column.dictionary.valueOf(codeA), column.dictionary.valueOf(codeB));
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
