import Decimal from 'decimal.js';
import { isHanName } from '../normalize/chinese-name';
import type { GoldenValues } from '../resolve';
import type { ContactSources, GoldenProfile } from '../store/customer-columns';
import type { ResolvableRecord } from '../store/source-record-repository';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function time(value: unknown): number | undefined {
  const iso = text(value);
  if (iso === undefined) return undefined;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** "Wei Zhang", or "张伟" (family name first, no space) when both parts are Han. */
export function fullNameOf(given: string | undefined, family: string | undefined): string | null {
  if (given === undefined && family === undefined) return null;
  const han = (given === undefined || isHanName(given)) && (family === undefined || isHanName(family));
  if (han) return `${family ?? ''}${given ?? ''}`;
  return [given, family].filter((part) => part !== undefined).join(' ');
}

/**
 * Lifetime value summed over the records with decimal.js: amounts converted to the base
 * currency when a record has one, else the record's own amount. Amounts in different currencies
 * are never added up: then the value is unknown (null).
 */
export function lifetimeValueOf(records: readonly ResolvableRecord[]): { lifetimeValue: string | null; lifetimeValueCurrency: string | null } {
  let sum = new Decimal(0);
  let currency: string | undefined;
  let seen = false;
  for (const record of records) {
    const n = record.normalized;
    const amount = text(n.lifetimeValueBase) ?? text(n.lifetimeValue);
    if (amount === undefined) continue;
    const of = text(n.lifetimeValueBase) !== undefined ? text(n.lifetimeValueBaseCurrency) : text(n.currency);
    if (currency !== undefined && of !== undefined && of !== currency) return { lifetimeValue: null, lifetimeValueCurrency: null };
    currency ??= of;
    sum = sum.plus(amount);
    seen = true;
  }
  if (!seen) return { lifetimeValue: null, lifetimeValueCurrency: null };
  return { lifetimeValue: sum.toFixed(), lifetimeValueCurrency: currency ?? null };
}

function contactSources(values: GoldenValues['emails']): ContactSources {
  return Object.fromEntries(values.map((value) => [value.value, value.sources]));
}

/**
 * The golden profile fields that come from the whole cluster rather than one surviving value:
 * full name, gender (most recent record that has one), lifetime value, first and last seen
 * (signup or first load; latest update), and the sources of each email and phone.
 */
export function profileOf(golden: GoldenValues, records: readonly ResolvableRecord[]): GoldenProfile {
  const recency = (record: ResolvableRecord): number => time(record.normalized.updatedAt) ?? record.updatedAt.getTime();
  const newestFirst = [...records].sort((a, b) => recency(b) - recency(a) || b.id - a.id);
  const gender = newestFirst.map((record) => text(record.normalized.gender)).find((value) => value !== undefined) ?? null;
  const firstSeen = Math.min(...records.map((record) => time(record.normalized.signupAt) ?? record.createdAt.getTime()));
  const lastSeen = Math.max(...records.map(recency));
  return {
    fullName: fullNameOf(golden.givenName, golden.familyName),
    givenNamePinyin: golden.givenNamePinyin ?? null,
    familyNamePinyin: golden.familyNamePinyin ?? null,
    gender,
    addressLine1: golden.addressLine1 ?? null,
    addressLine2: golden.addressLine2 ?? null,
    city: golden.city ?? null,
    region: golden.region ?? null,
    postalCode: golden.postalCode ?? null,
    ...lifetimeValueOf(records),
    firstSeenAt: records.length > 0 ? new Date(firstSeen) : null,
    lastSeenAt: records.length > 0 ? new Date(lastSeen) : null,
    emailSources: contactSources(golden.emails),
    phoneSources: contactSources(golden.phones),
  };
}
