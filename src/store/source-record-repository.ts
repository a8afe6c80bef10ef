import type { Knex } from 'knex';
import { fromDbTime, insertRows, nowDbTime, parseJsonColumn } from './dialect';

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

export interface StoredSourceRecord {
  id: number;
  source: string;
  externalId: string;
  raw: Record<string, unknown>;
  normalized: Record<string, unknown>;
  corrections: Record<string, unknown>[];
  contentHash: string;
  status: 'active' | 'deleted';
  syncRunId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of records whose content is new or changed: what resolution must look at. */
  touchedIds: number[];
  /** What happened to each record, by external id. */
  statusOf: Map<string, 'inserted' | 'updated' | 'unchanged'>;
}

const columns = [
  'id',
  'source',
  'external_id',
  'raw',
  'normalized',
  'corrections',
  'content_hash',
  'status',
  'sync_run_id',
  'created_at',
  'updated_at',
];

export function toStoredSourceRecord(row: Record<string, unknown>): StoredSourceRecord {
  return {
    id: Number(row.id),
    source: String(row.source),
    externalId: String(row.external_id),
    raw: parseJsonColumn(row.raw, {}),
    normalized: parseJsonColumn(row.normalized, {}),
    corrections: parseJsonColumn(row.corrections, []),
    contentHash: String(row.content_hash),
    status: row.status as StoredSourceRecord['status'],
    syncRunId: row.sync_run_id === null ? null : Number(row.sync_run_id),
    createdAt: fromDbTime(row.created_at as string) as Date,
    updatedAt: fromDbTime(row.updated_at as string) as Date,
  };
}

/** The `source_records` table: every record from every source, raw beside normalized. */
export class SourceRecordRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Inserts new records and rewrites changed ones, keyed by (source, external_id). A record whose
   * content hash is unchanged is not written at all, so re-running a sync changes nothing.
   */
  async upsertBatch(source: string, records: LoadRecord[], syncRunId: number, trx: Knex = this.knex): Promise<UpsertOutcome> {
    const outcome: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, touchedIds: [], statusOf: new Map() };
    if (records.length === 0) return outcome;
    const existing = new Map<string, { id: number; hash: string; status: string }>();
    for (let i = 0; i < records.length; i += 1000) {
      const keys = records.slice(i, i + 1000).map((r) => r.externalId);
      const rows = await trx('source_records')
        .select('id', 'external_id', 'content_hash', 'status')
        .where({ source })
        .whereIn('external_id', keys);
      for (const row of rows) {
        existing.set(String(row.external_id), { id: Number(row.id), hash: String(row.content_hash), status: String(row.status) });
      }
    }

    const now = nowDbTime();
    const fresh: Record<string, unknown>[] = [];
    for (const record of records) {
      const found = existing.get(record.externalId);
      const payload = {
        raw: record.rawJson,
        normalized: record.normalizedJson,
        corrections: record.correctionsJson,
        content_hash: record.contentHash,
        status: 'active',
        sync_run_id: syncRunId,
        updated_at: now,
      };
      if (!found) {
        fresh.push({ source, external_id: record.externalId, created_at: now, ...payload });
        outcome.statusOf.set(record.externalId, 'inserted');
      } else if (found.hash !== record.contentHash || found.status !== 'active') {
        await trx('source_records').where({ id: found.id }).update(payload);
        outcome.updated += 1;
        outcome.touchedIds.push(found.id);
        outcome.statusOf.set(record.externalId, 'updated');
      } else {
        outcome.unchanged += 1;
        outcome.statusOf.set(record.externalId, 'unchanged');
      }
    }
    if (fresh.length > 0) {
      await insertRows(trx, 'source_records', fresh);
      const ids = await trx('source_records')
        .select('id')
        .where({ source })
        .whereIn(
          'external_id',
          fresh.map((row) => row.external_id as string),
        );
      outcome.inserted = fresh.length;
      outcome.touchedIds.push(...ids.map((row: { id: number | string }) => Number(row.id)));
    }
    return outcome;
  }

  /**
   * Marks deleted the active records of a source that a complete snapshot read did not contain,
   * so a person removed upstream stops contributing. Returns their ids.
   */
  async markMissingDeleted(source: string, present: (externalId: string) => boolean, syncRunId: number): Promise<number[]> {
    const missing: number[] = [];
    let afterId = 0;
    for (;;) {
      const rows = await this.knex('source_records')
        .select('id', 'external_id')
        .where({ source, status: 'active' })
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(5000);
      if (rows.length === 0) break;
      for (const row of rows) if (!present(String(row.external_id))) missing.push(Number(row.id));
      afterId = Number(rows[rows.length - 1].id);
    }
    const now = nowDbTime();
    for (let i = 0; i < missing.length; i += 1000) {
      await this.knex('source_records')
        .whereIn('id', missing.slice(i, i + 1000))
        .update({ status: 'deleted', sync_run_id: syncRunId, updated_at: now });
    }
    return missing;
  }

  async listActive(): Promise<StoredSourceRecord[]> {
    const rows = await this.knex('source_records').select(columns).where({ status: 'active' }).orderBy('id');
    return rows.map(toStoredSourceRecord);
  }

  async findByKey(source: string, externalId: string): Promise<StoredSourceRecord | undefined> {
    const row = await this.knex('source_records').select(columns).where({ source, external_id: externalId }).first();
    return row ? toStoredSourceRecord(row) : undefined;
  }

  /** Records linked to each customer (optionally only from some sources), in one statement; for DataLoader batches. */
  async listByCustomerIds(customerIds: readonly string[], onlySources?: readonly string[]): Promise<Map<string, StoredSourceRecord[]>> {
    const byCustomer = new Map<string, StoredSourceRecord[]>();
    if (customerIds.length === 0) return byCustomer;
    const query = this.knex('source_records as r')
      .join('customer_links as l', 'l.source_record_id', 'r.id')
      .select(columns.map((c) => `r.${c}`).concat('l.customer_id'))
      .whereIn('l.customer_id', customerIds as string[])
      .orderBy('r.id');
    if (onlySources) query.whereIn('r.source', onlySources as string[]);
    const rows = await query;
    for (const row of rows) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push(toStoredSourceRecord(row));
      byCustomer.set(row.customer_id, list);
    }
    return byCustomer;
  }
}
