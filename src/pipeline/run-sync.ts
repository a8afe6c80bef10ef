import type { ProjectConfig, SourceConfig } from '../config/sources';
import type { Logger } from '../logging';
import type { Database } from '../store/database';

import type { SyncCounts } from '../store/sync-run-repository';
import { fxRateProvider } from './fx-rates';
import { resolveCustomers, type ResolutionSummary } from './resolve-customers';
import { syncSource, type SyncResult } from './sync-source';

export interface RunSyncResult {
  runs: SyncResult[];
  /** Absent on a dry run, which writes nothing. */
  resolution?: ResolutionSummary;
}

export interface RunSyncOptions {
  only?: string[];
  dryRun?: boolean;
  onSourceStart?: (source: SourceConfig) => void;
  onProgress?: (source: SourceConfig, counts: Readonly<SyncCounts>) => void;
  onSourceEnd?: (result: SyncResult) => void;
}

/** Syncs the configured sources (all, or the named ones), then resolves customers. */
export async function runSync(db: Database, config: ProjectConfig, logger: Logger, options: RunSyncOptions = {}): Promise<RunSyncResult> {
  const { only, dryRun } = options;
  const unknown = (only ?? []).filter((name) => !config.sources.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`no source named ${unknown.map((n) => `"${n}"`).join(', ')} in the config`);
  const sources = only && only.length > 0 ? config.sources.filter((s) => only.includes(s.name)) : config.sources;
  const runs: SyncResult[] = [];
  const fx = config.baseCurrency ? await fxRateProvider(db, config.baseCurrency) : undefined;
  for (const source of sources) {
    if (source.kind === 'push') continue;
    options.onSourceStart?.(source);
    const result = await syncSource(db, source, logger, { dryRun, fx, onProgress: (counts) => options.onProgress?.(source, counts) });
    options.onSourceEnd?.(result);
    runs.push(result);
  }
  if (dryRun) return { runs };
  const resolution = await resolveCustomers(db, logger, { config: config.matching });
  return { runs, resolution };
}
