import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import type { DialectName } from '../../src/store/database';
import type { TestServerOptions } from './server';
import { useSyncedServer, type SyncedServer } from './synced-server';

export type DemoServer = SyncedServer;

/**
 * For the whole suite: a fresh database of the dialect holding the bundled demo, synced, and
 * the real HTTP server on it; both closed after the suite. Options given as a function are
 * built inside the suite's setup, after the sync, so what they create (files, loggers) belongs
 * to a suite that runs.
 */
export function useDemoServer(dialect: DialectName, options: TestServerOptions | (() => TestServerOptions) = {}): DemoServer {
  return useSyncedServer(dialect, () => loadProjectConfig(demoConfigPath()), options);
}
