/**
 * The block-key thread's side (see block-key-thread): opens the database, rewrites
 * `record_block_keys` with the rows it is sent, answers, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rewriteBlockKeys, type BlockKeyRows } from './block-key-repository';
import type { BlockKeyReply } from './block-key-thread';
import { openDatabase, type DatabaseTarget } from './database';
import { workerErrorOf } from './store-worker';

async function rewrite(target: DatabaseTarget, rows: BlockKeyRows): Promise<void> {
  const db = await openDatabase(target);
  try {
    await rewriteBlockKeys(db.knex, rows);
  } finally {
    await db.close();
  }
}

const port = parentPort;
if (!port) throw new Error('block-key-worker runs as a worker thread');
port.once('message', (rows: BlockKeyRows) => {
  void rewrite(workerData as DatabaseTarget, rows)
    .then(
      () => ({ done: true }) as const,
      (error: unknown) => ({ error: workerErrorOf(error) }),
    )
    .then((reply: BlockKeyReply) => {
      port.postMessage(reply);
      port.close();
    });
});
