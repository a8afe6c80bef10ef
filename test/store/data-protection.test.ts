import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { CustomerRepository } from '../../src/store/customer-repository';
import { nowDbTime } from '../../src/store/dialect';
import { dataKeyId } from '../../src/store/field-cipher';
import { createFieldProtection, useFieldProtection, type FieldProtection } from '../../src/store/field-protection';
import { PROTECTED_COLUMNS } from '../../src/store/protected-columns';
import { QuarantineRepository } from '../../src/store/quarantine-repository';
import { protectPlaintextData, reencryptAll } from '../../src/store/reencryption';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { profileFixtureConfig } from '../support/profile-fixture';

const TABLES = ['customer_terms', 'name_prefixes', 'customer_changes', 'field_lineage', 'customer_links', 'customers', 'field_overrides', 'match_reviews', 'match_decisions', 'quarantine', 'source_records', 'sync_runs', 'sources', 'resolution_models', 'protection_state'];

const indexKey = randomBytes(32);
function protection(...keys: Uint8Array[]): FieldProtection {
  return createFieldProtection({ activeId: dataKeyId(keys[0]!), keys: new Map(keys.map((key) => [dataKeyId(key), key])) }, indexKey);
}

/** How many stored personal values name each key id ('plain' for plaintext), over every protected table. */
async function valuesByKey(knex: import('knex').Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, columns] of Object.entries(PROTECTED_COLUMNS)) {
    for (const row of await knex(table).select(columns as readonly string[] as string[])) {
      for (const value of Object.values(row)) {
        if (value === null) continue;
        const key = String(value).startsWith('enc:v1:') ? String(value).split(':')[2]! : 'plain';
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
  }
  return counts;
}

describeEachDialect('personal data at rest', (dialect) => {
  const test = useTestDatabase(dialect, TABLES);
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const idA = dataKeyId(keyA);
  const idB = dataKeyId(keyB);

  beforeAll(() => useFieldProtection(protection(keyA)));

  async function emailsOfAll(reader: FieldProtection): Promise<string[]> {
    const page = await new CustomerRepository(test.db.knex, reader).page(100);
    return page.customers.flatMap((c) => c.emails).sort();
  }

  it('writes every personal value encrypted under the active key', async () => {
    await runSync(test.db, profileFixtureConfig(), silentLogger());
    const counts = await valuesByKey(test.db.knex);
    expect(Object.keys(counts)).toEqual([idA]);
    expect(await emailsOfAll(protection(keyA))).toContain('ann.lee@example.com');
  });

  it('rotates every value to a new key, and the old key is no longer needed', async () => {
    await runSync(test.db, profileFixtureConfig(), silentLogger());
    const counts = await reencryptAll(test.db.knex, protection(keyB, keyA).cipher, 'not-active-key', { batchSize: 2 });
    expect(counts.customers).toEqual({ rewritten: 5, current: 0 });
    expect(counts.source_records).toEqual({ rewritten: 6, current: 0 });
    expect(Object.keys(await valuesByKey(test.db.knex))).toEqual([idB]);
    expect(await emailsOfAll(protection(keyB))).toEqual(await emailsOfAll(protection(keyB, keyA)));
    await expect(emailsOfAll(protection(keyA))).rejects.toMatchObject({ code: 'DATA_KEY_MISSING' });
  });

  it('resumes an interrupted rotation where it stopped, rewriting only the rows left', async () => {
    await runSync(test.db, profileFixtureConfig(), silentLogger());
    const rotated = protection(keyB, keyA).cipher;
    let batches = 0;
    const interrupted = reencryptAll(test.db.knex, rotated, 'not-active-key', {
      batchSize: 2,
      onBatch: () => {
        batches += 1;
        if (batches === 2) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    const halfway = await valuesByKey(test.db.knex);
    expect(halfway[idA]).toBeGreaterThan(0);
    expect(halfway[idB]).toBeGreaterThan(0);

    const resumed = await reencryptAll(test.db.knex, rotated, 'not-active-key', { batchSize: 2 });
    expect(resumed.customers).toEqual({ rewritten: 1, current: 4 });
    expect(resumed.source_records.rewritten).toBe(6);
    expect(Object.keys(await valuesByKey(test.db.knex))).toEqual([idB]);
    expect((await reencryptAll(test.db.knex, rotated, 'not-active-key')).customers).toEqual({ rewritten: 0, current: 5 });
  });

  it('encrypts plaintext left by an earlier version once, and builds its blind index', async () => {
    const now = nowDbTime();
    await test.db.knex('customers').insert({ id: 'legacy', personal: JSON.stringify({ givenName: 'Olga', familyName: 'Legacy', emails: ['olga@example.org'], phones: ['+4930123456'] }), created_at: now, updated_at: now });
    await test.db.knex('quarantine').insert({ source: 'crm', location: 'crm.csv:9', reason_code: 'INVALID_PHONE', message: 'phone "12" is too short', raw: 'c9,Olga,Legacy,olga@example.org,12', created_at: now });
    const active = protection(keyA);
    expect(await protectPlaintextData(test.db.knex, active)).toEqual({ encrypted: 2, indexedCustomers: 1 });
    expect(await valuesByKey(test.db.knex)).toEqual({ [idA]: 3 });
    const customers = new CustomerRepository(test.db.knex, active);
    for (const filter of [{ email: 'olga@example.org' }, { phone: '+4930123456' }, { namePrefix: 'leg' }]) {
      expect((await customers.listOrdered({ filter, order: { field: 'id', direction: 'asc' }, limit: 10 })).map((c) => c.customer.id), JSON.stringify(filter)).toEqual(['legacy']);
    }
    const [entry] = await new QuarantineRepository(test.db.knex, active).list();
    expect(entry).toMatchObject({ raw: 'c9,Olga,Legacy,olga@example.org,12', message: 'phone "12" is too short' });
    expect((await test.db.knex('quarantine').first('terms')).terms).toBe(active.index.email('olga@example.org'));
    expect(await protectPlaintextData(test.db.knex, active)).toBeUndefined();
  });
});
