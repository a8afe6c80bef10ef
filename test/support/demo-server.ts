import { afterAll, beforeAll } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import type { Database, DialectName } from '../../src/store/database';
import { createTestDatabase, type TestDatabase } from './databases';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface DemoServer {
  readonly db: Database;
  readonly server: TestServer;
}

/**
 * For the whole suite: a fresh database of the dialect holding the bundled demo, synced, and
 * the real HTTP server on it; both closed after the suite. Options given as a function are
 * built inside the suite's setup, after the sync, so what they create (files, loggers) belongs
 * to a suite that runs.
 */
export function useDemoServer(dialect: DialectName, options: TestServerOptions | (() => TestServerOptions) = {}): DemoServer {
  let test: TestDatabase | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await runSync(test.db, loadProjectConfig(demoConfigPath()), silentLogger());
    server = await startTestServer(test.db, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });
  return {
    get db(): Database {
      if (!test) throw new Error('the demo database is not ready yet: use it inside a test or hook');
      return test.db;
    },
    get server(): TestServer {
      if (!server) throw new Error('the demo server is not ready yet: use it inside a test or hook');
      return server;
    },
  };
}
