import { createAccessControl } from '../../src/access/access-control';
import { signToken } from '../../src/access/tokens';
import type { RowScope } from '../../src/access/principal';
import { loadEnv } from '../../src/config/env';
import type { ProjectConfig } from '../../src/config/sources';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../src/graphql/limits';
import { buildCustomerGraphSchema } from '../../src/graphql/schema';
import { silentLogger, type Logger } from '../../src/logging';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { Database } from '../../src/store/database';
import { createRepositories } from '../../src/store/repositories';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestServer extends RunningServer {
  /** A signed bearer token for a role, as `Authorization` header value. */
  bearer(role: string, scope?: RowScope): Promise<Record<string, string>>;
}

export interface TestServerOptions {
  anonymousRole?: string | null;
  config?: ProjectConfig;
  env?: Record<string, string>;
  logger?: Logger;
  development?: boolean;
  limits?: Partial<QueryLimits>;
}

/** The real HTTP server on a free loopback port, with real authentication. */
export async function startTestServer(db: Database, options: TestServerOptions = {}): Promise<TestServer> {
  const env = loadEnv({ JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: '/nonexistent', ...options.env });
  const access = createAccessControl(env, createRepositories(db.knex), { anonymousRole: options.anonymousRole ?? null });
  const schema = await buildCustomerGraphSchema();
  const server = await startServer({
    db,
    schema,
    access,
    config: options.config,
    logger: options.logger ?? silentLogger(),
    port: 0,
    host: '127.0.0.1',
    development: options.development,
    limits: { ...DEFAULT_QUERY_LIMITS, ...options.limits },
  });
  return {
    ...server,
    bearer: async (role, scope) => ({ authorization: `Bearer ${await signToken(access.tokens, { role, scope, ttl: '10m' })}` }),
  };
}
