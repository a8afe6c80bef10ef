import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';
import { countStatements } from '../support/statement-counter';

interface RecordKeys {
  source: string;
  externalId: string;
  createdAt?: string;
  raw?: Record<string, unknown>;
}

describeEachDialect('source record payloads over GraphQL', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let steward: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await runSync(test.db, loadProjectConfig(demoConfigPath()), silentLogger());
    server = await startTestServer(test.db);
    steward = await server.bearer('steward');
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  /** The records of the first customers, and the statement that read them. */
  async function recordsRead(query: string): Promise<{ records: RecordKeys[][]; statement: string }> {
    const counter = countStatements(test.db.knex);
    counter.start();
    const response = await postGraphql(server.url, query, {}, steward);
    const statements = counter.stop();
    expect(response.errors).toBeUndefined();
    const statement = statements.filter((sql) => /from [`"]source_records[`"]/.test(sql));
    expect(statement).toHaveLength(1);
    const records = response.data.customers.edges.map((edge: { node: { sourceRecords: RecordKeys[] } }) => edge.node.sourceRecords);
    return { records, statement: statement[0]! };
  }

  it('reads source records without their payload columns when the selection asks only for keys and times', async () => {
    const { records, statement } = await recordsRead('{ customers(first: 10) { edges { node { id sourceRecords { source externalId createdAt } } } } }');
    expect(statement).not.toMatch(/raw|normalized|corrections/);
    expect(records.flat().length).toBeGreaterThan(10);
    expect(records.flat().every((record) => record.source && record.externalId && !Number.isNaN(Date.parse(record.createdAt!)))).toBe(true);
  });

  it('reads the payload when raw is selected, also through a fragment, with the same records', async () => {
    const keysOnly = await recordsRead('{ customers(first: 10) { edges { node { sourceRecords { source externalId } } } } }');
    const withRaw = await recordsRead('{ customers(first: 10) { edges { node { sourceRecords { source externalId ...Payload } } } } } fragment Payload on SourceRecord { raw }');
    expect(withRaw.statement).toMatch(/raw/);
    expect(withRaw.records.flat().every((record) => typeof record.raw === 'object' && Object.keys(record.raw!).length > 0)).toBe(true);
    expect(withRaw.records.map((list) => list.map(({ source, externalId }) => ({ source, externalId })))).toEqual(keysOnly.records);
  });
});
