import type { KeySink } from './key-sinks';
import type { PreparedRecords } from './prepared-records';

/**
 * A blocking key: records that share a value of it become candidate pairs. Keys are chosen so
 * that a true match with typical corruptions still shares at least one of them, while blocks
 * stay small as the population grows (a key like "soundex of the family name + birth year"
 * alone would put every Smith born in 1970 in one block). A key describes each of its values
 * (zero or more per record) as parts fed to a sink, which hashes or renders them.
 */
export interface BlockingKeyDefinition {
  readonly name: string;
  emit(records: PreparedRecords, index: number, sink: KeySink): void;
}

function emitText(sink: KeySink, value: string): void {
  if (value === '') return;
  sink.begin();
  sink.text(value);
  sink.end();
}

function emitDateInitial(sink: KeySink, birth: number, initial: number): void {
  if (Number.isNaN(initial)) return; // no such name
  sink.begin();
  sink.int(birth);
  sink.char(initial);
  sink.end();
}

export const BLOCKING_KEYS: Readonly<Record<string, BlockingKeyDefinition>> = {
  email: {
    name: 'email',
    emit: (r, i, sink) => {
      for (const value of r.emails[i] as readonly string[]) emitText(sink, value);
    },
  },
  phone: {
    name: 'phone',
    emit: (r, i, sink) => {
      for (const value of r.phones[i] as readonly string[]) emitText(sink, value);
    },
  },
  nationalId: {
    name: 'nationalId',
    emit: (r, i, sink) => emitText(sink, r.nationalId[i] as string),
  },
  /** Birth date alone: fine for small data, but its blocks grow with the population. */
  birthDate: {
    name: 'birthDate',
    emit: (r, i, sink) => {
      const birth = r.birthDate.get(i);
      if (birth === 0) return;
      sink.begin();
      sink.int(birth);
      sink.end();
    },
  },
  /**
   * Birth date with a name initial, once with the given name's and once with the family
   * name's: survives a corruption of either name (and a swap of the two), with blocks ~20
   * times smaller than the date's alone.
   */
  birthDateInitial: {
    name: 'birthDateInitial',
    emit: (r, i, sink) => {
      const birth = r.birthDate.get(i);
      if (birth === 0) return;
      const given = r.givenLatin.get(i).charCodeAt(0);
      const family = r.familyLatin.get(i).charCodeAt(0);
      emitDateInitial(sink, birth, given);
      if (family !== given) emitDateInitial(sink, birth, family);
    },
  },
  /**
   * Sounds-alike family name, birth year and given initial: survives typos in the family
   * name and in the birth day or month.
   */
  familySoundexBirthYear: {
    name: 'familySoundexBirthYear',
    emit: (r, i, sink) => {
      const code = r.familySoundex.get(i);
      const birth = r.birthDate.get(i);
      if (code === 0 || birth === 0) return;
      sink.begin();
      sink.int(code);
      sink.int(Math.floor(birth / 10000));
      const initial = r.givenLatin.get(i).charCodeAt(0);
      if (!Number.isNaN(initial)) sink.char(initial);
      sink.end();
    },
  },
  /** First three letters of the given name within a postal code: survives family-name changes. */
  givenPrefixPostalCode: {
    name: 'givenPrefixPostalCode',
    emit: (r, i, sink) => {
      const given = r.givenLatin.get(i);
      const postal = r.postalCode.get(i);
      if (given === '' || postal === '') return;
      sink.begin();
      for (let k = 0; k < 3 && k < given.length; k++) sink.char(given.charCodeAt(k));
      sink.text(postal);
      sink.end();
    },
  },
  /**
   * The full name with given and family in either order: catches swapped names and records
   * whose date, ids and address are all corrupted. Very common names make oversized blocks,
   * which are capped and reported.
   */
  fullName: {
    name: 'fullName',
    emit: (r, i, sink) => {
      const given = r.givenLatin.get(i);
      const family = r.familyLatin.get(i);
      if (given === '' || family === '') return;
      sink.begin();
      sink.text(given < family ? given : family);
      sink.text(given < family ? family : given);
      sink.end();
    },
  },
  /** House number within a postal code: survives corrupted names and dates. */
  streetNumberPostalCode: {
    name: 'streetNumberPostalCode',
    emit: (r, i, sink) => {
      const number = r.streetNumber.get(i);
      const postal = r.postalCode.get(i);
      if (number === '' || postal === '') return;
      sink.begin();
      sink.text(number);
      sink.text(postal);
      sink.end();
    },
  },
  streetPostalCode: {
    name: 'streetPostalCode',
    emit: (r, i, sink) => {
      const street = r.addressLine1[i] as string;
      const postal = r.postalCode.get(i);
      if (street === '' || postal === '') return;
      sink.begin();
      sink.text(street);
      sink.text(postal);
      sink.end();
    },
  },
  /** Latin (pinyin) full name with the birth date: Han and pinyin spellings of one person meet. */
  latinNameBirthDate: {
    name: 'latinNameBirthDate',
    emit: (r, i, sink) => {
      const given = r.givenLatin.get(i);
      const family = r.familyLatin.get(i);
      const birth = r.birthDate.get(i);
      if (given === '' || family === '' || birth === 0) return;
      sink.begin();
      sink.text(family);
      sink.text(given);
      sink.int(birth);
      sink.end();
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
