/**
 * The SQLite writer thread's side (see sqlite-writer-thread): one connection of its own to the
 * database file, writing the batches it is sent one after another, each in its own transaction.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Database } from './database';
import { writeSealedRecords } from './sealed-record-writes';
import { SourceRepository } from './source-repository';
import { SuppressionRepository } from './suppression-repository';
import type { BatchWrite, WriterReply, WriterRequest, WriterThreadData } from './sqlite-writer-thread';
import { workerErrorOf } from './store-worker';

async function writeBatch(db: Database, batch: BatchWrite): Promise<boolean> {
  return db.knex.transaction(async (trx) => {
    // An erasure committed since the batch was checked against the erased: the loader writes it
    // itself, after checking it again.
    if ((await new SuppressionRepository(trx).epoch(trx)) !== batch.epoch) return false;
    await writeSealedRecords(trx, batch.source, batch.sealed, batch.syncRunId);
    if (batch.watermark !== undefined) await new SourceRepository(trx).setWatermark(batch.source, batch.watermark, trx);
    return true;
  });
}

function serve({ file }: WriterThreadData): void {
  const port = parentPort;
  if (!port) throw new Error('sqlite-writer-worker runs as a worker thread');
  const opened = openDatabase({ dialect: 'sqlite', location: file });
  // A database that does not open is answered to each write, as its error.
  opened.catch(() => undefined);

  const handle = async (request: WriterRequest): Promise<void> => {
    if (request.kind === 'close') {
      await opened.then((db) => db.close(), () => undefined);
      port.close();
      return;
    }
    let reply: WriterReply;
    try {
      reply = { id: request.id, written: await writeBatch(await opened, request.batch) };
    } catch (error) {
      reply = { id: request.id, error: workerErrorOf(error) };
    }
    port.postMessage(reply);
  };

  // Batches are written in the order they arrive, one transaction at a time.
  let queue = Promise.resolve();
  port.on('message', (request: WriterRequest) => {
    queue = queue.then(() => handle(request));
  });
}

serve(workerData as WriterThreadData);
