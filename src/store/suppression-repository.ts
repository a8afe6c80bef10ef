import type { Knex } from 'knex';
import { nowDbTime, sharedLockRead, takeWriteLockFirst } from './dialect';

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

  async allDigests(trx: Knex = this.knex): Promise<Set<string>> {
    const rows = await trx('suppressions').select('digest');
    return new Set(rows.map((row: { digest: string }) => row.digest));
  }

  /**
   * How many erasures have committed. Read within a load transaction (first in it) it is a shared
   * lock: an erasure (advanceEpoch) waits for the load to commit, and a load waits for an erasure in
   * progress; on SQLite the load takes the write lock with it, so a writer elsewhere is waited for.
   */
  async epoch(trx: Knex = this.knex): Promise<number> {
    if (trx.isTransaction) await takeWriteLockFirst(trx, 'suppression_epoch');
    const row = (await sharedLockRead(trx, trx('suppression_epoch').where({ id: 1 }).first('epoch'))) as { epoch: number | string } | undefined;
    return Number(row?.epoch ?? 0);
  }

  /** Counts one more erasure; first in an erasure's transaction, so loads in flight commit before it goes on. */
  async advanceEpoch(trx: Knex): Promise<void> {
    await trx('suppression_epoch').where({ id: 1 }).increment('epoch', 1);
  }
}
