import type { Knex } from 'knex';
import { insertRows } from './bulk-rows';
import { fromDbTime, nowDbTime } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { applyQuarantineScope, type RowScope } from './row-scope';

export interface QuarantineEntry {
  source: string;
  syncRunId: number | null;
  location: string;
  externalId?: string | null;
  field?: string | null;
  reasonCode: string;
  message: string;
  raw: string | null;
}

export interface QuarantineFilter {
  source?: string;
  reasonCode?: string;
  /** The caller's row scope. */
  scope?: RowScope;
}

export interface QuarantinedRow extends QuarantineEntry {
  id: number;
  externalId: string | null;
  field: string | null;
  createdAt: Date;
}

/**
 * The `quarantine` table: rows that could not be loaded, with the reason and the raw text (both
 * encrypted), and blind index digests of the contacts in the raw text for erasure.
 */
export class QuarantineRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  async addMany(entries: QuarantineEntry[], trx: Knex = this.knex): Promise<void> {
    if (entries.length === 0) return;
    const now = nowDbTime();
    const { cipher, index } = this.protection;
    const rows = entries.map((entry) => ({
      source: entry.source,
      sync_run_id: entry.syncRunId,
      location: entry.location.slice(0, 500),
      external_id: entry.externalId ?? null,
      field: entry.field ?? null,
      reason_code: entry.reasonCode,
      message: cipher.seal(entry.message),
      raw: cipher.seal(entry.raw),
      terms: termsText(index.rawTextTerms(entry.raw).map((term) => term.digest)),
      created_at: now,
    }));
    await insertRows(trx, 'quarantine', rows);
  }

  private open(filter: QuarantineFilter): Knex.QueryBuilder {
    const query = this.knex('quarantine').whereNull('resolved_at');
    if (filter.source) query.where({ source: filter.source });
    if (filter.reasonCode) query.where({ reason_code: filter.reasonCode });
    return applyQuarantineScope(query, filter.scope);
  }

  async count(filter: QuarantineFilter = {}): Promise<number> {
    return Number((await this.open(filter).count<{ n: number }[]>({ n: '*' }).first())?.n ?? 0);
  }

  /** Open entries, oldest first, keyset on id. */
  async list(options: QuarantineFilter & { limit?: number; afterId?: number } = {}): Promise<QuarantinedRow[]> {
    const query = this.open(options).orderBy('id').limit(options.limit ?? 1000);
    if (options.afterId !== undefined) query.where('id', '>', options.afterId);
    const rows = await query;
    return rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      source: String(row.source),
      syncRunId: row.sync_run_id === null ? null : Number(row.sync_run_id),
      location: String(row.location),
      externalId: (row.external_id as string | null) ?? null,
      field: (row.field as string | null) ?? null,
      reasonCode: String(row.reason_code),
      message: this.protection.cipher.open(String(row.message)),
      raw: this.protection.cipher.open((row.raw as string | null) ?? null),
      createdAt: fromDbTime(row.created_at as string) as Date,
    }));
  }

  /**
   * Closes the open entries of earlier runs of a snapshot source: the latest complete read says
   * which rows are still bad, so re-running a sync does not pile up copies of the same reject.
   */
  async supersede(source: string, currentRunId: number, trx: Knex = this.knex): Promise<number> {
    return trx('quarantine')
      .where({ source })
      .whereNull('resolved_at')
      .whereNot({ sync_run_id: currentRunId })
      .update({ resolved_at: nowDbTime() });
  }

  async markResolved(ids: number[], trx: Knex = this.knex): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      await trx('quarantine').whereIn('id', ids.slice(i, i + 1000)).update({ resolved_at: nowDbTime() });
    }
  }

  /** Open (unresolved) entries of a source counted by reason and blamed field (null: the whole row). */
  async openCountsByReasonAndField(source: string): Promise<{ reasonCode: string; field: string | null; count: number }[]> {
    const rows: { reason_code: string; field: string | null; n: number | string }[] = await this.knex('quarantine')
      .select('reason_code', 'field')
      .count({ n: '*' })
      .where({ source })
      .whereNull('resolved_at')
      .groupBy('reason_code', 'field');
    return rows.map((row) => ({ reasonCode: row.reason_code, field: row.field, count: Number(row.n) }));
  }

  async countBySyncRun(syncRunId: number): Promise<number> {
    const row = await this.knex('quarantine').where({ sync_run_id: syncRunId }).count<{ n: number }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}

/** Digests as stored in `quarantine.terms`: space-separated, null when there are none. */
function termsText(digests: readonly string[]): string | null {
  return digests.length === 0 ? null : digests.join(' ');
}
