import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/logging';
import { loadFxRates, readFxRatesCsv } from '../../src/pipeline/fx-rates';
import { runSync } from '../../src/pipeline/run-sync';
import { createRepositories } from '../../src/store/repositories';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

describeEachDialect('money in the base currency', (dialect) => {
  let test: TestDatabase;
  const config = (dir: string) =>
    parseProjectConfig(
      {
        baseCurrency: 'USD',
        sources: [{ name: 'shop', kind: 'csv', path: 'a.csv', primaryKey: 'id', mapping: { email: 'email', spent: 'lifetimeValue' }, defaults: { currency: 'CNY' } }],
      },
      dir,
    );

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.drop());
  beforeEach(async () => {
    for (const table of ['fx_rates', 'quarantine', 'source_records', 'sync_runs', 'sources']) await test.db.knex(table).delete();
  });

  it('converts an amount with the stored rate, exactly, rounding half-even', async () => {
    const dir = writeFixtureDir({ 'rates.csv': 'currency,date,rate\nCNY,2020-01-01,0.14\nEUR,2020-01-01,1.1\n', 'a.csv': 'id,email,spent\n1,ann@example.com,"¥1,234.50"\n2,bo@example.com,"1.234,50 €"\n' });
    expect(await loadFxRates(test.db, path.join(dir, 'rates.csv'))).toBe(2);
    await runSync(test.db, config(dir), silentLogger());
    const repo = createRepositories(test.db.knex).sourceRecords;
    expect((await repo.findByKey('shop', '1'))?.normalized).toMatchObject({ lifetimeValue: '1234.50', lifetimeValueBase: '172.83', lifetimeValueBaseCurrency: 'USD' });
    expect((await repo.findByKey('shop', '2'))?.normalized).toMatchObject({ lifetimeValueBase: '1357.95' });
  });

  it('quarantines an amount whose currency has no rate instead of assuming 1:1', async () => {
    const dir = writeFixtureDir({ 'a.csv': 'id,email,spent\n1,ann@example.com,"¥88"\n' });
    const result = await runSync(test.db, config(dir), silentLogger());
    expect(result.runs[0]?.counts.quarantined).toBe(1);
    const [entry] = await createRepositories(test.db.knex).quarantine.list();
    expect(entry).toMatchObject({ reasonCode: 'MISSING_FX_RATE', field: 'spent' });
  });

  it('stores rates exactly as given', async () => {
    const dir = writeFixtureDir({ 'rates.csv': 'currency,date,rate\nJPY,2023-01-05,0.007512345678\n' });
    await loadFxRates(test.db, path.join(dir, 'rates.csv'));
    const row = await test.db.knex('fx_rates').where({ currency: 'JPY' }).first();
    expect(String(row.rate).replace(/0+$/, '')).toBe('0.007512345678');
  });
});

it('refuses a rates file with bad rows, naming each line and column, loading none', () => {
  const dir = writeFixtureDir({ 'rates.csv': 'currency,date,rate\nXXX,2023-01-05,1\nEUR,05.01.2023,1\nEUR,2023-01-05,-2\n' });
  expect(() => readFxRatesCsv(path.join(dir, 'rates.csv'))).toThrow(
    /rates\.csv:2, column "currency"[\s\S]*rates\.csv:3, column "date"[\s\S]*rates\.csv:4, column "rate"/,
  );
});
