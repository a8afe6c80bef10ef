import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of this folder's worker modules (`name`, without extension) the way this module
 * runs: TypeScript through tsx, or the built JavaScript.
 */
export function startStoreWorker(name: string, workerData: unknown): Worker {
  const entry = path.join(__dirname, `${name}${path.extname(__filename)}`);
  if (entry.endsWith('.ts')) {
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
    return new Worker(code, { eval: true, workerData });
  }
  return new Worker(entry, { workerData });
}

/** An error as a worker reports it: the driver's message and code. */
export interface WorkerError {
  message: string;
  code?: string;
}

export function workerErrorOf(error: unknown): WorkerError {
  const { message, code } = error as { message?: string; code?: unknown };
  return { message: String(message), code: typeof code === 'string' ? code : undefined };
}

/** The reported error as the caller's own connection would have raised it. */
export function errorFromWorker(error: WorkerError): Error {
  return Object.assign(new Error(error.message), { code: error.code });
}
