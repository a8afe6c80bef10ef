import type { ProjectConfig, SourceConfig } from '../config/sources';
import type { Logger } from '../logging';
import type { FxRateProvider } from '../normalize';
import type { Database } from '../store/database';
import { inSourceTurn } from '../store/exclusive-runs';
import { createRepositories } from '../store/repositories';
import { emptyCounts, type SyncCounts } from '../store/sync-run-repository';
import { fxRateProvider } from './fx-rates';
import { SuppressionGate } from '../access/suppression';
import { RecordIntake } from './record-intake';
import { quarantinedValues, recheckedBatch, type IntakeBatch } from './suppression-recheck';

export interface RetryResult {
  source: string;
  syncRunId: number;
  counts: SyncCounts;
  /** Entries that cannot be retried from what was kept (unparseable rows): fix the source and sync again. */
  notRetryable: number;
}

/**
 * Re-runs quarantined records through the source's current config (after a mapping or format
 * fix). Each retried entry is closed; a record that still fails is quarantined again with its
 * current reason, so nothing is lost and the run's counts reconcile like any sync.
 */
export async function retryQuarantine(db: Database, config: ProjectConfig, logger: Logger, only?: string[]): Promise<RetryResult[]> {
  const results: RetryResult[] = [];
  const fx = config.baseCurrency ? await fxRateProvider(db, config.baseCurrency) : undefined;
  for (const source of config.sources) {
    if (only && only.length > 0 && !only.includes(source.name)) continue;
    // A retry loads into the source like a sync does: one load of a source at a time.
    const result = await inSourceTurn(db, logger, source.name, () => retrySource(db, source, logger, fx));
    if (result) results.push(result);
  }
  return results;
}

async function retrySource(db: Database, source: SourceConfig, logger: Logger, fx: FxRateProvider | undefined): Promise<RetryResult | undefined> {
  const repos = createRepositories(db.knex);
  const open = await repos.quarantine.list({ source: source.name, limit: 1_000_000 });
  const retryable = open.filter((entry) => quarantinedValues(entry.raw) !== undefined);
  if (retryable.length === 0) return undefined;
  const syncRunId = await repos.syncRuns.start(source.name);
  const suppression = await SuppressionGate.open(db.knex);
  const intake = new RecordIntake(source, syncRunId, fx, suppression);
  const counts = emptyCounts();
  const taken: IntakeBatch = { records: [], locations: [], rejects: [] };
  for (const entry of retryable) {
    counts.read += 1;
    const outcome = intake.take({ kind: 'record', location: entry.location, values: quarantinedValues(entry.raw) as Record<string, unknown> });
    if (outcome.kind === 'load') {
      taken.records.push(outcome.record);
      taken.locations.push(entry.location);
    } else if (outcome.kind === 'quarantine') taken.rejects.push(outcome.entry);
    else counts.duplicates += 1;
  }
  await db.knex.transaction(async (trx) => {
    const { records, rejects } = await recheckedBatch(trx, suppression, source.name, syncRunId, taken);
    const outcome = await repos.sourceRecords.upsertBatch(source.name, records, syncRunId, trx);
    await repos.quarantine.markResolved(
      retryable.map((entry) => entry.id),
      trx,
    );
    await repos.quarantine.addMany(rejects, trx);
    counts.inserted = outcome.inserted;
    counts.updated = outcome.updated;
    counts.unchanged = outcome.unchanged;
    counts.quarantined = rejects.length;
  });
  await repos.syncRuns.finish(syncRunId, 'succeeded', counts);
  logger.info({ source: source.name, syncRunId, ...counts }, 'quarantine retried');
  return { source: source.name, syncRunId, counts, notRetryable: open.length - retryable.length };
}
