import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { resolvedThrough } from '../../src/pipeline/resolution-checkpoint';
import { nowDbTime, toDbTime } from '../../src/store/dialect';
import { createRepositories } from '../../src/store/repositories';
import type { LoadRecord } from '../../src/store/source-record-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');
const record = (externalId: string): LoadRecord => ({ externalId, rawJson: '{}', normalizedJson: '{}', correctionsJson: null, contentHash: hashOf(externalId) });

describeEachDialect('the point the next resolution looks back from', (dialect) => {
  const test = useTestDatabase(dialect, ['customer_links', 'source_records']);

  /** Records loaded just before a run started, each linked under its current hash (as the run left them). */
  async function resolvedLoad(): Promise<string> {
    const repos = createRepositories(test.db.knex);
    await repos.sourceRecords.upsertBatch('crm', [record('a'), record('b'), record('c')], 1);
    const startedAt = toDbTime(new Date(Date.now() + 5));
    const rows: { id: number | string; content_hash: string }[] = await test.db.knex('source_records').select('id', 'content_hash');
    await test.db.knex('customer_links').insert(rows.map((row) => ({ source_record_id: Number(row.id), customer_id: `c${row.id}`, rule: 'single_record', record_hash: row.content_hash, created_at: nowDbTime() })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return startedAt;
  }

  it('moves to the closing check when every record written around the run is resolved', async () => {
    const startedAt = await resolvedLoad();
    const checkStarts = nowDbTime();
    const through = await resolvedThrough(createRepositories(test.db.knex), silentLogger(), startedAt);
    expect(through > startedAt).toBe(true);
    expect(through >= checkStarts).toBe(true);
  });

  it("stays at the run's start when a record was written while the run went on", async () => {
    const startedAt = await resolvedLoad();
    await createRepositories(test.db.knex).sourceRecords.upsertBatch('crm', [record('late')], 2);
    expect(await resolvedThrough(createRepositories(test.db.knex), silentLogger(), startedAt)).toBe(startedAt);
  });

  it("stays at the run's start when a linked record was deleted meanwhile", async () => {
    const startedAt = await resolvedLoad();
    await test.db.knex('source_records').where({ external_id: 'b' }).update({ status: 'deleted', updated_at: nowDbTime() });
    expect(await resolvedThrough(createRepositories(test.db.knex), silentLogger(), startedAt)).toBe(startedAt);
  });
});
