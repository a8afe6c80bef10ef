import type { Knex } from 'knex';
import { nowDbTime } from './dialect';

export interface SourceRow {
  name: string;
  kind: string;
  trust: number;
}

/** The `sources` table: one row per configured source, with its trust rank and sync watermark. */
export class SourceRepository {
  constructor(private readonly knex: Knex) {}

  async upsert(source: SourceRow): Promise<void> {
    const now = nowDbTime();
    await this.knex('sources')
      .insert({ ...source, created_at: now, updated_at: now })
      .onConflict('name')
      .merge(['kind', 'trust', 'updated_at']);
  }

  async list(): Promise<SourceRow[]> {
    return this.knex('sources').select('name', 'kind', 'trust').orderBy('name');
  }

  async watermark(name: string): Promise<string | null> {
    const row = await this.knex('sources').select('watermark').where({ name }).first();
    return (row?.watermark as string | null | undefined) ?? null;
  }

  /** Stored in the same transaction as the batch it covers, so it never runs ahead of the data. */
  async setWatermark(name: string, watermark: string, trx: Knex = this.knex): Promise<void> {
    await trx('sources').where({ name }).update({ watermark, updated_at: nowDbTime() });
  }

  /** Active and deleted record counts per source, in one statement. */
  async recordCounts(): Promise<Map<string, { active: number; deleted: number }>> {
    const rows = await this.knex('source_records').select('source', 'status').count({ n: '*' }).groupBy('source', 'status');
    const counts = new Map<string, { active: number; deleted: number }>();
    for (const row of rows as Record<string, unknown>[]) {
      const entry = counts.get(String(row.source)) ?? { active: 0, deleted: 0 };
      if (row.status === 'active') entry.active += Number(row.n);
      else entry.deleted += Number(row.n);
      counts.set(String(row.source), entry);
    }
    return counts;
  }

  async trustByName(): Promise<Map<string, number>> {
    const rows = await this.list();
    return new Map(rows.map((row) => [row.name, Number(row.trust)]));
  }
}
