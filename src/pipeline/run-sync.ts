import type { ProjectConfig } from '../config/sources';
import type { Logger } from '../logging';
import type { Database } from '../store/database';
import type { ResolutionWriteSummary } from '../store/resolution-repository';
import { resolveCustomers } from './resolve-customers';
import { syncSource, type SyncResult } from './sync-source';

export interface RunSyncResult {
  runs: SyncResult[];
  resolution: ResolutionWriteSummary;
}

/** Syncs the configured sources (all, or the named ones), then resolves customers. */
export async function runSync(db: Database, config: ProjectConfig, logger: Logger, only?: string[]): Promise<RunSyncResult> {
  const sources = only && only.length > 0 ? config.sources.filter((s) => only.includes(s.name)) : config.sources;
  const runs: SyncResult[] = [];
  for (const source of sources) runs.push(await syncSource(db, source, logger));
  const resolution = await resolveCustomers(db, logger);
  return { runs, resolution };
}
