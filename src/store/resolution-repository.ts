import type { Knex } from 'knex';
import type { CustomerConsent } from './customer-consent-repository';
import type { GoldenFields } from './customer-columns';
import { readInChunks } from './chunked-reads';
import { dropTermDigestIndex, restoreTermDigestIndex } from './customer-terms';
import { fromDbTime, nowDbTime, parseJsonColumn } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { writeGolden, type PhaseMarks } from './golden-writer';

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
  /** Consumed once, in chunks: a caller may build them as they are written. */
  customers: Iterable<ResolvedCustomer>;
  retired: Map<string, string>;
  orphaned: string[];
  /**
   * True when `customers` covers only the clusters an incremental run touched: the others stay
   * as stored. False for a full run, which also drops links of records no longer active.
   */
  partial: boolean;
  /**
   * The stored links (with record hashes) as read before resolving: of every record for a full
   * run, of at least the records of `customers` for a partial one. Only links that differ are written.
   */
  storedLinks: ReadonlyMap<number, StoredLink>;
  /** How many customers `customers` yields, if known: a full run into a (nearly) empty store is written in bulk. */
  customerCount?: number;
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
 * Reads and writes resolution state. `apply` writes the outcome of resolution: golden customers,
 * record→customer links and field lineage, and one change-feed entry per created, updated, merged
 * or deleted customer in the same transaction (see appendCustomerChanges). Only what differs from
 * the stored state is written, so resolving unchanged data writes nothing. Personal columns are
 * written encrypted, and each written customer's blind index terms replaced.
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

  /** The links of some records, with the content hash each had when last resolved. */
  async linksOfRecords(recordIds: readonly number[]): Promise<Map<number, StoredLink>> {
    const rows = await readInChunks(recordIds, (chunk) => this.knex('customer_links').select('source_record_id', 'customer_id', 'record_hash').whereIn('source_record_id', chunk));
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.source_record_id), { customerId: String(row.customer_id), recordHash: (row.record_hash as string | null) ?? null }]));
  }

  /**
   * What an incremental resolution starts from, without reading records: how many are active,
   * which of them changed since last resolved (content hash differs from the link's, or no
   * link), and whether any linked record is no longer active. Only records updated at or after
   * `since` are looked at (through the status and updated_at index).
   */
  async pendingChanges(since: string): Promise<{ active: number; changedIds: number[]; linksToInactive: boolean }> {
    const counted = await this.knex('source_records').where({ status: 'active' }).count({ n: '*' }).first();
    const changed = await this.knex('source_records as r')
      .leftJoin('customer_links as l', 'l.source_record_id', 'r.id')
      .select('r.id')
      .where('r.status', 'active')
      .where('r.updated_at', '>=', since)
      .where((q) => q.whereNull('l.record_hash').orWhereRaw('?? <> ??', ['l.record_hash', 'r.content_hash']));
    const inactive = await this.knex('source_records as r').join('customer_links as l', 'l.source_record_id', 'r.id').whereNot('r.status', 'active').where('r.updated_at', '>=', since).first('r.id');
    return { active: Number(counted?.n ?? 0), changedIds: changed.map((row: Record<string, unknown>) => Number(row.id)), linksToInactive: inactive !== undefined };
  }

  /** Record ids per customer, for the given customers (one statement; for DataLoader batches). */
  async recordIdsByCustomer(customerIds: readonly string[]): Promise<Map<string, number[]>> {
    return new Map([...(await this.linksByCustomer(customerIds))].map(([customerId, links]) => [customerId, [...links.keys()]]));
  }

  /** The links of every record of the given customers, by customer and record id in ascending order. */
  async linksByCustomer(customerIds: readonly string[]): Promise<Map<string, Map<number, StoredLink>>> {
    const byCustomer = new Map<string, Map<number, StoredLink>>();
    const rows = await readInChunks(customerIds, (chunk) => this.knex('customer_links').select('customer_id', 'source_record_id', 'record_hash').whereIn('customer_id', chunk).orderBy('source_record_id'));
    for (const row of rows) {
      const customerId = String(row.customer_id);
      const links = byCustomer.get(customerId) ?? byCustomer.set(customerId, new Map()).get(customerId)!;
      links.set(Number(row.source_record_id), { customerId, recordHash: (row.record_hash as string | null) ?? null });
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

  /**
   * Writes the outcome in one transaction (see writeGolden); `timer` is told as each kind of write
   * ends. A full run that brings more than twice as many customers as are stored writes its blind
   * index terms without the digest index, which is built afterwards by sorting (the index is a
   * physical structure: whether the transaction commits or not, the rows are the same; an
   * interrupted run leaves it to the next write to build).
   */
  async apply(plan: ResolutionPlan, timer?: PhaseMarks): Promise<ResolutionWriteSummary> {
    const bulk = !plan.partial && plan.customerCount !== undefined && plan.customerCount > 2 * (await this.storedCustomerCount());
    if (bulk) await dropTermDigestIndex(this.knex);
    else await restoreTermDigestIndex(this.knex);
    timer?.mark('termIndex');
    try {
      return await this.knex.transaction((trx) => writeGolden(trx, this.protection, plan, timer));
    } finally {
      if (bulk) {
        await restoreTermDigestIndex(this.knex);
        timer?.mark('termIndex');
      }
    }
  }

  private async storedCustomerCount(): Promise<number> {
    const row = await this.knex('customers').count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}
