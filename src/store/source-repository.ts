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

  async trustByName(): Promise<Map<string, number>> {
    const rows = await this.list();
    return new Map(rows.map((row) => [row.name, Number(row.trust)]));
  }
}
