import { normalizeAddressLine, normalizePostalCode, normalizeRegion } from './address';
import { givenPinyin, isHanName, surnamePinyin } from './chinese-name';
import { normalizeCountry } from './country';
import { normalizeBirthDate, normalizeDateTime, todayUtc, type DateSettings } from './date';
import { normalizeEmail } from './email';
import { convertMoney, type FxRateProvider } from './fx';
import { normalizeGender } from './gender';
import { parseMoney, type MoneyOptions } from './money';
import { normalizePersonName, splitFullName } from './name';
import { normalizePhone } from './phone';
import type { ReasonCode } from './reasons';
import { correction, type Correction, type Normalized } from './result';
import { DEFAULT_NORMALIZE_SETTINGS, type CanonicalField, type OutputField, type SourceNormalizeSettings } from './settings';
import { isPlaceholder, mayBePlaceholder, normalizeText } from './text';

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
  const v = readCanonical(input);
  const fields: CustomerFields = {};
  const run: Run = { settings, fields, corrections: [], rejections: [] };
  const today = settings.today ?? todayUtc();
  const dates = dateSettingsOf(settings);
  // Fields are read and written by name (not `fields[field]`): named property access
  // stays monomorphic, which matters at hundreds of thousands of records per second.
  let raw = present(run, 'country', v.country);
  if (raw !== undefined) {
    const r = normalizeCountry(raw);
    if (accepted(run, 'country', raw, r)) fields.country = r.value;
  }
  const recordCountry = fields.country ?? settings.defaultCountry;

  normalizeNames(run, v);

  raw = present(run, 'email', v.email);
  if (raw !== undefined) {
    const r = normalizeEmail(raw);
    if (accepted(run, 'email', raw, r)) fields.email = r.value;
  }
  raw = present(run, 'phone', v.phone);
  if (raw !== undefined) normalizePhoneField(run, raw, recordCountry);

  raw = present(run, 'birthDate', v.birthDate);
  if (raw !== undefined) {
    const r = normalizeBirthDate(raw, dates, today);
    if (accepted(run, 'birthDate', raw, r)) fields.birthDate = r.value;
  }
  raw = present(run, 'signupAt', v.signupAt);
  if (raw !== undefined) {
    const r = normalizeDateTime(raw, dates);
    if (accepted(run, 'signupAt', raw, r)) fields.signupAt = r.value;
  }
  raw = present(run, 'updatedAt', v.updatedAt);
  if (raw !== undefined) {
    const r = normalizeDateTime(raw, dates);
    if (accepted(run, 'updatedAt', raw, r)) fields.updatedAt = r.value;
  }
  raw = present(run, 'gender', v.gender);
  if (raw !== undefined) {
    const r = normalizeGender(raw);
    if (accepted(run, 'gender', raw, r)) fields.gender = r.value;
  }
  normalizeAddressFields(run, v, recordCountry);
  normalizeLifetimeValue(run, v, rates, settings.fxDate ?? today);

  for (const field of settings.required) {
    if (fields[field] === undefined && !run.rejections.some((r) => r.field === field)) {
      run.rejections.push({ field, code: 'MISSING_REQUIRED', message: `required field ${field} is empty` });
    }
  }
  return { fields, corrections: run.corrections, rejections: run.rejections };
}

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
  let r = normalizePhone(raw, phoneOptionsFor(first));
  const second = settings.phoneRegion === undefined ? settings.defaultCountry : undefined;
  if (!r.ok && second !== undefined && second !== first) {
    const retry = normalizePhone(raw, phoneOptionsFor(second));
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
  let raw = present(run, 'addressLine1', v.addressLine1);
  if (raw !== undefined) {
    const r = normalizeAddressLine(raw);
    if (accepted(run, 'addressLine1', raw, r)) fields.addressLine1 = r.value;
  }
  raw = present(run, 'addressLine2', v.addressLine2);
  if (raw !== undefined) {
    const r = normalizeAddressLine(raw);
    if (accepted(run, 'addressLine2', raw, r)) fields.addressLine2 = r.value;
  }
  raw = present(run, 'city', v.city);
  if (raw !== undefined) {
    const r = normalizeAddressLine(raw);
    if (accepted(run, 'city', raw, r)) fields.city = r.value;
  }
  raw = present(run, 'region', v.region);
  if (raw !== undefined) {
    const r = normalizeRegion(raw, recordCountry);
    if (accepted(run, 'region', raw, r)) fields.region = r.value;
  }
  raw = present(run, 'postalCode', v.postalCode);
  if (raw !== undefined) {
    const r = normalizePostalCode(raw, recordCountry);
    if (accepted(run, 'postalCode', raw, r)) fields.postalCode = r.value;
  }
}

type CanonicalValues = Record<CanonicalField, string | undefined>;

/**
 * Copies the canonical fields into an object of one fixed shape. Source records come
 * in many shapes, and looking up absent keys on them one by one is slow; a single
 * pass over the keys they do have is not.
 */
function readCanonical(input: RawCustomerFields): CanonicalValues {
  // A literal, so every instance shares one hidden class; the type keeps it complete.
  const values: CanonicalValues = {
    givenName: undefined, familyName: undefined, fullName: undefined, email: undefined, phone: undefined,
    birthDate: undefined, gender: undefined, country: undefined, addressLine1: undefined, addressLine2: undefined,
    city: undefined, region: undefined, postalCode: undefined, lifetimeValue: undefined, currency: undefined,
    signupAt: undefined, updatedAt: undefined,
  };
  // A switch of named stores: several times faster than `values[key] = value` (a keyed store
  // over many names), whatever shapes the input records come in.
  for (const key in input) {
    const v = input[key];
    if (typeof v !== 'string') continue;
    switch (key) {
      case 'givenName': values.givenName = v; break;
      case 'familyName': values.familyName = v; break;
      case 'fullName': values.fullName = v; break;
      case 'email': values.email = v; break;
      case 'phone': values.phone = v; break;
      case 'birthDate': values.birthDate = v; break;
      case 'gender': values.gender = v; break;
      case 'country': values.country = v; break;
      case 'addressLine1': values.addressLine1 = v; break;
      case 'addressLine2': values.addressLine2 = v; break;
      case 'city': values.city = v; break;
      case 'region': values.region = v; break;
      case 'postalCode': values.postalCode = v; break;
      case 'lifetimeValue': values.lifetimeValue = v; break;
      case 'currency': values.currency = v; break;
      case 'signupAt': values.signupAt = v; break;
      case 'updatedAt': values.updatedAt = v; break;
    }
  }
  return values;
}

/** The raw value of a field, or undefined when it is empty or a placeholder such as "N/A". */
function present(run: Run, field: CanonicalField, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Only values that start with what a placeholder starts with need the full text treatment.
  const first = firstVisible(raw);
  if (first < 0) return undefined;
  if (raw.length - first > 40 || !mayBePlaceholder(raw.charCodeAt(first))) return raw;
  const text = normalizeText(raw);
  if (text === '') return undefined;
  if (isPlaceholder(text)) {
    run.corrections.push(correction('PLACEHOLDER_REMOVED', raw, '', field));
    return undefined;
  }
  return raw;
}

/** Index of the first character that is not whitespace or invisible, or -1 for a blank value. */
function firstVisible(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 32 && c < 127) return i;
    if (c <= 32 || c === 0x7f || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200d) || c === 0x2060) continue;
    return i;
  }
  return -1;
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
    run.corrections.push(correction('VALUE_DROPPED', raw, '', field));
  } else {
    run.rejections.push({ field, code: result.code, message: result.message });
  }
  return false;
}


function normalizeNames(run: Run, v: CanonicalValues): void {
  const { fields } = run;
  const given = present(run, 'givenName', v.givenName);
  if (given !== undefined) {
    const r = normalizePersonName(given, 'given');
    if (accepted(run, 'givenName', given, r)) fields.givenName = r.value;
  }
  const family = present(run, 'familyName', v.familyName);
  if (family !== undefined) {
    const r = normalizePersonName(family, 'family');
    if (accepted(run, 'familyName', family, r)) fields.familyName = r.value;
  }

  const full = present(run, 'fullName', v.fullName);
  if (full !== undefined) {
    const split = splitFullName(full);
    if (accepted(run, 'fullName', full, split)) {
      const name = split.value;
      fields.fullName = name.fullName;
      if (fields.givenName === undefined && fields.familyName === undefined && name.familyName !== undefined) {
        fields.familyName = name.familyName;
        run.corrections.push(correction('NAME_SPLIT', full, name.familyName, 'familyName'));
        if (name.givenName !== undefined && name.givenName !== '') {
          fields.givenName = name.givenName;
          run.corrections.push(correction('NAME_SPLIT', full, name.givenName, 'givenName'));
        }
      }
    }
  }

  const g = fields.givenName;
  const f = fields.familyName;
  if (fields.fullName === undefined && (g !== undefined || f !== undefined)) {
    const han = (g === undefined || isHanName(g)) && (f === undefined || isHanName(f));
    fields.fullName = han ? (f ?? '') + (g ?? '') : g === undefined ? f : f === undefined ? g : `${g} ${f}`;
  }
  if (f !== undefined && isHanName(f)) fields.familyNamePinyin = surnamePinyin(f);
  if (g !== undefined && isHanName(g)) fields.givenNamePinyin = givenPinyin(g);
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
  const raw = present(run, 'lifetimeValue', v.lifetimeValue);
  const currencyRaw = present(run, 'currency', v.currency);
  if (raw === undefined) return;
  const { settings } = run;
  const money = parseMoney(raw, currencyRaw === undefined ? moneyOptionsOf(settings) : {
    currency: normalizeText(currencyRaw).toUpperCase(),
    defaultCurrency: settings.currency,
    decimalSeparator: settings.decimalSeparator,
  });
  if (!accepted(run, 'lifetimeValue', raw, money)) return;
  run.fields.lifetimeValue = money.value.amount;
  run.fields.currency = money.value.currency;
  if (settings.baseCurrency === undefined || rates === undefined) return;
  const converted = convertMoney(money.value.amount, money.value.currency, settings.baseCurrency, fxDate, rates);
  if (converted.ok) {
    run.fields.lifetimeValueBase = converted.value.amount;
    run.fields.lifetimeValueBaseCurrency = converted.value.currency;
  } else if ((settings.onInvalid.lifetimeValue ?? settings.defaultOnInvalid) === 'drop') {
    // The amount itself is fine; only its converted copy is left out.
    run.corrections.push(correction('VALUE_DROPPED', raw, '', 'lifetimeValueBase'));
  } else {
    run.rejections.push({ field: 'lifetimeValue', code: converted.code, message: converted.message });
  }
}
