import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const STATS = `query($groupBy: [CustomerStatsDimension!], $filter: CustomerFilter) {
  customerStats(groupBy: $groupBy, filter: $filter) { country source signupMonth customers lifetimeValueSum }
}`;

describeEachDialect('customer statistics for BI', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let analyst: Record<string, string>;

  beforeAll(async () => {
    analyst = await synced.server.bearer('analyst');
  });

  const stats = async (variables: Record<string, unknown>, headers = analyst) => {
    const response = await postGraphql(synced.server.url, STATS, variables, headers);
    expect(response.errors).toBeUndefined();
    return response.data.customerStats as Record<string, unknown>[];
  };
  const group = (fields: Record<string, unknown>) => ({ country: null, source: null, signupMonth: null, ...fields });

  it('gives one exact total without grouping', async () => {
    expect(await stats({})).toEqual([group({ customers: 5, lifetimeValueSum: '359.8' })]);
  });

  it('groups by country, customers without one in a null group', async () => {
    expect(await stats({ groupBy: ['COUNTRY'] })).toEqual([
      group({ country: 'CN', customers: 1, lifetimeValueSum: '250' }),
      group({ country: 'DE', customers: 1, lifetimeValueSum: '0.3' }),
      group({ country: 'US', customers: 1, lifetimeValueSum: '10' }),
      group({ country: null, customers: 2, lifetimeValueSum: '99.5' }),
    ]);
  });

  it('groups by source, counting a customer in each of its sources once', async () => {
    expect(await stats({ groupBy: ['SOURCE'] })).toEqual([
      group({ source: 'crm', customers: 3, lifetimeValueSum: '260.3' }),
      group({ source: 'shop', customers: 3, lifetimeValueSum: '99.8' }),
    ]);
  });

  it('groups by signup month within a filter', async () => {
    expect(await stats({ groupBy: ['SIGNUP_MONTH'], filter: { source: ['crm'] } })).toEqual([
      group({ signupMonth: '2020-01', customers: 1, lifetimeValueSum: '0.3' }),
      group({ signupMonth: '2021-06', customers: 1, lifetimeValueSum: '250' }),
      group({ signupMonth: '2022-03', customers: 1, lifetimeValueSum: '10' }),
    ]);
  });

  it('combines dimensions', async () => {
    const rows = await stats({ groupBy: ['COUNTRY', 'SOURCE'], filter: { country: ['DE'] } });
    expect(rows).toEqual([group({ country: 'DE', source: 'crm', customers: 1, lifetimeValueSum: '0.3' }), group({ country: 'DE', source: 'shop', customers: 1, lifetimeValueSum: '0.3' })]);
  });

  it('stays within the caller’s scope', async () => {
    expect(await stats({ groupBy: ['COUNTRY'] }, await synced.server.bearer('analyst', { countries: ['CN'] }))).toEqual([group({ country: 'CN', customers: 1, lifetimeValueSum: '250' })]);
    expect(await stats({ groupBy: ['SOURCE'] }, await synced.server.bearer('analyst', { sources: ['shop'] }))).toEqual([group({ source: 'shop', customers: 3, lifetimeValueSum: '99.8' })]);
  });

  it('is not open to support', async () => {
    const response = await postGraphql(synced.server.url, STATS, {}, await synced.server.bearer('support'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
