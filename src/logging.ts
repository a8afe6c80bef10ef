import pino from 'pino';

export type Logger = pino.Logger;

/** One JSON logger for the process; stage modules receive it, they never create their own. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'customer-graph' } }, pino.destination(2));
}

/** A logger that discards everything, for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
