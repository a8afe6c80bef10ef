import type { Worker } from 'node:worker_threads';
import type { BlockKeyRows } from './block-key-repository';
import type { DatabaseTarget } from './database';
import { errorFromWorker, startStoreWorker, type WorkerError } from './store-worker';

export type BlockKeyReply = { done: true } | { error: WorkerError };

/**
 * A thread of its own that rewrites every record's block keys (a full resolution's) on a
 * connection of its own, while the resolving thread matches: the keys depend on the records
 * alone, and matching leaves the database idle. Used once: it ends when the rows are written.
 */
export class BlockKeyThread {
  private constructor(private readonly worker: Worker) {}

  /** A thread for the database; none for an embedded `:memory:` one, which no other connection sees. */
  static startFor(target: DatabaseTarget): BlockKeyThread | undefined {
    if (target.dialect === 'sqlite' && target.location === ':memory:') return undefined;
    return new BlockKeyThread(startStoreWorker('block-key-worker', target));
  }

  /** Hands the rows over (their memory moves to the thread) and resolves once they are written. */
  rewrite(rows: BlockKeyRows): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.worker.once('message', (reply: BlockKeyReply) => ('error' in reply ? reject(errorFromWorker(reply.error)) : resolve()));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the block-key thread stopped with code ${code} before it finished`)));
      this.worker.postMessage(rows, [rows.recordIds.buffer, rows.digests.buffer]);
    });
  }
}
