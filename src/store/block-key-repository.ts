import type { Knex } from 'knex';
import { createIndexIfMissing, dropIndexIfExists, fromDbTime, insertRows } from './dialect';
import { readInChunks } from './chunked-reads';
import { fieldProtection, type FieldProtection } from './field-protection';

/** Digests per `where … in (…)`. */
const PER_STATEMENT = 1000;
/** Rows written per transaction when the whole table is rewritten. */
const REWRITE_ROWS = 200_000;
/** Look-ups of a block's records go through this index (the primary key is record, digest). */
const DIGEST_INDEX = 'record_block_keys_digest';

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

  /**
   * Records that a resolution started at `startedAt` (a DB time) has written its outcome, with keys
   * of this blocking configuration stored for every record. Called only once the golden records
   * are written: a run stopped before that leaves the previous state (or, after a full rewrite of
   * the keys, none), so the next run looks at everything this one did not finish.
   */
  async markResolved(fingerprint: string, startedAt: string): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('resolution_state').delete();
      await trx('resolution_state').insert({ fingerprint, last_started_at: startedAt });
    });
  }

  /**
   * Replaces every stored key (a full resolution's). The table is emptied and written without its
   * digest index, in primary key order, and the index built afterwards by sorting: kept up to date
   * row by row, it outgrows the buffer pool and every row costs a random page read. The rewrite leaves no `resolution_state`
   * (markResolved writes it once the run's outcome is written), so a run stopped anywhere after
   * this began is followed by a full one, which rewrites the table again.
   */
  async replaceAll(records: Iterable<RecordBlockKeys>): Promise<void> {
    await this.knex('resolution_state').delete();
    await this.knex('record_block_keys').truncate();
    await dropIndexIfExists(this.knex, 'record_block_keys', DIGEST_INDEX);
    let rows: Record<string, unknown>[] = [];
    const flush = async (): Promise<void> => {
      const batch = rows;
      rows = [];
      await this.knex.transaction((trx) => insertRows(trx, 'record_block_keys', batch));
    };
    for (const record of records) {
      const digests = [...new Set(this.protection.index.blockKeyDigests(record.values))].sort((a, b) => a - b);
      for (const digest of digests) rows.push({ source_record_id: record.recordId, key_digest: digest });
      if (rows.length >= REWRITE_ROWS) await flush();
    }
    await flush();
    await createIndexIfMissing(this.knex, 'record_block_keys', DIGEST_INDEX, ['key_digest']);
  }

  /**
   * Replaces the keys of some records (changed ones) in one transaction, touching only the rows
   * that differ: a changed record mostly keeps its keys, and every row written goes into the
   * digest index at a random place.
   */
  async replaceFor(records: readonly RecordBlockKeys[]): Promise<void> {
    const rows = records.flatMap((record) => [...new Set(this.protection.index.blockKeyDigests(record.values))].map((digest) => ({ source_record_id: record.recordId, key_digest: digest })));
    await this.readDigestPages(rows.map((row) => row.key_digest));
    await this.knex.transaction(async (trx) => {
      const ids = records.map((record) => record.recordId);
      const stored = new Set<string>();
      for (let i = 0; i < ids.length; i += PER_STATEMENT) {
        for (const row of await trx('record_block_keys').select('source_record_id', 'key_digest').whereIn('source_record_id', ids.slice(i, i + PER_STATEMENT))) stored.add(`${Number(row.source_record_id)}:${Number(row.key_digest)}`);
      }
      const wanted = new Set(rows.map((row) => `${row.source_record_id}:${row.key_digest}`));
      const gone = [...stored].filter((key) => !wanted.has(key)).map((key) => key.split(':').map(Number) as [number, number]);
      for (let i = 0; i < gone.length; i += PER_STATEMENT) await trx('record_block_keys').whereIn(['source_record_id', 'key_digest'], gone.slice(i, i + PER_STATEMENT)).delete();
      // In digest order: the digest index is where the inserts are scattered (a changed record's
      // rows go to the end of the primary key anyway), and in its order the rows that share a
      // block go to the same page one after another.
      const fresh = rows.filter((row) => !stored.has(`${row.source_record_id}:${row.key_digest}`)).sort((a, b) => a.key_digest - b.key_digest);
      await insertRows(trx, 'record_block_keys', fresh);
    });
  }

  /**
   * Reads the digest index where these digests are (or would be), before a transaction writes
   * there: each row written costs a random page read when the index is larger than the buffer
   * pool (InnoDB buffers no secondary index changes unless configured to), one after another
   * within the transaction; read beforehand by several statements at once, the pages are at hand.
   * (A key a changed record drops is not read ahead: most keep theirs.)
   */
  private async readDigestPages(digests: readonly number[]): Promise<void> {
    // Whole blocks are read (their members are asked for next), but only one row each comes back.
    await readInChunks([...new Set(digests)], (chunk) => this.knex('record_block_keys').distinct('key_digest').whereIn('key_digest', chunk));
  }

  /** The digests of blocking key values, as stored ones are. */
  digestsOf(values: readonly number[]): number[] {
    return this.protection.index.blockKeyDigests(values);
  }

  /** The stored digests of some records' keys. */
  async digestsOfRecords(recordIds: readonly number[]): Promise<Set<number>> {
    const rows = await readInChunks(recordIds, (chunk) => this.knex('record_block_keys').select('key_digest').whereIn('source_record_id', chunk));
    return new Set(rows.map((row: Record<string, unknown>) => Number(row.key_digest)));
  }

  /** The records of each block, or, for blocks of more than `maxSize` records, only their size. */
  async blocks(digests: readonly number[], maxSize: number): Promise<{ members: number[]; oversized: number[] }> {
    const oversized: number[] = [];
    const members = await readInChunks(digests, async (chunk) => {
      const sizes: Record<string, unknown>[] = await this.knex('record_block_keys').select('key_digest').count({ size: '*' }).whereIn('key_digest', chunk).groupBy('key_digest');
      const small: number[] = [];
      for (const row of sizes) (Number(row.size) > maxSize ? oversized : small).push(Number(row.key_digest));
      if (small.length === 0) return [];
      const rows: Record<string, unknown>[] = await this.knex('record_block_keys').select('source_record_id').whereIn('key_digest', small);
      return rows.map((row) => Number(row.source_record_id));
    });
    return { members, oversized };
  }
}
