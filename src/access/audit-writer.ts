import { AppError } from '../errors';
import type { Logger } from '../logging';
import type { AuditEntryInput, AuditLogRepository } from '../store/audit-log-repository';

/** The audit log cannot take more entries: reads it would have to account for are refused. */
export class AuditUnavailableError extends AppError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('AUDIT_UNAVAILABLE', `the audit log is unavailable: ${reason}`, options);
  }
}

export interface AuditWriterOptions {
  /** How long the first queued entry waits for others to share its INSERT. */
  flushDelayMs: number;
  /** Entries per INSERT; a full batch is written at once. */
  batchSize: number;
  /** Entries waiting at most; beyond it new entries are refused. */
  maxQueued: number;
  /** After a failed write, when to try again. */
  retryDelayMs: number;
}

export const DEFAULT_AUDIT_WRITER_OPTIONS: AuditWriterOptions = { flushDelayMs: 5, batchSize: 200, maxQueued: 10_000, retryDelayMs: 1_000 };

type QueuedEntry = AuditEntryInput & { at: Date };

/**
 * Writes read audit entries in batches, off the request path: an entry is queued when the
 * response is sent and written within a few milliseconds, together with the entries of
 * concurrent requests, in one multi-row INSERT (one synchronous INSERT per request cost each
 * audited read a full commit, about 18 ms on MariaDB).
 *
 * It fails closed: while the audit store refuses writes (entries stay queued and are retried)
 * or the queue is at its bound, `enqueue` throws and the caller must not hand out the data the
 * entry accounts for. `flush()` resolves once everything queued before it is stored; shutdown
 * calls `close()`, which flushes. What can be lost is the queue of a process that dies
 * without closing: the entries of the last few milliseconds.
 */
export class AuditWriter {
  private queue: QueuedEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The write in progress, if any; flushes run one after another. */
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private closed = false;

  constructor(
    private readonly auditLog: AuditLogRepository,
    private readonly logger: Logger,
    private readonly options: AuditWriterOptions = DEFAULT_AUDIT_WRITER_OPTIONS,
  ) {}

  /** Entries waiting to be written. */
  get queued(): number {
    return this.queue.length;
  }

  /** Queues an entry stamped with the current time; throws AuditUnavailableError instead of accepting one it may not be able to write. */
  enqueue(entry: AuditEntryInput): void {
    if (this.closed) throw new AuditUnavailableError('the server is shutting down');
    if (this.failure !== undefined) throw new AuditUnavailableError('the audit store refuses writes', { cause: this.failure });
    if (this.queue.length >= this.options.maxQueued) throw new AuditUnavailableError(`${this.queue.length} entries are waiting to be written`);
    this.queue.push({ ...entry, at: new Date() });
    if (this.queue.length >= this.options.batchSize) this.flushInBackground();
    else this.timer ??= setTimeout(() => this.flushInBackground(), this.options.flushDelayMs).unref();
  }

  /** Writes every entry queued so far; rejects with AuditUnavailableError when the store refuses them (they stay queued). */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.writeQueued());
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Refuses new entries and writes the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private flushInBackground(): void {
    // Failures are logged and retried by writeQueued; nobody waits for this write.
    this.flush().catch(() => undefined);
  }

  private async writeQueued(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.batchSize);
      try {
        await this.auditLog.appendMany(batch);
      } catch (error) {
        if (this.failure === undefined) this.logger.error({ err: { message: (error as Error).message }, queued: this.queue.length }, 'audit entries could not be written: refusing audited reads until they are');
        this.failure = error;
        if (!this.closed) this.timer ??= setTimeout(() => this.flushInBackground(), this.options.retryDelayMs).unref();
        throw new AuditUnavailableError('the audit store refuses writes', { cause: error });
      }
      this.queue.splice(0, batch.length);
      if (this.failure !== undefined) this.logger.info('audit entries are written again');
      this.failure = undefined;
    }
  }
}
