import { fieldRule, type AccessPolicy } from './policy';

/**
 * Fields that hold personal data: reading them unmasked is what the audit log accounts for.
 * Names that are not (yet) in the schema simply never match. Any field some role sees masked is
 * personal too, so a newly masked field is audited without being listed here.
 */
const LISTED: Record<string, readonly string[]> = {
  // Contact lists and addresses are containers: their leaf fields (CustomerEmail.address, …) are what is personal.
  Customer: ['givenName', 'familyName', 'fullName', 'email', 'phone', 'birthDate', 'sourceRecords'],
  CustomerEmail: ['address'],
  CustomerPhone: ['number'],
  SourceRecord: ['raw', 'normalized', 'corrections'],
  QuarantineEntry: ['raw'],
  Address: ['line1', 'line2', 'addressLine1', 'addressLine2', 'postalCode'],
};

export function isPersonalField(policy: AccessPolicy, type: string, field: string): boolean {
  if (LISTED[type]?.includes(field)) return true;
  return Object.keys(policy).some((role) => typeof fieldRule(policy, role, type, field) === 'object');
}
