import type { Knex } from 'knex';
import { goldenToColumns, toCustomer, type GoldenFields } from './customer-repository';
import { insertRows, nowDbTime } from './dialect';

export interface ResolvedCustomer {
  customerId: string;
  recordIds: number[];
  fields: GoldenFields;
  lineage: { field: string; sourceRecordId: number; rule: string }[];
  /** Why each record belongs here (the deciding rule and its best match score), stored on its link. */
  linkOf(recordId: number): { rule: string; score: number | null };
}

export interface ResolutionPlan {
  customers: ResolvedCustomer[];
  retired: Map<string, string>;
  orphaned: string[];
}

export interface ResolutionWriteSummary {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  deleted: number;
}

function sameFields(row: Record<string, unknown>, fields: GoldenFields): boolean {
  const current = toCustomer(row);
  return JSON.stringify(goldenOf(current)) === JSON.stringify(fields);
}

function goldenOf(fields: GoldenFields): GoldenFields {
  const { givenName, familyName, emails, phones, birthDate, country } = fields;
  return { givenName, familyName, emails, phones, birthDate, country };
}

/**
 * Writes the outcome of resolution: golden customers, record→customer links and field lineage.
 * Only what differs from the stored state is written, so resolving unchanged data writes nothing.
 */
export class ResolutionRepository {
  constructor(private readonly knex: Knex) {}

  async currentLinks(trx: Knex = this.knex): Promise<Map<number, string>> {
    const rows = await trx('customer_links').select('source_record_id', 'customer_id');
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.source_record_id), String(row.customer_id)]));
  }

  async apply(plan: ResolutionPlan): Promise<ResolutionWriteSummary> {
    const summary: ResolutionWriteSummary = { created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
    await this.knex.transaction(async (trx) => {
      const now = nowDbTime();
      const ids = plan.customers.map((c) => c.customerId);
      const existing = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < ids.length; i += 1000) {
        for (const row of await trx('customers').whereIn('id', ids.slice(i, i + 1000))) existing.set(String(row.id), row);
      }
      const links = await this.currentLinks(trx);

      const newCustomers: Record<string, unknown>[] = [];
      const changedCustomers: string[] = [];
      for (const customer of plan.customers) {
        const row = existing.get(customer.customerId);
        if (!row) {
          newCustomers.push({ id: customer.customerId, ...goldenToColumns(customer.fields), created_at: now, updated_at: now });
          changedCustomers.push(customer.customerId);
          summary.created += 1;
        } else if (!sameFields(row, customer.fields) || row.merged_into !== null || row.deleted_at !== null) {
          await trx('customers')
            .where({ id: customer.customerId })
            .update({ ...goldenToColumns(customer.fields), merged_into: null, deleted_at: null, updated_at: now });
          changedCustomers.push(customer.customerId);
          summary.updated += 1;
        } else {
          summary.unchanged += 1;
        }
      }
      await insertRows(trx, 'customers', newCustomers);

      const relinked: Record<string, unknown>[] = [];
      for (const customer of plan.customers) {
        for (const recordId of customer.recordIds) {
          if (links.get(recordId) !== customer.customerId) {
            const { rule, score } = customer.linkOf(recordId);
            relinked.push({ source_record_id: recordId, customer_id: customer.customerId, score, rule, created_at: now });
          }
        }
      }
      const relinkedIds = relinked.map((link) => link.source_record_id as number);
      for (let i = 0; i < relinkedIds.length; i += 1000) {
        await trx('customer_links').whereIn('source_record_id', relinkedIds.slice(i, i + 1000)).delete();
      }
      await insertRows(trx, 'customer_links', relinked);

      const lineageOwners = new Set([...changedCustomers, ...relinked.map((l) => l.customer_id as string)]);
      const lineageRows = plan.customers
        .filter((customer) => lineageOwners.has(customer.customerId))
        .flatMap((customer) =>
          customer.lineage.map((entry) => ({
            customer_id: customer.customerId,
            field: entry.field,
            source_record_id: entry.sourceRecordId,
            rule: entry.rule,
            created_at: now,
          })),
        );
      const owners = [...lineageOwners];
      for (let i = 0; i < owners.length; i += 1000) {
        await trx('field_lineage').whereIn('customer_id', owners.slice(i, i + 1000)).delete();
      }
      await insertRows(trx, 'field_lineage', lineageRows);

      for (const [retiredId, survivorId] of plan.retired) {
        await trx('customers').where({ id: retiredId }).update({ merged_into: survivorId, updated_at: now });
        await trx('field_lineage').where({ customer_id: retiredId }).delete();
        summary.retired += 1;
      }
      for (const orphan of plan.orphaned) {
        await trx('customers').where({ id: orphan }).whereNull('deleted_at').update({ deleted_at: now, updated_at: now });
        await trx('field_lineage').where({ customer_id: orphan }).delete();
        summary.deleted += 1;
      }
      // Links of records that are no longer active (deleted upstream) point nowhere useful.
      const activeIds = new Set(plan.customers.flatMap((c) => c.recordIds));
      const stale = [...links.keys()].filter((id) => !activeIds.has(id));
      for (let i = 0; i < stale.length; i += 1000) {
        await trx('customer_links').whereIn('source_record_id', stale.slice(i, i + 1000)).delete();
      }
    });
    return summary;
  }
}
