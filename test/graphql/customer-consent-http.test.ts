import { beforeAll, expect, it } from 'vitest';
import { consentFixtureConfig } from '../support/consent-fixture';
import { describeEachDialect } from '../support/databases';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { useSyncedServer } from '../support/synced-server';

const CONSENT = 'consent { emailMarketing { granted source recordedAt } smsMarketing { granted source recordedAt } }';
const ROLES = ['admin', 'steward', 'support', 'analyst', 'service'] as const;

describeEachDialect('customer consent over GraphQL', (dialect) => {
  const synced = useSyncedServer(dialect, () => consentFixtureConfig());
  let idOf: Map<string, string>;

  beforeAll(async () => {
    const all = await allCustomers(synced.server.url, 'id email', await synced.server.bearer('admin'));
    idOf = new Map(all.map((customer) => [customer.email as string, customer.id as string]));
  });

  const emailsOf = async (role: string, filter: Record<string, unknown>, scope?: { countries?: string[] }): Promise<{ emails: string[]; totalCount: number }> => {
    const response = await postGraphql(synced.server.url, 'query($f: CustomerFilter) { customers(first: 100, filter: $f) { totalCount edges { node { id } } } }', { f: filter }, await synced.server.bearer(role, scope));
    expect(response.errors, JSON.stringify(filter)).toBeUndefined();
    const emailOf = new Map([...idOf].map(([email, id]) => [id, email]));
    return { emails: response.data!.customers.edges.map((e: { node: { id: string } }) => emailOf.get(e.node.id)).sort(), totalCount: response.data!.customers.totalCount };
  };

  for (const role of ROLES) {
    it(`lets ${role} read each channel's consent with its source and time`, async () => {
      const response = await postGraphql(synced.server.url, `query($id: ID!) { customer(id: $id) { ${CONSENT} } }`, { id: idOf.get('ann@example.com') }, await synced.server.bearer(role));
      expect(response.errors).toBeUndefined();
      expect(response.data!.customer.consent).toEqual({
        emailMarketing: { granted: false, source: 'shop', recordedAt: '2025-01-01T00:00:00.000Z' },
        smsMarketing: { granted: true, source: 'crm', recordedAt: '2024-01-10T00:00:00.000Z' },
      });
    });
  }

  it('answers null for a channel no source speaks about', async () => {
    const response = await postGraphql(synced.server.url, `query($id: ID!) { customer(id: $id) { ${CONSENT} } }`, { id: idOf.get('dee@example.com') }, await synced.server.bearer('service'));
    expect(response.data!.customer.consent).toEqual({ emailMarketing: { granted: true, source: 'shop', recordedAt: '2023-01-01T00:00:00.000Z' }, smsMarketing: null });
  });

  it('filters customers to those who granted email marketing, for a marketing export', async () => {
    expect(await emailsOf('analyst', { emailMarketingConsent: true })).toEqual({ emails: ['bo@example.com', 'cy@example.com', 'dee@example.com'], totalCount: 3 });
  });

  it('filters customers to those without an email marketing grant: withdrawn, refused or never stated', async () => {
    expect(await emailsOf('analyst', { emailMarketingConsent: false })).toEqual({ emails: ['ann@example.com', 'eve@example.com'], totalCount: 2 });
  });

  it('filters on SMS consent and combines with the other filters and the row scope', async () => {
    expect(await emailsOf('steward', { smsMarketingConsent: true })).toEqual({ emails: ['ann@example.com'], totalCount: 1 });
    expect(await emailsOf('steward', { emailMarketingConsent: true, country: ['CN'] })).toEqual({ emails: ['cy@example.com'], totalCount: 1 });
    expect(await emailsOf('analyst', { emailMarketingConsent: true }, { countries: ['CN'] })).toEqual({ emails: ['cy@example.com'], totalCount: 1 });
  });

  it('counts consenting customers in customerStats with the same filter', async () => {
    const response = await postGraphql(synced.server.url, '{ customerStats(filter: { emailMarketingConsent: true }) { customers } }', {}, await synced.server.bearer('analyst'));
    expect(response.errors).toBeUndefined();
    expect(response.data!.customerStats).toEqual([{ customers: 3 }]);
  });
});
