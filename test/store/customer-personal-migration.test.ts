import { afterAll, beforeAll, expect, it } from 'vitest';
import { goldenToColumns } from '../../src/store/customer-columns';
import { CustomerRepository } from '../../src/store/customer-repository';
import { nowDbTime } from '../../src/store/dialect';
import { fieldProtection } from '../../src/store/field-protection';
import { migrateToLatest } from '../../src/store/migrate';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { migrateDownThrough } from '../support/migration-steps';

const OLD_COLUMNS = ['given_name', 'family_name', 'full_name', 'given_name_pinyin', 'family_name_pinyin', 'emails', 'phones', 'contact_sources', 'birth_date', 'address_line1', 'address_line2', 'city', 'region', 'postal_code'];

describeEachDialect('customers stored a column per personal field, upgraded to one encrypted value', (dialect) => {
  let test: TestDatabase;
  const { cipher } = fieldProtection();

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await migrateDownThrough(test.db.knex, '20261204120000_customer_personal');
    const now = nowDbTime();
    const sealed = (value: string | null) => cipher.seal(value);
    await test.db.knex('customers').insert([
      {
        id: 'c1', given_name: sealed('Wei'), family_name: sealed('Zhang'), full_name: sealed('Zhang Wei'), given_name_pinyin: sealed('wei'), family_name_pinyin: sealed('zhang'),
        emails: sealed('["wei@example.cn","w.zhang@example.com"]'), phones: sealed('["+8613800138000"]'),
        contact_sources: sealed('{"emails":{"wei@example.cn":["crm"],"w.zhang@example.com":["shop"]},"phones":{"+8613800138000":["crm"]}}'),
        birth_date: sealed('1990-05-01'), address_line1: sealed('1 Long Road'), address_line2: null, city: sealed('Shanghai'), region: null, postal_code: sealed('200000'),
        country: 'CN', gender: 'male', lifetime_value: '12.50', created_at: now, updated_at: now,
      },
      // Written before encryption: plaintext, most fields unknown.
      { id: 'c2', given_name: 'Ann', family_name: null, emails: '[]', phones: '[]', country: 'GB', created_at: now, updated_at: now },
    ]);
    await migrateToLatest(test.db);
  });
  afterAll(async () => test?.drop());

  it('folds every personal field into the encrypted value and drops the old columns', async () => {
    for (const column of OLD_COLUMNS) expect(await test.db.knex.schema.hasColumn('customers', column), column).toBe(false);
    const stored = await test.db.knex('customers').orderBy('id').pluck('personal');
    for (const value of stored) expect(String(value)).toMatch(/^enc:v1:/);
    const [c1, c2] = (await new CustomerRepository(test.db.knex).page(10)).customers;
    expect(c1).toMatchObject({
      id: 'c1', givenName: 'Wei', familyName: 'Zhang', fullName: 'Zhang Wei', givenNamePinyin: 'wei', familyNamePinyin: 'zhang',
      emails: ['wei@example.cn', 'w.zhang@example.com'], phones: ['+8613800138000'],
      emailSources: { 'wei@example.cn': ['crm'], 'w.zhang@example.com': ['shop'] }, phoneSources: { '+8613800138000': ['crm'] },
      birthDate: '1990-05-01', addressLine1: '1 Long Road', addressLine2: null, city: 'Shanghai', region: null, postalCode: '200000',
      country: 'CN', gender: 'male', lifetimeValue: '12.5',
    });
    expect(c2).toMatchObject({ id: 'c2', givenName: 'Ann', familyName: null, emails: [], phones: [], emailSources: {}, country: 'GB' });
  });

  it('stores the fields exactly as the golden writer would, so the next resolution finds them unchanged', async () => {
    for (const customer of (await new CustomerRepository(test.db.knex).page(10)).customers) {
      const row = await test.db.knex('customers').where({ id: customer.id }).first('personal');
      expect(cipher.open(row.personal)).toBe(goldenToColumns(customer).personal);
    }
  });

  it('unfolds into the old columns when rolled back, and folds again', async () => {
    await migrateDownThrough(test.db.knex, '20261204120000_customer_personal');
    expect(await test.db.knex.schema.hasColumn('customers', 'personal')).toBe(false);
    const row = await test.db.knex('customers').where({ id: 'c1' }).first();
    expect([cipher.open(row.given_name), cipher.open(row.city), cipher.open(row.region), JSON.parse(cipher.open(row.emails))]).toEqual(['Wei', 'Shanghai', null, ['wei@example.cn', 'w.zhang@example.com']]);
    await migrateToLatest(test.db);
    expect((await new CustomerRepository(test.db.knex).page(10)).customers.map((c) => c.givenName)).toEqual(['Wei', 'Ann']);
  });
});
