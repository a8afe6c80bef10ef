import type { Knex } from 'knex';
import { readInChunks } from './chunked-reads';
import { bulkStatements, fromDbTime, nowDbTime, type BulkStatements } from './dialect';
import { fixedChunks, placeholderRows } from './statement-shapes';
import type { FieldCipher } from './field-cipher';
import { fieldProtection, type FieldProtection } from './field-protection';
import { normalizedOf, sealPayload } from './record-payload';
import { writeSealedRecords, type RecordRows } from './sealed-record-writes';
import { headerColumns, recordColumns, toSourceRecordHeader, toStoredSourceRecord, type SourceRecordHeader, type StoredSourceRecord } from './source-record-rows';

export { toSourceRecordHeader, toStoredSourceRecord, type SourceRecordHeader, type StoredSourceRecord } from './source-record-rows';

/**
 * A record ready to load: raw as extracted, normalized by the source's rules, already serialized
 * (the content hash is taken over these exact strings, and they are written as they are).
 */
export interface LoadRecord {
  externalId: string;
  rawJson: string;
  normalizedJson: string;
  /** null when normalization corrected nothing. */
  correctionsJson: string | null;
  contentHash: string;
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** What happened to each record, by external id. */
  statusOf: Map<string, 'inserted' | 'updated' | 'unchanged'>;
}

/**
 * A batch decided and sealed, ready to write: which records are new, changed or unchanged (from
 * the stored states given), and the encrypted values of those to write. Made before the write's
 * transaction so that encryption overlaps the previous batch's statements instead of holding
 * the transaction open.
 */
export interface PreparedUpsert {
  source: string;
  outcome: UpsertOutcome;
  /** The records to write, in the layout writeSealedRecords takes. */
  sealed: RecordRows;
}

/** What resolution reads of a record: its normalized values and dates, not raw nor corrections. */
export type ResolvableRecord = Pick<StoredSourceRecord, 'id' | 'source' | 'normalized' | 'contentHash' | 'createdAt' | 'updatedAt'>;

/** Rows per page when reading every active record for resolution. */
const RESOLVABLE_PAGE = 10_000;
const RESOLVABLE_COLUMNS = ['id', 'source', 'payload', 'content_hash', 'created_at', 'updated_at'];

/** What a sync needs to know of a stored record to decide whether to write it. */
export interface StoredState {
  id: number;
  hash: string;
  status: string;
}

/** A stored state with the key it belongs to, as a scan of a whole source gives it. */
export interface KeyedStoredState extends StoredState {
  externalId: string;
}

/** Keys per stored-state lookup: one statement per chunk, a handful of fixed shapes to prepare. */
const LOOKUP_KEYS = 500;
/** Rows per page when reading the stored states of a whole source. */
const STATE_PAGE = 20_000;

/** The `source_records` table: every record from every source, normalized beside raw (one encrypted payload). */
export class SourceRecordRepository {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly knex: Knex,
    protection: FieldProtection = fieldProtection(),
  ) {
    this.cipher = protection.cipher;
  }

  /**
   * Inserts new records and rewrites changed ones, keyed by (source, external_id). A record whose
   * content hash is unchanged is not written at all, so re-running a sync changes nothing. One
   * batch costs a few statements whatever its size: stored hashes are read per chunk of keys and
   * the new and changed rows go out as multi-row upserts.
   */
  async upsertBatch(
    source: string,
    records: LoadRecord[],
    syncRunId: number,
    trx: Knex = this.knex,
    /** The stored states of these records when the caller has just read them (storedStates); a key absent from it is new. */
    known?: ReadonlyMap<string, StoredState>,
  ): Promise<UpsertOutcome> {
    if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0, statusOf: new Map() };
    if (!trx.isTransaction) return trx.transaction((inner) => this.upsertBatch(source, records, syncRunId, inner, known));
    const existing = known ?? (await this.readStates(await bulkStatements(trx as Knex.Transaction), source, records.map((record) => record.externalId)));
    return this.writePrepared(this.prepareUpsert(source, records, existing), syncRunId, trx);
  }

  /**
   * Decides, from the stored states of a batch (a key absent from them is new), which records to
   * insert, rewrite or leave, and seals the values of those to write. Reads nothing.
   */
  prepareUpsert(source: string, records: readonly LoadRecord[], existing: ReadonlyMap<string, StoredState>): PreparedUpsert {
    const outcome: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, statusOf: new Map() };
    const sealed: RecordRows = [];
    const { cipher } = this;
    for (const record of records) {
      const found = existing.get(record.externalId);
      if (found && found.hash === record.contentHash && found.status === 'active') {
        outcome.unchanged += 1;
        outcome.statusOf.set(record.externalId, 'unchanged');
        continue;
      }
      sealed.push(record.externalId, sealPayload(cipher, record.normalizedJson, record.rawJson, record.correctionsJson), record.contentHash);
      if (found) outcome.updated += 1;
      else outcome.inserted += 1;
      outcome.statusOf.set(record.externalId, found ? 'updated' : 'inserted');
    }
    return { source, outcome, sealed };
  }

  /** Writes a prepared batch within a transaction, as a few multi-row upserts. */
  async writePrepared(prepared: PreparedUpsert, syncRunId: number, trx: Knex): Promise<UpsertOutcome> {
    await writeSealedRecords(trx, prepared.source, prepared.sealed, syncRunId);
    return prepared.outcome;
  }

  /** Id, content hash and status of the stored records among some keys of a source, by external id. */
  async storedStates(source: string, externalIds: readonly string[]): Promise<Map<string, StoredState>> {
    if (externalIds.length === 0) return new Map();
    return this.knex.transaction(async (trx) => this.readStates(await bulkStatements(trx), source, externalIds));
  }

  private async readStates(bulk: BulkStatements, source: string, externalIds: readonly string[]): Promise<Map<string, StoredState>> {
    const existing = new Map<string, StoredState>();
    let start = 0;
    for (const count of fixedChunks(externalIds.length, LOOKUP_KEYS)) {
      const bindings: string[] = [source];
      for (let i = start; i < start + count; i += 1) bindings.push(externalIds[i] as string);
      start += count;
      const rows = await bulk.select(`select id, external_id, content_hash, status from source_records where source = ? and external_id in (${placeholderRows(1, count)})`, bindings);
      for (const row of rows) existing.set(String(row.external_id), { id: Number(row.id), hash: String(row.content_hash), status: String(row.status) });
    }
    return existing;
  }

  /**
   * The stored state of every record of a source, deleted ones included, page by page in key
   * order. The (source, external_id, content_hash, status) index holds every column read, so the
   * scan reads that index alone: one pass over it instead of a look-up per key.
   */
  async *scanStates(source: string, pageSize = STATE_PAGE): AsyncGenerator<KeyedStoredState[]> {
    type Row = { id: number | string; external_id: string; content_hash: string; status: string };
    const pageAfter = (afterKey: string | undefined): Promise<Row[]> => {
      const page = this.knex('source_records').select('id', 'external_id', 'content_hash', 'status').where({ source }).orderBy('external_id').limit(pageSize);
      if (afterKey !== undefined) page.where('external_id', '>', afterKey);
      return page.then((rows: Row[]) => rows);
    };
    for (let next: Promise<Row[]> | undefined = pageAfter(undefined); next !== undefined; ) {
      const rows: Row[] = await next;
      // The next page is asked for before this one is handed over, so the database reads it meanwhile.
      next = rows.length < pageSize ? undefined : pageAfter(String(rows[rows.length - 1]!.external_id));
      next?.catch(() => undefined);
      yield rows.map((row) => ({ id: Number(row.id), externalId: String(row.external_id), hash: String(row.content_hash), status: String(row.status) }));
    }
  }

  /**
   * The active records of a source whose keys `present` does not hold: what a complete snapshot
   * read no longer contains, found by one scan of the state index.
   */
  async activeIdsMissingFrom(source: string, present: (externalId: string) => boolean): Promise<number[]> {
    const missing: number[] = [];
    for await (const page of this.scanStates(source)) {
      for (const state of page) if (state.status === 'active' && !present(state.externalId)) missing.push(state.id);
    }
    return missing;
  }

  /** Marks these records deleted by this run, so a person removed upstream stops contributing; returns their ids. */
  async markDeleted(ids: number[], syncRunId: number): Promise<number[]> {
    const now = nowDbTime();
    for (let i = 0; i < ids.length; i += 1000) {
      await this.knex('source_records')
        .whereIn('id', ids.slice(i, i + 1000))
        .update({ status: 'deleted', sync_run_id: syncRunId, updated_at: now });
    }
    return ids;
  }

  async listActive(): Promise<StoredSourceRecord[]> {
    const rows = await this.knex('source_records').select(recordColumns).where({ status: 'active' }).orderBy('id');
    return rows.map((row: Record<string, unknown>) => toStoredSourceRecord(row, this.cipher));
  }

  /**
   * Every active record as resolution reads it, in id order, a page at a time. Only the
   * normalized part of each payload is parsed, and each page's rows dropped once decoded: the caller keeps the
   * records in its own compact form, never beside their stored text.
   */
  async *activeResolvablePages(): AsyncGenerator<ResolvableRecord[]> {
    for (let afterId = 0; ; ) {
      const rows = await this.knex('source_records').select(RESOLVABLE_COLUMNS).where({ status: 'active' }).where('id', '>', afterId).orderBy('id').limit(RESOLVABLE_PAGE);
      yield rows.map((row: Record<string, unknown>) => this.toResolvable(row));
      if (rows.length < RESOLVABLE_PAGE) return;
      afterId = Number(rows[rows.length - 1].id);
    }
  }

  /** The active ones among some records, as resolution reads them. */
  async resolvableByIds(ids: readonly number[]): Promise<ResolvableRecord[]> {
    return readInChunks(ids, async (chunk) => {
      const rows = await this.knex('source_records').select(RESOLVABLE_COLUMNS).where({ status: 'active' }).whereIn('id', chunk);
      return rows.map((row: Record<string, unknown>) => this.toResolvable(row));
    });
  }

  private toResolvable(row: Record<string, unknown>): ResolvableRecord {
    return {
      id: Number(row.id),
      source: String(row.source),
      normalized: normalizedOf(this.cipher, row.payload),
      contentHash: String(row.content_hash),
      createdAt: fromDbTime(row.created_at as string) as Date,
      updatedAt: fromDbTime(row.updated_at as string) as Date,
    };
  }

  async findByKey(source: string, externalId: string): Promise<StoredSourceRecord | undefined> {
    const row = await this.knex('source_records').select(recordColumns).where({ source, external_id: externalId }).first();
    return row ? toStoredSourceRecord(row, this.cipher) : undefined;
  }

  /** Records linked to each customer (optionally only from some sources), in one statement; for DataLoader batches. */
  async listByCustomerIds(customerIds: readonly string[], onlySources?: readonly string[]): Promise<Map<string, StoredSourceRecord[]>> {
    return this.linkedTo(customerIds, onlySources, recordColumns, (row) => toStoredSourceRecord(row, this.cipher));
  }

  /**
   * The same records as headers: a page asking only for record keys should not read, transfer
   * and parse every record's raw and normalized JSON.
   */
  async listHeadersByCustomerIds(customerIds: readonly string[], onlySources?: readonly string[]): Promise<Map<string, SourceRecordHeader[]>> {
    return this.linkedTo(customerIds, onlySources, headerColumns, toSourceRecordHeader);
  }

  private async linkedTo<T>(
    customerIds: readonly string[],
    onlySources: readonly string[] | undefined,
    selected: readonly string[],
    toRecord: (row: Record<string, unknown>) => T,
  ): Promise<Map<string, T[]>> {
    const byCustomer = new Map<string, T[]>();
    if (customerIds.length === 0) return byCustomer;
    const query = this.knex('source_records as r')
      .join('customer_links as l', 'l.source_record_id', 'r.id')
      .select(selected.map((c) => `r.${c}`).concat('l.customer_id'))
      .whereIn('l.customer_id', customerIds as string[])
      .orderBy('r.id');
    if (onlySources) query.whereIn('r.source', onlySources as string[]);
    const rows = await query;
    for (const row of rows) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push(toRecord(row));
      byCustomer.set(row.customer_id, list);
    }
    return byCustomer;
  }
}
