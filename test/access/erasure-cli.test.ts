import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { fieldProtectionFromEnv, useFieldProtection } from '../../src/store/field-protection';
import { createRepositories } from '../../src/store/repositories';
import { runCli } from '../support/cli';
import { consentFixtureConfig } from '../support/consent-fixture';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

describeEachDialect('the erase command', (dialect) => {
  let test: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The command and this process share the keys: it must read what the sync here wrote.
    const keys = { PII_KEY: randomBytes(32).toString('base64'), PII_INDEX_KEY: 'cli-erasure-test-key-that-is-long-enough-0123456789' };
    useFieldProtection(fieldProtectionFromEnv(loadEnv(keys)).protection);
    test = await createTestDatabase(dialect);
    await runSync(test.db, consentFixtureConfig(), silentLogger());
    env = { DATABASE_URL: test.url, ...keys, DATA_DIR: writeFixtureDir({}) };
  });
  afterAll(async () => test?.drop());

  async function customerOf(externalId: string): Promise<string | undefined> {
    const row = await test.db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').where('r.external_id', externalId).first('l.customer_id');
    return row ? String(row.customer_id) : undefined;
  }

  it('erases the customer as the mutation does, prints the counts and audits it as cli:<os user>', async () => {
    const ann = (await customerOf('c1'))!;
    const result = await runCli(['erase', ann, '--reason', 'ticket 4711'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`customer ${ann} erased`);
    const counts = Object.fromEntries(result.stdout.trim().split('\n').map((line) => line.split('\t') as [string, string]));
    expect(counts).toMatchObject({ customers: '1', sourceRecords: '2', consents: '2', suppressions: expect.any(String) });
    expect(await customerOf('c1')).toBeUndefined();
    expect(await createRepositories(test.db.knex).customers.findLive(ann)).toBeUndefined();
    const [entry] = await createRepositories(test.db.knex).auditLog.list({ action: 'eraseCustomer' }, 10);
    expect(entry).toMatchObject({ actor: `cli:${os.userInfo().username}`, role: 'admin', customerIds: [ann], details: expect.objectContaining({ reason: 'ticket 4711', customers: 1 }) });
  });

  it('prints the counts as JSON with --json', async () => {
    const bo = (await customerOf('c2'))!;
    const result = await runCli(['erase', bo, '--reason', 'ticket 4712', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ customerId: bo, customers: 1, sourceRecords: 2 });
  });

  it('fails with NOT_FOUND for an unknown customer, erasing nothing', async () => {
    const before = await test.db.knex('customers').count({ n: '*' }).first();
    const result = await runCli(['erase', 'no-such-customer', '--reason', 'ticket 4713'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NOT_FOUND: no customer "no-such-customer"');
    expect(await test.db.knex('customers').count({ n: '*' }).first()).toEqual(before);
  });

  it('refuses an empty reason before touching anything', async () => {
    const cy = (await customerOf('c3'))!;
    const result = await runCli(['erase', cy, '--reason', '  '], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BAD_USER_INPUT: reason must be 1 to 500 characters');
    expect(await customerOf('c3')).toBe(cy);
  });
});
