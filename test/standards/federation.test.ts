import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';
import { countStatements } from '../support/statement-counter';

/** A second subgraph, as another team would write it: orders attached to our Customer entity. */
const ORDERS_SUBGRAPH = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Customer @key(fields: "id") {
    id: ID!
    orders: [Order!]!
  }

  type Order {
    id: ID!
    total: String!
  }

  type Query {
    order(id: ID!): Order
  }
`);

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Customer { id givenName country } }
}`;

describeEachDialect('Federation 2 subgraph', (dialect) => {
  const demo = useDemoServer(dialect);
  let steward: Record<string, string>;
  let customers: { id: string; givenName: string; country: string | null }[];

  beforeAll(async () => {
    steward = await demo.server.bearer('steward');
    const page = await postGraphql(demo.server.url, '{ customers(first: 100) { edges { node { id givenName country } } } }', {}, steward);
    customers = page.data.customers.edges.map((edge: { node: { id: string; givenName: string; country: string | null } }) => edge.node);
  });

  const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'Customer', id }));

  it('publishes its SDL through _service with @link and Customer @key(fields: "id")', async () => {
    const response = await postGraphql(demo.server.url, '{ _service { sdl } }', {}, steward);
    const sdl: string = response.data._service.sdl;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toMatch(/type Customer\s+@key\(fields: "id"\)/);
  });

  it('composes with a second subgraph that adds orders to Customer, without composition errors', async () => {
    const response = await postGraphql(demo.server.url, '{ _service { sdl } }', {}, steward);
    const result = composeServices([
      { name: 'customers', url: demo.server.url, typeDefs: parse(response.data._service.sdl) },
      { name: 'orders', url: 'http://orders.invalid/graphql', typeDefs: ORDERS_SUBGRAPH },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toMatch(/orders: \[Order!\]! @join__field\(graph: ORDERS\)/);
  });

  it('resolves Customer representations through _entities, in order, null for an unknown id', async () => {
    const ids = [customers[2]!.id, 'no-such-customer', customers[0]!.id];
    const response = await postGraphql(demo.server.url, ENTITIES, { representations: representations(ids) }, steward);
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([customers[2], null, customers[0]]);
  });

  it('resolves many representations with one SQL statement', async () => {
    const ids = customers.slice(0, 40).map((c) => c.id);
    const counter = countStatements(demo.db.knex);
    counter.start();
    const response = await postGraphql(demo.server.url, ENTITIES, { representations: representations(ids) }, steward);
    const statements = counter.stop();
    expect(response.data._entities).toHaveLength(40);
    // Besides the read, the request writes its one audit entry (steward read personal fields).
    expect(statements.filter((sql) => !/audit_log/.test(sql))).toHaveLength(1);
  });

  it('applies the field rules to customers reached through _entities (analyst sees masks, support is refused birthDate)', async () => {
    const [customer] = customers;
    const analyst = await postGraphql(demo.server.url, ENTITIES, { representations: representations([customer!.id]) }, await demo.server.bearer('analyst'));
    expect(analyst.data._entities[0].givenName).toBe(`${customer!.givenName[0]}.`);
    const support = await postGraphql(
      demo.server.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id birthDate } } }',
      { r: representations([customer!.id]) },
      await demo.server.bearer('support'),
    );
    expect(support.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(support.errors?.[0]?.path).toEqual(['_entities', 0, 'birthDate']);
  });

  it('applies the row scope: a country-scoped caller gets null for an out-of-scope customer', async () => {
    const inScope = customers.find((c) => c.country !== null)!;
    const outOfScope = customers.find((c) => c.country !== null && c.country !== inScope.country)!;
    const scoped = await demo.server.bearer('support', { countries: [inScope.country!] });
    const response = await postGraphql(demo.server.url, ENTITIES, { representations: representations([inScope.id, outOfScope.id]) }, scoped);
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toEqual([inScope, null]);
  });

  it('answers UNAUTHENTICATED to _entities without credentials', async () => {
    const response = await postGraphql(demo.server.url, ENTITIES, { representations: representations([customers[0]!.id]) });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
