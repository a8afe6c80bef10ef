import type { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from './database';
import type { RecordRows } from './sealed-record-writes';
import { errorFromWorker, startStoreWorker, type WorkerError } from './store-worker';

/** A batch of sealed `source_records` rows (see sealed-record-writes) and what commits with it. */
export interface BatchWrite {
  source: string;
  syncRunId: number;
  sealed: RecordRows;
  /** The watermark the source reaches with this batch, stored in the same transaction. */
  watermark?: string;
  /** The erasure count the batch was checked at (see suppression_epoch): if it moved, nothing is written. */
  epoch: number;
}

export type WriterRequest = { kind: 'write'; id: number; batch: BatchWrite } | { kind: 'close' };
export type WriterReply = { id: number; written: boolean } | { id: number; error: WorkerError };

/** What the thread starts with. */
export interface WriterThreadData {
  file: string;
}

/**
 * A thread of its own that writes a sync's batches to an embedded SQLite database. SQLite runs in
 * the thread that calls it, so without this the statements of one batch and the reading,
 * normalizing and encrypting of the next take turns on one core; with it they run side by side.
 * Batches are written in the order given, each in its own transaction, as the loader's own would.
 */
export class SqliteWriterThread {
  private readonly pending = new Map<number, { resolve: (written: boolean) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // The driver's error as the loader's own connection would have raised it: its message and code.
      if ('error' in reply) waiting?.reject(errorFromWorker(reply.error));
      else waiting?.resolve(reply.written);
    });
    worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        if (code !== 0) this.fail(new Error(`the SQLite writer thread stopped with code ${code}`));
        else this.fail(new Error('the SQLite writer thread has closed'));
        resolve();
      }),
    );
  }

  /** A writer thread for a SQLite database file. */
  static start(file: string): SqliteWriterThread {
    return new SqliteWriterThread(startStoreWorker('sqlite-writer-worker', { file } satisfies WriterThreadData));
  }

  /** A writer thread for the database when it is an embedded SQLite file; none for a server or `:memory:`. */
  static startFor(target: DatabaseTarget): SqliteWriterThread | undefined {
    return target.dialect === 'sqlite' && target.location !== ':memory:' ? SqliteWriterThread.start(target.location) : undefined;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /**
   * Writes a batch in one transaction: true once committed, false when an erasure committed since
   * the batch was checked (nothing written; the caller checks it again and writes it itself).
   */
  write(batch: BatchWrite): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'write', id, batch } satisfies WriterRequest);
    });
  }

  /** Closes the thread's connection once the batches sent are written, and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.exited;
  }
}
