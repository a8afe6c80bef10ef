import { beforeAll, expect, it } from 'vitest';
import { CustomerByIdDocument, CustomersPageDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';

describeEachDialect('customers over GraphQL', (dialect) => {
  const demo = useDemoServer(dialect);
  let auth: Record<string, string>;

  beforeAll(async () => {
    auth = await demo.server.bearer('steward');
  });

  it('answers the quick-start query with demo customers merged from several sources', async () => {
    const response = await postGraphql(demo.server.url, CustomersPageDocument, { first: 5 }, auth);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const edges = response.data!.customers.edges;
    expect(edges).toHaveLength(5);
    const sourcesPerCustomer = edges.map((edge) => new Set((edge.node.sourceRecords ?? []).map((r) => r.source)).size);
    expect(Math.max(...sourcesPerCustomer)).toBeGreaterThanOrEqual(2);
  });

  it('walks every customer exactly once by following endCursor', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let total = 0;
    for (;;) {
      const page = await postGraphql(demo.server.url, CustomersPageDocument, { first: 50, after }, auth);
      const connection = page.data!.customers;
      total = connection.totalCount;
      seen.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
  });

  it('merges records that share an email once normalized (case and spaces)', async () => {
    const page = await postGraphql(demo.server.url, CustomersPageDocument, { first: 100 }, auth);
    const merged = page.data!.customers.edges.find((edge) => (edge.node.sourceRecords ?? []).some((r) => r.source === 'shop' && /^\s|[A-Z]/.test(String(r.raw['E-Mail'] ?? ''))));
    expect(merged).toBeDefined();
    expect(merged!.node.sourceRecords!.length).toBeGreaterThanOrEqual(2);
    expect(merged!.node.emails!.every((email) => email.address === email.address?.toLowerCase().trim())).toBe(true);
    expect(merged!.node.emails![0]).toMatchObject({ primary: true });
    expect(merged!.node.emails![0]!.sources.length).toBeGreaterThanOrEqual(2);
  });

  it('returns one customer by id with its source records', async () => {
    const page = await postGraphql(demo.server.url, CustomersPageDocument, { first: 1 }, auth);
    const id = page.data!.customers.edges[0]!.node.id;
    const response = await postGraphql(demo.server.url, CustomerByIdDocument, { id }, auth);
    expect(response.data!.customer).toMatchObject({ id });
    expect(response.data!.customer!.sourceRecords!.length).toBeGreaterThan(0);
  });

  it('returns null for an unknown id', async () => {
    const response = await postGraphql(demo.server.url, CustomerByIdDocument, { id: 'no-such-customer' }, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data!.customer).toBeNull();
  });

  it('refuses a page size over the maximum with BAD_USER_INPUT', async () => {
    const response = await postGraphql(demo.server.url, CustomersPageDocument, { first: 1000 }, auth);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor it did not issue with BAD_USER_INPUT', async () => {
    const response = await postGraphql(demo.server.url, CustomersPageDocument, { first: 5, after: 'not-a-cursor' }, auth);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('after');
  });

  it('serves GraphiQL to a browser from local assets', async () => {
    const page = await fetch(demo.server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.every((src) => src.startsWith('/graphiql/'))).toBe(true);
    for (const src of scripts) {
      const asset = await fetch(new URL(src, demo.server.url));
      expect(asset.status, src).toBe(200);
    }
  });

  it('reports health when the database answers', async () => {
    const response = await fetch(demo.server.url.replace('/graphql', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: dialect });
  });
});
