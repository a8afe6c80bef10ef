import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';

const INGEST = `mutation($source: String!, $records: [JSONObject!]!) {
  ingestRecords(source: $source, records: $records) {
    syncRunId read inserted updated unchanged quarantined duplicates
    records { index externalId status reasonCode message }
  }
}`;

const signUp = (id: string, email: string): Record<string, unknown> => ({ userId: id, email, profile: { firstName: 'Lin', lastName: 'Wu' } });

describeEachDialect('pushing records through ingestRecords', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let service: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    server = await startTestServer(test.db, { config: loadProjectConfig(demoConfigPath()) });
    service = await server.bearer('service');
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  it('loads good records, quarantines bad ones and says which per record', async () => {
    const records = [signUp('u1', 'Lin.Wu@Example.com'), signUp('u2', 'not-an-email'), signUp('u1', 'Lin.Wu@Example.com')];
    const response = await postGraphql(server.url, INGEST, { source: 'app', records }, service);
    expect(response.errors).toBeUndefined();
    const result = response.data.ingestRecords;
    expect(result).toMatchObject({ read: 3, inserted: 1, quarantined: 1, duplicates: 1 });
    expect(result.records).toEqual([
      { index: 0, externalId: 'u1', status: 'INSERTED', reasonCode: null, message: null },
      expect.objectContaining({ index: 1, externalId: 'u2', status: 'QUARANTINED', reasonCode: 'INVALID_EMAIL' }),
      expect.objectContaining({ index: 2, status: 'DUPLICATE' }),
    ]);
  });

  it('makes a pushed record a customer at once', async () => {
    const page = await postGraphql(server.url, '{ customers(first: 100) { edges { node { emails { address } sourceRecords { source externalId } } } } }', {}, await server.bearer('admin'));
    const pushed = page.data.customers.edges.find((e: { node: { sourceRecords: { source: string }[] } }) => e.node.sourceRecords.some((r) => r.source === 'app'));
    expect(pushed.node.emails).toEqual([{ address: 'lin.wu@example.com' }]);
  });

  it('writes nothing when the same record is pushed again', async () => {
    const response = await postGraphql(server.url, INGEST, { source: 'app', records: [signUp('u1', 'Lin.Wu@Example.com')] }, service);
    expect(response.data.ingestRecords).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(response.data.ingestRecords.records[0].status).toBe('UNCHANGED');
  });

  it('concurrent pushes give each new person one customer, and no customer without records', async () => {
    const people = ['Ada Kim', 'Bea Roy', 'Cai Fox', 'Dov Ash', 'Eve Orr', 'Fay Lum'];
    const responses = await Promise.all(
      people.map((name, i) => {
        const [firstName, lastName] = name.split(' ');
        const record = { userId: `c${i}`, email: `${firstName}.${lastName}@example.org`, profile: { firstName, lastName } };
        return postGraphql(server.url, INGEST, { source: 'app', records: [record] }, service);
      }),
    );
    for (const response of responses) expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const linked = await test.db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').where('r.source', 'app').whereIn('r.external_id', people.map((_, i) => `c${i}`)).distinct('l.customer_id');
    expect(linked).toHaveLength(people.length);
    const withoutRecords = await test.db.knex('customers as c').whereNull('c.merged_into').whereNull('c.deleted_at').whereNotExists(test.db.knex('customer_links as l').whereRaw('l.customer_id = c.id')).count({ n: '*' });
    expect(Number(withoutRecords[0]?.n)).toBe(0);
  });

  it('concurrent pushes of the same records store each once and all answer', async () => {
    const records = ['Gus Ney', 'Hal Ito', 'Ivy Poe'].map((name, i) => {
      const [firstName, lastName] = name.split(' ');
      return { userId: `s${i}`, email: `${firstName}.${lastName}@example.net`, profile: { firstName, lastName } };
    });
    const orders = [records, [...records].reverse(), [records[1], records[0], records[2]]];
    const responses = await Promise.all([...orders, ...orders].map((order) => postGraphql(server.url, INGEST, { source: 'app', records: order }, service)));
    for (const response of responses) expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    const inserted = responses.reduce((sum, response) => sum + Number(response.data.ingestRecords.inserted), 0);
    expect(inserted).toBe(3);
    const stored = await test.db.knex('source_records').where({ source: 'app' }).whereIn('external_id', ['s0', 's1', 's2']).count({ n: '*' });
    expect(Number(stored[0]?.n)).toBe(3);
  });

  it('refuses a source that is not a push source', async () => {
    const response = await postGraphql(server.url, INGEST, { source: 'crm', records: [signUp('u9', 'a@example.com')] }, service);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses more than 1000 records in one call', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => signUp(`b${i}`, `b${i}@example.com`));
    const response = await postGraphql(server.url, INGEST, { source: 'app', records }, service);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('forbids roles that may not ingest', async () => {
    const response = await postGraphql(server.url, INGEST, { source: 'app', records: [signUp('u5', 'x@example.com')] }, await server.bearer('analyst'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?.ingestRecords ?? null).toBeNull();
  });
});
