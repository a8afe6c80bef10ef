import { beforeAll, expect, it } from 'vitest';
import { nowDbTime } from '../../src/store/dialect';
import { describeEachDialect } from '../support/databases';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const LIST = `query($filter: CustomerFilter, $orderBy: CustomerOrder, $first: Int, $after: String, $last: Int, $before: String) {
  customers(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id email familyName country lifetimeValue } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describeEachDialect('listing customers: filters, order and cursors', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let steward: Record<string, string>;

  beforeAll(async () => {
    steward = await synced.server.bearer('steward');
  });

  const list = async (variables: Record<string, unknown>, headers = steward) => postGraphql(synced.server.url, LIST, variables, headers);
  const emailsOf = (response: { data?: any }): string[] => response.data.customers.edges.map((e: { node: { email: string } }) => e.node.email);

  it('filters by country and counts the same set', async () => {
    const response = await list({ filter: { country: ['de', 'US'] } });
    expect(response.errors).toBeUndefined();
    expect(emailsOf(response).sort()).toEqual(['ann.lee@example.com', 'bo.kim@example.com']);
    expect(response.data.customers.totalCount).toBe(2);
  });

  it('filters by source, lifetime value range and having an email', async () => {
    expect(emailsOf(await list({ filter: { source: ['crm'] } })).sort()).toEqual(['ann.lee@example.com', 'bo.kim@example.com', 'zhang.wei@example.cn']);
    expect(emailsOf(await list({ filter: { lifetimeValue: { min: '10', max: '100' } } })).sort()).toEqual(['bo.kim@example.com', 'dee.ray@example.com']);
    expect((await list({ filter: { hasEmail: false } })).data.customers.totalCount).toBe(0);
  });

  it('normalizes an exact email or phone before matching it', async () => {
    expect(emailsOf(await list({ filter: { email: '  Ann.LEE@Example.com ' } }))).toEqual(['ann.lee@example.com']);
    expect(emailsOf(await list({ filter: { phone: '+86 138-0013-8000' } }))).toEqual(['zhang.wei@example.cn']);
    expect((await list({ filter: { phone: '12' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by name prefix in any case, and by creation time', async () => {
    expect(emailsOf(await list({ filter: { namePrefix: 'LE' } }))).toEqual(['ann.lee@example.com']);
    expect(emailsOf(await list({ filter: { namePrefix: '张' } }))).toEqual(['zhang.wei@example.cn']);
    expect((await list({ filter: { createdAt: { from: '2000-01-01T00:00:00Z' } } })).data.customers.totalCount).toBe(5);
    expect((await list({ filter: { createdAt: { to: '2000-01-01T00:00:00Z' } } })).data.customers.totalCount).toBe(0);
  });

  it('sorts by lifetime value as a number, largest first, id breaking ties', async () => {
    const values = (await list({ orderBy: { field: 'LIFETIME_VALUE', direction: 'DESC' } })).data.customers.edges.map((e: any) => e.node.lifetimeValue);
    expect(values).toEqual(['250', '99.5', '10', '0.3', null]);
  });

  it('offers no ordering by family name, which is stored encrypted', async () => {
    const response = await list({ orderBy: { field: 'FAMILY_NAME' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds a name prefix longer than the indexed 32 characters by its first 32', async () => {
    expect(emailsOf(await list({ filter: { namePrefix: 'Lee'.padEnd(40, 'x') } }))).toEqual([]);
    expect(emailsOf(await list({ filter: { namePrefix: 'l' } }))).toContain('ann.lee@example.com');
  });

  it('pages backward with last/before over the same sequence as forward', async () => {
    const orderBy = { field: 'UPDATED_AT', direction: 'DESC' };
    const forward = (await list({ orderBy, first: 5 })).data.customers.edges.map((e: any) => e.node.id);
    const lastTwo = await list({ orderBy, last: 2 });
    expect(lastTwo.data.customers.edges.map((e: any) => e.node.id)).toEqual(forward.slice(3));
    expect(lastTwo.data.customers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await list({ orderBy, last: 3, before: lastTwo.data.customers.pageInfo.startCursor });
    expect(before.data.customers.edges.map((e: any) => e.node.id)).toEqual(forward.slice(0, 3));
  });

  it('refuses a page over the maximum size naming the limit, and first with last', async () => {
    const big = await list({ first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toContain('100');
    expect((await list({ last: 500 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await list({ first: 2, last: 2 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor from another ordering', async () => {
    const page = await list({ first: 2 });
    const response = await list({ first: 2, after: page.data.customers.pageInfo.endCursor, orderBy: { field: 'CREATED_AT' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('applies the row scope to pages, counts and filters alike', async () => {
    const scoped = await synced.server.bearer('support', { countries: ['CN'] });
    const all = await list({ first: 100 }, scoped);
    expect(emailsOf(all)).toEqual(['zhang.wei@example.cn']);
    expect(all.data.customers.totalCount).toBe(1);
    expect((await list({ filter: { email: 'ann.lee@example.com' } }, scoped)).data.customers.totalCount).toBe(0);
  });

  it('finds a customer by source key, within scope', async () => {
    const query = 'query($s: String!, $k: String!) { customerBySourceKey(source: $s, externalId: $k) { email } }';
    expect((await postGraphql(synced.server.url, query, { s: 'shop', k: 's1' }, steward)).data.customerBySourceKey).toEqual({ email: 'ann.lee@example.com' });
    expect((await postGraphql(synced.server.url, query, { s: 'shop', k: 'nope' }, steward)).data.customerBySourceKey).toBeNull();
    const crmOnly = await synced.server.bearer('support', { sources: ['crm'] });
    expect((await postGraphql(synced.server.url, query, { s: 'shop', k: 's2' }, crmOnly)).data.customerBySourceKey).toBeNull();
  });

  it('follows a merged id to the surviving customer', async () => {
    const [survivor] = await allCustomers(synced.server.url, 'id', steward);
    await synced.db.knex('customers').insert({ id: 'retired-listing-test', merged_into: survivor!.id, created_at: nowDbTime(), updated_at: nowDbTime() });
    const response = await postGraphql(synced.server.url, 'query($id: ID!) { customer(id: $id) { id } }', { id: 'retired-listing-test' }, steward);
    expect(response.data.customer).toEqual({ id: survivor!.id });
  });
});
