import type { Knex } from 'knex';
import { nowDbTime } from './dialect';

export type SuppressionKind = 'email' | 'phone' | 'source_key';

/** The `suppressions` table: keyed digests of erased people's identifiers, never plaintext. */
export class SuppressionRepository {
  constructor(private readonly knex: Knex) {}

  /** Adds digests, ignoring ones already present; returns how many were new. */
  async add(entries: readonly { kind: SuppressionKind; digest: string }[], trx: Knex = this.knex): Promise<number> {
    let added = 0;
    for (const entry of entries) {
      const exists = await trx('suppressions').where({ digest: entry.digest }).first('digest');
      if (exists) continue;
      await trx('suppressions').insert({ kind: entry.kind, digest: entry.digest, created_at: nowDbTime() });
      added += 1;
    }
    return added;
  }

  async allDigests(): Promise<Set<string>> {
    const rows = await this.knex('suppressions').select('digest');
    return new Set(rows.map((row: { digest: string }) => row.digest));
  }
}
