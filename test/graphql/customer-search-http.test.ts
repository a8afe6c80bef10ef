import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const SEARCH = 'query($q: String!, $first: Int) { searchCustomers(query: $q, first: $first) { email fullName } }';

describeEachDialect('searching customers', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let support: Record<string, string>;

  beforeAll(async () => {
    support = await synced.server.bearer('support');
  });

  const search = async (q: string, headers = support) => {
    const response = await postGraphql(synced.server.url, SEARCH, { q }, headers);
    expect(response.errors).toBeUndefined();
    return (response.data.searchCustomers as { email: string }[]).map((c) => c.email);
  };

  it('finds a customer by email written in any case', async () => {
    expect(await search(' ANN.Lee@example.COM ')).toEqual(['ann.lee@example.com']);
  });

  it('finds a customer by phone written in any format', async () => {
    expect(await search('+86 138-0013-8000')).toEqual(['zhang.wei@example.cn']);
  });

  it('finds customers by name prefixes, every word counting', async () => {
    expect(await search('ann')).toEqual(['ann.lee@example.com']);
    expect(await search('le an')).toEqual(['ann.lee@example.com']);
    expect(await search('bo lee')).toEqual([]);
  });

  it('finds Han names by their characters and by pinyin', async () => {
    expect(await search('张')).toEqual(['zhang.wei@example.cn']);
    expect(await search('zhang wei')).toEqual(['zhang.wei@example.cn']);
  });

  it('stays within the caller’s scope', async () => {
    expect(await search('ann', await synced.server.bearer('support', { countries: ['CN'] }))).toEqual([]);
  });

  it('refuses a one-character query and is not open to analysts', async () => {
    expect((await postGraphql(synced.server.url, SEARCH, { q: 'a' }, support)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await postGraphql(synced.server.url, SEARCH, { q: 'ann' }, await synced.server.bearer('analyst'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
