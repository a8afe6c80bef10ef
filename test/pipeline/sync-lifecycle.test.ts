import { expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import type { ProjectConfig, SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { retryQuarantine } from '../../src/pipeline/retry-quarantine';
import { syncSource } from '../../src/pipeline/sync-source';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

const HEADER = 'id,first,email,dob';

function config(dir: string, overrides: Record<string, unknown> = {}): ProjectConfig {
  return parseProjectConfig(
    {
      sources: [
        {
          name: 'crm',
          kind: 'csv',
          path: 'a.csv',
          primaryKey: 'id',
          mapping: { first: 'givenName', email: 'email', dob: 'birthDate' },
          defaults: { dateFormats: ['yyyy-MM-dd'] },
          ...overrides,
        },
      ],
    },
    dir,
  );
}
const sourceOf = (c: ProjectConfig): SourceConfig => c.sources[0] as SourceConfig;

describeEachDialect('sync lifecycle', (dialect) => {
  const test = useTestDatabase(dialect, ['quarantine', 'source_records', 'sync_runs', 'sources']);
  const logger = silentLogger();

  it('runs two syncs of one source started together one after the other, both succeeding', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},Ann,ann${i}@example.com,1990-01-01`).join('\n');
    const source = sourceOf(config(writeFixtureDir({ 'a.csv': `${HEADER}\n${rows}\n` })));
    const [first, second] = await Promise.all([syncSource(test.db, source, logger, { batchSize: 50 }), syncSource(test.db, source, logger, { batchSize: 50 })]);
    expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
    expect([first.counts, second.counts], JSON.stringify([first, second])).toMatchObject([{ inserted: 300 }, { unchanged: 300 }]);
    const runs = await test.db.knex('sync_runs').where({ source: 'crm' }).select('status');
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('marks records missing from a new snapshot as deleted, softly', async () => {
    const first = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-01-01\n2,Bo,bo@example.com,1990-01-01\n` });
    await syncSource(test.db, sourceOf(config(first)), logger);
    const second = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-01-01\n` });
    const result = await syncSource(test.db, sourceOf(config(second)), logger);
    expect(result.counts).toMatchObject({ read: 1, unchanged: 1, deleted: 1 });
    const gone = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '2');
    expect(gone?.status).toBe('deleted');
    expect(gone?.raw).toMatchObject({ first: 'Bo' });
  });

  it.each([
    ['with the stored states read up front', undefined],
    ['with the stored states looked up per batch', 0],
  ])('finds the records missing from a snapshot on every page of a large source, %s', async (_, maxHeldStates) => {
    const rows = (keep: (i: number) => boolean): string => {
      let csv = `${HEADER}\n`;
      for (let i = 0; i < 12_001; i += 1) if (keep(i)) csv += `k${i},Ann,ann${i}@example.com,1990-01-01\n`;
      return csv;
    };
    await syncSource(test.db, sourceOf(config(writeFixtureDir({ 'a.csv': rows(() => true) }))), logger);
    // Gone: the first and last keys in key order and keys spread through the source.
    const gone = new Set([0, 9999, 5000, 12_000, 777]);
    const result = await syncSource(test.db, sourceOf(config(writeFixtureDir({ 'a.csv': rows((i) => !gone.has(i)) }))), logger, { maxHeldStates });
    expect(result.counts).toMatchObject({ read: 12_001 - gone.size, unchanged: 12_001 - gone.size, deleted: gone.size });
    const deleted = await test.db.knex('source_records').where({ source: 'crm', status: 'deleted' }).orderBy('external_id').pluck('external_id');
    expect(deleted).toEqual([...gone].map((i) => `k${i}`).sort());
  });

  it('does not delete a record whose row is quarantined in the new snapshot', async () => {
    const first = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-01-01\n` });
    await syncSource(test.db, sourceOf(config(first)), logger);
    const second = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-13-01\n` });
    const result = await syncSource(test.db, sourceOf(config(second)), logger);
    expect(result.counts).toMatchObject({ read: 1, quarantined: 1, deleted: 0 });
  });

  it('keeps one open quarantine entry per bad row however often the sync runs', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,not-an-email,1990-01-01\n` });
    await syncSource(test.db, sourceOf(config(dir)), logger);
    await syncSource(test.db, sourceOf(config(dir)), logger);
    const open = await createRepositories(test.db.knex).quarantine.list();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ reasonCode: 'INVALID_EMAIL', field: 'email' });
  });

  it('writes nothing on a dry run but reports what it would do', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-01-01\n2,Bo,bad,1990-01-01\n` });
    const result = await syncSource(test.db, sourceOf(config(dir)), logger, { dryRun: true });
    expect(result.counts).toMatchObject({ read: 2, inserted: 1, quarantined: 1 });
    expect(await test.db.knex('source_records').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await test.db.knex('source_records').count({ n: '*' }).first())?.n)).toBe(0);
    expect(Number((await test.db.knex('quarantine').count({ n: '*' }).first())?.n)).toBe(0);
    const run = await createRepositories(test.db.knex).syncRuns.get(result.syncRunId);
    expect(run).toMatchObject({ dryRun: true, status: 'succeeded', inserted: 1 });
  });

  it('loads quarantined records on retry once the config is fixed', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,05.01.1990\n` });
    const before = await syncSource(test.db, sourceOf(config(dir)), logger);
    expect(before.counts.quarantined).toBe(1);
    const fixed = config(dir, { defaults: { dateFormats: ['yyyy-MM-dd', 'dd.MM.yyyy'] } });
    const [retry] = await retryQuarantine(test.db, fixed, logger);
    expect(retry?.counts).toMatchObject({ read: 1, inserted: 1, quarantined: 0 });
    const record = await createRepositories(test.db.knex).sourceRecords.findByKey('crm', '1');
    expect(record?.normalized.birthDate).toBe('1990-01-05');
    expect(await createRepositories(test.db.knex).quarantine.list()).toHaveLength(0);
  });

  it('quarantines again, with the current reason, a record that still fails on retry', async () => {
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,05.01.1990\n` });
    await syncSource(test.db, sourceOf(config(dir)), logger);
    const [retry] = await retryQuarantine(test.db, config(dir), logger);
    expect(retry?.counts).toMatchObject({ read: 1, quarantined: 1 });
    const open = await createRepositories(test.db.knex).quarantine.list();
    expect(open).toHaveLength(1);
    expect(open[0]?.reasonCode).toBe('AMBIGUOUS_DATE');
  });

  it('closes a run left running by a process that died', async () => {
    const repos = createRepositories(test.db.knex);
    await repos.sources.upsert({ name: 'crm', kind: 'csv', trust: 1 });
    const stale = await repos.syncRuns.start('crm');
    const dir = writeFixtureDir({ 'a.csv': `${HEADER}\n1,Ann,ann@example.com,1990-01-01\n` });
    await syncSource(test.db, sourceOf(config(dir)), logger);
    expect(await repos.syncRuns.get(stale)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });
});
