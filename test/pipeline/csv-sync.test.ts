import path from 'node:path';
import { expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import type { SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { syncSource } from '../../src/pipeline/sync-source';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

const HEADER = 'id,first,last,email,dob';

function csvSource(dir: string, file: string, overrides: Record<string, unknown> = {}): SourceConfig {
  const config = parseProjectConfig(
    {
      sources: [
        {
          name: 'crm',
          kind: 'csv',
          path: file,
          primaryKey: 'id',
          mapping: { first: 'givenName', last: 'familyName', email: 'email', dob: 'birthDate' },
          defaults: { dateFormats: ['yyyy-MM-dd', 'dd.MM.yyyy'] },
          ...overrides,
        },
      ],
    },
    dir,
  );
  return config.sources[0] as SourceConfig;
}

describeEachDialect('CSV sync', (dialect) => {
  const test = useTestDatabase(dialect, ['quarantine', 'source_records', 'sync_runs', 'sources']);
  const logger = silentLogger();

  it('loads every row as a source record with raw and normalized values', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee, ANN@Example.COM ,1990-02-03\n2,Bo,Kim,bo@example.com,05.01.1985\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.status).toBe('succeeded');
    expect(result.counts).toMatchObject({ read: 2, inserted: 2, updated: 0, unchanged: 0, quarantined: 0 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.raw).toEqual({ id: '1', first: 'Ann', last: 'Lee', email: ' ANN@Example.COM ', dob: '1990-02-03' });
    expect(record?.normalized).toMatchObject({ givenName: 'Ann', emails: ['ann@example.com'], birthDate: '1990-02-03' });
    const other = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(other?.normalized.birthDate).toBe('1985-01-05');
  });

  it('writes nothing when the same file is synced again', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,1990-02-03\n` });
    await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    const before = await test.db.knex('source_records').select('id', 'updated_at', 'content_hash');
    const again = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(again.counts).toMatchObject({ read: 1, inserted: 0, updated: 0, unchanged: 1 });
    expect(await test.db.knex('source_records').select('id', 'updated_at', 'content_hash')).toEqual(before);
  });

  it('updates a record whose content changed upstream', async () => {
    const first = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,1990-02-03\n` });
    await syncSource(test.db, csvSource(first, 'a.csv'), logger);
    const second = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Anne,Lee,ann@example.com,1990-02-03\n` });
    const result = await syncSource(test.db, csvSource(second, 'a.csv'), logger);
    expect(result.counts).toMatchObject({ read: 1, updated: 1, inserted: 0 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.givenName).toBe('Anne');
  });

  it('quarantines a row whose primary key is empty, naming file, line and column', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,1990-02-03\n,Bo,Kim,bo@example.com,1985-01-05\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.counts).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
    const [entry] = await createRepositories(test.db.knex).quarantine.list({ source: 'crm' });
    expect(entry).toMatchObject({ reasonCode: 'MISSING_REQUIRED', location: 'a.csv:3', field: 'id' });
    expect(entry?.message).toContain('a.csv:3, column "id"');
    expect(entry?.raw).toContain('bo@example.com');
  });

  it('quarantines a row with a required field missing', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,,1990-02-03\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv', { required: ['email'] }), logger);
    expect(result.counts).toMatchObject({ read: 1, quarantined: 1 });
    const [entry] = await createRepositories(test.db.knex).quarantine.list();
    expect(entry).toMatchObject({ reasonCode: 'MISSING_REQUIRED', field: 'email', location: 'a.csv:2' });
  });

  it('quarantines a row with the wrong number of columns as malformed', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,1990-02-03\n2,Bo\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.counts).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
    const [entry] = await createRepositories(test.db.knex).quarantine.list();
    expect(entry).toMatchObject({ reasonCode: 'MALFORMED_ROW', location: 'a.csv:3', raw: '2,Bo' });
  });

  it('quarantines a date that cannot be read', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,sometime in 1990\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.counts.quarantined).toBe(1);
    const [entry] = await createRepositories(test.db.knex).quarantine.list();
    expect(entry).toMatchObject({ reasonCode: 'BAD_DATE', field: 'dob', location: 'a.csv:2' });
  });

  it('quarantines an ambiguous day/month date rather than guessing', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,03/02/1990\n` });
    await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    const [entry] = await createRepositories(test.db.knex).quarantine.list();
    expect(entry).toMatchObject({ reasonCode: 'AMBIGUOUS_DATE', field: 'dob' });
  });

  it('reads an ambiguous date day-first when the source says so', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,03/02/1990\n` });
    await syncSource(test.db, csvSource(dir, 'a.csv', { defaults: { dateFormats: ['yyyy-MM-dd'], dayFirst: true } }), logger);
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.birthDate).toBe('1990-02-03');
  });

  it('corrects a common email domain typo and records the correction', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@gmial.com,1990-02-03\n` });
    await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.emails).toEqual(['ann@gmail.com']);
    expect(record?.corrections).toEqual([expect.objectContaining({ field: 'email', raw: 'ann@gmial.com', value: 'ann@gmail.com', reason: 'EMAIL_DOMAIN_TYPO' })]);
  });

  it('fills an empty field with its configured default and records it', async () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,first,email,country\n1,Ann,ann@example.com,\n' });
    const source = csvSource(dir, 'a.csv', { mapping: { first: 'givenName', email: 'email', country: 'country' }, missing: { country: { default: 'DE' } } });
    await syncSource(test.db, source, logger);
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.country).toBe('DE');
    expect(record?.corrections).toContainEqual(expect.objectContaining({ reason: 'DEFAULT_APPLIED', value: 'DE' }));
  });

  it('forward-fills a field from the previous record only when asked to', async () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,first,email,country\n1,Ann,ann@example.com,FR\n2,Bo,bo@example.com,\n' });
    const source = csvSource(dir, 'a.csv', { mapping: { first: 'givenName', email: 'email', country: 'country' }, missing: { country: 'ffill' } });
    await syncSource(test.db, source, logger);
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(record?.normalized.country).toBe('FR');
    expect(record?.corrections).toContainEqual(expect.objectContaining({ reason: 'FORWARD_FILLED', value: 'FR' }));
  });

  it('leaves an empty field empty by default', async () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,first,email,country\n1,Ann,ann@example.com,FR\n2,Bo,bo@example.com,\n' });
    const source = csvSource(dir, 'a.csv', { mapping: { first: 'givenName', email: 'email', country: 'country' } });
    await syncSource(test.db, source, logger);
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(record?.normalized.country).toBeUndefined();
  });

  it('collapses the same record appearing twice in one export and counts it', async () => {
    const row = '1,Ann,Lee,ann@example.com,1990-02-03';
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n${row}\n${row}\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.counts).toMatchObject({ read: 2, inserted: 1, duplicates: 1, quarantined: 0 });
  });

  it('fails the run with a message naming a file that does not exist', async () => {
    const dir = writeFixtureDir({});
    const result = await syncSource(test.db, csvSource(dir, 'missing.csv'), logger);
    expect(result.status).toBe('failed');
    expect(result.error).toContain(`source "crm" at ${path.join(dir, 'missing.csv')}`);
    expect(result.error).toContain('does not exist');
    const [run] = await createRepositories(test.db.knex).syncRuns.listRecent(1);
    expect(run).toMatchObject({ status: 'failed', error: result.error });
  });

  it('fails the run naming the file, line 1 and the column a header lacks', async () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,first,last,dob\n1,Ann,Lee,1990-02-03\n' });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    expect(result.status).toBe('failed');
    expect(result.error).toBe('source "crm" at a.csv:1, field "email": header has no column "email"');
  });

  it('records reconciled counts on the sync run', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,Lee,ann@example.com,1990-02-03\n,x,y,z@example.com,1990-01-01\n3,Cy\n` });
    const result = await syncSource(test.db, csvSource(dir, 'a.csv'), logger);
    const run = await createRepositories(test.db.knex).syncRuns.get(result.syncRunId);
    expect(run).toMatchObject({ status: 'succeeded', read: 3, inserted: 1, quarantined: 2 });
    const c = run!;
    expect(c.read).toBe(c.inserted + c.updated + c.unchanged + c.quarantined + c.duplicates);
  });
});
