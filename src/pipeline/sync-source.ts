import type { SourceConfig } from '../config/sources';
import { createConnector } from '../connectors/create-connector';
import { isAppError } from '../errors';
import type { Logger } from '../logging';
import type { Database } from '../store/database';
import type { QuarantineEntry } from '../store/quarantine-repository';
import { createRepositories } from '../store/repositories';
import type { LoadRecord } from '../store/source-record-repository';
import { emptyCounts, type SyncCounts } from '../store/sync-run-repository';
import { prepareRecord } from './prepare-record';

export interface SyncResult {
  syncRunId: number;
  source: string;
  status: 'succeeded' | 'failed';
  counts: SyncCounts;
  error?: string;
  touchedRecordIds: number[];
}

const BATCH_SIZE = 1000;

/**
 * Runs one source through extract → normalize → load. Every record read ends up loaded
 * (inserted, updated, unchanged), collapsed as an exact duplicate, or quarantined with a reason:
 * `read = inserted + updated + unchanged + quarantined + duplicates`.
 */
export async function syncSource(db: Database, source: SourceConfig, logger: Logger): Promise<SyncResult> {
  const repos = createRepositories(db.knex);
  await repos.sources.upsert({ name: source.name, kind: source.kind, trust: source.trust });
  const syncRunId = await repos.syncRuns.start(source.name);
  const counts = emptyCounts();
  const touchedRecordIds: number[] = [];
  const seen = new Map<string, string>();
  let records: LoadRecord[] = [];
  let rejects: QuarantineEntry[] = [];

  const flush = async (): Promise<void> => {
    const batch = records;
    const quarantined = rejects;
    records = [];
    rejects = [];
    await db.knex.transaction(async (trx) => {
      const outcome = await repos.sourceRecords.upsertBatch(source.name, batch, syncRunId, trx);
      await repos.quarantine.addMany(quarantined, trx);
      counts.inserted += outcome.inserted;
      counts.updated += outcome.updated;
      counts.unchanged += outcome.unchanged;
      counts.quarantined += quarantined.length;
      touchedRecordIds.push(...outcome.touchedIds);
    });
  };

  try {
    for await (const item of createConnector(source).extract()) {
      counts.read += 1;
      if (item.kind === 'malformed') {
        rejects.push({ source: source.name, syncRunId, location: item.location, reasonCode: 'MALFORMED_ROW', message: item.reason, raw: item.raw });
      } else {
        const prepared = prepareRecord(item, source);
        if (!prepared.ok) {
          rejects.push({
            source: source.name,
            syncRunId,
            location: item.location,
            externalId: prepared.externalId,
            field: prepared.rejection.field,
            reasonCode: prepared.rejection.code,
            message: `${item.location}, column "${prepared.rejection.field}": ${prepared.rejection.message}`,
            raw: JSON.stringify(item.values),
          });
        } else {
          const previousHash = seen.get(prepared.record.externalId);
          if (previousHash === prepared.record.contentHash) {
            counts.duplicates += 1;
          } else if (previousHash !== undefined) {
            rejects.push({
              source: source.name,
              syncRunId,
              location: item.location,
              externalId: prepared.record.externalId,
              field: source.primaryKey,
              reasonCode: 'DUPLICATE_KEY',
              message: `${item.location}: "${prepared.record.externalId}" appears earlier in this source with different content`,
              raw: JSON.stringify(item.values),
            });
          } else {
            seen.set(prepared.record.externalId, prepared.record.contentHash);
            records.push(prepared.record);
          }
        }
      }
      if (records.length + rejects.length >= BATCH_SIZE) await flush();
    }
    await flush();
    await repos.syncRuns.finish(syncRunId, 'succeeded', counts);
    logger.info({ source: source.name, syncRunId, ...counts }, 'sync finished');
    return { syncRunId, source: source.name, status: 'succeeded', counts, touchedRecordIds };
  } catch (error) {
    const message = isAppError(error) ? error.message : `source "${source.name}": ${(error as Error).message}`;
    await repos.syncRuns.finish(syncRunId, 'failed', counts, message);
    logger.error({ source: source.name, syncRunId, code: isAppError(error) ? error.code : undefined }, message);
    return { syncRunId, source: source.name, status: 'failed', counts, error: message, touchedRecordIds };
  }
}
