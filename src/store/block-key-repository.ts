import type { Knex } from 'knex';
import { insertRows } from './bulk-rows';
import { createIndexIfMissing, dropIndexIfExists, fromDbTime, takeWriteLockFirst, toDbTime } from './dialect';
import { readInChunks, readIndexPages } from './chunked-reads';
import type { BlindIndex } from './blind-index';
import { fieldProtection, type FieldProtection } from './field-protection';

/** Digests per `where … in (…)`. */
const PER_STATEMENT = 1000;
/** Rows written per transaction when the whole table is rewritten. */
const REWRITE_ROWS = 200_000;
/** Look-ups of a block's records go through this index (the primary key is record, digest). */
const DIGEST_INDEX = 'record_block_keys_digest';

/**
 * Rows of `record_block_keys` as two parallel columns, in primary key order (record, digest):
 * compact, and handed to another thread without copying.
 */
export interface BlockKeyRows {
  length: number;
  recordIds: Float64Array<ArrayBuffer>;
  digests: Float64Array<ArrayBuffer>;
}

/** Records whose key values are digested together: one cipher call for them instead of one each. */
const DIGEST_GROUP = 4096;

/** The rows of records' block keys (given in record id order): each record's distinct digests, ascending. */
export function blockKeyRows(records: Iterable<RecordBlockKeys>, index: BlindIndex): BlockKeyRows {
  let recordIds = new Float64Array(1 << 16);
  let digests = new Float64Array(1 << 16);
  let length = 0;
  const append = (group: RecordBlockKeys[]): void => {
    const all = index.blockKeyDigests(group.flatMap((record) => record.values));
    let at = 0;
    for (const record of group) {
      const distinct = [...new Set(all.slice(at, at + record.values.length))].sort((a, b) => a - b);
      at += record.values.length;
      if (length + distinct.length > recordIds.length) {
        const capacity = Math.max(recordIds.length * 2, length + distinct.length);
        recordIds = grown(recordIds, capacity);
        digests = grown(digests, capacity);
      }
      for (const digest of distinct) {
        recordIds[length] = record.recordId;
        digests[length++] = digest;
      }
    }
  };
  let group: RecordBlockKeys[] = [];
  for (const record of records) {
    group.push(record);
    if (group.length === DIGEST_GROUP) {
      append(group);
      group = [];
    }
  }
  append(group);
  return { length, recordIds: recordIds.subarray(0, length), digests: digests.subarray(0, length) };
}

/**
 * Empties `record_block_keys` and writes the rows (see BlockKeyRepository.replaceAll), first
 * forgetting the last resolution's state. Needs no keys, so the block-key thread runs it too.
 */
export async function rewriteBlockKeys(knex: Knex, rows: BlockKeyRows): Promise<void> {
  await knex('resolution_state').delete();
  await knex('record_block_keys').truncate();
  await dropIndexIfExists(knex, 'record_block_keys', DIGEST_INDEX);
  for (let start = 0; start < rows.length; start += REWRITE_ROWS) {
    const batch: Record<string, unknown>[] = [];
    for (let at = start; at < Math.min(rows.length, start + REWRITE_ROWS); at++) batch.push({ source_record_id: rows.recordIds[at], key_digest: rows.digests[at] });
    await knex.transaction((trx) => insertRows(trx, 'record_block_keys', batch));
  }
  await createIndexIfMissing(knex, 'record_block_keys', DIGEST_INDEX, ['key_digest']);
}

function grown(values: Float64Array<ArrayBuffer>, capacity: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(capacity);
  bigger.set(values);
  return bigger;
}

/** One record's blocking key values (see blockingKeyValues in src/resolve). */
export interface RecordBlockKeys {
  recordId: number;
  values: readonly number[];
}

/**
 * Keys some records are about to have in place of their stored ones (see BlockKeyRepository.blocks):
 * for each digest, which of those records it holds now and which it will hold.
 */
export interface PendingKeys {
  records: ReadonlySet<number>;
  stored: ReadonlyMap<number, readonly number[]>;
  next: ReadonlyMap<number, readonly number[]>;
}

const NO_PENDING_KEYS: PendingKeys = { records: new Set(), stored: new Map(), next: new Map() };

/** How far before the last resolution's start (or check) records count as possibly changed. */
const CLOCK_MARGIN_MS = 60_000;

/** Where a resolution starts looking for changes after one that started (or checked) at `last`. */
export function lookBackFrom(last: Date): string {
  // Records written while the last run went on, or by a host whose clock is a little behind, are looked at too.
  return toDbTime(new Date(last.getTime() - CLOCK_MARGIN_MS));
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
   * From when (a DB time) records may be waiting for a resolution, whatever blocking configuration
   * the last one used; undefined when none has written its outcome (every record may be waiting).
   */
  async waitingFrom(trx: Knex = this.knex): Promise<string | undefined> {
    const row = await trx('resolution_state').first('last_started_at');
    return row ? lookBackFrom(fromDbTime(row.last_started_at) as Date) : undefined;
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
    await rewriteBlockKeys(this.knex, blockKeyRows(records, this.protection.index));
  }

  /** replaceAll with the digests already computed (see rowsOf). */
  async replaceAllRows(rows: BlockKeyRows): Promise<void> {
    await rewriteBlockKeys(this.knex, rows);
  }

  /** The rows of records' block keys (see blockKeyRows), for replaceAllRows here or in a thread of their own. */
  rowsOf(records: Iterable<RecordBlockKeys>): BlockKeyRows {
    return blockKeyRows(records, this.protection.index);
  }

  /**
   * Replaces the keys of some records (changed ones) in one transaction, touching only the rows
   * that differ: a changed record mostly keeps its keys, and every row written goes into the
   * digest index at a random place.
   */
  async replaceFor(records: readonly RecordBlockKeys[]): Promise<void> {
    const keyRows = blockKeyRows(records, this.protection.index);
    const rows = Array.from({ length: keyRows.length }, (_, at) => ({ source_record_id: keyRows.recordIds[at] as number, key_digest: keyRows.digests[at] as number }));
    // A key a changed record drops is not read ahead: most keep theirs.
    await readIndexPages(this.knex, 'record_block_keys', ['key_digest', 'source_record_id'], rows.map((row) => [row.key_digest, row.source_record_id]));
    await this.knex.transaction(async (trx) => {
      await takeWriteLockFirst(trx, 'record_block_keys');
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

  /** The digests of blocking key values, as stored ones are. */
  digestsOf(values: readonly number[]): number[] {
    return this.protection.index.blockKeyDigests(values);
  }

  /** The stored keys of some records: for each digest, which of them it holds. */
  async storedKeysOf(recordIds: readonly number[]): Promise<Map<number, number[]>> {
    const rows = await readInChunks(recordIds, (chunk) => this.knex('record_block_keys').select('key_digest', 'source_record_id').whereIn('source_record_id', chunk));
    const byDigest = new Map<number, number[]>();
    for (const row of rows as Record<string, unknown>[]) {
      const digest = Number(row.key_digest);
      (byDigest.get(digest) ?? byDigest.set(digest, []).get(digest)!).push(Number(row.source_record_id));
    }
    return byDigest;
  }

  /**
   * The records of each block, or, for blocks of more than `maxSize` records, only their size.
   * With `pending` (read before, and written by replaceFor only after, these blocks), they are
   * counted and listed as they will be once those records' keys are replaced.
   */
  async blocks(digests: readonly number[], maxSize: number, pending: PendingKeys = NO_PENDING_KEYS): Promise<{ members: number[]; oversized: number[] }> {
    const oversized: number[] = [];
    const members = await readInChunks(digests, async (chunk) => {
      const counted: Record<string, unknown>[] = await this.knex('record_block_keys').select('key_digest').count({ size: '*' }).whereIn('key_digest', chunk).groupBy('key_digest');
      const storedSizes = new Map(counted.map((row) => [Number(row.key_digest), Number(row.size)]));
      const small: number[] = [];
      for (const digest of chunk) {
        const size = (storedSizes.get(digest) ?? 0) - (pending.stored.get(digest)?.length ?? 0) + (pending.next.get(digest)?.length ?? 0);
        if (size > maxSize) oversized.push(digest);
        else if (size > 0) small.push(digest);
      }
      if (small.length === 0) return [];
      const found: number[] = [];
      for (const row of await this.knex('record_block_keys').select('source_record_id').whereIn('key_digest', small)) {
        const id = Number(row.source_record_id);
        if (!pending.records.has(id)) found.push(id);
      }
      for (const digest of small) found.push(...(pending.next.get(digest) ?? []));
      return found;
    });
    return { members, oversized };
  }
}
