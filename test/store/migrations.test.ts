import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';

const TABLES = [
  'sources',
  'sync_runs',
  'source_records',
  'quarantine',
  'customers',
  'customer_links',
  'field_lineage',
  'match_reviews',
  'fx_rates',
  'api_keys',
  'audit_log',
  'suppressions',
  'customer_consents',
];

describeEachDialect('migrations', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.drop());

  it('create every table of the design', async () => {
    for (const table of TABLES) expect(await test.db.knex.schema.hasTable(table), table).toBe(true);
  });

  it('apply nothing the second time', async () => {
    expect(await migrateToLatest(test.db)).toEqual([]);
  });

  it('keep fx rates exact to twelve decimal places', async () => {
    await test.db.knex('fx_rates').insert({ currency: 'CNY', rate_date: '2023-01-05', rate: '0.138912345678' });
    const row = await test.db.knex('fx_rates').where({ currency: 'CNY' }).first();
    expect(String(row.rate)).toBe('0.138912345678');
  });
});
