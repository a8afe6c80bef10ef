/**
 * The one list of codes the normalizers speak in.
 *
 * - A reason code explains why a value was rejected; rejected values go to the
 *   quarantine (or are dropped, per source setting) and the code is what stewards
 *   filter on.
 * - A correction code explains a change that is more than formatting (a typo
 *   fixed, a value dropped, a broken format repaired); corrections are stored on
 *   the source record beside the raw value.
 *
 * Codes are stable identifiers: add new ones, never rename or reuse old ones.
 */

export const REASON_CODES = [
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'BAD_DATE',
  'AMBIGUOUS_DATE',
  'IMPOSSIBLE_DATE',
  'IMPLAUSIBLE_BIRTH_DATE',
  'UNKNOWN_CURRENCY',
  'CURRENCY_MISMATCH',
  'MISSING_FX_RATE',
  'BAD_AMOUNT',
  'UNKNOWN_COUNTRY',
  'BAD_POSTAL_CODE',
  'INVALID_NAME',
  'BAD_GENDER',
  'BAD_CONSENT',
  'MISSING_REQUIRED',
  'MALFORMED_ROW',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export const CORRECTION_CODES = [
  'FULLWIDTH_NORMALIZED',
  'EMAIL_DOMAIN_TYPO',
  'EMAIL_REPAIRED',
  'NAME_SPLIT',
  'PHONE_REFORMATTED',
  'POSTAL_CODE_REPAIRED',
  'PLACEHOLDER_REMOVED',
  'VALUE_DROPPED',
  'DEFAULT_APPLIED',
  'FORWARD_FILLED',
] as const;

export type CorrectionCode = (typeof CORRECTION_CODES)[number];

/** One-line explanations, for steward screens and documentation. */
export const REASON_DESCRIPTIONS: Readonly<Record<ReasonCode, string>> = {
  INVALID_EMAIL: 'The email address is not syntactically valid.',
  INVALID_PHONE: 'The phone number is not a valid number for its region.',
  BAD_DATE: 'The date matches none of the formats configured for the source.',
  AMBIGUOUS_DATE: 'The date could be day-first or month-first and the source does not say which.',
  IMPOSSIBLE_DATE: 'The date has the right shape but does not exist (for example 30 February).',
  IMPLAUSIBLE_BIRTH_DATE: 'The birth date lies in the future or more than 120 years in the past.',
  UNKNOWN_CURRENCY: 'The currency symbol or code is not a known ISO 4217 currency.',
  CURRENCY_MISMATCH: 'The amount carries a currency different from the one given for the field.',
  MISSING_FX_RATE: 'No exchange rate is known for the currency on that date.',
  BAD_AMOUNT: 'The amount is not a number.',
  UNKNOWN_COUNTRY: 'The country is not a known ISO 3166 country, code or common name.',
  BAD_POSTAL_CODE: 'The postal code does not match the format of its country.',
  INVALID_NAME: 'The name contains no letters or contains characters names never have.',
  BAD_GENDER: 'The gender value is not one of the recognised values.',
  BAD_CONSENT: 'The marketing consent value reads as neither a grant (yes, opt-in, …) nor a withdrawal (no, opt-out, …), or its time lies in the future.',
  MISSING_REQUIRED: 'A field the source marks as required is empty.',
  MALFORMED_ROW: 'The row itself could not be read (wrong column count, bad encoding).',
};

export const CORRECTION_DESCRIPTIONS: Readonly<Record<CorrectionCode, string>> = {
  FULLWIDTH_NORMALIZED: 'Full-width or other compatibility characters were replaced by their standard forms.',
  EMAIL_DOMAIN_TYPO: 'A well-known misspelling of a mail domain was corrected.',
  EMAIL_REPAIRED: 'Decoration around the address was removed or a broken separator was repaired.',
  NAME_SPLIT: 'Given and family names were derived from the full name.',
  PHONE_REFORMATTED: 'The digits of the number changed: a country code was added or a trunk or international prefix removed.',
  POSTAL_CODE_REPAIRED: 'The postal code was repaired (for example a leading zero lost by a spreadsheet).',
  PLACEHOLDER_REMOVED: 'A placeholder such as "N/A" or "null" was treated as an empty value.',
  VALUE_DROPPED: 'An invalid value was dropped because the source is configured to drop, not quarantine.',
  DEFAULT_APPLIED: 'An empty value was replaced by the configured default.',
  FORWARD_FILLED: 'An empty value was filled from the previous record of the same run.',
};
