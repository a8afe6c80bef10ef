import { expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import { describeEachDialect } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';
import { postGraphql } from '../support/graphql-client';
import { useSyncedServer } from '../support/synced-server';

describeEachDialect('sync runs and quarantine over GraphQL', (dialect) => {
  // The same source synced twice: two runs, the second finding its records unchanged.
  const synced = useSyncedServer(dialect, () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,email\n1,ann@example.com\n2,nope\n3,\n4,also-bad\n' });
    const config = parseProjectConfig({ sources: [{ name: 'crm', kind: 'csv', path: 'a.csv', primaryKey: 'id', required: ['email'], mapping: { email: 'email' } }] }, dir);
    return [config, config];
  });

  it('lists sync runs newest first with reconciled counts', async () => {
    const response = await postGraphql(synced.server.url, '{ syncRuns(first: 1) { totalCount edges { node { id source status read inserted unchanged quarantined } } pageInfo { hasNextPage endCursor } } }', {}, await synced.server.bearer('steward'));
    const { totalCount, edges, pageInfo } = response.data.syncRuns;
    expect(totalCount).toBe(2);
    expect(edges[0].node).toMatchObject({ source: 'crm', status: 'succeeded', read: 4, inserted: 0, unchanged: 1, quarantined: 3 });
    const next = await postGraphql(synced.server.url, 'query($after: String) { syncRuns(first: 1, after: $after) { edges { node { inserted } } pageInfo { hasNextPage } } }', { after: pageInfo.endCursor }, await synced.server.bearer('steward'));
    expect(next.data.syncRuns.edges[0].node.inserted).toBe(1);
    expect(next.data.syncRuns.pageInfo.hasNextPage).toBe(false);
  });

  it('lists the open quarantine once however often the source synced, filtered by reason', async () => {
    const all = await postGraphql(synced.server.url, '{ quarantine { totalCount edges { node { location reasonCode field message } } } }', {}, await synced.server.bearer('admin'));
    expect(all.data.quarantine.totalCount).toBe(3);
    const invalid = await postGraphql(synced.server.url, '{ quarantine(reasonCode: "INVALID_EMAIL") { edges { node { location field } } } }', {}, await synced.server.bearer('admin'));
    expect(invalid.data.quarantine.edges.map((e: { node: { location: string } }) => e.node.location)).toEqual(['a.csv:3', 'a.csv:5']);
  });

  it('forbids the quarantine to roles that are not stewards', async () => {
    const response = await postGraphql(synced.server.url, '{ quarantine { totalCount } }', {}, await synced.server.bearer('analyst'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
