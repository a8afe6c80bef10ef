/**
 * The canonical customer fields every source is mapped onto. Source mappings, normalization
 * and survivorship all speak in these names.
 */
export const CANONICAL_FIELDS = [
  'givenName',
  'familyName',
  'fullName',
  'email',
  'phone',
  'birthDate',
  'gender',
  'country',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'lifetimeValue',
  'currency',
  'signupAt',
  'updatedAt',
  // Marketing consent per channel, and when it was given or withdrawn (both channels of a record).
  'emailMarketingConsent',
  'smsMarketingConsent',
  'consentAt',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

export function isCanonicalField(name: string): name is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(name);
}
