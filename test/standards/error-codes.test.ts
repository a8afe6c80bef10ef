import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { silentLogger } from '../../src/logging';
import { createErrorFormatter } from '../../src/server/graphql-responses';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';

const WITH_SOURCE_RECORDS = '{ customers(first: 3) { edges { node { id sourceRecords { source externalId } } } } }';

describeEachDialect('error codes', (dialect) => {
  const demo = useDemoServer(dialect);
  let steward: Record<string, string>;

  beforeAll(async () => {
    steward = await demo.server.bearer('steward');
  });

  const cases: [string, () => Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>, string][] = [
    ['a page size over the maximum', () => postGraphql(demo.server.url, '{ customers(first: 5000) { totalCount } }', {}, steward), 'BAD_USER_INPUT'],
    ['a variable of the wrong type', () => postGraphql(demo.server.url, 'query($n: Int) { customers(first: $n) { totalCount } }', { n: 'many' }, steward), 'BAD_USER_INPUT'],
    ['a cursor the API did not issue', () => postGraphql(demo.server.url, '{ customers(after: "bogus") { totalCount } }', {}, steward), 'BAD_USER_INPUT'],
    ['a field the role may not read', async () => postGraphql(demo.server.url, WITH_SOURCE_RECORDS, {}, await demo.server.bearer('support')), 'FORBIDDEN'],
    ['no credentials', () => postGraphql(demo.server.url, '{ customers { totalCount } }'), 'UNAUTHENTICATED'],
    ['a forged token', () => postGraphql(demo.server.url, '{ customers { totalCount } }', {}, { authorization: 'Bearer not.a.token' }), 'UNAUTHENTICATED'],
    ['a field the schema lacks', () => postGraphql(demo.server.url, '{ nothingHere }', {}, steward), 'GRAPHQL_VALIDATION_FAILED'],
    ['a document that does not parse', () => postGraphql(demo.server.url, '{ customers(', {}, steward), 'GRAPHQL_PARSE_FAILED'],
  ];
  for (const [what, send, code] of cases) {
    it(`answers ${what} with extensions.code ${code}`, async () => {
      const response = await send();
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(response.errors!.map((e) => e.extensions?.code)).toContain(code);
      expect(response.errors!.every((e) => typeof e.extensions?.code === 'string')).toBe(true);
    });
  }

  it('answers a body that is not JSON with a GraphQL error coded BAD_REQUEST', async () => {
    const response = await fetch(demo.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...steward }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  describe('a database failure', () => {
    // The last tests of the file: they break the database on purpose.
    let development: TestServer;
    beforeAll(async () => {
      development = await startTestServer(demo.db, { development: true });
      await demo.db.knex.schema.dropTable('customer_links');
    });
    afterAll(async () => {
      await development?.close();
    });

    it('reaches the caller as INTERNAL_SERVER_ERROR with no SQL, table name or stack trace outside development mode', async () => {
      const response = await fetch(demo.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...steward }, body: JSON.stringify({ query: WITH_SOURCE_RECORDS }) });
      const text = await response.text();
      const body = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]).toMatchObject({ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(body.errors.every((e) => e.extensions.stacktrace === undefined)).toBe(true);
      expect(text).not.toMatch(/customer_links|select|SQLITE|ER_NO_SUCH_TABLE|\.ts:\d+/i);
    });

    it('shows the database message and stack trace in development mode', async () => {
      const response = await postGraphql(development.url, WITH_SOURCE_RECORDS, {}, steward);
      const error = response.errors![0]!;
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toMatch(/customer_links/);
      expect(error.extensions?.stacktrace).toBeDefined();
    });
  });
});

describe('error formatter', () => {
  it('passes an AppError meant for the caller (NOT_FOUND) through with its own code and message', () => {
    const format = createErrorFormatter(silentLogger(), false);
    const formatted = format({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new AppError('NOT_FOUND', 'no source "crm"'));
    expect(formatted).toMatchObject({ message: 'no source "crm"', extensions: { code: 'NOT_FOUND' } });
  });
});
