import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { PROFILE_SHOP, profileFixtureConfig } from '../support/profile-fixture';
import { startTestServer, type TestServer } from '../support/server';

const SOURCES = '{ sources { name kind trust activeRecords deletedRecords lastSyncRun { id source status read } } }';

describeEachDialect('the sources query', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await runSync(test.db, profileFixtureConfig(), silentLogger());
    const shop = PROFILE_SHOP.split('\n').filter((line) => !line.startsWith('s3,')).join('\n');
    await runSync(test.db, profileFixtureConfig({ shop }), silentLogger());
    server = await startTestServer(test.db);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  it('lists each source with its kind, record counts and last sync run', async () => {
    const response = await postGraphql(server.url, SOURCES, {}, await server.bearer('steward'));
    expect(response.errors).toBeUndefined();
    expect(response.data.sources).toEqual([
      { name: 'crm', kind: 'csv', trust: 2, activeRecords: 3, deletedRecords: 0, lastSyncRun: expect.objectContaining({ source: 'crm', status: 'succeeded', read: 3 }) },
      { name: 'shop', kind: 'csv', trust: 1, activeRecords: 2, deletedRecords: 1, lastSyncRun: expect.objectContaining({ source: 'shop', status: 'succeeded', read: 2 }) },
    ]);
  });

  it('lists only the sources of a source-scoped caller', async () => {
    const response = await postGraphql(server.url, '{ sources { name } }', {}, await server.bearer('steward', { sources: ['shop'] }));
    expect(response.data.sources).toEqual([{ name: 'shop' }]);
  });

  it('is for stewards and admins', async () => {
    const response = await postGraphql(server.url, '{ sources { name } }', {}, await server.bearer('analyst'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
