import type { Logger } from '../logging';
import type { Database } from './database';
import { holdNamedLock } from './dialect';
import { TurnQueue } from './turn-queue';

/** One queue per lock name, each keeping one run at a time per database. */
const queues = new Map<string, TurnQueue<Database>>();

/**
 * Runs `work` once no other run under the same lock is going on in this database: in this
 * process runs wait their turn; on MySQL other processes wait for the named lock too (see
 * holdNamedLock). Embedded SQLite is one process's store: only its own runs are kept apart.
 */
function inTurn<T>(db: Database, lock: string, onWait: () => void, work: () => Promise<T>): Promise<T> {
  let queue = queues.get(lock);
  if (!queue) queues.set(lock, (queue = new TurnQueue<Database>()));
  return queue.run(db, async () => {
    const release = await holdNamedLock(db.knex, lock, onWait);
    try {
      return await work();
    } finally {
      await release();
    }
  });
}

/**
 * One resolution at a time: two at once would both resolve the same changed records and both
 * write a customer for them (one left without records).
 */
export function inResolutionTurn<T>(db: Database, logger: Logger, work: () => Promise<T>): Promise<T> {
  return inTurn(db, 'resolution', () => logger.info('waiting for another resolution to finish'), work);
}

/**
 * One load of a source at a time: two at once would decide from the same stored states (both
 * counting a record as inserted), write the same keys in different orders (MySQL answers one of
 * them with a deadlock), and a starting sync would close the other's run as interrupted.
 */
export function inSourceTurn<T>(db: Database, logger: Logger, source: string, work: () => Promise<T>): Promise<T> {
  return inTurn(db, `source:${source}`, () => logger.info({ source }, 'waiting for another load of this source to finish'), work);
}
