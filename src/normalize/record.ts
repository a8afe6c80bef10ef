import { normalizeAddressLine, normalizePostalCode, normalizeRegion } from './address';
import { givenPinyin, isHanName, surnamePinyin } from './chinese-name';
import { normalizeCountry } from './country';
import { normalizeBirthDate, normalizeDateTime, todayUtc, type DateSettings } from './date';
import { normalizeEmail } from './email';
import { convertMoney, type FxRateProvider } from './fx';
import { normalizeConsent } from './consent';
import { normalizeGender } from './gender';
import { parseMoney, type MoneyOptions } from './money';
import { normalizePersonName, splitFullName } from './name';
import { normalizePhone } from './phone';
import type { ReasonCode } from './reasons';
import { correction, reject, type Correction, type Normalized } from './result';
import { DEFAULT_NORMALIZE_SETTINGS, type CanonicalField, type OutputField, type SourceNormalizeSettings } from './settings';
import { normalizeText } from './text';
import { present, readCanonical, type CanonicalValues } from './record-input';


// Imported functions called for every record are bound once. Under tsx (esbuild's
// CommonJS output) each call through an import otherwise goes through two export
// getters, which costs measurably at hundreds of thousands of records per second.
const normalizeAddressLineFn = normalizeAddressLine;
const normalizePostalCodeFn = normalizePostalCode;
const normalizeRegionFn = normalizeRegion;
const givenPinyinFn = givenPinyin;
const isHanNameFn = isHanName;
const surnamePinyinFn = surnamePinyin;
const normalizeCountryFn = normalizeCountry;
const normalizeBirthDateFn = normalizeBirthDate;
const normalizeDateTimeFn = normalizeDateTime;
const todayUtcFn = todayUtc;
const normalizeEmailFn = normalizeEmail;
const convertMoneyFn = convertMoney;
const normalizeGenderFn = normalizeGender;
const normalizeConsentFn = normalizeConsent;
const parseMoneyFn = parseMoney;
const normalizePersonNameFn = normalizePersonName;
const splitFullNameFn = splitFullName;
const normalizePhoneFn = normalizePhone;
const correctionFn = correction;
const normalizeTextFn = normalizeText;
const presentFn = present;
const readCanonicalFn = readCanonical;

export type CustomerFields = Partial<Record<OutputField, string>>;

export interface FieldRejection {
  field: CanonicalField;
  code: ReasonCode;
  message: string;
}

export interface NormalizedRecord {
  fields: CustomerFields;
  corrections: Correction[];
  /** Non-empty means the record belongs in quarantine. */
  rejections: FieldRejection[];
}

export type RawCustomerFields = Readonly<Partial<Record<string, string | undefined>>>;

/** Per-call working state, so the field helpers below stay small. */
interface Run {
  settings: SourceNormalizeSettings;
  fields: CustomerFields;
  corrections: Correction[];
  rejections: FieldRejection[];
}

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
    if (accepted(run, 'country', raw, r)) fields.country = r.value;
  }
  const recordCountry = fields.country ?? settings.defaultCountry;

  normalizeNames(run, v);

  raw = presentFn(run.corrections, 'email', v.email);
  if (raw !== undefined) {
    const r = normalizeEmailFn(raw);
    if (accepted(run, 'email', raw, r)) fields.email = r.value;
  }
  raw = presentFn(run.corrections, 'phone', v.phone);
  if (raw !== undefined) normalizePhoneField(run, raw, recordCountry);

  raw = presentFn(run.corrections, 'birthDate', v.birthDate);
  if (raw !== undefined) {
    const r = normalizeBirthDateFn(raw, dates, today);
    if (accepted(run, 'birthDate', raw, r)) fields.birthDate = r.value;
  }
  raw = presentFn(run.corrections, 'signupAt', v.signupAt);
  if (raw !== undefined) {
    const r = normalizeDateTimeFn(raw, dates);
    if (accepted(run, 'signupAt', raw, r)) fields.signupAt = r.value;
  }
  raw = presentFn(run.corrections, 'updatedAt', v.updatedAt);
  if (raw !== undefined) {
    const r = normalizeDateTimeFn(raw, dates);
    if (accepted(run, 'updatedAt', raw, r)) fields.updatedAt = r.value;
  }
  raw = presentFn(run.corrections, 'gender', v.gender);
  if (raw !== undefined) {
    const r = normalizeGenderFn(raw);
    if (accepted(run, 'gender', raw, r)) fields.gender = r.value;
  }
  normalizeAddressFields(run, v, recordCountry);
  if (v.emailMarketingConsent !== undefined || v.smsMarketingConsent !== undefined || v.consentAt !== undefined) normalizeConsentFields(run, v, dates, today);
  normalizeLifetimeValue(run, v, rates, settings.fxDate ?? today);

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
function dateSettingsOf(settings: SourceNormalizeSettings): DateSettings {
  let dates = dateSettingsCache.get(settings);
  if (dates === undefined) {
    dates = { formats: settings.dateFormats, timezone: settings.timezone };
    if (settings.dayFirst !== undefined) dates.dayFirst = settings.dayFirst;
    dateSettingsCache.set(settings, dates);
  }
  return dates;
}

const phoneOptions = new Map<string, { defaultRegion: string }>();
function phoneOptionsFor(region: string | undefined): { defaultRegion?: string } {
  if (region === undefined) return {};
  let options = phoneOptions.get(region);
  if (options === undefined) {
    options = { defaultRegion: region };
    phoneOptions.set(region, options);
  }
  return options;
}

function normalizePhoneField(run: Run, raw: string, recordCountry: string | undefined): void {
  const { settings, fields } = run;
  // A national number is read in the customer's country first, then in the source's
  // (a Chinese CRM writes Chinese mobiles without +86 even for customers abroad).
  const first = settings.phoneRegion ?? recordCountry;
  let r = normalizePhoneFn(raw, phoneOptionsFor(first));
  const second = settings.phoneRegion === undefined ? settings.defaultCountry : undefined;
  if (!r.ok && second !== undefined && second !== first) {
    const retry = normalizePhoneFn(raw, phoneOptionsFor(second));
    if (retry.ok) r = retry;
  }
  if (accepted(run, 'phone', raw, r)) {
    fields.phone = r.value.e164;
    fields.phoneType = r.value.type;
    if (r.value.extension !== undefined) fields.phoneExtension = r.value.extension;
  }
}

function normalizeAddressFields(run: Run, v: CanonicalValues, recordCountry: string | undefined): void {
  const { fields } = run;
  let raw = presentFn(run.corrections, 'addressLine1', v.addressLine1);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (accepted(run, 'addressLine1', raw, r)) fields.addressLine1 = r.value;
  }
  raw = presentFn(run.corrections, 'addressLine2', v.addressLine2);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (accepted(run, 'addressLine2', raw, r)) fields.addressLine2 = r.value;
  }
  raw = presentFn(run.corrections, 'city', v.city);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (accepted(run, 'city', raw, r)) fields.city = r.value;
  }
  raw = presentFn(run.corrections, 'region', v.region);
  if (raw !== undefined) {
    const r = normalizeRegionFn(raw, recordCountry);
    if (accepted(run, 'region', raw, r)) fields.region = r.value;
  }
  raw = presentFn(run.corrections, 'postalCode', v.postalCode);
  if (raw !== undefined) {
    const r = normalizePostalCodeFn(raw, recordCountry);
    if (accepted(run, 'postalCode', raw, r)) fields.postalCode = r.value;
  }
}

/** Consent per channel as "true" / "false", and the time it was stated (rare: a loop is fine). */
function normalizeConsentFields(run: Run, v: CanonicalValues, dates: DateSettings, today: string): void {
  for (const field of ['emailMarketingConsent', 'smsMarketingConsent'] as const) {
    const raw = presentFn(run.corrections, field, v[field]);
    const r = raw === undefined ? undefined : normalizeConsentFn(raw);
    if (r !== undefined && accepted(run, field, raw as string, r)) run.fields[field] = String(r.value);
  }
  const raw = presentFn(run.corrections, 'consentAt', v.consentAt);
  const r = raw === undefined ? undefined : consentTime(raw, dates, today);
  if (r !== undefined && accepted(run, 'consentAt', raw as string, r)) run.fields.consentAt = r.value;
}

/** A consent time after `today` is a typo, and as the newest statement it would win survivorship for good. */
function consentTime(raw: string, dates: DateSettings, today: string): Normalized<string> {
  const r = normalizeDateTimeFn(raw, dates);
  if (r.ok && r.value.slice(0, 10) > today) return reject('BAD_CONSENT', `consent time ${r.value} lies in the future`);
  return r;
}

/** Records corrections or the rejection (honouring onInvalid); true when the value was accepted. */
function accepted<T>(run: Run, field: CanonicalField, raw: string, result: Normalized<T>): result is Extract<Normalized<T>, { ok: true }> {
  if (result.ok) {
    const corrections = result.corrections;
    for (let i = 0; i < corrections.length; i++) {
      const c = corrections[i]!;
      run.corrections.push(c.field === undefined ? { ...c, field } : c);
    }
    return true;
  }
  if ((run.settings.onInvalid[field] ?? run.settings.defaultOnInvalid) === 'drop') {
    run.corrections.push(correctionFn('VALUE_DROPPED', raw, '', field));
  } else {
    run.rejections.push({ field, code: result.code, message: result.message });
  }
  return false;
}


function normalizeNames(run: Run, v: CanonicalValues): void {
  const { fields } = run;
  const given = presentFn(run.corrections, 'givenName', v.givenName);
  if (given !== undefined) {
    const r = normalizePersonNameFn(given, 'given');
    if (accepted(run, 'givenName', given, r)) fields.givenName = r.value;
  }
  const family = presentFn(run.corrections, 'familyName', v.familyName);
  if (family !== undefined) {
    const r = normalizePersonNameFn(family, 'family');
    if (accepted(run, 'familyName', family, r)) fields.familyName = r.value;
  }

  const full = presentFn(run.corrections, 'fullName', v.fullName);
  if (full !== undefined) {
    const split = splitFullNameFn(full);
    if (accepted(run, 'fullName', full, split)) {
      const name = split.value;
      fields.fullName = name.fullName;
      if (fields.givenName === undefined && fields.familyName === undefined && name.familyName !== undefined) {
        fields.familyName = name.familyName;
        run.corrections.push(correctionFn('NAME_SPLIT', full, name.familyName, 'familyName'));
        if (name.givenName !== undefined && name.givenName !== '') {
          fields.givenName = name.givenName;
          run.corrections.push(correctionFn('NAME_SPLIT', full, name.givenName, 'givenName'));
        }
      }
    }
  }

  const g = fields.givenName;
  const f = fields.familyName;
  if (fields.fullName === undefined && (g !== undefined || f !== undefined)) {
    const han = (g === undefined || isHanNameFn(g)) && (f === undefined || isHanNameFn(f));
    fields.fullName = han ? (f ?? '') + (g ?? '') : g === undefined ? f : f === undefined ? g : `${g} ${f}`;
  }
  if (f !== undefined && isHanNameFn(f)) fields.familyNamePinyin = surnamePinyinFn(f);
  if (g !== undefined && isHanNameFn(g)) fields.givenNamePinyin = givenPinyinFn(g);
}

const moneyOptionsCache = new WeakMap<SourceNormalizeSettings, MoneyOptions>();
function moneyOptionsOf(settings: SourceNormalizeSettings): MoneyOptions {
  let options = moneyOptionsCache.get(settings);
  if (options === undefined) {
    options = { defaultCurrency: settings.currency, decimalSeparator: settings.decimalSeparator };
    moneyOptionsCache.set(settings, options);
  }
  return options;
}

function normalizeLifetimeValue(run: Run, v: CanonicalValues, rates: FxRateProvider | undefined, fxDate: string): void {
  const raw = presentFn(run.corrections, 'lifetimeValue', v.lifetimeValue);
  const currencyRaw = presentFn(run.corrections, 'currency', v.currency);
  if (raw === undefined) return;
  const { settings } = run;
  const money = parseMoneyFn(raw, currencyRaw === undefined ? moneyOptionsOf(settings) : {
    currency: normalizeTextFn(currencyRaw).toUpperCase(),
    defaultCurrency: settings.currency,
    decimalSeparator: settings.decimalSeparator,
  });
  if (!accepted(run, 'lifetimeValue', raw, money)) return;
  run.fields.lifetimeValue = money.value.amount;
  run.fields.currency = money.value.currency;
  if (settings.baseCurrency === undefined || rates === undefined) return;
  const converted = convertMoneyFn(money.value.amount, money.value.currency, settings.baseCurrency, fxDate, rates);
  if (converted.ok) {
    run.fields.lifetimeValueBase = converted.value.amount;
    run.fields.lifetimeValueBaseCurrency = converted.value.currency;
  } else if ((settings.onInvalid.lifetimeValue ?? settings.defaultOnInvalid) === 'drop') {
    // The amount itself is fine; only its converted copy is left out.
    run.corrections.push(correctionFn('VALUE_DROPPED', raw, '', 'lifetimeValueBase'));
  } else {
    run.rejections.push({ field: 'lifetimeValue', code: converted.code, message: converted.message });
  }
}
