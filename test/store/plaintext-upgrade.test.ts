import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CustomerRepository } from '../../src/store/customer-repository';
import { nowDbTime } from '../../src/store/dialect';
import { dataKeyId } from '../../src/store/field-cipher';
import { createFieldProtection, fieldProtection, useFieldProtection, type FieldProtection } from '../../src/store/field-protection';
import { migrateToLatest } from '../../src/store/migrate';
import { protectPlaintextData } from '../../src/store/reencryption';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { migrateDownThrough } from '../support/migration-steps';

describeEachDialect('upgrading a database written before encryption', (dialect) => {
  let test: TestDatabase;
  const key = randomBytes(32);
  const protection = createFieldProtection({ activeId: dataKeyId(key), keys: new Map([[dataKeyId(key), key]]) }, randomBytes(32));

  let before: FieldProtection;

  beforeAll(async () => {
    // The upgrade runs with this process's keys, as the command line installs them.
    before = fieldProtection();
    useFieldProtection(protection);
    test = await createTestDatabase(dialect);
    // Back to the schema of the version before encryption, with its plaintext rows.
    await migrateDownThrough(test.db.knex, '20261202090000_encrypted_personal_data');
    const now = nowDbTime();
    await test.db.knex('customers').insert({
      id: 'old-1', given_name: 'Greta', family_name: 'Oldfield', family_name_key: 'oldfield', given_name_key: 'greta',
      emails: '["greta@example.org"]', phones: '[]', address_line1: 'Alte Gasse 1', country: 'AT', created_at: now, updated_at: now,
    });
    await test.db.knex('source_records').insert({ source: 'crm', external_id: 'g1', raw: '{"mail":"greta@example.org"}', normalized: '{"email":"greta@example.org"}', content_hash: 'h', created_at: now, updated_at: now });
  });
  afterAll(async () => {
    useFieldProtection(before);
    await test?.drop();
  });

  it('drops the plaintext name keys, encrypts every personal value and makes them findable again', async () => {
    await migrateToLatest(test.db);
    expect(await test.db.knex.schema.hasColumn('customers', 'family_name_key')).toBe(false);
    // The migrations folded (and encrypted) the customer's personal fields and the source record's payload; left here is the blind index.
    expect(await protectPlaintextData(test.db.knex, protection)).toEqual({ encrypted: 0, indexedCustomers: 1 });
    const stored = JSON.stringify([await test.db.knex('customers').select('*'), await test.db.knex('source_records').select('*')]);
    for (const trace of ['greta', 'oldfield', 'alte gasse']) expect(stored.toLowerCase()).not.toContain(trace);
    const customers = new CustomerRepository(test.db.knex, protection);
    const found = await customers.listOrdered({ filter: { email: 'greta@example.org', namePrefix: 'old' }, order: { field: 'id', direction: 'asc' }, limit: 5 });
    expect(found.map(({ customer }) => [customer.id, customer.familyName, customer.addressLine1])).toEqual([['old-1', 'Oldfield', 'Alte Gasse 1']]);
  });
});
