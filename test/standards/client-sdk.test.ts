import { expect, it } from 'vitest';
import { createCustomerGraphClient, CustomerDetailDocument, CustomerListDocument, GraphQLRequestError } from '../../sdk/client';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';

describeEachDialect('client SDK', (dialect) => {
  const demo = useDemoServer(dialect);

  it('pages through customers and opens one with the generated documents over fetch', async () => {
    const client = createCustomerGraphClient({ url: demo.server.url, headers: await demo.server.bearer('steward') });
    const list = await client.request(CustomerListDocument, { first: 3 });
    expect(list.customers.edges).toHaveLength(3);
    const next = await client.request(CustomerListDocument, { first: 3, after: list.customers.pageInfo.endCursor });
    expect(next.customers.edges[0]!.node.id).not.toBe(list.customers.edges[0]!.node.id);
    const detail = await client.request(CustomerDetailDocument, { id: list.customers.edges[0]!.node.id });
    expect(detail.customer?.sourceRecords?.length).toBeGreaterThan(0);
  });

  it('throws GraphQLRequestError carrying the error codes and the partial data', async () => {
    const client = createCustomerGraphClient({ url: demo.server.url, headers: async () => demo.server.bearer('support') });
    const list = await client.request(CustomerListDocument, { first: 1 });
    const error = await client.request(CustomerDetailDocument, { id: list.customers.edges[0]!.node.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).codes).toContain('FORBIDDEN');
    expect((error as GraphQLRequestError<{ customer: { id: string } }>).data?.customer.id).toBe(list.customers.edges[0]!.node.id);
  });
});
