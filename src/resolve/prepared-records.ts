import { InternedColumn, GrowableInt32 } from './columns';
import { nicknameFamilies } from './comparators/nicknames';
import { soundex } from './comparators/soundex';
import { foldForComparison } from './text';
import type { MatchRecord } from './types';

/**
 * Records laid out column by column, folded once, addressed by a dense integer index.
 * Comparisons and blocking run millions of times over these columns, so everything they
 * need (folded text, phonetic codes, parsed dates, nickname families) is computed here once
 * per record instead of once per pair. Values that repeat across people are interned;
 * near-unique ones (street lines, ids, emails, phones) are kept as plain strings.
 * Missing values are '' (code 0) or 0.
 *
 * Records can be added or replaced in place (incremental resolution); an index, once given
 * to a record id, stays with it.
 */
export class PreparedRecords {
  readonly records: MatchRecord[] = [];
  readonly ids: string[] = [];
  private readonly indexById = new Map<string, number>();

  /** Folded given and family names as written (may be Han). */
  readonly given = new InternedColumn();
  readonly family = new InternedColumn();
  /** Latin form: the pinyin when present, else the folded name. Han and pinyin meet here. */
  readonly givenLatin = new InternedColumn();
  readonly familyLatin = new InternedColumn();
  readonly givenNicknames: (readonly number[])[] = [];
  readonly givenSoundex = new InternedColumn();
  readonly familySoundex = new InternedColumn();

  /** Birth date as 8 digits (YYYYMMDD), and its parts. */
  readonly birthDigits = new InternedColumn();
  readonly birthYear = new GrowableInt32();
  readonly birthMonth = new GrowableInt32();
  readonly birthDay = new GrowableInt32();

  readonly emails: (readonly string[])[] = [];
  readonly emailLocalParts: (readonly string[])[] = [];
  readonly phones: (readonly string[])[] = [];

  readonly streetNumber = new InternedColumn();
  readonly addressLine1: string[] = [];
  readonly addressLine2: string[] = [];
  readonly city = new InternedColumn();
  readonly region = new InternedColumn();
  readonly postalCode = new InternedColumn();
  readonly country = new InternedColumn();
  readonly nationalId: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** Adds a record, or replaces the record with the same id; returns its index. */
  upsert(record: MatchRecord): number {
    const existing = this.indexById.get(record.id);
    const index = existing ?? this.ids.length;
    if (existing === undefined) this.indexById.set(record.id, index);
    this.records[index] = record;
    this.ids[index] = record.id;

    const given = foldForComparison(record.givenName);
    const family = foldForComparison(record.familyName);
    const givenLatin = foldForComparison(record.givenNamePinyin) || given;
    const familyLatin = foldForComparison(record.familyNamePinyin) || family;
    this.given.set(index, given);
    this.family.set(index, family);
    this.givenLatin.set(index, givenLatin);
    this.familyLatin.set(index, familyLatin);
    this.givenNicknames[index] = nicknameFamilies(givenLatin);
    this.givenSoundex.set(index, soundex(givenLatin));
    this.familySoundex.set(index, soundex(familyLatin));

    const birth = parseIsoDate(record.birthDate);
    this.birthDigits.set(index, birth === undefined ? '' : birthDigitsOf(birth));
    this.birthYear.set(index, birth?.year ?? 0);
    this.birthMonth.set(index, birth?.month ?? 0);
    this.birthDay.set(index, birth?.day ?? 0);

    const emails = distinctNonEmpty(record.emails);
    this.emails[index] = emails;
    this.emailLocalParts[index] = emails === NO_VALUES ? NO_VALUES : emails.map(localPartOf);
    this.phones[index] = distinctNonEmpty(record.phones);

    this.streetNumber.set(index, foldForComparison(record.streetNumber));
    this.addressLine1[index] = foldForComparison(record.addressLine1);
    this.addressLine2[index] = foldForComparison(record.addressLine2);
    this.city.set(index, foldForComparison(record.city));
    this.region.set(index, foldForComparison(record.region));
    this.postalCode.set(index, foldForComparison(record.postalCode));
    this.country.set(index, foldForComparison(record.country));
    this.nationalId[index] = foldForComparison(record.nationalId);
    return index;
  }

  static from(records: readonly MatchRecord[]): PreparedRecords {
    const prepared = new PreparedRecords();
    for (const record of records) prepared.upsert(record);
    return prepared;
  }
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses YYYY-MM-DD; anything else counts as missing (normalization already validated it). */
export function parseIsoDate(value: string | undefined): DateParts | undefined {
  if (value === undefined || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digitsValue(value, 0, 4);
  const month = digitsValue(value, 5, 7);
  const day = digitsValue(value, 8, 10);
  if (year <= 0 || month <= 0 || month > 12 || day <= 0 || day > 31) return undefined;
  return { year, month, day };
}

function digitsValue(value: string, from: number, to: number): number {
  let result = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

function birthDigitsOf(date: DateParts): string {
  return String(date.year * 10000 + date.month * 100 + date.day).padStart(8, '0');
}

const NO_VALUES: readonly string[] = [];

function distinctNonEmpty(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return NO_VALUES;
  if (values.length === 1) return values[0] === '' ? NO_VALUES : values;
  const out: string[] = [];
  for (const value of values) if (value !== '' && !out.includes(value)) out.push(value);
  return out;
}

/** "j.smith+news@example.com" → "jsmith": dots and plus-tags rarely tell people apart. */
function localPartOf(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  const plus = local.indexOf('+');
  return foldForComparison(plus < 0 ? local : local.slice(0, plus));
}
