import { z } from 'zod';
import { MASK_STRATEGIES, type MaskStrategy } from './masking';

/**
 * What a role may read, per GraphQL type and field: `allow`, `deny`, or `{ mask: strategy }`.
 * `*` stands for every type or every field not named. Anything not covered is denied.
 */
export type FieldRule = 'allow' | 'deny' | { mask: MaskStrategy };
export type RolePolicy = Record<string, Record<string, FieldRule>>;
export type AccessPolicy = Record<string, RolePolicy>;

export const FieldRuleSchema: z.ZodType<FieldRule> = z.union([
  z.literal('allow'),
  z.literal('deny'),
  z.object({ mask: z.enum(MASK_STRATEGIES) }).strict(),
]);
export const AccessPolicySchema = z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.record(z.string(), z.record(z.string(), FieldRuleSchema)));

const PAGING: RolePolicy = {
  CustomerConnection: { '*': 'allow' },
  CustomerEdge: { '*': 'allow' },
  PageInfo: { '*': 'allow' },
};

/**
 * Federation entry points: a router resolves customers through `_entities` with the caller's
 * credentials, so the Customer field rules and row scope still decide what comes back.
 */
const CUSTOMER_READ: RolePolicy['Query'] = { customer: 'allow', customerBySourceKey: 'allow', searchCustomers: 'allow', customers: 'allow', _entities: 'allow', _service: 'allow' };
const FEDERATION: RolePolicy = { _Service: { sdl: 'allow' } };

/**
 * What support and service callers read of a customer: names, contacts, address, country and
 * record timestamps; not the birth date, gender, money or source records.
 */
/**
 * Marketing consent (granted or not, which source said so, when): every role that reads customers
 * may read it, since anyone who contacts a customer or counts who may be contacted must honour it.
 * It identifies nobody on its own.
 */
const CONSENT_READ: RolePolicy = {
  CustomerConsent: { '*': 'allow' },
  ConsentStatement: { '*': 'allow' },
};

const CONTACT_READ: RolePolicy = {
  Customer: {
    id: 'allow',
    givenName: 'allow',
    familyName: 'allow',
    fullName: 'allow',
    givenNamePinyin: 'allow',
    familyNamePinyin: 'allow',
    email: 'allow',
    phone: 'allow',
    emails: 'allow',
    phones: 'allow',
    addresses: 'allow',
    country: 'allow',
    consent: 'allow',
    firstSeenAt: 'allow',
    lastSeenAt: 'allow',
    createdAt: 'allow',
    updatedAt: 'allow',
  },
  CustomerEmail: { '*': 'allow' },
  CustomerPhone: { '*': 'allow' },
  Address: { '*': 'allow' },
  ...CONSENT_READ,
};

/** The change feed holds ids, kinds and times only; downstream systems (warehouse, CRM) read it. */
const CHANGE_FEED: RolePolicy = {
  CustomerChange: { '*': 'allow' },
  CustomerChangeEdge: { '*': 'allow' },
  CustomerChangeConnection: { '*': 'allow' },
};

/** Quality figures hold counts, not personal data. */
const QUALITY: RolePolicy = {
  SourceQuality: { '*': 'allow' },
  FieldQuality: { '*': 'allow' },
  ReasonCount: { '*': 'allow' },
};

/** The default roles of the design. */
export const DEFAULT_POLICY: AccessPolicy = {
  admin: { '*': { '*': 'allow' } },
  // Stewards see all customer data but not the audit log, which accounts for their own reads;
  // erasure is irreversible and left to admins.
  steward: {
    '*': { '*': 'allow' },
    Mutation: { '*': 'allow', eraseCustomer: 'deny' },
    ErasureResult: { '*': 'deny' },
    Query: { '*': 'allow', auditLog: 'deny' },
    AuditEntry: { '*': 'deny' },
    AuditEntryConnection: { '*': 'deny' },
    AuditEntryEdge: { '*': 'deny' },
  },
  support: {
    Query: CUSTOMER_READ,
    ...CONTACT_READ,
    ...PAGING,
    ...FEDERATION,
  },
  analyst: {
    // Search by email or phone would let an analyst test whether a person is a customer.
    Query: { ...CUSTOMER_READ, searchCustomers: 'deny', dataQuality: 'allow', customerChanges: 'allow', customerStats: 'allow' },
    CustomerStatsGroup: { '*': 'allow' },
    ...QUALITY,
    ...CHANGE_FEED,
    Customer: {
      id: 'allow',
      givenName: { mask: 'initials' },
      familyName: { mask: 'initials' },
      fullName: { mask: 'initials' },
      givenNamePinyin: { mask: 'initials' },
      familyNamePinyin: { mask: 'initials' },
      email: { mask: 'email' },
      phone: { mask: 'phone' },
      emails: 'allow',
      phones: 'allow',
      addresses: 'allow',
      birthDate: { mask: 'year' },
      gender: 'allow',
      country: 'allow',
      lifetimeValue: 'allow',
      lifetimeValueCurrency: 'allow',
      consent: 'allow',
      firstSeenAt: 'allow',
      lastSeenAt: 'allow',
      createdAt: 'allow',
      updatedAt: 'allow',
    },
    CustomerEmail: { address: { mask: 'email' }, primary: 'allow', sources: 'allow' },
    CustomerPhone: { number: { mask: 'phone' }, primary: 'allow', sources: 'allow' },
    // Analysts see where a customer lives, not the street: city, region and country only.
    Address: { city: 'allow', region: 'allow', country: 'allow' },
    ...CONSENT_READ,
    ...PAGING,
    ...FEDERATION,
  },
  service: {
    Query: { ...CUSTOMER_READ, customerChanges: 'allow' },
    Mutation: { ingestRecords: 'allow' },
    ...CHANGE_FEED,
    IngestResult: { '*': 'allow' },
    IngestedRecord: { '*': 'allow' },
    ...CONTACT_READ,
    ...PAGING,
    ...FEDERATION,
  },
};

/** The rule for one field: the field's own entry, else the type's `*`, else the role's `*` type; else deny. */
export function fieldRule(policy: AccessPolicy, role: string | null, type: string, field: string): FieldRule {
  if (role === null) return 'deny';
  const rolePolicy = policy[role];
  if (!rolePolicy) return 'deny';
  const typeRules = rolePolicy[type];
  const rule = typeRules?.[field] ?? typeRules?.['*'] ?? rolePolicy['*']?.[field] ?? rolePolicy['*']?.['*'];
  return rule ?? 'deny';
}

export function roleNames(policy: AccessPolicy): string[] {
  return Object.keys(policy);
}
