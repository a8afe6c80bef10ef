import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { BlockKeyThread } from '../../src/store/block-key-thread';
import { nowDbTime } from '../../src/store/dialect';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const RECORDS = Array.from({ length: 3000 }, (_, i) => ({ recordId: i + 1, values: [i % 97, 1000 + (i % 13), 5000 + i] }));

describeEachDialect('the block-key thread', (dialect) => {
  const test = useTestDatabase(dialect, ['record_block_keys', 'resolution_state']);

  async function storedRows(): Promise<string[]> {
    const rows = await test.db.knex('record_block_keys').select('source_record_id', 'key_digest').orderBy(['source_record_id', 'key_digest']);
    return rows.map((row: { source_record_id: number; key_digest: number }) => `${Number(row.source_record_id)}:${Number(row.key_digest)}`);
  }

  it('rewrites every record\'s keys from a connection of its own, the same rows as written in-process, and forgets the last resolution', async () => {
    const repos = createRepositories(test.db.knex);
    await repos.blockKeys.replaceAllRows(repos.blockKeys.rowsOf(RECORDS));
    const inProcess = await storedRows();
    await repos.blockKeys.replaceAll([{ recordId: 1, values: [1] }]);
    await repos.blockKeys.markResolved('fingerprint', nowDbTime());
    const rows = repos.blockKeys.rowsOf(RECORDS);
    await BlockKeyThread.startFor(test.db.target)!.rewrite(rows);
    expect(rows.recordIds.length).toBe(0);
    expect(await storedRows()).toEqual(inProcess);
    expect(inProcess.length).toBeGreaterThan(RECORDS.length * 2);
    expect(await repos.blockKeys.lastStartedAt('fingerprint')).toBeUndefined();
    const [shared] = repos.blockKeys.digestsOf([1000]);
    expect((await repos.blockKeys.blocks([shared as number], 1000)).members).toHaveLength(Math.ceil(RECORDS.length / 13));
  });

  it("fails with the database's error when it cannot write", async () => {
    // A database without the project's tables (SQLite: a new file), or none at all (MySQL).
    const target = dialect === 'sqlite' ? { dialect, location: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cg-empty-')), 'empty.db') } : { dialect, location: test.db.target.location.replace(/\/[^/?]*(\?.*)?$/, '/cg_no_such_database') };
    await expect(BlockKeyThread.startFor(target)!.rewrite({ length: 0, recordIds: new Float64Array(0), digests: new Float64Array(0) })).rejects.toThrow(/unknown database|no such table/i);
  });

  it('is not started for an in-memory database, which no other connection sees', () => {
    expect(BlockKeyThread.startFor({ dialect: 'sqlite', location: ':memory:' })).toBeUndefined();
  });
});
