import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The GraphQL over HTTP spec's server audits (graphql-http), run against the real server.
 * Every MUST and every SHOULD passes (the README says so; a SHOULD that has to be given up goes
 * there with its reason, and is taken out of this list).
 */
describeEachDialect('GraphQL over HTTP', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    server = await startTestServer(test.db);
    auth = await server.bearer('steward');
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  const audits = serverAudits({
    url: () => server.url,
    fetchFn: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), ...auth } }),
  });

  for (const level of ['MUST', 'SHOULD'] as const) {
    describe(level, () => {
      for (const audit of audits.filter((a) => a.name.startsWith(level))) {
        it(`${audit.id} ${audit.name}`, async () => {
          const result = await audit.fn();
          expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
        });
      }
    });
  }
});
