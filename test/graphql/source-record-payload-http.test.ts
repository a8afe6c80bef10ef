import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';
import { countStatements } from '../support/statement-counter';

interface RecordKeys {
  source: string;
  externalId: string;
  createdAt?: string;
  raw?: Record<string, unknown>;
}

describeEachDialect('source record payloads over GraphQL', (dialect) => {
  const demo = useDemoServer(dialect);
  let steward: Record<string, string>;

  beforeAll(async () => {
    steward = await demo.server.bearer('steward');
  });

  /** The records of the first customers, and the statement that read them. */
  async function recordsRead(query: string): Promise<{ records: RecordKeys[][]; statement: string }> {
    const counter = countStatements(demo.db.knex);
    counter.start();
    const response = await postGraphql(demo.server.url, query, {}, steward);
    const statements = counter.stop();
    expect(response.errors).toBeUndefined();
    const statement = statements.filter((sql) => /from [`"]source_records[`"]/.test(sql));
    expect(statement).toHaveLength(1);
    const records = response.data.customers.edges.map((edge: { node: { sourceRecords: RecordKeys[] } }) => edge.node.sourceRecords);
    return { records, statement: statement[0]! };
  }

  it('reads source records without their payload columns when the selection asks only for keys and times', async () => {
    const { records, statement } = await recordsRead('{ customers(first: 10) { edges { node { id sourceRecords { source externalId createdAt } } } } }');
    expect(statement).not.toMatch(/payload/);
    expect(records.flat().length).toBeGreaterThan(10);
    expect(records.flat().every((record) => record.source && record.externalId && !Number.isNaN(Date.parse(record.createdAt!)))).toBe(true);
  });

  it('reads the payload when raw is selected, also through a fragment, with the same records', async () => {
    const keysOnly = await recordsRead('{ customers(first: 10) { edges { node { sourceRecords { source externalId } } } } }');
    const withRaw = await recordsRead('{ customers(first: 10) { edges { node { sourceRecords { source externalId ...Payload } } } } } fragment Payload on SourceRecord { raw }');
    expect(withRaw.statement).toMatch(/payload/);
    expect(withRaw.records.flat().every((record) => typeof record.raw === 'object' && Object.keys(record.raw!).length > 0)).toBe(true);
    expect(withRaw.records.map((list) => list.map(({ source, externalId }) => ({ source, externalId })))).toEqual(keysOnly.records);
  });
});
