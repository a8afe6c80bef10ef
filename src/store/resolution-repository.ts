import type { Knex } from 'knex';
import { appendCustomerChanges, type CustomerChangeInput } from './customer-change-repository';
import { consentsByCustomer, deleteConsents, replaceConsents, sameConsents, type CustomerConsent } from './customer-consent-repository';
import { goldenToColumns, sameGoldenFields, sealCustomerColumns, type GoldenFields } from './customer-columns';
import { deleteCustomerTerms, replaceCustomerTerms } from './customer-terms';
import { fromDbTime, insertRows, nowDbTime, parseJsonColumn } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';

/**
 * Lineage rows of a value a steward typed in point at no source record; the column is not
 * nullable (initial migration), so 0, which no record id takes, stands for "none".
 */
export const NO_SOURCE_RECORD = 0;

export interface ResolvedCustomer {
  customerId: string;
  recordIds: number[];
  /** Content hash per record as resolved, so the next sync can tell what changed since. */
  hashOf(recordId: number): string;
  fields: GoldenFields;
  lineage: { field: string; sourceRecordId: number; rule: string }[];
  /** Marketing consent per channel (the most recent statement of its records), stored in customer_consents. */
  consents: CustomerConsent[];
  /** Why each record belongs here (the deciding rule and its best match score), stored on its link. */
  linkOf(recordId: number): { rule: string; score: number | null };
}

export interface ResolutionPlan {
  customers: ResolvedCustomer[];
  retired: Map<string, string>;
  orphaned: string[];
  /**
   * True when `customers` covers only the clusters an incremental run touched: the others stay
   * as stored. False for a full run, which also drops links of records no longer active.
   */
  partial: boolean;
}

export interface StoredLink {
  customerId: string;
  recordHash: string | null;
}

export interface LineageRow {
  customerId: string;
  field: string;
  /** null for a steward override. */
  sourceRecordId: number | null;
  rule: string;
  source: string | null;
  externalId: string | null;
}

export interface RecordKey {
  id: number;
  source: string;
  externalId: string;
  /** null when the record is linked to no customer (deleted upstream). */
  customerId: string | null;
}

export interface StoredModel<T> {
  id: number;
  parameters: T;
  origin: 'first_run' | 'train';
  createdAt: Date;
}

export interface ResolutionWriteSummary {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  deleted: number;
}

/**
 * Writes the outcome of resolution: golden customers, record→customer links and field lineage,
 * and one change-feed entry per created, updated, merged or deleted customer in the same
 * transaction (see appendCustomerChanges). Only what differs from the stored state is written, so resolving unchanged data writes nothing.
 * Personal columns are written encrypted, and each written customer's blind index terms replaced.
 */
export class ResolutionRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  async currentLinks(trx: Knex = this.knex): Promise<Map<number, string>> {
    const rows = await trx('customer_links').select('source_record_id', 'customer_id');
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.source_record_id), String(row.customer_id)]));
  }

  /** Every link with the content hash its record had when last resolved. */
  async linksWithHashes(trx: Knex = this.knex): Promise<Map<number, StoredLink>> {
    const rows = await trx('customer_links').select('source_record_id', 'customer_id', 'record_hash');
    return new Map(
      rows.map((row: Record<string, unknown>) => [
        Number(row.source_record_id),
        { customerId: String(row.customer_id), recordHash: (row.record_hash as string | null) ?? null },
      ]),
    );
  }

  /** Record ids per customer, for the given customers (one statement; for DataLoader batches). */
  async recordIdsByCustomer(customerIds: readonly string[]): Promise<Map<string, number[]>> {
    const byCustomer = new Map<string, number[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows = await this.knex('customer_links').select('customer_id', 'source_record_id').whereIn('customer_id', customerIds as string[]).orderBy('source_record_id');
    for (const row of rows) {
      const list = byCustomer.get(String(row.customer_id)) ?? [];
      list.push(Number(row.source_record_id));
      byCustomer.set(String(row.customer_id), list);
    }
    return byCustomer;
  }

  /** The customer each record is linked to. */
  async customerOfRecords(recordIds: readonly number[]): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    for (let i = 0; i < recordIds.length; i += 1000) {
      const rows = await this.knex('customer_links').select('source_record_id', 'customer_id').whereIn('source_record_id', recordIds.slice(i, i + 1000) as number[]);
      for (const row of rows) found.set(Number(row.source_record_id), String(row.customer_id));
    }
    return found;
  }

  /** Source, external id and current customer of records, in one statement. */
  async recordKeys(recordIds: readonly number[]): Promise<Map<number, RecordKey>> {
    const found = new Map<number, RecordKey>();
    if (recordIds.length === 0) return found;
    const rows = await this.knex('source_records as r')
      .leftJoin('customer_links as l', 'l.source_record_id', 'r.id')
      .select('r.id', 'r.source', 'r.external_id', 'l.customer_id')
      .whereIn('r.id', recordIds as number[]);
    for (const row of rows) {
      found.set(Number(row.id), { id: Number(row.id), source: String(row.source), externalId: String(row.external_id), customerId: (row.customer_id as string | null) ?? null });
    }
    return found;
  }

  /** Lineage of the given customers with each value's source record key, in one statement. */
  async lineageByCustomer(customerIds: readonly string[]): Promise<Map<string, LineageRow[]>> {
    const byCustomer = new Map<string, LineageRow[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows = await this.knex('field_lineage as f')
      .leftJoin('source_records as r', 'r.id', 'f.source_record_id')
      .select('f.customer_id', 'f.field', 'f.source_record_id', 'f.rule', 'r.source', 'r.external_id')
      .whereIn('f.customer_id', customerIds as string[])
      .orderBy('f.id');
    for (const row of rows) {
      const list = byCustomer.get(String(row.customer_id)) ?? [];
      const recordId = Number(row.source_record_id);
      const none = recordId === NO_SOURCE_RECORD;
      list.push({
        customerId: String(row.customer_id),
        field: String(row.field),
        sourceRecordId: none ? null : recordId,
        rule: String(row.rule),
        source: none ? null : ((row.source as string | null) ?? null),
        externalId: none ? null : ((row.external_id as string | null) ?? null),
      });
      byCustomer.set(String(row.customer_id), list);
    }
    return byCustomer;
  }

  async latestModel<T>(): Promise<StoredModel<T> | undefined> {
    const row = await this.knex('resolution_models').orderBy('id', 'desc').first();
    if (!row) return undefined;
    return { id: Number(row.id), parameters: parseJsonColumn<T>(row.parameters, {} as T), origin: row.origin, createdAt: fromDbTime(row.created_at) as Date };
  }

  async saveModel(parameters: unknown, origin: StoredModel<unknown>['origin']): Promise<number> {
    const [id] = await this.knex('resolution_models').insert({ parameters: JSON.stringify(parameters), origin, created_at: nowDbTime() });
    return Number(id ?? (await this.knex('resolution_models').max({ id: 'id' }).first())?.id);
  }

  async apply(plan: ResolutionPlan): Promise<ResolutionWriteSummary> {
    const { cipher, index } = this.protection;
    const summary: ResolutionWriteSummary = { created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
    await this.knex.transaction(async (trx) => {
      const now = nowDbTime();
      const ids = plan.customers.map((c) => c.customerId);
      const existing = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < ids.length; i += 1000) {
        for (const row of await trx('customers').whereIn('id', ids.slice(i, i + 1000))) existing.set(String(row.id), row);
      }
      const links = await this.linksWithHashes(trx);
      const storedConsents = await consentsByCustomer(trx, ids);
      const changedConsents = new Map<string, CustomerConsent[]>();

      const feed: CustomerChangeInput[] = [];
      const newCustomers: Record<string, unknown>[] = [];
      const changedCustomers: string[] = [];
      const indexed: { id: string; fields: GoldenFields }[] = [];
      for (const customer of plan.customers) {
        const row = existing.get(customer.customerId);
        // Consent lives in its own table but is part of the customer: a change to it updates the customer.
        const consentChanged = !sameConsents(storedConsents.get(customer.customerId) ?? [], customer.consents);
        if (consentChanged) changedConsents.set(customer.customerId, customer.consents);
        if (!row) {
          newCustomers.push({ id: customer.customerId, ...sealCustomerColumns(goldenToColumns(customer.fields), cipher), created_at: now, updated_at: now });
          indexed.push({ id: customer.customerId, fields: customer.fields });
          changedCustomers.push(customer.customerId);
          feed.push({ customerId: customer.customerId, kind: 'created' });
          summary.created += 1;
        } else if (consentChanged || !sameGoldenFields(row, customer.fields, cipher) || row.merged_into !== null || row.deleted_at !== null) {
          await trx('customers')
            .where({ id: customer.customerId })
            .update({ ...sealCustomerColumns(goldenToColumns(customer.fields), cipher), merged_into: null, deleted_at: null, updated_at: now });
          indexed.push({ id: customer.customerId, fields: customer.fields });
          changedCustomers.push(customer.customerId);
          feed.push({ customerId: customer.customerId, kind: 'updated' });
          summary.updated += 1;
        } else {
          summary.unchanged += 1;
        }
      }
      await insertRows(trx, 'customers', newCustomers);
      await replaceConsents(trx, changedConsents);
      await replaceCustomerTerms(trx, index, indexed);

      const relinked: Record<string, unknown>[] = [];
      for (const customer of plan.customers) {
        for (const recordId of customer.recordIds) {
          const current = links.get(recordId);
          const hash = customer.hashOf(recordId);
          if (current?.customerId !== customer.customerId || current.recordHash !== hash) {
            const { rule, score } = customer.linkOf(recordId);
            relinked.push({ source_record_id: recordId, customer_id: customer.customerId, score, rule, record_hash: hash, created_at: now });
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
        await deleteConsents(trx, [retiredId]);
        feed.push({ customerId: retiredId, kind: 'merged', mergedInto: survivorId });
        summary.retired += 1;
      }
      for (const orphan of plan.orphaned) {
        const deleted = await trx('customers').where({ id: orphan }).whereNull('deleted_at').update({ deleted_at: now, updated_at: now });
        await trx('field_lineage').where({ customer_id: orphan }).delete();
        await deleteConsents(trx, [orphan]);
        if (deleted > 0) feed.push({ customerId: orphan, kind: 'deleted' });
        summary.deleted += 1;
      }
      // Retired and deleted ids are never listed or looked up; their terms would only linger.
      await deleteCustomerTerms(trx, [...plan.retired.keys(), ...plan.orphaned]);
      await appendCustomerChanges(trx, feed, now);
      if (plan.partial) return;
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
