import type { Knex } from 'knex';
import { fromDbTime, nowDbTime } from './dialect';
import { applySourceScope, type RowScope } from './row-scope';

export interface SyncCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  duplicates: number;
  deleted: number;
}

export type SyncStatus = 'running' | 'succeeded' | 'failed';

export interface SyncRun extends SyncCounts {
  id: number;
  source: string;
  status: SyncStatus;
  dryRun: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export function emptyCounts(): SyncCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, duplicates: 0, deleted: 0 };
}

const countColumns = {
  read: 'read_count',
  inserted: 'inserted_count',
  updated: 'updated_count',
  unchanged: 'unchanged_count',
  quarantined: 'quarantined_count',
  duplicates: 'duplicate_count',
  deleted: 'deleted_count',
} as const satisfies Record<keyof SyncCounts, string>;

function toRun(row: Record<string, unknown>): SyncRun {
  const counts = Object.fromEntries(
    Object.entries(countColumns).map(([key, column]) => [key, Number(row[column])]),
  ) as unknown as SyncCounts;
  return {
    id: Number(row.id),
    source: String(row.source),
    status: row.status as SyncStatus,
    dryRun: Boolean(Number(row.dry_run)),
    startedAt: fromDbTime(row.started_at as string) as Date,
    finishedAt: fromDbTime(row.finished_at as string | null),
    error: (row.error as string | null) ?? null,
    ...counts,
  };
}

/** The `sync_runs` table: one row per run of one source, with its reconciled counts. */
export class SyncRunRepository {
  constructor(private readonly knex: Knex) {}

  async start(source: string, dryRun = false): Promise<number> {
    const [id] = await this.knex('sync_runs').insert({
      source,
      status: 'running',
      dry_run: dryRun,
      started_at: nowDbTime(),
    });
    return Number(id);
  }

  async finish(id: number, status: Exclude<SyncStatus, 'running'>, counts: SyncCounts, error?: string): Promise<void> {
    const update: Record<string, unknown> = { status, finished_at: nowDbTime(), error: error ?? null };
    for (const [key, column] of Object.entries(countColumns)) update[column] = counts[key as keyof SyncCounts];
    await this.knex('sync_runs').where({ id }).update(update);
  }

  /** Runs left `running` by a process that died are closed as failed, so history stays truthful. */
  async failInterrupted(source: string): Promise<number> {
    return this.knex('sync_runs')
      .where({ source, status: 'running' })
      .update({ status: 'failed', finished_at: nowDbTime(), error: 'interrupted: the process stopped before the run finished' });
  }

  async get(id: number): Promise<SyncRun | undefined> {
    const row = await this.knex('sync_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Newest first, keyset on id: `beforeId` continues a walk. Fetches one extra row to tell if more
   * follow. Within the scope (see applySourceScope).
   */
  async page(first: number, options: { source?: string; beforeId?: number; scope?: RowScope } = {}): Promise<SyncRun[]> {
    const query = applySourceScope(this.knex('sync_runs').orderBy('id', 'desc').limit(first + 1), options.scope, 'source');
    if (options.source) query.where({ source: options.source });
    if (options.beforeId !== undefined) query.where('id', '<', options.beforeId);
    return (await query).map(toRun);
  }

  async count(source?: string, scope?: RowScope): Promise<number> {
    const query = applySourceScope(this.knex('sync_runs'), scope, 'source').count<{ n: number }[]>({ n: '*' });
    if (source) query.where({ source });
    return Number((await query.first())?.n ?? 0);
  }

  /** The newest run of each source, in one statement. */
  async latestBySource(): Promise<Map<string, SyncRun>> {
    const latest = this.knex('sync_runs').max({ id: 'id' }).groupBy('source');
    const rows = await this.knex('sync_runs').whereIn('id', latest);
    return new Map(rows.map((row: Record<string, unknown>) => [String(row.source), toRun(row)]));
  }

  /** Exact duplicates collapsed by the newest completed (not dry) run of a source; 0 before any. */
  async duplicatesRemovedByLatestRun(source: string): Promise<number> {
    const row = await this.knex('sync_runs').select('duplicate_count').where({ source, status: 'succeeded', dry_run: false }).orderBy('id', 'desc').first();
    return Number(row?.duplicate_count ?? 0);
  }

  async listRecent(limit = 50, source?: string): Promise<SyncRun[]> {
    const query = this.knex('sync_runs').orderBy('id', 'desc').limit(limit);
    if (source) query.where({ source });
    return (await query).map(toRun);
  }
}
