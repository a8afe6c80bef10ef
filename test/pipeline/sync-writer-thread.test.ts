import { afterEach, expect, it, vi } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import type { SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { syncSource, type SyncOptions } from '../../src/pipeline/sync-source';
import type { Database } from '../../src/store/database';
import { SqliteWriterThread } from '../../src/store/sqlite-writer-thread';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

/** About 240 KB of CSV: the file is read in 64 KB chunks, and a batch takes at least one whole chunk. */
const ROWS = 6000;
const BATCH = 500;

function csvText(rows: number, firstName = 'Ann'): string {
  let text = 'id,first,last,email\n';
  for (let i = 1; i <= rows; i += 1) text += `${i},${firstName},Lee,ann.${i}@example.com\n`;
  return text;
}

function csvSource(text: string): SourceConfig {
  return parseProjectConfig(
    { sources: [{ name: 'crm', kind: 'csv', path: 'crm.csv', primaryKey: 'id', mapping: { first: 'givenName', last: 'familyName', email: 'email' } }] },
    writeFixtureDir({ 'crm.csv': text }),
  ).sources[0] as SourceConfig;
}

async function storedRows(db: Database): Promise<unknown[]> {
  return db.knex('source_records').orderBy('id').select('id', 'external_id', 'content_hash', 'status', 'sync_run_id');
}

/** A database that refuses to store the record with key `refused`, as a constraint would. */
async function refuseKey(db: Database, refused: string): Promise<void> {
  if (db.dialect === 'mysql') {
    await db.knex.raw(
      `create trigger refuse_key before insert on source_records for each row begin if new.external_id = '${refused}' then signal sqlstate '45000' set message_text = 'key ${refused} refused'; end if; end`,
    );
  } else {
    await db.knex.raw(`create trigger refuse_key before insert on source_records when new.external_id = '${refused}' begin select raise(abort, 'key ${refused} refused'); end`);
  }
}

describeEachDialect('sync batches written from a writer thread', (dialect) => {
  const test = useTestDatabase(dialect, ['quarantine', 'source_records', 'sync_runs', 'sources']);
  const logger = silentLogger();
  const options = (writerThread: boolean): SyncOptions => ({ batchSize: BATCH, writerThread });

  afterEach(async () => {
    vi.restoreAllMocks();
    await test.db.knex.raw('drop trigger if exists refuse_key');
  });

  it('a load of many batches stores the same rows with the writer thread as without it', async () => {
    const source = csvSource(csvText(ROWS));
    const threaded = await syncSource(test.db, source, logger, options(true));
    const rowsThreaded = await storedRows(test.db);
    await test.db.knex('source_records').delete();
    const inline = await syncSource(test.db, source, logger, options(false));
    expect(threaded.counts).toMatchObject({ read: ROWS, inserted: ROWS, quarantined: 0 });
    expect(inline.counts).toEqual(threaded.counts);
    const rowsInline = await storedRows(test.db);
    const comparable = (rows: unknown[]) => rows.map((row) => ({ ...(row as Record<string, unknown>), id: undefined, sync_run_id: undefined }));
    expect(comparable(rowsInline)).toEqual(comparable(rowsThreaded));
  });

  it('starts a writer thread on a SQLite file once a run reaches its second batch, and never on MySQL', async () => {
    const start = vi.spyOn(SqliteWriterThread, 'start');
    await syncSource(test.db, csvSource(csvText(100)), logger, options(true));
    expect(start).not.toHaveBeenCalled();
    await syncSource(test.db, csvSource(csvText(ROWS)), logger, options(true));
    expect(start).toHaveBeenCalledTimes(dialect === 'sqlite' ? 1 : 0);
  });

  it('starts no writer thread for a re-sync that has nothing to write', async () => {
    await syncSource(test.db, csvSource(csvText(ROWS)), logger, options(true));
    const start = vi.spyOn(SqliteWriterThread, 'start');
    const again = await syncSource(test.db, csvSource(csvText(ROWS)), logger, options(true));
    expect(again.counts).toMatchObject({ read: ROWS, unchanged: ROWS });
    expect(start).not.toHaveBeenCalled();
  });

  it('an update of many batches through the writer thread rewrites every changed row and re-syncs as unchanged', async () => {
    await syncSource(test.db, csvSource(csvText(ROWS)), logger, options(true));
    const changed = await syncSource(test.db, csvSource(csvText(ROWS, 'Anne')), logger, options(true));
    expect(changed.counts).toMatchObject({ read: ROWS, inserted: 0, updated: ROWS });
    const again = await syncSource(test.db, csvSource(csvText(ROWS, 'Anne')), logger, options(true));
    expect(again.counts).toMatchObject({ read: ROWS, unchanged: ROWS, inserted: 0, updated: 0 });
  });

  it('a batch the database refuses fails the run with the database’s message, counting only the batches committed before it', async () => {
    await refuseKey(test.db, '4000');
    const result = await syncSource(test.db, csvSource(csvText(ROWS)), logger, options(true));
    expect(result.status).toBe('failed');
    expect(result.error).toContain('source "crm"');
    expect(result.error).toContain('key 4000 refused');
    const committed = result.counts.inserted;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(4000);
    const stored = await test.db.knex('source_records').select('external_id');
    expect(stored).toHaveLength(committed);
    expect(stored.map((row: { external_id: unknown }) => Number(row.external_id)).sort((a, b) => a - b).at(-1)).toBe(committed);
    const run = await test.db.knex('sync_runs').where({ id: result.syncRunId }).first('status', 'inserted_count');
    expect(run).toMatchObject({ status: 'failed', inserted_count: committed });
  });
});
