import type { PushSourceConfig } from '../config/sources';
import type { Logger } from '../logging';
import type { ConfigOverrides } from '../resolve';
import type { Database } from '../store/database';
import { inSourceTurn } from '../store/exclusive-runs';
import type { QuarantineEntry } from '../store/quarantine-repository';
import { createRepositories } from '../store/repositories';
import type { LoadRecord } from '../store/source-record-repository';
import { emptyCounts, type SyncCounts } from '../store/sync-run-repository';
import { SuppressionGate } from '../access/suppression';
import { RecordIntake } from './record-intake';
import { resolveCustomers } from './resolve-customers';
import { recheckedBatch, type IntakeBatch } from './suppression-recheck';

export type PushedRecordStatus = 'inserted' | 'updated' | 'unchanged' | 'duplicate' | 'quarantined';

export interface PushedRecordOutcome {
  index: number;
  externalId: string | null;
  status: PushedRecordStatus;
  reasonCode: string | null;
  message: string | null;
}

export interface PushResult {
  syncRunId: number;
  counts: SyncCounts;
  records: PushedRecordOutcome[];
}

/**
 * Loads records an application pushed, through the same mapping, validation and load as every
 * other source, in one transaction, and says per record what happened. Each call is a sync run;
 * calls for one source load one at a time (see inSourceTurn), then resolve.
 */
export async function ingestPushedRecords(
  db: Database,
  source: PushSourceConfig,
  pushed: ReadonlyArray<Record<string, unknown>>,
  logger: Logger,
  matching?: ConfigOverrides,
): Promise<PushResult> {
  const result = await inSourceTurn(db, logger, source.name, () => loadPushed(db, source, pushed));
  if (result.counts.inserted + result.counts.updated > 0) await resolveCustomers(db, logger, { config: matching });
  return result;
}

async function loadPushed(db: Database, source: PushSourceConfig, pushed: ReadonlyArray<Record<string, unknown>>): Promise<PushResult> {
  const repos = createRepositories(db.knex);
  await repos.sources.upsert({ name: source.name, kind: source.kind, trust: source.trust });
  const syncRunId = await repos.syncRuns.start(source.name);
  const suppression = await SuppressionGate.open(db.knex);
  const intake = new RecordIntake(source, syncRunId, undefined, suppression);
  const counts = emptyCounts();
  const taken: IntakeBatch = { records: [], locations: [], rejects: [] };
  const pending: { index: number; outcome: LoadRecord | QuarantineEntry | 'duplicate' }[] = [];
  pushed.forEach((values, index) => {
    counts.read += 1;
    const location = `record #${index}`;
    const outcome = intake.take({ kind: 'record', location, values });
    if (outcome.kind === 'load') {
      taken.records.push(outcome.record);
      taken.locations.push(location);
      pending.push({ index, outcome: outcome.record });
    } else if (outcome.kind === 'quarantine') {
      taken.rejects.push(outcome.entry);
      pending.push({ index, outcome: outcome.entry });
    } else {
      counts.duplicates += 1;
      pending.push({ index, outcome: 'duplicate' });
    }
  });
  const { statusOf, suppressed } = await db.knex.transaction(async (trx) => {
    const batch = await recheckedBatch(trx, suppression, source.name, syncRunId, taken);
    const upserted = await repos.sourceRecords.upsertBatch(source.name, batch.records, syncRunId, trx);
    await repos.quarantine.addMany(batch.rejects, trx);
    counts.inserted = upserted.inserted;
    counts.updated = upserted.updated;
    counts.unchanged = upserted.unchanged;
    counts.quarantined = batch.rejects.length;
    return { statusOf: upserted.statusOf, suppressed: batch.suppressed };
  });
  await repos.syncRuns.finish(syncRunId, 'succeeded', counts);
  const records = pending.map(({ index, outcome }): PushedRecordOutcome => {
    if (outcome === 'duplicate') return { index, externalId: null, status: 'duplicate', reasonCode: null, message: 'same content as an earlier record of this call' };
    const entry = suppressed.get(outcome) ?? ('contentHash' in outcome ? undefined : outcome);
    if (entry) return { index, externalId: entry.externalId ?? null, status: 'quarantined', reasonCode: entry.reasonCode, message: entry.message };
    const record = outcome as LoadRecord;
    return { index, externalId: record.externalId, status: statusOf.get(record.externalId) ?? 'unchanged', reasonCode: null, message: null };
  });
  return { syncRunId, counts, records };
}
