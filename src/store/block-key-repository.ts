import type { Knex } from 'knex';
import { fromDbTime, insertRows } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';

/** Digests per `where … in (…)`. */
const PER_STATEMENT = 1000;
/** Rows written per transaction when the whole table is rewritten. */
const REWRITE_ROWS = 200_000;

/** One record's blocking key values (see blockingKeyValues in src/resolve). */
export interface RecordBlockKeys {
  recordId: number;
  values: readonly number[];
}

/**
 * `record_block_keys`: which records share a block, by keyed digest of the blocking key values
 * (never the values, which are personal). Written for every record by a full resolution and for
 * the changed ones by an incremental one; read by the incremental one to find the records it must
 * look at. `resolution_state` holds the fingerprint of the blocking configuration they were made
 * with and when the last resolution started.
 */
export class BlockKeyRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  /**
   * When the last resolution started, if the stored keys were computed, for every record, with
   * this blocking configuration; undefined otherwise.
   */
  async lastStartedAt(fingerprint: string): Promise<Date | undefined> {
    const row = await this.knex('resolution_state').where({ fingerprint }).first();
    return row ? (fromDbTime(row.last_started_at) as Date) : undefined;
  }

  /** Records that a resolution started at `startedAt` (a DB time) has written its outcome. */
  async markResolved(fingerprint: string, startedAt: string): Promise<void> {
    await this.knex('resolution_state').where({ fingerprint }).update({ last_started_at: startedAt });
  }

  /** Replaces every stored key (a full resolution started at `startedAt`), then records the configuration. */
  async replaceAll(fingerprint: string, startedAt: string, records: Iterable<RecordBlockKeys>): Promise<void> {
    await this.knex('resolution_state').delete();
    await this.knex('record_block_keys').delete();
    let rows: Record<string, unknown>[] = [];
    const flush = async (): Promise<void> => {
      const batch = rows;
      rows = [];
      await this.knex.transaction((trx) => insertRows(trx, 'record_block_keys', batch));
    };
    for (const record of records) {
      for (const digest of new Set(this.protection.index.blockKeyDigests(record.values))) rows.push({ key_digest: digest, source_record_id: record.recordId });
      if (rows.length >= REWRITE_ROWS) await flush();
    }
    await flush();
    await this.knex('resolution_state').insert({ fingerprint, last_started_at: startedAt });
  }

  /** Replaces the keys of some records (changed ones) in one transaction. */
  async replaceFor(records: readonly RecordBlockKeys[]): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const ids = records.map((record) => record.recordId);
      for (let i = 0; i < ids.length; i += PER_STATEMENT) await trx('record_block_keys').whereIn('source_record_id', ids.slice(i, i + PER_STATEMENT)).delete();
      const rows = records.flatMap((record) => [...new Set(this.protection.index.blockKeyDigests(record.values))].map((digest) => ({ key_digest: digest, source_record_id: record.recordId })));
      await insertRows(trx, 'record_block_keys', rows);
    });
  }

  /** The digests of blocking key values, as stored ones are. */
  digestsOf(values: readonly number[]): number[] {
    return this.protection.index.blockKeyDigests(values);
  }

  /** The stored digests of some records' keys. */
  async digestsOfRecords(recordIds: readonly number[]): Promise<Set<number>> {
    const digests = new Set<number>();
    for (let i = 0; i < recordIds.length; i += PER_STATEMENT) {
      for (const row of await this.knex('record_block_keys').select('key_digest').whereIn('source_record_id', recordIds.slice(i, i + PER_STATEMENT) as number[])) digests.add(Number(row.key_digest));
    }
    return digests;
  }

  /** The records of each block, or, for blocks of more than `maxSize` records, only their size. */
  async blocks(digests: readonly number[], maxSize: number): Promise<{ members: number[]; oversized: number[] }> {
    const members: number[] = [];
    const oversized: number[] = [];
    for (let i = 0; i < digests.length; i += PER_STATEMENT) {
      const chunk = digests.slice(i, i + PER_STATEMENT);
      const sizes: Record<string, unknown>[] = await this.knex('record_block_keys').select('key_digest').count({ size: '*' }).whereIn('key_digest', chunk).groupBy('key_digest');
      const small: number[] = [];
      for (const row of sizes) (Number(row.size) > maxSize ? oversized : small).push(Number(row.key_digest));
      if (small.length === 0) continue;
      for (const row of await this.knex('record_block_keys').select('source_record_id').whereIn('key_digest', small)) members.push(Number(row.source_record_id));
    }
    return { members, oversized };
  }
}
