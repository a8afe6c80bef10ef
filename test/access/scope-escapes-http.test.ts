import { beforeAll, expect, it } from 'vitest';
import { nowDbTime } from '../../src/store/dialect';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { allCustomers, postGraphql } from '../support/graphql-client';

/**
 * A caller scoped to country=CN must not reach a customer of another country by any query path:
 * not by id, not by paging or counting, not through federation, not by a retired id, not through
 * quarantined raw rows.
 */
describeEachDialect('row scope escapes', (dialect) => {
  const demo = useDemoServer(dialect);
  let scoped: Record<string, string>;
  let inScope: { id: string; country: string }[];
  let foreign: { id: string; country: string | null }[];

  beforeAll(async () => {
    scoped = await demo.server.bearer('steward', { countries: ['CN'] });
    const everyone = await allCustomers(demo.server.url, 'id country', await demo.server.bearer('admin'));
    inScope = everyone.filter((c) => c.country === 'CN') as { id: string; country: string }[];
    foreign = everyone.filter((c) => c.country !== 'CN') as { id: string; country: string | null }[];
    expect(inScope.length).toBeGreaterThan(0);
    expect(foreign.length).toBeGreaterThan(0);
  });

  it('customer(id) answers null for every out-of-scope id', async () => {
    for (const { id } of foreign) {
      const response = await postGraphql(demo.server.url, 'query($id: ID!) { customer(id: $id) { id country } }', { id }, scoped);
      expect(response.data!.customer, id).toBeNull();
    }
  });

  it('customer(id) answers null for a retired id merged into an out-of-scope customer', async () => {
    const target = foreign[0]!;
    const now = nowDbTime();
    await demo.db.knex('customers').insert({ id: 'retired-into-foreign', merged_into: target.id, country: 'CN', created_at: now, updated_at: now });
    const response = await postGraphql(demo.server.url, '{ customer(id: "retired-into-foreign") { id } }', {}, scoped);
    expect(response.data!.customer).toBeNull();
  });

  it('customers pages and totalCount hold in-scope customers only', async () => {
    const seen = await allCustomers(demo.server.url, 'id country', scoped);
    expect(seen.map((c) => c.id).sort()).toEqual(inScope.map((c) => c.id).sort());
    const page = await postGraphql(demo.server.url, '{ customers(first: 1) { totalCount } }', {}, scoped);
    expect(page.data!.customers.totalCount).toBe(inScope.length);
  });

  it('a cursor taken from an out-of-scope customer reveals nothing beyond the scope', async () => {
    const page = await postGraphql(demo.server.url, '{ customers(first: 100) { edges { cursor node { country } } } }', {}, await demo.server.bearer('admin'));
    const cursors = page.data!.customers.edges.filter((e: { node: { country: string } }) => e.node.country !== 'CN').map((e: { cursor: string }) => e.cursor);
    expect(cursors.length).toBeGreaterThan(0);
    for (const after of cursors.slice(0, 5)) {
      const response = await postGraphql(demo.server.url, 'query($after: String) { customers(first: 100, after: $after) { edges { node { id country } } } }', { after }, scoped);
      expect(response.errors).toBeUndefined();
      expect(response.data!.customers.edges.every((e: { node: { country: string } }) => e.node.country === 'CN')).toBe(true);
    }
  });

  it('customerBySourceKey answers null for the records of out-of-scope customers', async () => {
    const admin = await allCustomers(demo.server.url, 'id country sourceRecords { source externalId }', await demo.server.bearer('admin'));
    const keys = admin.filter((c) => c.country !== 'CN').flatMap((c) => c.sourceRecords).slice(0, 20);
    expect(keys.length).toBeGreaterThan(0);
    for (const { source, externalId } of keys) {
      const response = await postGraphql(demo.server.url, 'query($s: String!, $e: String!) { customerBySourceKey(source: $s, externalId: $e) { id } }', { s: source, e: externalId }, scoped);
      expect(response.data!.customerBySourceKey, `${source}/${externalId}`).toBeNull();
    }
  });

  it('customers filters (country, exact email, exact phone, name prefix) cannot widen the scope', async () => {
    const admin = await allCustomers(demo.server.url, 'id country email phone familyName', await demo.server.bearer('admin'));
    const outside = admin.filter((c) => c.country !== 'CN');
    const probes: Record<string, unknown>[] = [{ country: ['US', 'DE', 'GB', 'FR', 'JP'] }];
    for (const c of outside.slice(0, 5)) {
      if (c.email) probes.push({ email: c.email });
      if (c.phone) probes.push({ phone: c.phone });
      if (c.familyName) probes.push({ namePrefix: c.familyName.slice(0, 2) });
    }
    for (const filter of probes) {
      const response = await postGraphql(demo.server.url, 'query($f: CustomerFilter) { customers(first: 100, filter: $f) { totalCount edges { node { id country } } } }', { f: filter }, scoped);
      expect(response.errors, JSON.stringify(filter)).toBeUndefined();
      const nodes = response.data!.customers.edges.map((e: { node: { country: string } }) => e.node);
      expect(nodes.every((n: { country: string }) => n.country === 'CN'), JSON.stringify(filter)).toBe(true);
      expect(response.data!.customers.totalCount, JSON.stringify(filter)).toBe(nodes.length);
    }
  });

  it('searchCustomers finds no out-of-scope customer by email, phone or name', async () => {
    const admin = await allCustomers(demo.server.url, 'id country email phone familyName', await demo.server.bearer('admin'));
    const queries = admin
      .filter((c) => c.country !== 'CN')
      .slice(0, 8)
      .flatMap((c) => [c.email, c.phone, c.familyName].filter((q): q is string => typeof q === 'string' && q.length > 0));
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      const response = await postGraphql(demo.server.url, 'query($q: String!) { searchCustomers(query: $q, first: 50) { id country } }', { q: query }, scoped);
      expect(response.errors, query).toBeUndefined();
      expect(response.data!.searchCustomers.every((c: { country: string }) => c.country === 'CN'), query).toBe(true);
    }
  });

  it('customerStats counts in-scope customers only', async () => {
    const response = await postGraphql(demo.server.url, '{ customerStats(groupBy: [COUNTRY]) { country customers } }', {}, await demo.server.bearer('analyst', { countries: ['CN'] }));
    expect(response.errors).toBeUndefined();
    expect(response.data!.customerStats).toEqual([{ country: 'CN', customers: inScope.length }]);
    const total = await postGraphql(demo.server.url, '{ customerStats { customers } }', {}, await demo.server.bearer('analyst', { countries: ['CN'] }));
    expect(total.data!.customerStats).toEqual([{ customers: inScope.length }]);
  });

  it('customerChanges lists no change of an out-of-scope customer', async () => {
    const foreignIds = new Set(foreign.map((c) => c.id));
    const seen: { customerId: string; customer: { country: string } | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const response: Awaited<ReturnType<typeof postGraphql>> = await postGraphql(demo.server.url, 'query($after: String) { customerChanges(first: 100, after: $after) { edges { node { customerId customer { id country } } } pageInfo { hasNextPage endCursor } } }', { after }, await demo.server.bearer('analyst', { countries: ['CN'] }));
      expect(response.errors).toBeUndefined();
      seen.push(...response.data!.customerChanges.edges.map((e: { node: (typeof seen)[number] }) => e.node));
      if (!response.data!.customerChanges.pageInfo.hasNextPage) break;
      after = response.data!.customerChanges.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((c) => foreignIds.has(c.customerId))).toEqual([]);
    expect(seen.every((c) => c.customer === null || c.customer.country === 'CN')).toBe(true);
  });

  it('_entities answers null for out-of-scope representations', async () => {
    const representations = foreign.slice(0, 20).map(({ id }) => ({ __typename: 'Customer', id }));
    const response = await postGraphql(demo.server.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }', { r: representations }, scoped);
    expect(response.data!._entities).toEqual(representations.map(() => null));
  });

  it('quarantine shows a country-scoped caller no rows, since a rejected row has no known country', async () => {
    const admin = await postGraphql(demo.server.url, '{ quarantine(first: 100) { totalCount } }', {}, await demo.server.bearer('admin'));
    expect(admin.data!.quarantine.totalCount).toBeGreaterThan(0);
    const response = await postGraphql(demo.server.url, '{ quarantine(first: 100) { totalCount edges { node { raw } } } }', {}, scoped);
    expect(response.data!.quarantine).toEqual({ totalCount: 0, edges: [] });
  });

  it('quarantine shows a source-scoped caller rows of its sources only', async () => {
    const headers = await demo.server.bearer('steward', { sources: ['crm'] });
    const response = await postGraphql(demo.server.url, '{ quarantine(first: 100) { totalCount edges { node { source } } } }', {}, headers);
    const sources = new Set(response.data!.quarantine.edges.map((e: { node: { source: string } }) => e.node.source));
    expect([...sources].every((s) => s === 'crm')).toBe(true);
    expect(response.data!.quarantine.totalCount).toBe(response.data!.quarantine.edges.length);
  });
  it('syncRuns shows a country-scoped caller no runs, since a run counts the records of every country', async () => {
    const admin = await postGraphql(demo.server.url, '{ syncRuns(first: 100) { totalCount } }', {}, await demo.server.bearer('admin'));
    expect(admin.data!.syncRuns.totalCount).toBeGreaterThan(0);
    const response = await postGraphql(demo.server.url, '{ syncRuns(first: 100) { totalCount edges { node { source read } } } }', {}, scoped);
    expect(response.errors).toBeUndefined();
    expect(response.data!.syncRuns).toEqual({ totalCount: 0, edges: [] });
  });

  it('syncRuns shows a source-scoped caller the runs of its sources only, even when asked for another source', async () => {
    const headers = await demo.server.bearer('steward', { sources: ['crm'] });
    const response = await postGraphql(demo.server.url, '{ syncRuns(first: 100) { totalCount edges { node { source } } } }', {}, headers);
    expect(response.errors).toBeUndefined();
    const sources = response.data!.syncRuns.edges.map((e: { node: { source: string } }) => e.node.source);
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set(['crm']));
    expect(response.data!.syncRuns.totalCount).toBe(sources.length);
    const foreign = await postGraphql(demo.server.url, '{ syncRuns(source: "shop", first: 100) { totalCount edges { node { source } } } }', {}, headers);
    expect(foreign.data!.syncRuns).toEqual({ totalCount: 0, edges: [] });
  });

  it('dataQuality gives a country-scoped caller no figures and a source-scoped caller its sources only', async () => {
    const all = await postGraphql(demo.server.url, '{ dataQuality { source } }', {}, await demo.server.bearer('analyst'));
    expect(all.data!.dataQuality.length).toBeGreaterThan(1);
    const byCountry = await postGraphql(demo.server.url, '{ dataQuality { source activeRecords } }', {}, await demo.server.bearer('analyst', { countries: ['CN'] }));
    expect(byCountry.errors).toBeUndefined();
    expect(byCountry.data!.dataQuality).toEqual([]);
    const bySource = await postGraphql(demo.server.url, '{ dataQuality { source } }', {}, await demo.server.bearer('analyst', { sources: ['crm'] }));
    expect(bySource.data!.dataQuality).toEqual([{ source: 'crm' }]);
    const foreign = await postGraphql(demo.server.url, '{ dataQuality(source: "shop") { source } }', {}, await demo.server.bearer('analyst', { sources: ['crm'] }));
    expect(foreign.data!.dataQuality).toEqual([]);
  });

  it('sources lists nothing to a country-scoped caller and only its sources to a source-scoped one', async () => {
    const byCountry = await postGraphql(demo.server.url, '{ sources { name activeRecords lastSyncRun { id } } }', {}, scoped);
    expect(byCountry.errors).toBeUndefined();
    expect(byCountry.data!.sources).toEqual([]);
    const bySource = await postGraphql(demo.server.url, '{ sources { name lastSyncRun { source } } }', {}, await demo.server.bearer('steward', { sources: ['crm'] }));
    expect(bySource.data!.sources).toEqual([{ name: 'crm', lastSyncRun: { source: 'crm' } }]);
  });
});
