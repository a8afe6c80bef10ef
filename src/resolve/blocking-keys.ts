import type { PreparedRecords } from './prepared-records';

/**
 * A blocking key: records that share a value of it become candidate pairs. Keys are chosen so
 * that a true match with typical corruptions still shares at least one of them, while the
 * blocks stay small. `values` pushes zero or more values (a record has several emails).
 */
export interface BlockingKeyDefinition {
  readonly name: string;
  values(records: PreparedRecords, index: number, out: string[]): void;
}

const pushIf = (out: string[], value: string): void => {
  if (value !== '') out.push(value);
};

export const BLOCKING_KEYS: Readonly<Record<string, BlockingKeyDefinition>> = {
  email: {
    name: 'email',
    values: (r, i, out) => {
      for (const value of r.emails[i] as readonly string[]) out.push(value);
    },
  },
  phone: {
    name: 'phone',
    values: (r, i, out) => {
      for (const value of r.phones[i] as readonly string[]) out.push(value);
    },
  },
  nationalId: {
    name: 'nationalId',
    values: (r, i, out) => pushIf(out, r.nationalId[i] as string),
  },
  /** Birth date alone: fine for small data, but its blocks grow with the population. */
  birthDate: {
    name: 'birthDate',
    values: (r, i, out) => pushIf(out, r.birthDigits.get(i)),
  },
  /**
   * Birth date with a name initial, once with the given name's and once with the family
   * name's: survives a corruption of either name (and a swap of the two), with blocks ~20
   * times smaller than the date's alone.
   */
  birthDateInitial: {
    name: 'birthDateInitial',
    values: (r, i, out) => {
      const birth = r.birthDigits.get(i);
      if (birth === '') return;
      const given = r.givenLatin.get(i).charAt(0);
      const family = r.familyLatin.get(i).charAt(0);
      if (given !== '') out.push(`${birth}${given}`);
      if (family !== '' && family !== given) out.push(`${birth}${family}`);
    },
  },
  /**
   * Sounds-alike family name, birth year and given initial: survives typos in the family
   * name and in the birth day or month. (Soundex and year alone make blocks that grow with
   * the population: every Smith born in 1970.)
   */
  familySoundexBirthYear: {
    name: 'familySoundexBirthYear',
    values: (r, i, out) => {
      const code = r.familySoundex.get(i);
      const year = r.birthYear.get(i);
      const initial = r.givenLatin.get(i).charAt(0);
      if (code !== '' && year !== 0) out.push(`${code}${year}${initial}`);
    },
  },
  /** First three letters of the given name within a postal code: survives family-name changes. */
  givenPrefixPostalCode: {
    name: 'givenPrefixPostalCode',
    values: (r, i, out) => {
      const given = r.givenLatin.get(i);
      const postal = r.postalCode.get(i);
      if (given !== '' && postal !== '') out.push(`${given.slice(0, 3)}|${postal}`);
    },
  },
  /**
   * The full name with given and family in either order: catches swapped names and records
   * whose date, ids and address are all corrupted. Very common names make oversized blocks,
   * which are capped and reported.
   */
  fullName: {
    name: 'fullName',
    values: (r, i, out) => {
      const given = r.givenLatin.get(i);
      const family = r.familyLatin.get(i);
      if (given === '' || family === '') return;
      out.push(given < family ? `${given}|${family}` : `${family}|${given}`);
    },
  },
  /** House number within a postal code: survives corrupted names and dates. */
  streetNumberPostalCode: {
    name: 'streetNumberPostalCode',
    values: (r, i, out) => {
      const number = r.streetNumber.get(i);
      const postal = r.postalCode.get(i);
      if (number !== '' && postal !== '') out.push(`${number}|${postal}`);
    },
  },
  streetPostalCode: {
    name: 'streetPostalCode',
    values: (r, i, out) => {
      const street = r.addressLine1[i] as string;
      const postal = r.postalCode.get(i);
      if (street !== '' && postal !== '') out.push(`${street}|${postal}`);
    },
  },
  /** Latin (pinyin) full name with the birth date: Han and pinyin spellings of one person meet. */
  latinNameBirthDate: {
    name: 'latinNameBirthDate',
    values: (r, i, out) => {
      const given = r.givenLatin.get(i);
      const family = r.familyLatin.get(i);
      const birth = r.birthDigits.get(i);
      if (given !== '' && family !== '' && birth !== '') out.push(`${family}|${given}|${birth}`);
    },
  },
};

export function blockingKeysByName(names: readonly string[]): BlockingKeyDefinition[] {
  return names.map((name) => {
    const definition = BLOCKING_KEYS[name];
    if (definition === undefined) throw new Error(`unknown blocking key "${name}"`);
    return definition;
  });
}
