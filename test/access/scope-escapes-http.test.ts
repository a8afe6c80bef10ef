import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { encodeCursor } from '../../src/graphql/cursor';
import { nowDbTime } from '../../src/store/dialect';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A caller scoped to country=CN must not reach a customer of another country by any query path:
 * not by id, not by paging or counting, not through federation, not by a retired id, not through
 * quarantined raw rows.
 */
describeEachDialect('row scope escapes', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let scoped: Record<string, string>;
  let inScope: { id: string; country: string }[];
  let foreign: { id: string; country: string | null }[];

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await runSync(test.db, loadProjectConfig(demoConfigPath()), silentLogger());
    server = await startTestServer(test.db);
    scoped = await server.bearer('steward', { countries: ['CN'] });
    const everyone = await allCustomers(server.url, 'id country', await server.bearer('admin'));
    inScope = everyone.filter((c) => c.country === 'CN') as { id: string; country: string }[];
    foreign = everyone.filter((c) => c.country !== 'CN') as { id: string; country: string | null }[];
    expect(inScope.length).toBeGreaterThan(0);
    expect(foreign.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  it('customer(id) answers null for every out-of-scope id', async () => {
    for (const { id } of foreign) {
      const response = await postGraphql(server.url, 'query($id: ID!) { customer(id: $id) { id country } }', { id }, scoped);
      expect(response.data!.customer, id).toBeNull();
    }
  });

  it('customer(id) answers null for a retired id merged into an out-of-scope customer', async () => {
    const target = foreign[0]!;
    const now = nowDbTime();
    await test.db.knex('customers').insert({ id: 'retired-into-foreign', merged_into: target.id, emails: '[]', phones: '[]', country: 'CN', created_at: now, updated_at: now });
    const response = await postGraphql(server.url, '{ customer(id: "retired-into-foreign") { id } }', {}, scoped);
    expect(response.data!.customer).toBeNull();
  });

  it('customers pages and totalCount hold in-scope customers only', async () => {
    const seen = await allCustomers(server.url, 'id country', scoped);
    expect(seen.map((c) => c.id).sort()).toEqual(inScope.map((c) => c.id).sort());
    const page = await postGraphql(server.url, '{ customers(first: 1) { totalCount } }', {}, scoped);
    expect(page.data!.customers.totalCount).toBe(inScope.length);
  });

  it('a cursor forged from an out-of-scope id reveals nothing beyond the scope', async () => {
    for (const { id } of foreign.slice(0, 5)) {
      const response = await postGraphql(server.url, 'query($after: String) { customers(first: 100, after: $after) { edges { node { id country } } } }', { after: encodeCursor({ id }) }, scoped);
      expect(response.data!.customers.edges.every((e: { node: { country: string } }) => e.node.country === 'CN')).toBe(true);
    }
  });

  it('_entities answers null for out-of-scope representations', async () => {
    const representations = foreign.slice(0, 20).map(({ id }) => ({ __typename: 'Customer', id }));
    const response = await postGraphql(server.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }', { r: representations }, scoped);
    expect(response.data!._entities).toEqual(representations.map(() => null));
  });

  it('quarantine shows a country-scoped caller no rows, since a rejected row has no known country', async () => {
    const admin = await postGraphql(server.url, '{ quarantine(first: 100) { totalCount } }', {}, await server.bearer('admin'));
    expect(admin.data!.quarantine.totalCount).toBeGreaterThan(0);
    const response = await postGraphql(server.url, '{ quarantine(first: 100) { totalCount edges { node { raw } } } }', {}, scoped);
    expect(response.data!.quarantine).toEqual({ totalCount: 0, edges: [] });
  });

  it('quarantine shows a source-scoped caller rows of its sources only', async () => {
    const headers = await server.bearer('steward', { sources: ['crm'] });
    const response = await postGraphql(server.url, '{ quarantine(first: 100) { totalCount edges { node { source } } } }', {}, headers);
    const sources = new Set(response.data!.quarantine.edges.map((e: { node: { source: string } }) => e.node.source));
    expect([...sources].every((s) => s === 'crm')).toBe(true);
    expect(response.data!.quarantine.totalCount).toBe(response.data!.quarantine.edges.length);
  });
});
