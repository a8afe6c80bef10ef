import { nicknameFamilies } from './comparators/nicknames';
import { soundex } from './comparators/soundex';
import { foldForComparison } from './text';
import type { MatchRecord } from './types';

/**
 * Records laid out column by column, folded once, addressed by a dense integer index.
 * Comparisons and blocking run millions of times over these columns, so everything they
 * need (folded text, phonetic codes, parsed dates, nickname families) is computed here once
 * per record instead of once per pair. Missing values are '' (text) or 0 (numbers).
 *
 * Records can be added or replaced in place (incremental resolution); an index, once given
 * to a record id, stays with it.
 */
export class PreparedRecords {
  readonly records: MatchRecord[] = [];
  readonly ids: string[] = [];
  private readonly indexById = new Map<string, number>();

  /** Folded given and family names as written. */
  readonly given: string[] = [];
  readonly family: string[] = [];
  /** Latin form: the pinyin when present, else the folded name. Han and pinyin meet here. */
  readonly givenLatin: string[] = [];
  readonly familyLatin: string[] = [];
  readonly givenNicknames: (readonly number[])[] = [];
  readonly givenSoundex: string[] = [];
  readonly familySoundex: string[] = [];

  /** Birth date as 8 digits (YYYYMMDD) and as numbers. */
  readonly birthDigits: string[] = [];
  readonly birthYear: number[] = [];
  readonly birthMonth: number[] = [];
  readonly birthDay: number[] = [];

  readonly emails: (readonly string[])[] = [];
  readonly emailLocalParts: (readonly string[])[] = [];
  readonly phones: (readonly string[])[] = [];

  readonly streetNumber: string[] = [];
  readonly addressLine1: string[] = [];
  readonly addressLine2: string[] = [];
  readonly city: string[] = [];
  readonly region: string[] = [];
  readonly postalCode: string[] = [];
  readonly country: string[] = [];
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
    this.given[index] = given;
    this.family[index] = family;
    this.givenLatin[index] = givenLatin;
    this.familyLatin[index] = familyLatin;
    this.givenNicknames[index] = nicknameFamilies(givenLatin);
    this.givenSoundex[index] = soundex(givenLatin);
    this.familySoundex[index] = soundex(familyLatin);

    const birth = parseIsoDate(record.birthDate);
    this.birthDigits[index] = birth === undefined ? '' : (record.birthDate as string).replace(/-/g, '');
    this.birthYear[index] = birth?.year ?? 0;
    this.birthMonth[index] = birth?.month ?? 0;
    this.birthDay[index] = birth?.day ?? 0;

    const emails = distinctNonEmpty(record.emails);
    this.emails[index] = emails;
    this.emailLocalParts[index] = emails.map(localPartOf);
    this.phones[index] = distinctNonEmpty(record.phones);

    this.streetNumber[index] = foldForComparison(record.streetNumber);
    this.addressLine1[index] = foldForComparison(record.addressLine1);
    this.addressLine2[index] = foldForComparison(record.addressLine2);
    this.city[index] = foldForComparison(record.city);
    this.region[index] = foldForComparison(record.region);
    this.postalCode[index] = foldForComparison(record.postalCode);
    this.country[index] = foldForComparison(record.country);
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
  if (value === undefined || value.length < 10) return undefined;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year <= 0 || month <= 0 || day <= 0) return undefined;
  return { year, month, day };
}

const NO_VALUES: readonly string[] = [];

function distinctNonEmpty(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return NO_VALUES;
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
