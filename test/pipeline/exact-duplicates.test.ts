import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { SourceConfigSchema, type SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { syncSource } from '../../src/pipeline/sync-source';
import { createRepositories } from '../../src/store/repositories';
import { sendJson, TestApi } from '../connectors/test-api';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

const MAPPING = { first: 'givenName', last: 'familyName', email: 'email' };
const ANN = { id: '1', first: 'Ann', last: 'Lee', email: 'ann@example.com' };
/** The same person under the same key, written differently but identical once normalized. */
const ANN_RESPELLED = { id: '1', first: 'ANN', last: 'lee', email: ' Ann@Example.com ' };

function source(input: Record<string, unknown>): SourceConfig {
  return SourceConfigSchema.parse({ name: 'crm', primaryKey: 'id', mapping: MAPPING, ...input });
}

describeEachDialect('exact duplicates inside one run', (dialect) => {
  let test: TestDatabase;
  let api: TestApi;
  const logger = silentLogger();

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api?.close();
    await test?.drop();
  });
  beforeEach(async () => {
    for (const table of ['quarantine', 'source_records', 'sync_runs', 'sources']) await test.db.knex(table).delete();
  });

  const expectCollapsed = async (config: SourceConfig): Promise<void> => {
    const result = await syncSource(test.db, config, logger);
    expect(result.error).toBeUndefined();
    expect(result.counts).toMatchObject({ read: 3, inserted: 2, duplicates: 1, quarantined: 0 });
    const run = await createRepositories(test.db.knex).syncRuns.get(result.syncRunId);
    expect(run?.duplicates).toBe(1);
  };
  const rows = [ANN, { id: '2', first: 'Bo', last: 'Kim', email: 'bo@example.com' }, ANN_RESPELLED];

  it('collapses a CSV row repeated under its key, however it is written, once normalized', async () => {
    const csv = ['id,first,last,email', ...rows.map((r) => `${r.id},${r.first},${r.last},${r.email}`)].join('\n');
    const dir = writeFixtureDir({ 'a.csv': `${csv}\n` });
    await expectCollapsed(source({ kind: 'csv', path: `${dir}/a.csv` }));
  });

  it('collapses a repeated NDJSON line', async () => {
    const dir = writeFixtureDir({ 'a.ndjson': `${rows.map((r) => JSON.stringify(r)).join('\n')}\n` });
    await expectCollapsed(source({ kind: 'ndjson', path: `${dir}/a.ndjson` }));
  });

  it('collapses a repeated element of a JSON array', async () => {
    const dir = writeFixtureDir({ 'a.json': JSON.stringify({ data: rows }) });
    await expectCollapsed(source({ kind: 'json', path: `${dir}/a.json`, recordsPath: 'data' }));
  });

  it('collapses a customer a SQL table holds twice (paged by its own row id)', async () => {
    await test.db.knex.schema.dropTableIfExists('crm_export');
    await test.db.knex.schema.createTable('crm_export', (t) => {
      t.increments('row_id');
      t.integer('id');
      t.string('first');
      t.string('last');
      t.string('email');
    });
    await test.db.knex('crm_export').insert(rows);
    await expectCollapsed(source({ kind: 'sql', url: test.url, table: 'crm_export', keyColumn: 'row_id' }));
  });

  it('collapses a record a REST API returns twice', async () => {
    api.handle((_request, response) => sendJson(response, rows));
    await expectCollapsed(source({ kind: 'rest', url: `${api.url}/customers` }));
  });

  it('quarantines a key repeated with different content instead of picking one', async () => {
    const dir = writeFixtureDir({ 'a.ndjson': `${JSON.stringify(ANN)}\n${JSON.stringify({ ...ANN, first: 'Anne' })}\n` });
    const result = await syncSource(test.db, source({ kind: 'ndjson', path: `${dir}/a.ndjson` }), logger);
    expect(result.counts).toMatchObject({ read: 2, inserted: 1, duplicates: 0, quarantined: 1 });
    const [entry] = await createRepositories(test.db.knex).quarantine.list({ source: 'crm' });
    expect(entry).toMatchObject({ reasonCode: 'DUPLICATE_KEY', externalId: '1' });
  });

  it('keeps records under different keys apart, even when their content is the same (resolution links them)', async () => {
    const dir = writeFixtureDir({ 'a.ndjson': `${JSON.stringify(ANN)}\n${JSON.stringify({ ...ANN, id: '7' })}\n` });
    const result = await syncSource(test.db, source({ kind: 'ndjson', path: `${dir}/a.ndjson` }), logger);
    expect(result.counts).toMatchObject({ read: 2, inserted: 2, duplicates: 0 });
  });
});
