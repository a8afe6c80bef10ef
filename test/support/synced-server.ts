import { afterAll, beforeAll } from 'vitest';
import type { ProjectConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import type { Database, DialectName } from '../../src/store/database';
import { createTestDatabase, type TestDatabase } from './databases';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface SyncedServer {
  readonly db: Database;
  readonly server: TestServer;
}

/**
 * For the whole suite: a fresh database of the dialect, synced with the config (several configs
 * are synced one after another), and the real HTTP server on it; both closed after the suite.
 * The config and options given as functions are built inside the suite's setup, so the fixture
 * folders, files and loggers they create belong to a suite that runs.
 */
export function useSyncedServer(
  dialect: DialectName,
  config: () => ProjectConfig | readonly ProjectConfig[],
  options: TestServerOptions | (() => TestServerOptions) = {},
): SyncedServer {
  let test: TestDatabase | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const configs = config();
    for (const each of Array.isArray(configs) ? configs : [configs]) await runSync(test.db, each, silentLogger());
    server = await startTestServer(test.db, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });
  return {
    get db(): Database {
      if (!test) throw new Error('the synced database is not ready yet: use it inside a test or hook');
      return test.db;
    },
    get server(): TestServer {
      if (!server) throw new Error('the synced server is not ready yet: use it inside a test or hook');
      return server;
    },
  };
}
