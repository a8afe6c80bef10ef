import type { ResolvedCustomer } from '../../src/store/resolution-plan';

/** A customer as a resolution hands it to the golden writer: Ann Lee with one email, no records. */
export function resolvedCustomer(id: string, email: string): ResolvedCustomer {
  return {
    customerId: id,
    recordIds: [],
    fields: { givenName: 'Ann', familyName: 'Lee', emails: [email], phones: [], birthDate: null, country: null },
    lineage: [],
    consents: [],
    hashOf: () => '',
    linkOf: () => ({ rule: 'single_record', score: null }),
  };
}

/** A partial resolution plan writing these customers and nothing else. */
export function planOf(customers: ResolvedCustomer[]) {
  return { customers, customerCount: customers.length, retired: new Map<string, string>(), orphaned: [], partial: true, storedLinks: new Map() };
}
