import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { RunKeys } from '../../src/pipeline/run-keys';
import { StoredStateTable } from '../../src/pipeline/stored-states';
import { createRepositories } from '../../src/store/repositories';
import type { LoadRecord } from '../../src/store/source-record-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

function record(externalId: string, version = 1): LoadRecord {
  return {
    externalId,
    rawJson: JSON.stringify({ id: externalId, version }),
    normalizedJson: JSON.stringify({ givenName: `N${externalId}` }),
    correctionsJson: null,
    contentHash: createHash('sha256').update(`${externalId}:${version}`).digest('hex'),
  };
}

async function load(repos: ReturnType<typeof createRepositories>, source: string, records: LoadRecord[]): Promise<void> {
  await repos.sourceRecords.upsertBatch(source, records, 1);
}

describeEachDialect('stored states held for a snapshot run', (dialect) => {
  const test = useTestDatabase(dialect, ['source_records']);
  const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);

  it('answers every key as the per-batch look-up does: active, deleted and absent ones', async () => {
    const repos = createRepositories(test.db.knex);
    await load(repos, 'crm', keys.map((key) => record(key)));
    await load(repos, 'other', [record('k1', 9)]);
    await repos.sourceRecords.markDeleted([(await repos.sourceRecords.findByKey('crm', 'k3'))!.id], 1);
    const table = (await StoredStateTable.read(repos.sourceRecords, 'crm', 1000))!;
    const asked = [...keys, 'absent', 'k30'];
    expect(await table.statesOf(asked)).toEqual(await repos.sourceRecords.storedStates('crm', asked));
    expect(table.get('k3')?.status).toBe('deleted');
    expect(table.get('k1')?.hash).toBe(record('k1').contentHash);
  });

  it('reads a source larger than one page of its scan', async () => {
    const repos = createRepositories(test.db.knex);
    await load(repos, 'crm', keys.map((key) => record(key)));
    const table = (await StoredStateTable.read(repos.sourceRecords, 'crm', 1000, 7))!;
    expect(table.size).toBe(keys.length);
    expect(await table.statesOf(keys)).toEqual(await repos.sourceRecords.storedStates('crm', keys));
  });

  it('gives up on a source holding more records than it may hold', async () => {
    const repos = createRepositories(test.db.knex);
    await load(repos, 'crm', keys.map((key) => record(key)));
    expect(await StoredStateTable.read(repos.sourceRecords, 'crm', keys.length - 1, 7)).toBeUndefined();
    expect(await StoredStateTable.read(repos.sourceRecords, 'crm', keys.length, 7)).toBeDefined();
  });

  it('keeps a stored hash it cannot pack exactly as stored', async () => {
    const repos = createRepositories(test.db.knex);
    await load(repos, 'crm', [record('k1'), record('k2')]);
    await test.db.knex('source_records').where({ source: 'crm', external_id: 'k2' }).update({ content_hash: 'an-older-hash' });
    const table = (await StoredStateTable.read(repos.sourceRecords, 'crm', 1000))!;
    expect(table.get('k2')?.hash).toBe('an-older-hash');
    expect(await table.statesOf(['k1', 'k2'])).toEqual(await repos.sourceRecords.storedStates('crm', ['k1', 'k2']));
  });

  it('lists the active records whose keys a run did not see', async () => {
    const repos = createRepositories(test.db.knex);
    await load(repos, 'crm', keys.map((key) => record(key)));
    await test.db.knex('source_records').where({ source: 'crm', external_id: 'k5' }).update({ content_hash: 'an-older-hash' });
    await repos.sourceRecords.markDeleted([(await repos.sourceRecords.findByKey('crm', 'k3'))!.id], 1);
    const table = (await StoredStateTable.read(repos.sourceRecords, 'crm', 1000))!;
    const seen = new RunKeys();
    for (const key of keys) if (!['k2', 'k3', 'k5'].includes(key)) seen.set(key, 0);
    const expected = await Promise.all(['k2', 'k5'].map(async (key) => (await repos.sourceRecords.findByKey('crm', key))!.id));
    expect((await table.activeIdsNotIn(seen)).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
