import type { Knex } from 'knex';
import { insertRows } from './bulk-rows';
import { fromDbTime, toDbTime } from './dialect';

/** The consent channels as stored in `customer_consents.channel`. */
export type StoredConsentChannel = 'email_marketing' | 'sms_marketing';

/** A golden customer's consent on one channel: the statement that won, and where it came from. */
export interface CustomerConsent {
  channel: StoredConsentChannel;
  granted: boolean;
  source: string;
  sourceRecordId: number;
  recordedAt: Date;
}

function toConsent(row: Record<string, unknown>): CustomerConsent {
  return {
    channel: String(row.channel) as StoredConsentChannel,
    granted: Boolean(Number(row.granted)),
    source: String(row.source),
    sourceRecordId: Number(row.source_record_id),
    recordedAt: fromDbTime(row.recorded_at as string | Date) as Date,
  };
}

/** Same statements in any order: what decides whether a customer's consent rows need rewriting. */
export function sameConsents(a: readonly CustomerConsent[], b: readonly CustomerConsent[]): boolean {
  const key = (list: readonly CustomerConsent[]): string =>
    JSON.stringify([...list].map((c) => [c.channel, c.granted, c.source, c.sourceRecordId, c.recordedAt.getTime()]).sort());
  return key(a) === key(b);
}

/** Consent rows of many customers, by customer (1,000 ids a statement). */
export async function consentsByCustomer(knex: Knex, customerIds: readonly string[]): Promise<Map<string, CustomerConsent[]>> {
  const byCustomer = new Map<string, CustomerConsent[]>();
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await knex('customer_consents').whereIn('customer_id', customerIds.slice(i, i + 1000) as string[]).orderBy(['customer_id', 'channel']);
    for (const row of rows) {
      const list = byCustomer.get(String(row.customer_id)) ?? [];
      list.push(toConsent(row));
      byCustomer.set(String(row.customer_id), list);
    }
  }
  return byCustomer;
}

/** Replaces the consent rows of the given customers (inside the golden writer's transaction). */
export async function replaceConsents(trx: Knex, consents: ReadonlyMap<string, readonly CustomerConsent[]>): Promise<void> {
  await deleteConsents(trx, [...consents.keys()]);
  const rows = [...consents].flatMap(([customerId, list]) =>
    list.map((c) => ({ customer_id: customerId, channel: c.channel, granted: c.granted ? 1 : 0, source: c.source, source_record_id: c.sourceRecordId, recorded_at: toDbTime(c.recordedAt) })),
  );
  await insertRows(trx, 'customer_consents', rows);
}

/** Removes the consent rows of customers that were merged away, deleted or erased; returns how many. */
export async function deleteConsents(trx: Knex, customerIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < customerIds.length; i += 1000) {
    deleted += await trx('customer_consents').whereIn('customer_id', customerIds.slice(i, i + 1000) as string[]).delete();
  }
  return deleted;
}

/** Reads consent for the API (one statement per DataLoader batch). */
export class CustomerConsentRepository {
  constructor(private readonly knex: Knex) {}

  byCustomerIds(customerIds: readonly string[]): Promise<Map<string, CustomerConsent[]>> {
    return consentsByCustomer(this.knex, customerIds);
  }
}
