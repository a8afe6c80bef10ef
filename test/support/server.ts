import { buildCustomerGraphSchema } from '../../src/graphql/schema';
import { silentLogger } from '../../src/logging';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { Database } from '../../src/store/database';

/** The real HTTP server on a free loopback port. */
export async function startTestServer(db: Database): Promise<RunningServer> {
  const schema = await buildCustomerGraphSchema();
  return startServer({ db, schema, logger: silentLogger(), port: 0, host: '127.0.0.1' });
}
