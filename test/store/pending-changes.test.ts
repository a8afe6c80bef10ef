import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { nowDbTime, toDbTime } from '../../src/store/dialect';
import { createRepositories } from '../../src/store/repositories';
import type { LoadRecord } from '../../src/store/source-record-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

function record(externalId: string): LoadRecord {
  return { externalId, rawJson: '{}', normalizedJson: '{}', correctionsJson: null, contentHash: hashOf(externalId) };
}

describeEachDialect('changed records an increment starts from', (dialect) => {
  const test = useTestDatabase(dialect, ['customer_links', 'source_records']);

  /**
   * 40 records: every fifth without a link, every fifth (offset 1) linked under another hash,
   * every fifth (offset 2) linked without a hash, the rest linked under their own hash; and one
   * record stored before `since`, changed but not looked at.
   */
  async function store(): Promise<{ since: string; expected: number[] }> {
    const repos = createRepositories(test.db.knex);
    await repos.sourceRecords.upsertBatch('crm', [record('old')], 1);
    await test.db.knex('source_records').update({ updated_at: toDbTime(new Date(Date.now() - 3_600_000)) });
    const since = toDbTime(new Date(Date.now() - 60_000));
    await repos.sourceRecords.upsertBatch('crm', Array.from({ length: 40 }, (_, i) => record(`k${i}`)), 1);
    const rows: { id: number | string; external_id: string; content_hash: string }[] = await test.db.knex('source_records').select('id', 'external_id', 'content_hash').orderBy('id');
    const expected: number[] = [];
    const links: Record<string, unknown>[] = [];
    for (const row of rows) {
      const id = Number(row.id);
      const i = row.external_id === 'old' ? -1 : Number(row.external_id.slice(1));
      const hash = i === -1 || i % 5 === 1 ? hashOf('earlier') : i % 5 === 2 ? null : row.content_hash;
      if (i % 5 === 0) expected.push(id);
      else links.push({ source_record_id: id, customer_id: `c${id}`, rule: 'single_record', record_hash: hash, created_at: nowDbTime() });
      if (i >= 0 && (i % 5 === 1 || i % 5 === 2)) expected.push(id);
    }
    await test.db.knex('customer_links').insert(links);
    return { since, expected: expected.sort((a, b) => a - b) };
  }

  it('finds records without a link or linked under another hash, looking their links up by id', async () => {
    const { since, expected } = await store();
    const pending = await createRepositories(test.db.knex).resolution.pendingChanges(since);
    expect(pending.changedIds).toEqual(expected);
  });

  it('tells whether at least some number of records are active', async () => {
    await store();
    const { resolution } = createRepositories(test.db.knex);
    expect(await resolution.activeRecordsReach(41)).toBe(true);
    expect(await resolution.activeRecordsReach(42)).toBe(false);
    expect(await resolution.activeRecordsReach(0)).toBe(true);
  });

  it('finds the same records walking the links page by page', async () => {
    const { since, expected } = await store();
    const pending = await createRepositories(test.db.knex).resolution.pendingChanges(since, { readByIdUpTo: 0, pageSize: 7 });
    expect(pending.changedIds).toEqual(expected);
  });
});
