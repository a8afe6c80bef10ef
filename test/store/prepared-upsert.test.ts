import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createRepositories } from '../../src/store/repositories';
import type { LoadRecord, StoredState } from '../../src/store/source-record-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

function record(externalId: string, content = externalId): LoadRecord {
  return { externalId, rawJson: JSON.stringify({ content }), normalizedJson: JSON.stringify({ content }), correctionsJson: null, contentHash: hashOf(content) };
}

describeEachDialect('a batch prepared before its transaction', (dialect) => {
  const test = useTestDatabase(dialect, ['source_records']);

  it('is decided from the stored states given: new, changed and unchanged, reading nothing', async () => {
    const repos = createRepositories(test.db.knex);
    const states = new Map<string, StoredState>([
      ['same', { id: 1, hash: hashOf('same'), status: 'active' }],
      ['changed', { id: 2, hash: hashOf('before'), status: 'active' }],
      ['deleted', { id: 3, hash: hashOf('deleted'), status: 'deleted' }],
    ]);
    const prepared = repos.sourceRecords.prepareUpsert('crm', [record('same'), record('changed'), record('deleted'), record('new')], states);
    expect(prepared.outcome).toMatchObject({ inserted: 1, updated: 2, unchanged: 1 });
    expect(Object.fromEntries(prepared.outcome.statusOf)).toEqual({ same: 'unchanged', changed: 'updated', deleted: 'updated', new: 'inserted' });
    const stored = await test.db.knex('source_records').count({ n: '*' }).first();
    expect(Number(stored?.n)).toBe(0);
  });

  it('holds only sealed values, so no personal data waits in plain text for the write', async () => {
    const prepared = createRepositories(test.db.knex).sourceRecords.prepareUpsert('crm', [record('k1', 'ann@example.com')], new Map());
    expect(JSON.stringify(prepared.sealed)).not.toContain('ann@example.com');
  });

  it('writes what it decided when committed, and the same batch prepared again is unchanged', async () => {
    const repos = createRepositories(test.db.knex);
    const batch = [record('k1'), record('k2')];
    await test.db.knex.transaction((trx) => repos.sourceRecords.writePrepared(repos.sourceRecords.prepareUpsert('crm', batch, new Map()), 7, trx));
    const rows: { external_id: string; content_hash: string; sync_run_id: number | string }[] = await test.db.knex('source_records').select('external_id', 'content_hash', 'sync_run_id').orderBy('external_id');
    expect(rows.map((row) => [row.external_id, row.content_hash, Number(row.sync_run_id)])).toEqual([
      ['k1', hashOf('k1'), 7],
      ['k2', hashOf('k2'), 7],
    ]);
    const again = await repos.sourceRecords.upsertBatch('crm', batch, 8);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });
});
