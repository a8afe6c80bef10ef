import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceRepository } from '../../src/store/source-repository';
import { SqliteWriterThread, type BatchWrite } from '../../src/store/sqlite-writer-thread';
import { SuppressionRepository } from '../../src/store/suppression-repository';
import { createTestDatabase, type TestDatabase } from '../support/databases';

/** Two rows as writeSealedRecords takes them (the values need not be encrypted to be written). */
function batch(epoch: number, keys: string[], watermark?: string): BatchWrite {
  return { source: 'crm', syncRunId: 1, sealed: keys.flatMap((key) => [key, `payload ${key}`, `hash ${key}`]), watermark, epoch };
}

// The thread exists for embedded SQLite alone: a database server runs statements off the loader's thread already.
describe('the SQLite writer thread', () => {
  let test: TestDatabase;
  let thread: SqliteWriterThread;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    await new SourceRepository(test.db.knex).upsert({ name: 'crm', kind: 'csv', trust: 1 });
    thread = SqliteWriterThread.start(test.target.location);
  });
  afterAll(async () => {
    await thread?.close();
    await test?.drop();
  });

  it('writes a batch with its watermark in one transaction and answers true', async () => {
    const epoch = await new SuppressionRepository(test.db.knex).epoch();
    expect(await thread.write(batch(epoch, ['a1', 'a2'], '2026-01-01'))).toBe(true);
    const rows = await test.db.knex('source_records').whereIn('external_id', ['a1', 'a2']).orderBy('external_id').select('external_id', 'payload', 'status', 'content_hash');
    expect(rows).toEqual([
      { external_id: 'a1', payload: 'payload a1', status: 'active', content_hash: 'hash a1' },
      { external_id: 'a2', payload: 'payload a2', status: 'active', content_hash: 'hash a2' },
    ]);
    expect(await new SourceRepository(test.db.knex).watermark('crm')).toBe('2026-01-01');
  });

  it('writes nothing and answers false when an erasure was counted since the batch was checked', async () => {
    const epoch = await new SuppressionRepository(test.db.knex).epoch();
    await test.db.knex.transaction((trx) => new SuppressionRepository(trx).advanceEpoch(trx));
    expect(await thread.write(batch(epoch, ['b1'], '2026-02-01'))).toBe(false);
    expect(await test.db.knex('source_records').where({ external_id: 'b1' }).first()).toBeUndefined();
    expect(await new SourceRepository(test.db.knex).watermark('crm')).not.toBe('2026-02-01');
  });

  it('answers a write to a database that does not open with the database’s error', async () => {
    const notAFile = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-not-a-db-'));
    const broken = SqliteWriterThread.start(notAFile);
    try {
      await expect(broken.write(batch(0, ['c1']))).rejects.toThrow(/cannot reach database/);
    } finally {
      await broken.close();
      fs.rmSync(notAFile, { recursive: true, force: true });
    }
  });
});
