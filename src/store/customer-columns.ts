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

/**
 * The personal golden fields, stored together as one encrypted JSON value (`customers.personal`):
 * one encryption per customer written and one decryption per customer read, where a column per
 * field cost fourteen. Made explicit here (unknown values null, no contacts empty), in the order
 * the JSON keeps, so that equal fields give equal JSON.
 */
function personalOf(fields: Partial<GoldenFields>) {
  return {
    givenName: fields.givenName ?? null,
    familyName: fields.familyName ?? null,
    fullName: fields.fullName ?? null,
    givenNamePinyin: fields.givenNamePinyin ?? null,
    familyNamePinyin: fields.familyNamePinyin ?? null,
    emails: fields.emails ?? [],
    phones: fields.phones ?? [],
    emailSources: fields.emailSources ?? {},
    phoneSources: fields.phoneSources ?? {},
    birthDate: fields.birthDate ?? null,
    addressLine1: fields.addressLine1 ?? null,
    addressLine2: fields.addressLine2 ?? null,
    city: fields.city ?? null,
    region: fields.region ?? null,
    postalCode: fields.postalCode ?? null,
  };
}

/**
 * The JSON of a customer's personal fields: in personalOf's order, the unknown (null) ones left
 * out. Written field by field (the text JSON.stringify gives such an object): an object with a
 * varying set of keys was slow to build and to serialize, once per customer written.
 */
function personalJson(fields: GoldenFields): string {
  let json = '';
  for (const [field, value] of Object.entries(personalOf(fields))) {
    if (value !== null) json += `${json === '' ? '{' : ','}"${field}":${JSON.stringify(value)}`;
  }
  return json === '' ? '{}' : `${json}}`;
}

const SEALED: readonly string[] = PROTECTED_COLUMNS.customers;

/** The columns to write, with the personal ones encrypted. */
export function sealCustomerColumns(columns: Record<string, unknown>, cipher: FieldCipher): Record<string, unknown> {
  const sealed: Record<string, unknown> = { ...columns };
  for (const column of SEALED) if (column in sealed) sealed[column] = cipher.seal(text(sealed[column]));
  return sealed;
}

/** A stored row (personal fields encrypted) as a customer. */
export function toCustomer(row: Record<string, unknown>, cipher: FieldCipher): Customer {
  return {
    id: String(row.id),
    mergedInto: text(row.merged_into),
    ...personalOf(parseJsonColumn<Partial<GoldenFields>>(cipher.open(text(row.personal)), {})),
    gender: text(row.gender),
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
    personal: personalJson(fields),
    gender: fields.gender ?? null,
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
