import type { PushSourceConfig } from '../config/sources';
import type { Logger } from '../logging';
import type { ConfigOverrides } from '../resolve';
import type { Database } from '../store/database';
import { inSourceTurn } from '../store/exclusive-runs';
import type { QuarantineEntry } from '../store/quarantine-repository';
import { createRepositories } from '../store/repositories';
import type { LoadRecord } from '../store/source-record-repository';
import { emptyCounts, type SyncCounts } from '../store/sync-run-repository';
import { loadSuppressionCheck } from '../access/suppression';
import { RecordIntake } from './record-intake';
import { resolveCustomers } from './resolve-customers';

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
  const intake = new RecordIntake(source, syncRunId, undefined, await loadSuppressionCheck(db.knex));
  const counts = emptyCounts();
  const loads: LoadRecord[] = [];
  const rejects: QuarantineEntry[] = [];
  const pending: { index: number; outcome: PushedRecordOutcome | LoadRecord }[] = [];
  pushed.forEach((values, index) => {
    counts.read += 1;
    const outcome = intake.take({ kind: 'record', location: `record #${index}`, values });
    if (outcome.kind === 'load') {
      loads.push(outcome.record);
      pending.push({ index, outcome: outcome.record });
    } else if (outcome.kind === 'quarantine') {
      rejects.push(outcome.entry);
      const { externalId = null, reasonCode, message } = outcome.entry;
      pending.push({ index, outcome: { index, externalId, status: 'quarantined', reasonCode, message } });
    } else {
      counts.duplicates += 1;
      pending.push({ index, outcome: { index, externalId: null, status: 'duplicate', reasonCode: null, message: 'same content as an earlier record of this call' } });
    }
  });
  const statusOf = await db.knex.transaction(async (trx) => {
    const upserted = await repos.sourceRecords.upsertBatch(source.name, loads, syncRunId, trx);
    await repos.quarantine.addMany(rejects, trx);
    counts.inserted = upserted.inserted;
    counts.updated = upserted.updated;
    counts.unchanged = upserted.unchanged;
    counts.quarantined = rejects.length;
    return upserted.statusOf;
  });
  await repos.syncRuns.finish(syncRunId, 'succeeded', counts);
  const records = pending.map(({ index, outcome }) =>
    'contentHash' in outcome
      ? { index, externalId: outcome.externalId, status: statusOf.get(outcome.externalId) ?? 'unchanged', reasonCode: null, message: null }
      : outcome,
  );
  return { syncRunId, counts, records };
}
