import { getIntrospectionQuery } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS } from '../../src/graphql/limits';
import { MAX_PAGE_SIZE } from '../../src/graphql/paging';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';
import { startTestServer } from '../support/server';

const PAGE = (first: string) => `customers(first: ${first}) { edges { node { id givenName emails { address } sourceRecords { source externalId } } } }`;

describeEachDialect('query limits', (dialect) => {
  const demo = useDemoServer(dialect);
  let auth: Record<string, string>;

  beforeAll(async () => {
    auth = await demo.server.bearer('steward');
  });

  it(`refuses a query nested deeper than ${DEFAULT_QUERY_LIMITS.maxDepth} levels, saying the limit and the depth found`, async () => {
    // The operation itself is one level: `depth` nested fields make depth + 1.
    const depth = DEFAULT_QUERY_LIMITS.maxDepth + 2;
    const query = `{ ${'customers { '.repeat(depth)}id${' }'.repeat(depth)} }`;
    const response = await postGraphql(demo.server.url, query, {}, auth);
    const error = response.errors?.find((e) => e.extensions?.limit === 'depth');
    expect(error?.message).toMatch(new RegExp(`depth limit of ${DEFAULT_QUERY_LIMITS.maxDepth} exceeded, found ${depth + 1}\\.`));
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.data ?? null).toBeNull();
  });

  it(`refuses more than ${DEFAULT_QUERY_LIMITS.maxAliases} aliases, saying how many were found`, async () => {
    const count = DEFAULT_QUERY_LIMITS.maxAliases + 1;
    const query = `{ ${Array.from({ length: count }, (_, i) => `c${i}: customers(first: 1) { totalCount }`).join(' ')} }`;
    const response = await postGraphql(demo.server.url, query, {}, auth);
    const error = response.errors?.find((e) => e.extensions?.limit === 'aliases');
    expect(error?.message).toContain(`Aliases limit of ${DEFAULT_QUERY_LIMITS.maxAliases} exceeded, found ${count}`);
    expect(response.data ?? null).toBeNull();
  });

  it('counts cost with first multiplying the nested selection: the same query passes with a small page and is refused with a large one', async () => {
    const limited = await startTestServer(demo.db, { limits: { maxCost: 500 } });
    try {
      const query = `query($n: Int) { ${PAGE('$n')} }`;
      const small = await postGraphql(limited.url, query, { n: 10 }, auth);
      expect(small.errors).toBeUndefined();
      const large = await postGraphql(limited.url, query, { n: 100 }, auth);
      const error = large.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 'cost', maximum: 500 });
      const actual = error?.extensions?.actual as number;
      expect(actual).toBeGreaterThan(500);
      expect(error?.message).toBe(`Query cost limit of 500 exceeded, found ${actual} (${actual - 500} over); ask for smaller pages or fewer nested fields.`);
      expect(large.data ?? null).toBeNull();
    } finally {
      await limited.close();
    }
  });

  it('counts the cost again for each request whose variables change it, and reuses it when they cannot', async () => {
    const limited = await startTestServer(demo.db, { limits: { maxCost: 500 } });
    try {
      const paged = `query($n: Int) { ${PAGE('$n')} }`;
      expect((await postGraphql(limited.url, paged, { n: 10 }, auth)).errors).toBeUndefined();
      expect((await postGraphql(limited.url, paged, { n: 100 }, auth)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      const skipped = `query($skip: Boolean!) { small: customers(first: 5) { totalCount } big: ${PAGE('100').replace(') {', ') @skip(if: $skip) {')} }`;
      expect((await postGraphql(limited.url, skipped, { skip: true }, auth)).errors).toBeUndefined();
      expect((await postGraphql(limited.url, skipped, { skip: false }, auth)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      const fixed = `{ ${PAGE('100')} }`;
      for (let i = 0; i < 2; i += 1) expect((await postGraphql(limited.url, fixed, {}, auth)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    } finally {
      await limited.close();
    }
  });

  it('counts _entities cost per representation', async () => {
    const limited = await startTestServer(demo.db, { limits: { maxCost: 100 } });
    try {
      const representations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Customer', id: `c${i}` }));
      const response = await postGraphql(limited.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id givenName familyName } } }', { r: representations }, auth);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 'cost' });
    } finally {
      await limited.close();
    }
  });

  it(`accepts the largest page (first: ${MAX_PAGE_SIZE}) with nested source records within the default cost limit`, async () => {
    const response = await postGraphql(demo.server.url, `{ ${PAGE(String(MAX_PAGE_SIZE))} }`, {}, auth);
    expect(response.errors).toBeUndefined();
  });

  it(`refuses first over ${MAX_PAGE_SIZE} with BAD_USER_INPUT naming the argument`, async () => {
    const response = await postGraphql(demo.server.url, `{ customers(first: ${MAX_PAGE_SIZE + 1}) { totalCount } }`, {}, auth);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(response.errors?.[0]?.message).toContain(`between 1 and ${MAX_PAGE_SIZE}, got ${MAX_PAGE_SIZE + 1}`);
  });

  it(`refuses a document of more than ${DEFAULT_QUERY_LIMITS.maxTokens} tokens before validating it`, async () => {
    const query = `{ ${'__typename '.repeat(DEFAULT_QUERY_LIMITS.maxTokens)} }`;
    const response = await postGraphql(demo.server.url, query, {}, auth);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens' });
    // graphql's own wording ("more that"), with the limit.
    expect(response.errors?.[0]?.message).toMatch(new RegExp(`Document contains more th(?:at|an) ${DEFAULT_QUERY_LIMITS.maxTokens} tokens`));
  });

  it('refuses batched requests (an array of operations) with BAD_REQUEST', async () => {
    const response = await fetch(demo.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('lets GraphiQL introspect the schema within the limits', async () => {
    const response = await postGraphql(demo.server.url, getIntrospectionQuery(), {}, auth);
    expect(response.errors).toBeUndefined();
    expect(response.data.__schema.queryType.name).toBe('Query');
  });
});
