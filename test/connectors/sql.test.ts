import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedItem } from '../../src/connectors/types';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { extractAll, extractFailure, recordValues, sourceConfig } from './extract';

async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function watermarkOf(item: ExtractedItem | undefined): string {
  if (item?.kind !== 'record' || item.watermark === undefined) throw new Error('expected a record with a watermark');
  return item.watermark;
}

const ids = (items: ExtractedItem[]) => recordValues(items).map((values) => values.id);

describeEachDialect('SQL connector', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.drop());
  beforeEach(async () => {
    await test.db.knex.schema.dropTableIfExists('crm_customers');
    await test.db.knex.schema.createTable('crm_customers', (t) => {
      t.integer('id').primary();
      t.string('email');
      t.datetime('updated_at', { precision: 6 }).nullable();
    });
  });

  const source = (settings: Record<string, unknown> = {}) => sourceConfig({ kind: 'sql', url: test.url, table: 'crm_customers', ...settings });

  async function insert(rows: Array<{ id: number; email?: string; updated_at?: string | null }>): Promise<void> {
    await test.db.knex.batchInsert('crm_customers', rows.map((row) => ({ email: `c${row.id}@example.com`, updated_at: null, ...row })), 200);
  }

  it('reads a table in keyset batches: every row once, in key order', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => ({ id: 2_500 - i }));
    await insert(rows);
    const items = await extractAll(source({ batchSize: 1000 }));
    expect(ids(items)).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 1));
  });

  it('locates each record by table and key and leaves plain values as they are', async () => {
    await insert([{ id: 42, email: 'ann@example.com' }]);
    const [item] = await extractAll(source());
    expect(item).toEqual({ kind: 'record', location: 'crm_customers id=42', values: { id: 42, email: 'ann@example.com', updated_at: null } });
  });

  it('turns big integers into exact strings, binary data into base64 and date-times into ISO text', async () => {
    await test.db.knex.schema.createTable('crm_extras', (t) => {
      t.bigInteger('id').primary();
      t.binary('photo', 4);
      t.datetime('seen_at', { precision: 6 });
    });
    await test.db.knex('crm_extras').insert({ id: '9007199254740993', photo: Buffer.from([1, 2, 3, 4]), seen_at: '2024-05-01 10:00:00.123456' });
    const items = await extractAll(source({ table: 'crm_extras' }));
    const seenAt = dialect === 'mysql' ? '2024-05-01T10:00:00.123456' : '2024-05-01 10:00:00.123456';
    expect(items).toEqual([{ kind: 'record', location: 'crm_extras id=9007199254740993', values: { id: '9007199254740993', photo: 'AQIDBA==', seen_at: seenAt } }]);
    await test.db.knex.schema.dropTable('crm_extras');
  });

  it('reads a query source as a subquery, batch by batch', async () => {
    await insert(Array.from({ length: 7 }, (_, i) => ({ id: i + 1, email: i % 2 === 0 ? `even${i}@example.com` : `odd${i}@other.org` })));
    const query = "select id, email from crm_customers where email like '%@example.com'";
    const items = await extractAll(source({ table: undefined, query, batchSize: 2 }));
    expect(ids(items)).toEqual([1, 3, 5, 7]);
    expect(items[0]?.location).toBe('query id=1');
  });

  it('reads incrementally: the second extract returns only rows changed or added after the watermark', async () => {
    await insert([
      { id: 1, updated_at: '2024-01-01 00:00:00' },
      { id: 2, updated_at: '2024-01-02 00:00:00' },
      { id: 3, updated_at: '2024-01-03 00:00:00' },
    ]);
    const first = await extractAll(source({ watermarkColumn: 'updated_at' }));
    expect(ids(first)).toEqual([1, 2, 3]);
    await test.db.knex('crm_customers').where({ id: 1 }).update({ email: 'new@example.com', updated_at: '2024-01-04 00:00:00' });
    await insert([{ id: 4, updated_at: '2024-01-05 00:00:00' }]);
    const second = await extractAll(source({ watermarkColumn: 'updated_at' }), { watermark: watermarkOf(first.at(-1)) });
    expect(recordValues(second)).toEqual([
      expect.objectContaining({ id: 1, email: 'new@example.com' }),
      expect.objectContaining({ id: 4 }),
    ]);
  });

  it('resumes after the last committed row when later rows share its watermark value', async () => {
    const tie = '2024-03-01 12:00:00';
    await insert([{ id: 1, updated_at: '2024-02-01 00:00:00' }, ...[2, 3, 4, 5].map((id) => ({ id, updated_at: tie }))]);
    const all = await extractAll(source({ watermarkColumn: 'updated_at' }));
    const afterThird = await extractAll(source({ watermarkColumn: 'updated_at' }), { watermark: watermarkOf(all[2]) });
    expect(ids(afterThird)).toEqual([4, 5]);
  });

  it('pages through a run of equal watermark values without skipping or repeating rows', async () => {
    await insert(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, updated_at: '2024-03-01 12:00:00' })));
    const items = await extractAll(source({ watermarkColumn: 'updated_at', batchSize: 3 }));
    expect(ids(items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reads rows whose watermark is NULL first, across batch boundaries', async () => {
    await insert([{ id: 1, updated_at: '2024-01-01 00:00:00' }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5, updated_at: '2023-01-01 00:00:00' }]);
    const items = await extractAll(source({ watermarkColumn: 'updated_at', batchSize: 2 }));
    expect(ids(items)).toEqual([2, 3, 4, 5, 1]);
  });

  it('encodes the watermark as the row position: column value and key', async () => {
    await insert([{ id: 7, updated_at: '2024-01-01 00:00:00' }]);
    const [item] = await extractAll(source({ watermarkColumn: 'updated_at' }));
    const stored = dialect === 'mysql' ? '2024-01-01 00:00:00.000000' : '2024-01-01 00:00:00';
    expect(JSON.parse(watermarkOf(item))).toEqual({ value: stored, key: 7 });
  });

  it('refuses a key column that is not unique instead of skipping rows', async () => {
    await insert([{ id: 1, email: 'same@example.com' }, { id: 2, email: 'same@example.com' }]);
    const { error } = await extractFailure(source({ keyColumn: 'email' }));
    expect(error.message).toContain('email is not unique');
  });

  it('fails with MISSING_COLUMN when the key column does not exist', async () => {
    const { error } = await extractFailure(source({ keyColumn: 'customer_no' }));
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toMatch(/^source "crm" at /);
  });

  it('takes the connection URL from the environment variable urlEnv names', async () => {
    await insert([{ id: 1 }]);
    process.env.CG_TEST_SOURCE_URL = test.url;
    try {
      expect(ids(await extractAll(source({ url: undefined, urlEnv: 'CG_TEST_SOURCE_URL' })))).toEqual([1]);
    } finally {
      delete process.env.CG_TEST_SOURCE_URL;
    }
  });
});

describe('SQL connector: connection problems', () => {
  it('fails with SOURCE_UNREADABLE naming the source and host, never the password, when the server refuses', async () => {
    const port = await unusedPort();
    const source = sourceConfig({ kind: 'sql', url: `mysql://app:s3cret-pw@127.0.0.1:${port}/crm`, table: 'customers' });
    const { error } = await extractFailure(source);
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toContain(`source "crm" at mysql://127.0.0.1:${port}/crm: cannot connect to the database`);
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('fails naming the variable when urlEnv is not set', async () => {
    const { error } = await extractFailure(sourceConfig({ kind: 'sql', urlEnv: 'CG_TEST_UNSET_URL', table: 'customers' }));
    expect(error.message).toBe('source "crm" at urlEnv CG_TEST_UNSET_URL: environment variable CG_TEST_UNSET_URL is not set');
  });

  it('fails with SOURCE_NOT_FOUND for a SQLite file that does not exist, without creating it', async () => {
    const { error } = await extractFailure(sourceConfig({ kind: 'sql', url: 'sqlite:/nonexistent/crm.db', table: 'customers' }));
    expect(error.code).toBe('SOURCE_NOT_FOUND');
  });
});
