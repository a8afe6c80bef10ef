import { normalizeCountry } from './country';
import { normalizeBirthDate, normalizeDateTime, todayUtc, type DateSettings } from './date';
import { normalizeEmail } from './email';
import type { FxRateProvider } from './fx';
import { normalizeGender } from './gender';
import { normalizePhoneIn } from './phone';
import { normalizeAddressFields } from './record-address';
import { normalizeConsentFields } from './record-consent';
import { present, readCanonical } from './record-input';
import { normalizeLifetimeValue } from './record-money';
import { normalizeNames } from './record-names';
import { accepted, type CustomerFields, type FieldRejection, type Run } from './record-run';
import type { Correction } from './result';
import { DEFAULT_NORMALIZE_SETTINGS, type SourceNormalizeSettings } from './settings';

export type { CustomerFields, FieldRejection } from './record-run';

// Imported functions called for every record are bound once. Under tsx (esbuild's
// CommonJS output) each call through an import otherwise goes through two export
// getters, which costs measurably at hundreds of thousands of records per second.
const normalizeCountryFn = normalizeCountry;
const normalizeBirthDateFn = normalizeBirthDate;
const normalizeDateTimeFn = normalizeDateTime;
const todayUtcFn = todayUtc;
const normalizeEmailFn = normalizeEmail;
const normalizeGenderFn = normalizeGender;
const normalizePhoneInFn = normalizePhoneIn;
const presentFn = present;
const readCanonicalFn = readCanonical;
const acceptedFn = accepted;
const normalizeAddressFieldsFn = normalizeAddressFields;
const normalizeConsentFieldsFn = normalizeConsentFields;
const normalizeLifetimeValueFn = normalizeLifetimeValue;
const normalizeNamesFn = normalizeNames;

export interface NormalizedRecord {
  fields: CustomerFields;
  corrections: Correction[];
  /** Non-empty means the record belongs in quarantine. */
  rejections: FieldRejection[];
}

export type RawCustomerFields = Readonly<Partial<Record<string, string | undefined>>>;

/**
 * Applies every field normalizer to one mapped source record. Pure: the same input,
 * settings, rates and `settings.today` always give the same output. Keys that are
 * not canonical fields are ignored (the raw record keeps them).
 */
export function normalizeCustomerFields(
  input: RawCustomerFields,
  settings: SourceNormalizeSettings = DEFAULT_NORMALIZE_SETTINGS,
  rates?: FxRateProvider,
): NormalizedRecord {
  const v = readCanonicalFn(input);
  const fields: CustomerFields = new OutputFields();
  const run: Run = { settings, fields, corrections: [], rejections: [] };
  const today = settings.today ?? todayUtcFn();
  const dates = dateSettingsOf(settings);
  // Fields are read and written by name (not `fields[field]`): named property access
  // stays monomorphic, which matters at hundreds of thousands of records per second.
  let raw = presentFn(run.corrections, 'country', v.country);
  if (raw !== undefined) {
    const r = normalizeCountryFn(raw);
    if (acceptedFn(run, 'country', raw, r)) fields.country = r.value;
  }
  const recordCountry = fields.country ?? settings.defaultCountry;

  normalizeNamesFn(run, v);

  raw = presentFn(run.corrections, 'email', v.email);
  if (raw !== undefined) {
    const r = normalizeEmailFn(raw);
    if (acceptedFn(run, 'email', raw, r)) fields.email = r.value;
  }
  raw = presentFn(run.corrections, 'phone', v.phone);
  if (raw !== undefined) normalizePhoneField(run, raw, recordCountry);

  raw = presentFn(run.corrections, 'birthDate', v.birthDate);
  if (raw !== undefined) {
    const r = normalizeBirthDateFn(raw, dates, today);
    if (acceptedFn(run, 'birthDate', raw, r)) fields.birthDate = r.value;
  }
  raw = presentFn(run.corrections, 'signupAt', v.signupAt);
  if (raw !== undefined) {
    const r = normalizeDateTimeFn(raw, dates);
    if (acceptedFn(run, 'signupAt', raw, r)) fields.signupAt = r.value;
  }
  raw = presentFn(run.corrections, 'updatedAt', v.updatedAt);
  if (raw !== undefined) {
    const r = normalizeDateTimeFn(raw, dates);
    if (acceptedFn(run, 'updatedAt', raw, r)) fields.updatedAt = r.value;
  }
  raw = presentFn(run.corrections, 'gender', v.gender);
  if (raw !== undefined) {
    const r = normalizeGenderFn(raw);
    if (acceptedFn(run, 'gender', raw, r)) fields.gender = r.value;
  }
  normalizeAddressFieldsFn(run, v, recordCountry);
  if (v.emailMarketingConsent !== undefined || v.smsMarketingConsent !== undefined || v.consentAt !== undefined) normalizeConsentFieldsFn(run, v, dates, today);
  normalizeLifetimeValueFn(run, v, rates, settings.fxDate ?? today);

  for (const field of settings.required) {
    if (fields[field] === undefined && !run.rejections.some((r) => r.field === field)) {
      run.rejections.push({ field, code: 'MISSING_REQUIRED', message: `required field ${field} is empty` });
    }
  }
  return { fields, corrections: run.corrections, rejections: run.rejections };
}

/**
 * The output object. Objects made with `new` get room for their properties inside the
 * object itself (V8 sizes it from the first instances), so adding a dozen fields does
 * not reallocate a separate property store each time; the class adds nothing else.
 */
class OutputFields {}

/** Date settings derived once per source settings object, not once per record. */
const dateSettingsCache = new WeakMap<SourceNormalizeSettings, DateSettings>();
// A run normalizes record after record with one settings object: the last answer is kept.
let lastDateSettingsOf: SourceNormalizeSettings | undefined;
let lastDateSettings: DateSettings | undefined;
function dateSettingsOf(settings: SourceNormalizeSettings): DateSettings {
  if (settings === lastDateSettingsOf && lastDateSettings !== undefined) return lastDateSettings;
  let dates = dateSettingsCache.get(settings);
  if (dates === undefined) {
    dates = { formats: settings.dateFormats, timezone: settings.timezone };
    if (settings.dayFirst !== undefined) dates.dayFirst = settings.dayFirst;
    dateSettingsCache.set(settings, dates);
  }
  lastDateSettingsOf = settings;
  lastDateSettings = dates;
  return dates;
}

function normalizePhoneField(run: Run, raw: string, recordCountry: string | undefined): void {
  const { settings, fields } = run;
  // A national number is read in the customer's country first, then in the source's
  // (a Chinese CRM writes Chinese mobiles without +86 even for customers abroad).
  const first = settings.phoneRegion ?? recordCountry;
  const second = settings.phoneRegion === undefined ? settings.defaultCountry : undefined;
  const r = normalizePhoneInFn(raw, first, second);
  if (acceptedFn(run, 'phone', raw, r)) {
    fields.phone = r.value.e164;
    fields.phoneType = r.value.type;
    if (r.value.extension !== undefined) fields.phoneExtension = r.value.extension;
  }
}
