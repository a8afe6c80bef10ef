import type { Knex } from 'knex';
import { readInChunks } from './chunked-reads';
import { dropTermDigestIndex, restoreTermDigestIndex } from './customer-terms';
import { fromDbTime, nowDbTime, parseJsonColumn } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { writeGolden, type PhaseMarks } from './golden-writer';
import { NO_SOURCE_RECORD, type ResolutionPlan, type ResolutionWriteSummary, type StoredLink } from './resolution-plan';

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

/** A `customer_links` row (customer_id, record_hash) as a StoredLink. */
function storedLinkOf(row: Record<string, unknown>): StoredLink {
  return { customerId: String(row.customer_id), recordHash: (row.record_hash as string | null) ?? null };
}

/** How pendingChanges reads the links of its candidates. */
export interface LinkWalk {
  /** Candidates up to which their links are looked up by id, rather than walked. */
  readByIdUpTo: number;
  /** Links per page of the walk. */
  pageSize: number;
}

const DEFAULT_LINK_WALK: LinkWalk = { readByIdUpTo: 20_000, pageSize: 50_000 };

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
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.source_record_id), storedLinkOf(row)]));
  }

  /** The links of some records, with the content hash each had when last resolved. */
  async linksOfRecords(recordIds: readonly number[]): Promise<Map<number, StoredLink>> {
    const rows = await readInChunks(recordIds, (chunk) => this.knex('customer_links').select('source_record_id', 'customer_id', 'record_hash').whereIn('source_record_id', chunk));
    return new Map(rows.map((row: Record<string, unknown>) => [Number(row.source_record_id), storedLinkOf(row)]));
  }

  /**
   * Whether at least `count` source records are active. Reads that many entries of the status
   * index at most, where counting them all reads the whole index (most of a second at 1,000,000).
   */
  async activeRecordsReach(count: number): Promise<boolean> {
    if (count <= 0) return true;
    return (await this.knex('source_records').select('id').where({ status: 'active' }).offset(count - 1).limit(1)).length > 0;
  }

  /**
   * What an incremental resolution starts from, without reading records: which active records
   * changed since last resolved (content hash differs from the link's, or no link), and whether
   * any linked record is no longer active. Only records updated at or after `since` are looked
   * at (through the status and updated_at index).
   */
  async pendingChanges(since: string, walk: LinkWalk = DEFAULT_LINK_WALK): Promise<{ changedIds: number[]; linksToInactive: boolean }> {
    const candidates: { id: number; hash: string }[] = (
      await this.knex('source_records').select('id', 'content_hash').where('status', 'active').where('updated_at', '>=', since).orderBy('id')
    ).map((row: Record<string, unknown>) => ({ id: Number(row.id), hash: String(row.content_hash) }));
    // 'deleted' is the only other status; naming it lets the look-up range over the status index.
    const inactive = await this.knex('source_records as r').join('customer_links as l', 'l.source_record_id', 'r.id').where('r.status', 'deleted').where('r.updated_at', '>=', since).first('r.id');
    return { changedIds: await this.unresolvedAmong(candidates, walk), linksToInactive: inactive !== undefined };
  }

  /**
   * The candidates (in id order) whose link is missing or was made for another content hash.
   * A few are looked up by id; many (a full run just after a large load leaves every record
   * loaded within the clock margin to be compared) by walking the links' primary key across
   * their span, page by page: one random page read per candidate would cost minutes once the
   * links outgrow the buffer pool.
   */
  private async unresolvedAmong(candidates: readonly { id: number; hash: string }[], { readByIdUpTo, pageSize }: LinkWalk): Promise<number[]> {
    const unresolved: number[] = [];
    let next = 0;
    /** Takes links in ascending record id order, comparing them with the candidates up to there. */
    const compare = (links: readonly Record<string, unknown>[]): void => {
      for (const link of links) {
        const recordId = Number(link.source_record_id);
        while (next < candidates.length && (candidates[next] as { id: number }).id < recordId) unresolved.push((candidates[next++] as { id: number }).id);
        const candidate = candidates[next];
        if (candidate?.id === recordId) {
          if (link.record_hash !== candidate.hash) unresolved.push(candidate.id);
          next += 1;
        }
      }
    };
    if (candidates.length <= readByIdUpTo) {
      const links = await readInChunks(
        candidates.map((candidate) => candidate.id),
        (chunk) => this.knex('customer_links').select('source_record_id', 'record_hash').whereIn('source_record_id', chunk),
      );
      compare(links.sort((a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.source_record_id) - Number(b.source_record_id)));
    } else {
      const last = (candidates[candidates.length - 1] as { id: number }).id;
      for (let after = (candidates[0] as { id: number }).id - 1; ; ) {
        const links: Record<string, unknown>[] = await this.knex('customer_links')
          .select('source_record_id', 'record_hash')
          .where('source_record_id', '>', after)
          .where('source_record_id', '<=', last)
          .orderBy('source_record_id')
          .limit(pageSize);
        compare(links);
        if (links.length < pageSize) break;
        after = Number(links[links.length - 1]!.source_record_id);
      }
    }
    while (next < candidates.length) unresolved.push((candidates[next++] as { id: number }).id);
    return unresolved;
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
      links.set(Number(row.source_record_id), storedLinkOf(row));
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
