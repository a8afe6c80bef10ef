import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import type { ProjectConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { ingestPushedRecords } from '../../src/pipeline/ingest-push';
import { runSync } from '../../src/pipeline/run-sync';
import { CustomerChangeRepository } from '../../src/store/customer-change-repository';
import { fieldProtection } from '../../src/store/field-protection';
import { createRepositories } from '../../src/store/repositories';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';

const ERASE = 'mutation($id: ID!, $reason: String!) { eraseCustomer(id: $id, reason: $reason) { customerId customers sourceRecords quarantine auditEntriesRedacted suppressions } }';

/** The person to forget, in two sources and in one rejected row; and three others who stay. */
const CRM = `id,first,last,email,phone,country
c1,Zebulon,Quaxworthy,zebulon.quaxworthy@example.org,+49 151 23456789,DE
c2,Ann,Lee,ann.lee@example.com,,US
c3,Bo,Kim,bo.kim@example.com,,US
c4,Zebulon,Quaxworthy,zebulon.quaxworthy@example.org,12,DE
`;
const SHOP = `key,given,family,mail,mobile
s1,Zebulon,Quaxworthy,ZEBULON.QUAXWORTHY@example.org,0151 23456789
s2,Cy,Doe,cy.doe@example.com,
`;
/** Everything that identifies the person, as stored (normalized) and as the sources wrote it. */
const TRACES = ['zebulon', 'quaxworthy', '15123456789', '23456789'];

function projectConfig(dir: string): ProjectConfig {
  return parseProjectConfig(
    {
      sources: [
        { name: 'crm', kind: 'csv', path: 'crm.csv', primaryKey: 'id', mapping: { first: 'givenName', last: 'familyName', email: 'email', phone: 'phone', country: 'country' }, defaults: { country: 'DE' } },
        { name: 'shop', kind: 'csv', path: 'shop.csv', primaryKey: 'key', mapping: { given: 'givenName', family: 'familyName', mail: 'email', mobile: 'phone' }, defaults: { country: 'DE' } },
      ],
    },
    dir,
  );
}

/** Every row of every table, as lowercase text. */
async function dumpAllTables(test: TestDatabase): Promise<Record<string, string>> {
  const knex = test.db.knex;
  const tables: string[] =
    test.db.dialect === 'mysql'
      ? (await knex.raw('select table_name as name from information_schema.tables where table_schema = database()'))[0].map((r: { name: string }) => r.name)
      : (await knex.raw("select name from sqlite_master where type = 'table'")).map((r: { name: string }) => r.name);
  const dump: Record<string, string> = {};
  for (const table of tables) dump[table] = JSON.stringify(await knex(table).select('*')).toLowerCase();
  return dump;
}

function expectNoTraces(text: string, where: string): void {
  for (const trace of TRACES) expect(text.includes(trace), `${trace} in ${where}`).toBe(false);
}

describeEachDialect('erasing a customer', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let config: ProjectConfig;
  let admin: Record<string, string>;
  let erasedId: string;
  let othersBefore: string[];

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    config = projectConfig(writeFixtureDir({ 'crm.csv': CRM, 'shop.csv': SHOP }));
    await runSync(test.db, config, silentLogger());
    server = await startTestServer(test.db);
    admin = await server.bearer('admin');
    const customers = await allCustomers(server.url, 'id emails { address } givenName', admin);
    erasedId = customers.find((c) => c.emails.some((e: { address: string }) => e.address === 'zebulon.quaxworthy@example.org'))!.id;
    othersBefore = customers.filter((c) => c.id !== erasedId).map((c) => c.id).sort();
    // A steward's override holds personal data too.
    await createRepositories(test.db.knex).steward.setOverride(erasedId, 'familyName', 'Quaxworthy-Smith', 'steward-token');
    // Reads that the audit log records, so there is something to redact.
    await postGraphql(server.url, 'query($id: ID!) { customer(id: $id) { email phone } }', { id: erasedId }, await server.bearer('support'));
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  it('holds the person before erasure, findable by email, phone and name', async () => {
    for (const filter of [{ email: 'zebulon.quaxworthy@example.org' }, { phone: '+4915123456789' }, { namePrefix: 'quax' }]) {
      const response = await postGraphql(server.url, 'query($filter: CustomerFilter) { customers(filter: $filter) { edges { node { id familyName } } } }', { filter }, admin);
      expect(response.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id), JSON.stringify(filter)).toEqual([erasedId]);
    }
    expect((await createRepositories(test.db.knex).steward.overrides()).get(erasedId)).toEqual({ familyName: 'Quaxworthy-Smith' });
  });

  it('stores none of the person’s email, phone or name in plaintext, before erasure too', async () => {
    for (const [table, text] of Object.entries(await dumpAllTables(test))) expectNoTraces(text, table);
  });

  it('stores none of them in the database file bytes, before erasure too', async () => {
    if (dialect !== 'sqlite') return;
    await test.db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    expectNoTraces(fs.readFileSync(test.target.location).toString('latin1').toLowerCase(), test.target.location);
  });

  it('refuses erasure to every role but admin', async () => {
    for (const role of ['steward', 'support', 'analyst', 'service']) {
      const response = await postGraphql(server.url, ERASE, { id: erasedId, reason: 'ticket 42' }, await server.bearer(role));
      expect(response.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
  });

  it('refuses an admin scoped to another country', async () => {
    const response = await postGraphql(server.url, ERASE, { id: erasedId, reason: 'ticket 42' }, await server.bearer('admin', { countries: ['US'] }));
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('erases the customer, its records and quarantine rows, and says what it removed', async () => {
    const response = await postGraphql(server.url, ERASE, { id: erasedId, reason: 'ticket 42' }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data!.eraseCustomer).toMatchObject({ customerId: erasedId, customers: 1, sourceRecords: 2 });
    expect(response.data!.eraseCustomer.quarantine).toBeGreaterThanOrEqual(1);
    expect(response.data!.eraseCustomer.suppressions).toBeGreaterThanOrEqual(4);
    const again = await postGraphql(server.url, 'query($id: ID!) { customer(id: $id) { id } }', { id: erasedId }, admin);
    expect(again.data!.customer).toBeNull();
  });

  it('tells change feed consumers that the customer was deleted', async () => {
    const changes = await new CustomerChangeRepository(test.db.knex).listAfter(0, 10_000);
    expect(changes.filter((c) => c.customerId === erasedId).at(-1)).toMatchObject({ kind: 'deleted' });
  });

  it('leaves none of the person’s email, phone or name in any table', async () => {
    for (const [table, text] of Object.entries(await dumpAllTables(test))) expectNoTraces(text, table);
  });

  it('leaves no digest of the person’s names, and the name prefixes of the others', async () => {
    const { index } = fieldProtection();
    const names = async (): Promise<string[]> => (await test.db.knex('name_prefixes').distinct('name')).map((row: { name: string }) => row.name);
    for (const name of ['zebulon', 'quaxworthy']) {
      expect(await names(), name).not.toContain(index.namePrefix('name', name));
      expect(await test.db.knex('customer_terms').where({ digest: index.namePrefix('name', name) }).first(), name).toBeUndefined();
    }
    for (const name of ['ann', 'lee', 'bo', 'kim']) expect(await names(), name).toContain(index.namePrefix('name', name));
    const response = await postGraphql(server.url, 'query { customers(filter: { namePrefix: "le" }) { edges { node { familyName } } } }', {}, admin);
    expect(response.data!.customers.edges.map((e: { node: { familyName: string } }) => e.node.familyName)).toEqual(['Lee']);
  });

  it('leaves none of them in the database file bytes', async () => {
    if (dialect !== 'sqlite') return;
    for (const file of [test.target.location, `${test.target.location}-wal`]) {
      if (fs.existsSync(file)) expectNoTraces(fs.readFileSync(file).toString('latin1').toLowerCase(), file);
    }
  });

  it('keeps the audit trail of the erasure and redacts the details of entries about the person', async () => {
    const entries = await createRepositories(test.db.knex).auditLog.list({ customerId: erasedId }, 100);
    const erasure = entries.find((e) => e.action === 'eraseCustomer')!;
    expect(erasure).toMatchObject({ role: 'admin', details: { reason: 'ticket 42', customerId: erasedId } });
    const reads = entries.filter((e) => e.action === 'read');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => JSON.stringify(e.details) === JSON.stringify({ redacted: 'erasure' }))).toBe(true);
  });

  it('keeps the person out when the sources are synced again, counting their rows as suppressed', async () => {
    const { runs } = await runSync(test.db, config, silentLogger());
    for (const run of runs) {
      const c = run.counts;
      expect(c.read, run.source).toBe(c.inserted + c.updated + c.unchanged + c.quarantined + c.duplicates);
    }
    const customers = await allCustomers(server.url, 'id email', admin);
    expect(customers.map((c) => c.id).sort()).toEqual(othersBefore);
    const suppressed = await createRepositories(test.db.knex).quarantine.list({ reasonCode: 'SUPPRESSED', limit: 100 });
    expect(suppressed.map((q) => q.source).sort()).toEqual(['crm', 'crm', 'shop']);
    expect(suppressed.every((q) => q.raw === null && q.externalId === null)).toBe(true);
    for (const [table, text] of Object.entries(await dumpAllTables(test))) expectNoTraces(text, table);
  });

  it('keeps the person out of pushed records too', async () => {
    const push = parseProjectConfig({ sources: [{ name: 'app', kind: 'push', primaryKey: 'userId', mapping: { email: 'email' } }] }, '.').sources[0]!;
    const result = await ingestPushedRecords(test.db, push as Parameters<typeof ingestPushedRecords>[1], [{ userId: 'u1', email: 'Zebulon.Quaxworthy@example.org' }], silentLogger());
    expect(result.counts).toMatchObject({ read: 1, inserted: 0, quarantined: 1 });
  });
});
