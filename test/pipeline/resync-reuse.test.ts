import { expect, it } from 'vitest';
import { SourceConfigSchema, type SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { syncSource } from '../../src/pipeline/sync-source';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

function csvSource(content: string, input: Record<string, unknown> = {}): SourceConfig {
  const dir = writeFixtureDir({ 'a.csv': content });
  return SourceConfigSchema.parse({ name: 'crm', kind: 'csv', path: `${dir}/a.csv`, primaryKey: 'id', mapping: { first: 'givenName', email: 'email' }, ...input });
}

describeEachDialect('re-sync of stored records', (dialect) => {
  const test = useTestDatabase(dialect, ['quarantine', 'source_records', 'sync_runs', 'sources']);
  const logger = silentLogger();

  it('normalizes stored rows again when the source mapping changes, though their raw values did not', async () => {
    const content = 'id,first,email,country\n1,ann,ann@example.com,FR\n';
    await syncSource(test.db, csvSource(content), logger);
    const result = await syncSource(test.db, csvSource(content, { mapping: { first: 'givenName', email: 'email', country: 'country' } }), logger);
    expect(result.counts).toMatchObject({ read: 1, updated: 1, unchanged: 0 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.country).toBe('FR');
  });

  it('normalizes every row again under forward fill, where a row takes values from the one before', async () => {
    const mapping = { first: 'givenName', email: 'email', country: 'country' };
    const missing = { country: 'ffill' };
    await syncSource(test.db, csvSource('id,first,email,country\n1,Ann,ann@example.com,FR\n2,Bo,bo@example.com,\n', { mapping, missing }), logger);
    const result = await syncSource(test.db, csvSource('id,first,email,country\n1,Ann,ann@example.com,DE\n2,Bo,bo@example.com,\n', { mapping, missing }), logger);
    expect(result.counts).toMatchObject({ read: 2, updated: 2, unchanged: 0 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(record?.normalized.country).toBe('DE');
  });

  it('loads a record again that was marked deleted, even when its raw values are what was stored', async () => {
    const both = 'id,first,email\n1,Ann,ann@example.com\n2,Bo,bo@example.com\n';
    await syncSource(test.db, csvSource(both), logger);
    await syncSource(test.db, csvSource('id,first,email\n1,Ann,ann@example.com\n'), logger);
    const result = await syncSource(test.db, csvSource(both), logger);
    expect(result.counts).toMatchObject({ read: 2, updated: 1, unchanged: 1 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(record?.status).toBe('active');
  });
});
