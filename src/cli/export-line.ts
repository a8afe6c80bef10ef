import type { CustomerConsent } from '../store/customer-consent-repository';
import type { Customer } from '../store/customer-repository';

export type ExportedCustomer = Customer & { sourceKeys: { source: string; externalId: string }[]; consents: CustomerConsent[] };

function consentOf(consents: readonly CustomerConsent[], channel: CustomerConsent['channel']) {
  const found = consents.find((consent) => consent.channel === channel);
  return found ? { granted: found.granted, source: found.source, recordedAt: found.recordedAt } : null;
}

/**
 * One line of `export --format ndjson`. The first keys are the format's stable core (id, source
 * keys, names, emails, phones, birth date, country, times), which outside checks read; the rest
 * of the golden profile follows, so new keys only ever come after them.
 */
export function customerExportLine(customer: ExportedCustomer): Record<string, unknown> {
  const { id, sourceKeys, givenName, familyName, emails, phones, birthDate, country, createdAt, updatedAt } = customer;
  return {
    id,
    sourceKeys,
    givenName,
    familyName,
    emails,
    phones,
    birthDate,
    country,
    createdAt,
    updatedAt,
    fullName: customer.fullName,
    gender: customer.gender,
    address: {
      line1: customer.addressLine1,
      line2: customer.addressLine2,
      city: customer.city,
      region: customer.region,
      postalCode: customer.postalCode,
    },
    lifetimeValue: customer.lifetimeValue === null ? null : { amount: customer.lifetimeValue, currency: customer.lifetimeValueCurrency },
    firstSeenAt: customer.firstSeenAt,
    lastSeenAt: customer.lastSeenAt,
    consent: { emailMarketing: consentOf(customer.consents, 'email_marketing'), smsMarketing: consentOf(customer.consents, 'sms_marketing') },
  };
}
