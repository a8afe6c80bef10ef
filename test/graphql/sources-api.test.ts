import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { PROFILE_SHOP, profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const SOURCES = '{ sources { name kind trust activeRecords deletedRecords lastSyncRun { id source status read } } }';

describeEachDialect('the sources query', (dialect) => {
  // The shop's second sync no longer holds s3: one deleted record.
  const synced = useSyncedServer(dialect, () => {
    const shop = PROFILE_SHOP.split('\n').filter((line) => !line.startsWith('s3,')).join('\n');
    return [profileFixtureConfig(), profileFixtureConfig({ shop })];
  });

  it('lists each source with its kind, record counts and last sync run', async () => {
    const response = await postGraphql(synced.server.url, SOURCES, {}, await synced.server.bearer('steward'));
    expect(response.errors).toBeUndefined();
    expect(response.data.sources).toEqual([
      { name: 'crm', kind: 'csv', trust: 2, activeRecords: 3, deletedRecords: 0, lastSyncRun: expect.objectContaining({ source: 'crm', status: 'succeeded', read: 3 }) },
      { name: 'shop', kind: 'csv', trust: 1, activeRecords: 2, deletedRecords: 1, lastSyncRun: expect.objectContaining({ source: 'shop', status: 'succeeded', read: 2 }) },
    ]);
  });

  it('lists only the sources of a source-scoped caller', async () => {
    const response = await postGraphql(synced.server.url, '{ sources { name } }', {}, await synced.server.bearer('steward', { sources: ['shop'] }));
    expect(response.data.sources).toEqual([{ name: 'shop' }]);
  });

  it('is for stewards and admins', async () => {
    const response = await postGraphql(synced.server.url, '{ sources { name } }', {}, await synced.server.bearer('analyst'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
