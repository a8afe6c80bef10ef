import type { SourceConfig } from '../config/sources';
import { createConnector } from '../connectors/create-connector';
import { extractInBatches, type ExtractedItem } from '../connectors/types';
import { isAppError } from '../errors';
import type { Logger } from '../logging';
import type { FxRateProvider } from '../normalize';
import type { Database } from '../store/database';
import { inSourceTurn } from '../store/exclusive-runs';
import { createRepositories } from '../store/repositories';
import type { PreparedUpsert, StoredState, UpsertOutcome } from '../store/source-record-repository';
import { emptyCounts, type SyncCounts } from '../store/sync-run-repository';
import { SuppressionGate } from '../access/suppression';
import { SqliteWriterThread } from '../store/sqlite-writer-thread';
import { heapGrowthBound } from './bounded-heap';
import { RecordIntake } from './record-intake';
import { perBatchLookup, StoredStateTable, type StoredStateLookup } from './stored-states';
import { recheckedBatch, type IntakeBatch } from './suppression-recheck';

export interface SyncResult {
  syncRunId: number;
  source: string;
  status: 'succeeded' | 'failed';
  dryRun: boolean;
  counts: SyncCounts;
  error?: string;
}

/**
 * Records per batch. A batch's rows live from being read until their write commits, about two
 * batches' time; at 500 that is shorter than two scavenges of the young generation, so most rows
 * die there instead of being copied into the old generation and collected again by full
 * collections. Measured on 1,000,000 CSV rows: 2,000 rows a batch gave 91 full collections and
 * 6.2 s of GC, 500 gave 15 and 2.4 s; the load went from 46-49 k to 60-65 k rows/s on SQLite and
 * from 28 k to 31 k on MariaDB (250 was no faster).
 */
export const DEFAULT_SYNC_BATCH = 500;

export interface SyncOptions {
  /** Read, normalize and compare, but roll every write back. */
  dryRun?: boolean;
  /** Called after each committed batch with the running counts. */
  onProgress?: (counts: Readonly<SyncCounts>) => void;
  /** Records per committed batch (default DEFAULT_SYNC_BATCH). */
  batchSize?: number;
  /** Rates for converting money into the base currency, when one is configured. */
  fx?: FxRateProvider;
  /** The most stored records whose states a snapshot run reads up front (default MAX_HELD_STATES). */
  maxHeldStates?: number;
  /**
   * On a SQLite database file, write batches from a thread of their own (see SqliteWriterThread)
   * once a run has a second batch to write. Default true; false writes every batch in this thread.
   */
  writerThread?: boolean;
}

/** A source read in full each time: what it no longer holds was deleted upstream. */
export function isSnapshotSource(source: SourceConfig): boolean {
  switch (source.kind) {
    case 'csv':
    case 'ndjson':
    case 'json':
      return source.snapshot;
    case 'sql':
      return source.watermarkColumn === undefined;
    case 'rest':
      return source.since === undefined;
    case 'push':
      return false;
  }
}

class DryRunRollback extends Error {}

/** A batch as taken, its stored states, and its records sealed for writing. */
interface TakenBatch {
  batch: IntakeBatch;
  /** The erasure count its records were checked against the erased at (SuppressionGate.epoch). */
  checkedAt: number;
  known: Map<string, StoredState>;
  prepared: PreparedUpsert;
}

/**
 * The most stored records whose states a snapshot run holds in memory (65 to 130 bytes each, so
 * 200 to 400 MB at most); a larger source is looked up batch by batch.
 */
const MAX_HELD_STATES = 3_000_000;

/**
 * How a run finds stored states: a snapshot reads its whole source again, so its stored states are
 * read in one pass up front; any other run looks up the keys of each batch.
 */
async function storedStateLookup(source: SourceConfig, repos: ReturnType<typeof createRepositories>, maxHeldStates: number): Promise<StoredStateLookup> {
  if (!isSnapshotSource(source)) return perBatchLookup(repos.sourceRecords, source.name);
  return (await StoredStateTable.read(repos.sourceRecords, source.name, maxHeldStates)) ?? perBatchLookup(repos.sourceRecords, source.name);
}

/**
 * Runs one source through extract → normalize → load. Every record read ends up loaded
 * (inserted, updated, unchanged), collapsed as an exact duplicate, or quarantined with a reason:
 * `read = inserted + updated + unchanged + quarantined + duplicates`. Each batch commits with the
 * watermark it reached, so a run killed anywhere resumes where its last batch committed, and
 * re-reading committed rows is harmless (unchanged content is not written).
 */
async function syncWithinBound(db: Database, source: SourceConfig, logger: Logger, options: SyncOptions = {}): Promise<SyncResult> {
  const repos = createRepositories(db.knex);
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? DEFAULT_SYNC_BATCH;
  await repos.sources.upsert({ name: source.name, kind: source.kind, trust: source.trust });
  const interrupted = await repos.syncRuns.failInterrupted(source.name);
  if (interrupted > 0) logger.warn({ source: source.name, interrupted }, 'closed runs left unfinished by a stopped process');
  const syncRunId = await repos.syncRuns.start(source.name, dryRun);
  const counts = emptyCounts();
  const suppression = await SuppressionGate.open(db.knex);
  const intake = new RecordIntake(source, syncRunId, options.fx, suppression);
  const lookup = await storedStateLookup(source, repos, options.maxHeldStates ?? MAX_HELD_STATES);
  let committedWatermark: string | undefined;
  const writer = new WriterThreadSlot(db, !dryRun && (options.writerThread ?? true));

  const countWritten = (outcome: UpsertOutcome, quarantined: number): void => {
    counts.inserted += outcome.inserted;
    counts.updated += outcome.updated;
    counts.unchanged += outcome.unchanged;
    counts.quarantined += quarantined;
  };

  /** Writes a batch from this thread in one transaction, checked again against erasures first (rolled back on a dry run). */
  const writeHere = async ({ batch, checkedAt, known, prepared }: TakenBatch, reached: string | undefined): Promise<void> => {
    const write = async (trx: typeof db.knex): Promise<void> => {
      const { records, rejects: quarantined } = await recheckedBatch(trx, suppression, source.name, syncRunId, batch, checkedAt);
      // Prepared again only when an erasure since the batch was taken set some of its records aside.
      const toWrite = records.length < batch.records.length ? repos.sourceRecords.prepareUpsert(source.name, records, known) : prepared;
      const outcome = await repos.sourceRecords.writePrepared(toWrite, syncRunId, trx);
      await repos.quarantine.addMany(quarantined, trx);
      if (reached !== undefined) await repos.sources.setWatermark(source.name, reached, trx);
      countWritten(outcome, quarantined.length);
    };
    if (dryRun) {
      await db.knex
        .transaction(async (trx) => {
          await write(trx);
          throw new DryRunRollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof DryRunRollback)) throw error;
        });
    } else {
      await db.knex.transaction(write);
    }
  };

  const flush = async (taken: TakenBatch, reached: string | undefined): Promise<void> => {
    const { batch, checkedAt, prepared } = taken;
    // A re-read of unchanged rows has nothing to commit.
    if (prepared.sealed.length === 0 && batch.rejects.length === 0 && reached === committedWatermark) {
      counts.unchanged += prepared.outcome.unchanged;
      options.onProgress?.(counts);
      return;
    }
    // Rejected rows are rare and sealed with the quarantine's own terms: such a batch is written here.
    const thread = writer.forBatch(batch.rejects.length === 0);
    // False when an erasure committed since the batch was taken: then written here, checked again.
    const written = thread !== undefined && (await thread.write({ source: source.name, syncRunId, sealed: prepared.sealed, watermark: reached, epoch: checkedAt }));
    if (written) countWritten(prepared.outcome, 0);
    else await writeHere(taken, reached);
    committedWatermark = reached;
    options.onProgress?.(counts);
  };

  // One batch is written while the next is read, normalized and sealed: with a database server
  // the two overlap, and with an embedded SQLite file they do once the writer thread runs (see
  // WriterThreadSlot). Batches still commit one at a time and in order, so a stopped run resumes
  // as before.
  let writing: Promise<void> = Promise.resolve();
  const startFlush = async (taken: TakenBatch, reached: string | undefined): Promise<void> => {
    await writing;
    writing = flush(taken, reached);
    // Observed here so that a failure does not count as unhandled before the next await sees it.
    writing.catch(() => undefined);
  };

  let watermark: string | undefined;
  /**
   * Takes one batch of items. Their stored states are read first, in one go, so that a row stored
   * with the same raw values is counted unchanged without being normalized again, and the write
   * of the others need not read them a second time.
   */
  const takeBatch = async (items: readonly ExtractedItem[]): Promise<void> => {
    const raws = items.map((item) => intake.readRaw(item));
    const keys: string[] = [];
    for (const raw of raws) if (raw) keys.push(raw.externalId);
    const stored = await lookup.statesOf(keys);
    // Read with the check the records are taken under, with nothing awaited in between.
    const checkedAt = suppression.epoch;
    const batch: IntakeBatch = { records: [], locations: [], rejects: [] };
    const known = new Map<string, StoredState>();
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i] as ExtractedItem;
      const raw = raws[i] ?? null;
      counts.read += 1;
      const state = raw ? stored.get(raw.externalId) : undefined;
      const outcome = intake.take(item, raw, intake.reusesStored ? state : undefined);
      if (outcome.kind === 'load') {
        batch.records.push(outcome.record);
        batch.locations.push(item.location);
        if (state) known.set(outcome.record.externalId, state);
      } else if (outcome.kind === 'quarantine') batch.rejects.push(outcome.entry);
      else if (outcome.kind === 'unchanged') counts.unchanged += 1;
      else counts.duplicates += 1;
      if (item.kind === 'record' && item.watermark !== undefined) watermark = item.watermark;
    }
    await startFlush({ batch, checkedAt, known, prepared: repos.sourceRecords.prepareUpsert(source.name, batch.records, known) }, watermark);
  };

  try {
    const state = { watermark: await repos.sources.watermark(source.name) };
    committedWatermark = state.watermark ?? undefined;
    let pending: ExtractedItem[] = [];
    for await (const items of extractInBatches(createConnector(source), state)) {
      for (const item of items) pending.push(item);
      if (pending.length >= batchSize) {
        const batch = pending;
        pending = [];
        await takeBatch(batch);
      }
    }
    await takeBatch(pending);
    await writing;
    if (isSnapshotSource(source) && !dryRun) {
      const deleted = await repos.sourceRecords.markDeleted(await lookup.activeIdsNotIn(intake.keys), syncRunId);
      counts.deleted = deleted.length;
      await repos.quarantine.supersede(source.name, syncRunId);
    }
    await repos.syncRuns.finish(syncRunId, 'succeeded', counts);
    logger.info({ source: source.name, syncRunId, dryRun, ...counts }, 'sync finished');
    return { syncRunId, source: source.name, status: 'succeeded', dryRun, counts };
  } catch (error) {
    // A batch still being written settles first, so the counts recorded are the committed ones.
    await writing.catch(() => undefined);
    const message = isAppError(error) ? error.message : `source "${source.name}": ${(error as Error).message.slice(0, 300)}`;
    await repos.syncRuns.finish(syncRunId, 'failed', counts, message);
    logger.error({ source: source.name, syncRunId, code: isAppError(error) ? error.code : undefined }, message);
    return { syncRunId, source: source.name, status: 'failed', dryRun, counts, error: message };
  } finally {
    await writer.close();
  }
}

/**
 * The writer thread of a run on a SQLite database file, started when the run has a second batch to
 * write: a run of one batch, or a re-sync that writes nothing, does not pay for starting a thread.
 */
class WriterThreadSlot {
  private batches = 0;
  private thread: SqliteWriterThread | undefined;

  constructor(
    private readonly db: Database,
    private readonly wanted: boolean,
  ) {}

  /** The thread that writes the run's next batch to write, if this run writes from one and the batch can go there. */
  forBatch(threadable: boolean): SqliteWriterThread | undefined {
    this.batches += 1;
    if (this.wanted && this.batches === 2) this.thread = SqliteWriterThread.startFor(this.db.target);
    return threadable ? this.thread : undefined;
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }
}

/**
 * Runs one source through extract → normalize → load (see syncWithinBound), once no other load
 * of it is going on (see inSourceTurn), with the heap held to a bounded growth meanwhile (see
 * bounded-heap).
 */
export async function syncSource(db: Database, source: SourceConfig, logger: Logger, options: SyncOptions = {}): Promise<SyncResult> {
  return inSourceTurn(db, logger, source.name, () => heapGrowthBound.during(() => syncWithinBound(db, source, logger, options)));
}
