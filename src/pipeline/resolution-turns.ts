import type { Logger } from '../logging';
import type { Database } from '../store/database';
import { holdNamedLock } from '../store/dialect';
import { TurnQueue } from './turn-queue';

const turns = new TurnQueue<Database>();

/**
 * Runs a resolution once no other is running on the same database: two at once would both
 * resolve the same changed records and both write a customer for them (one left without
 * records). In this process resolutions wait their turn (concurrent pushes, steward actions,
 * syncs); on MySQL other processes wait for a named lock too. Embedded SQLite is one process's
 * store: only its own resolutions are kept apart.
 */
export function inResolutionTurn<T>(db: Database, logger: Logger, work: () => Promise<T>): Promise<T> {
  return turns.run(db, async () => {
    const release = await holdNamedLock(db.knex, 'customer-graph-resolution-', () => logger.info('waiting for another process to finish its resolution'));
    try {
      return await work();
    } finally {
      await release();
    }
  });
}
