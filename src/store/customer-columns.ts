import Decimal from 'decimal.js';
import { fromDbTime, parseJsonColumn, toDbTime } from './dialect';
import type { FieldCipher } from './field-cipher';
import { PROTECTED_COLUMNS } from './protected-columns';

/** Where each distinct contact value came from: value → source names. */
export type ContactSources = Record<string, string[]>;

/**
 * The golden profile beyond names and contacts. Optional so that writers which only know the
 * core fields still type-check; a writer that omits them stores them as unknown (null).
 */
export interface GoldenProfile {
  fullName?: string | null;
  givenNamePinyin?: string | null;
  familyNamePinyin?: string | null;
  gender?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  /** Decimal string in `lifetimeValueCurrency`; never a JS number. */
  lifetimeValue?: string | null;
  lifetimeValueCurrency?: string | null;
  firstSeenAt?: Date | null;
  lastSeenAt?: Date | null;
  emailSources?: ContactSources;
  phoneSources?: ContactSources;
}

/** The golden fields of a customer as survivorship produced them. */
export interface GoldenFields extends GoldenProfile {
  givenName: string | null;
  familyName: string | null;
  /** Distinct values, primary first. */
  emails: string[];
  phones: string[];
  birthDate: string | null;
  country: string | null;
}

export type Customer = Omit<GoldenFields, keyof GoldenProfile> &
  Required<GoldenProfile> & {
    id: string;
    mergedInto: string | null;
    createdAt: Date;
    updatedAt: Date;
    deletedAt: Date | null;
  };

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Canonical decimal text (no exponent, no trailing zeros), so DECIMAL and TEXT columns compare equal. */
export function canonicalDecimal(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return new Decimal(String(value)).toFixed();
}

const SEALED: readonly string[] = PROTECTED_COLUMNS.customers;

/** The columns to write, with the personal ones encrypted. */
export function sealCustomerColumns(columns: Record<string, unknown>, cipher: FieldCipher): Record<string, unknown> {
  const sealed: Record<string, unknown> = { ...columns };
  for (const column of SEALED) if (column in sealed) sealed[column] = cipher.seal(text(sealed[column]));
  return sealed;
}

/**
 * A stored row (personal columns encrypted) as a customer. Every personal column is decrypted
 * here: decrypting only the fields a caller reads (lazy properties) was measured slower for a
 * page of customers, the accessor objects costing more than the decryptions saved.
 */
export function toCustomer(row: Record<string, unknown>, cipher: FieldCipher): Customer {
  const open = (column: string): string | null => cipher.open(text(row[column]));
  const contactSources = parseJsonColumn<{ emails?: ContactSources; phones?: ContactSources }>(open('contact_sources'), {});
  return {
    id: String(row.id),
    mergedInto: text(row.merged_into),
    givenName: open('given_name'),
    familyName: open('family_name'),
    fullName: open('full_name'),
    givenNamePinyin: open('given_name_pinyin'),
    familyNamePinyin: open('family_name_pinyin'),
    emails: parseJsonColumn(open('emails'), []),
    phones: parseJsonColumn(open('phones'), []),
    emailSources: contactSources.emails ?? {},
    phoneSources: contactSources.phones ?? {},
    birthDate: open('birth_date'),
    gender: text(row.gender),
    addressLine1: open('address_line1'),
    addressLine2: open('address_line2'),
    city: open('city'),
    region: open('region'),
    postalCode: open('postal_code'),
    country: text(row.country),
    lifetimeValue: canonicalDecimal(row.lifetime_value),
    lifetimeValueCurrency: text(row.lifetime_value_currency),
    firstSeenAt: fromDbTime(row.first_seen_at as string | null),
    lastSeenAt: fromDbTime(row.last_seen_at as string | null),
    createdAt: fromDbTime(row.created_at as string) as Date,
    updatedAt: fromDbTime(row.updated_at as string) as Date,
    deletedAt: fromDbTime(row.deleted_at as string | null),
  };
}

/** The `customers` columns the golden writer sets (plaintext); the same shape for every input, so two can be compared. */
export function goldenToColumns(fields: GoldenFields): Record<string, unknown> {
  const time = (value: Date | null | undefined): string | null => (value ? toDbTime(value) : null);
  return {
    given_name: fields.givenName,
    family_name: fields.familyName,
    full_name: fields.fullName ?? null,
    given_name_pinyin: fields.givenNamePinyin ?? null,
    family_name_pinyin: fields.familyNamePinyin ?? null,
    emails: JSON.stringify(fields.emails),
    phones: JSON.stringify(fields.phones),
    contact_sources: JSON.stringify({ emails: fields.emailSources ?? {}, phones: fields.phoneSources ?? {} }),
    birth_date: fields.birthDate,
    gender: fields.gender ?? null,
    address_line1: fields.addressLine1 ?? null,
    address_line2: fields.addressLine2 ?? null,
    city: fields.city ?? null,
    region: fields.region ?? null,
    postal_code: fields.postalCode ?? null,
    country: fields.country,
    lifetime_value: canonicalDecimal(fields.lifetimeValue),
    lifetime_value_currency: fields.lifetimeValueCurrency ?? null,
    first_seen_at: time(fields.firstSeenAt),
    last_seen_at: time(fields.lastSeenAt),
  };
}

/** Whether a stored row already holds exactly these golden fields. */
export function sameGoldenFields(row: Record<string, unknown>, fields: GoldenFields, cipher: FieldCipher): boolean {
  return JSON.stringify(goldenToColumns(toCustomer(row, cipher))) === JSON.stringify(goldenToColumns(fields));
}
