import type { CanonicalField } from '../config/canonical-fields';
import { isCurrencyCode } from './currency';
import { DEFAULT_DATE_FORMATS } from './date';
import { isValidTimeZone } from './time-zone';

// The canonical field list is shared with source mappings and survivorship; it has one home.
export { CANONICAL_FIELDS, isCanonicalField, type CanonicalField } from '../config/canonical-fields';

/** Fields derived during normalization and stored beside the canonical ones. */
export const DERIVED_FIELDS = [
  'givenNamePinyin', 'familyNamePinyin', 'phoneType', 'phoneExtension', 'lifetimeValueBase', 'lifetimeValueBaseCurrency',
] as const;

export type DerivedField = (typeof DERIVED_FIELDS)[number];
export type OutputField = CanonicalField | DerivedField;

/** What happens to a value that fails validation: the record goes to quarantine, or the value is dropped. */
export type OnInvalid = 'quarantine' | 'drop';

/**
 * Per-source normalization settings: a plain shape (the config layer validates it).
 * Missing properties take the values of DEFAULT_NORMALIZE_SETTINGS. Treat a settings
 * object as immutable once records have been normalized with it: values derived from
 * it are cached per object.
 */
export interface SourceNormalizeSettings {
  /** ISO 3166-1 alpha-2 country of the source's customers: default address country and phone region. */
  defaultCountry?: string;
  /** Region for phone numbers without a country code when it differs from defaultCountry. */
  phoneRegion?: string;
  /** ISO 4217 currency of amounts written without one. */
  currency?: string;
  /** When set (and rates are given), lifetimeValue is also converted into this currency. */
  baseCurrency?: string;
  /** Date on which amounts are converted (`YYYY-MM-DD`); defaults to `today`. */
  fxDate?: string;
  /** Formats tried after ISO 8601, in order (luxon tokens). */
  dateFormats: readonly string[];
  /** How `01/02/2023` is read; unset means ambiguous values are rejected. */
  dayFirst?: boolean;
  /** IANA zone of date-times written without an offset. */
  timezone: string;
  /** Forces the decimal separator of amounts when the source is known to use one. */
  decimalSeparator?: '.' | ',';
  /** Per-field override of defaultOnInvalid. */
  onInvalid: Partial<Record<CanonicalField, OnInvalid>>;
  defaultOnInvalid: OnInvalid;
  /** Fields that must be present; an empty one rejects the record with MISSING_REQUIRED. */
  required: readonly CanonicalField[];
  /** "Today" for birth-date plausibility and default fx dates (`YYYY-MM-DD`); defaults to the current UTC date. */
  today?: string;
}

export const DEFAULT_NORMALIZE_SETTINGS: Readonly<SourceNormalizeSettings> = Object.freeze({
  dateFormats: DEFAULT_DATE_FORMATS,
  timezone: 'UTC',
  onInvalid: {},
  defaultOnInvalid: 'quarantine',
  required: [],
});

/**
 * Fills defaults and checks the values normalization itself depends on (codes, zone).
 * Throws RangeError on a bad setting: that is a configuration error, not a data error.
 */
export function resolveNormalizeSettings(partial: Partial<SourceNormalizeSettings> = {}): SourceNormalizeSettings {
  const settings: SourceNormalizeSettings = { ...DEFAULT_NORMALIZE_SETTINGS, ...partial };
  const upper = (v: string | undefined): string | undefined => v?.toUpperCase();
  settings.defaultCountry = upper(settings.defaultCountry);
  settings.phoneRegion = upper(settings.phoneRegion);
  settings.currency = upper(settings.currency);
  settings.baseCurrency = upper(settings.baseCurrency);
  for (const key of ['defaultCountry', 'phoneRegion'] as const) {
    const v = settings[key];
    if (v !== undefined && !/^[A-Z]{2}$/.test(v)) throw new RangeError(`${key} must be an ISO 3166-1 alpha-2 code, got "${v}"`);
    if (v === undefined) delete settings[key];
  }
  for (const key of ['currency', 'baseCurrency'] as const) {
    const v = settings[key];
    if (v !== undefined && !isCurrencyCode(v)) throw new RangeError(`${key} must be an ISO 4217 code, got "${v}"`);
    if (v === undefined) delete settings[key];
  }
  if (!isValidTimeZone(settings.timezone)) throw new RangeError(`timezone "${settings.timezone}" is not an IANA time zone`);
  return settings;
}
