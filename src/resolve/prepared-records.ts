import { Dictionary, GrowableInt32, InternedColumn, SimilarityCache } from './columns';
import { CLOSE_NAME, type NameColumns } from './comparators/names';
import { nicknameFamilies as importedNicknameFamilies } from './comparators/nicknames';
import { soundexCode as importedSoundexCode } from './comparators/soundex';
import { CLOSE_TEXT } from './comparators/text';
import { ContactColumns } from './contact-columns';
import { emailLocalPart as importedEmailLocalPart, foldForComparison as importedFoldForComparison } from './text';
import type { MatchRecord } from './types';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const nicknameFamilies = importedNicknameFamilies;
const soundexCode = importedSoundexCode;
const emailLocalPart = importedEmailLocalPart;
const foldForComparison = importedFoldForComparison;

/**
 * Records laid out column by column, folded once, addressed by a dense integer index.
 * Comparisons and blocking run millions of times over these columns, so everything they
 * need (folded text, phonetic codes, parsed dates, nickname families) is computed here once
 * per record instead of once per pair. Values that repeat across people are interned;
 * near-unique ones (street lines, ids, emails, phones) are kept as plain strings.
 * Missing values are '' (code 0) or 0.
 *
 * Records can be added or replaced in place (incremental resolution); an index, once given
 * to a record id, stays with it. The records themselves are not kept, only what is read from
 * them: a caller that needs one again (training's sample) makes it again.
 */
export class PreparedRecords {
  ids: string[] = [];
  /** Records held; the arrays may be longer (reserved). */
  private count = 0;
  /** id → index; built on first use, since a one-off full run never looks records up by id. */
  private indexById: Map<string, number> | undefined;

  /** One dictionary for every name column: a swapped name is then a code comparison. */
  readonly names = new Dictionary();
  /** Folded given and family names as written (may be Han). */
  readonly given = new InternedColumn(this.names);
  readonly family = new InternedColumn(this.names);
  /** Latin form: the pinyin when present, else the folded name. Han and pinyin meet here. */
  readonly givenLatin = new InternedColumn(this.names);
  readonly familyLatin = new InternedColumn(this.names);
  readonly nameSimilarity = new SimilarityCache(this.names, CLOSE_NAME);
  /** What the given- and family-name comparisons read (built once, not per pair). */
  readonly givenNameColumns: NameColumns;
  readonly familyNameColumns: NameColumns;
  givenNicknames: (readonly number[])[] = [];
  /** Soundex codes as numbers (see `soundexCode`), 0 when missing. */
  readonly givenSoundex = new GrowableInt32();
  readonly familySoundex = new GrowableInt32();

  /** Birth date as the number YYYYMMDD, 0 when missing. */
  readonly birthDate = new GrowableInt32();

  emails: (readonly string[])[] = [];
  /** Local parts, only for records with more than one email (see `localPartsOf`). */
  emailLocalParts: (readonly string[])[] = [];
  phones: (readonly string[])[] = [];
  readonly contacts = new ContactColumns();

  readonly streetNumber = new InternedColumn();
  addressLine1: string[] = [];
  addressLine2: string[] = [];
  readonly city = new InternedColumn();
  readonly citySimilarity = new SimilarityCache(this.city.dictionary, CLOSE_TEXT);
  readonly region = new InternedColumn();
  readonly postalCode = new InternedColumn();
  readonly country = new InternedColumn();
  nationalId: string[] = [];

  constructor() {
    this.givenNameColumns = {
      own: this.given,
      latin: this.givenLatin,
      other: this.familyLatin,
      nicknames: this.givenNicknames,
      similarity: this.nameSimilarity,
    };
    this.familyNameColumns = {
      own: this.family,
      latin: this.familyLatin,
      other: this.givenLatin,
      nicknames: undefined,
      similarity: this.nameSimilarity,
    };
  }

  get size(): number {
    return this.count;
  }

  /** The email local parts of a record (see `emailLocalPart`), one per email. */
  localPartsOf(index: number): readonly string[] {
    const emails = this.emails[index] as readonly string[];
    return emails.length > 1 ? (this.emailLocalParts[index] as readonly string[]) : emails.map(emailLocalPart);
  }

  indexOf(id: string): number | undefined {
    return this.idIndex().get(id);
  }

  /** Adds a record, or replaces the record with the same id; returns its index. */
  upsert(record: MatchRecord): number {
    const index = this.indexOf(record.id) ?? this.count;
    if (index === this.count) {
      this.indexById?.set(record.id, index);
      this.count++;
    }
    this.fill(index, record);
    return index;
  }

  /**
   * Adds records known to be new (ids unique and not present): a full run's bulk load,
   * which skips the id lookups.
   */
  appendNew(record: MatchRecord): number {
    const index = this.count++;
    this.indexById?.set(record.id, index);
    this.fill(index, record);
    return index;
  }

  private idIndex(): Map<string, number> {
    if (this.indexById === undefined) {
      this.indexById = new Map();
      for (let index = 0; index < this.count; index++) this.indexById.set(this.ids[index] as string, index);
    }
    return this.indexById;
  }

  private fill(index: number, record: MatchRecord): void {
    this.ids[index] = record.id;

    const given = foldForComparison(record.givenName);
    const family = foldForComparison(record.familyName);
    const givenPinyin = foldForComparison(record.givenNamePinyin);
    const familyPinyin = foldForComparison(record.familyNamePinyin);
    const givenLatin = givenPinyin || given;
    const familyLatin = familyPinyin || family;
    const givenCode = this.given.set(index, given);
    const familyCode = this.family.set(index, family);
    if (givenPinyin === '') this.givenLatin.setCode(index, givenCode);
    else this.givenLatin.set(index, givenPinyin);
    if (familyPinyin === '') this.familyLatin.setCode(index, familyCode);
    else this.familyLatin.set(index, familyPinyin);
    this.givenNicknames[index] = nicknameFamilies(givenLatin);
    this.givenSoundex.set(index, soundexCode(givenLatin));
    this.familySoundex.set(index, soundexCode(familyLatin));
    this.birthDate.set(index, parseIsoDate(record.birthDate));

    const emails = distinctNonEmpty(record.emails);
    this.emails[index] = emails;
    // Local parts are kept for records with several emails; the usual single email is
    // fingerprinted instead, and its local part built only when a comparison needs it.
    this.emailLocalParts[index] = emails.length > 1 ? emails.map(emailLocalPart) : NO_VALUES;
    this.phones[index] = distinctNonEmpty(record.phones);
    this.contacts.set(index, emails, this.phones[index] as readonly string[]);

    this.streetNumber.set(index, foldForComparison(record.streetNumber));
    this.addressLine1[index] = foldForComparison(record.addressLine1);
    this.addressLine2[index] = foldForComparison(record.addressLine2);
    this.city.set(index, foldForComparison(record.city));
    this.region.set(index, foldForComparison(record.region));
    this.postalCode.set(index, foldForComparison(record.postalCode));
    this.country.set(index, foldForComparison(record.country));
    this.nationalId[index] = foldForComparison(record.nationalId);
  }

  /**
   * Makes room for `capacity` records in every column at once: growing a million-element
   * array one element at a time costs several times more than writing into a sized one.
   */
  reserve(capacity: number): void {
    if (capacity > this.ids.length) {
      this.ids = sized(this.ids, capacity, '');
      this.givenNicknames = sized(this.givenNicknames, capacity, NO_FAMILIES);
      this.emails = sized(this.emails, capacity, NO_VALUES);
      this.emailLocalParts = sized(this.emailLocalParts, capacity, NO_VALUES);
      this.phones = sized(this.phones, capacity, NO_VALUES);
      this.addressLine1 = sized(this.addressLine1, capacity, '');
      this.addressLine2 = sized(this.addressLine2, capacity, '');
      this.nationalId = sized(this.nationalId, capacity, '');
      this.givenNameColumns.nicknames = this.givenNicknames;
    }
    for (const column of [this.given, this.family, this.givenLatin, this.familyLatin, this.streetNumber, this.city, this.region, this.postalCode, this.country]) {
      column.reserve(capacity);
    }
    for (const column of [this.givenSoundex, this.familySoundex, this.birthDate]) column.reserve(capacity);
    this.contacts.reserve(capacity);
  }

  static from(records: readonly MatchRecord[]): PreparedRecords {
    const prepared = new PreparedRecords();
    prepared.reserve(records.length);
    for (const record of records) prepared.upsert(record);
    return prepared;
  }
}

/**
 * YYYY-MM-DD as the number YYYYMMDD; anything else counts as missing (0): normalization
 * already rejected impossible dates, and a half-parsed one is no evidence.
 */
export function parseIsoDate(value: string | undefined): number {
  if (value === undefined || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return 0;
  const year = digitsValue(value, 0, 4);
  const month = digitsValue(value, 5, 7);
  const day = digitsValue(value, 8, 10);
  if (year <= 0 || month <= 0 || month > 12 || day <= 0 || day > 31) return 0;
  return year * 10000 + month * 100 + day;
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

const NO_VALUES: readonly string[] = [];
const NO_FAMILIES: readonly number[] = [];

/** A copy of `values` with room for `capacity` elements, the new ones set to `filler`. */
function sized<T>(values: T[], capacity: number, filler: T): T[] {
  const out = new Array<T>(capacity);
  out.fill(filler, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] as T;
  return out;
}

function distinctNonEmpty(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return NO_VALUES;
  if (values.length === 1) return values[0] === '' ? NO_VALUES : values;
  const out: string[] = [];
  for (const value of values) if (value !== '' && !out.includes(value)) out.push(value);
  return out;
}

