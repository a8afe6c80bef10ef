/**
 * Normalization: pure functions that clean, standardise and validate customer
 * fields. No database, no GraphQL, no I/O.
 */
export * from './reasons';
export * from './result';
export { normalizeText, prepareText, isPlaceholder, isBlank, type PreparedText } from './text';
export { caseName, normalizePersonName, splitFullName, type NameRole, type PersonName } from './name';
export { splitHanName, isHanName, surnamePinyin, givenPinyin, type HanName } from './chinese-name';
export { normalizeEmail } from './email';
export { EMAIL_DOMAIN_TYPOS } from './email-domain-typos';
export { normalizePhone, type PhoneOptions, type PhoneType, type PhoneValue } from './phone';
export {
  normalizeDate, normalizeDateTime, normalizeBirthDate, todayUtc, DEFAULT_DATE_FORMATS, MAX_AGE_YEARS, type DateSettings,
} from './date';
export { isCurrencyCode, minorUnits, resolveCurrency, currencySymbol, CURRENCY_CODES } from './currency';
export { parseMoney, formatMoney, canonicalNumber, MoneyDecimal, type Money, type MoneyOptions, type MoneyStyle } from './money';
export { convertMoney, InMemoryFxRates, type FxRateProvider, type FxRateRow } from './fx';
export { normalizeCountry, countryName } from './country';
export {
  normalizeAddress, normalizeAddressLine, normalizeRegion, normalizePostalCode, hasPostalRule, caseAddressText,
  type Address, type AddressInput,
} from './address';
export { normalizeGender, type Gender } from './gender';
export {
  normalizeConsent, consentStatements, CONSENT_CHANNELS, CONSENT_FIELD_OF, type ConsentChannel, type ConsentStatement, type ConsentTimeOrigin,
} from './consent';
export * from './settings';
export {
  normalizeCustomerFields, type CustomerFields, type FieldRejection, type NormalizedRecord, type RawCustomerFields,
} from './record';
export { createMissingValueFiller, type MissingValueFiller, type MissingValueStrategy, type FilledRecord } from './missing';
export { contentHash, stableStringify } from './content-hash';

/**
 * Revision of what the normalizers output. A sync reuses a stored record without normalizing it
 * again while its raw values, its source's settings and this revision are unchanged, so a change
 * to any normalizer's output must bump it: the next sync then normalizes every record again.
 */
export const NORMALIZER_REVISION = 1;
