import { afterAll, beforeAll, expect, it } from 'vitest';
import { nowDbTime } from '../../src/store/dialect';
import { fieldProtection } from '../../src/store/field-protection';
import { migrateToLatest } from '../../src/store/migrate';
import { SourceRecordRepository } from '../../src/store/source-record-repository';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { migrateDownThrough } from '../support/migration-steps';

describeEachDialect('source records stored a column per payload part, upgraded to one encrypted value', (dialect) => {
  let test: TestDatabase;
  const { cipher } = fieldProtection();

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await migrateDownThrough(test.db.knex, '20261204130000_source_record_payload');
    const now = nowDbTime();
    const row = (externalId: string, raw: string, normalized: string, corrections: string | null, status = 'active') => ({
      source: 'crm', external_id: externalId, raw, normalized, corrections, content_hash: `h-${externalId}`, status, created_at: now, updated_at: now,
    });
    await test.db.knex('source_records').insert([
      row('1', cipher.seal('{"mail":"ANN@example.com","tel":"030 1234567"}'), cipher.seal('{"email":"ann@example.com","emails":["ann@example.com"],"phones":["+49301234567"]}'), cipher.seal('[{"field":"email","reason":"LOWERCASED"}]')),
      // Written before encryption: plaintext, nothing corrected.
      row('2', '{"mail":"bo@example.com"}', '{"email":"bo@example.com","emails":["bo@example.com"],"phones":[]}', null, 'deleted'),
    ]);
    await migrateToLatest(test.db);
  });
  afterAll(async () => test?.drop());

  it('folds raw, normalized and corrections into one encrypted payload and drops their columns', async () => {
    for (const column of ['raw', 'normalized', 'corrections']) expect(await test.db.knex.schema.hasColumn('source_records', column), column).toBe(false);
    for (const payload of await test.db.knex('source_records').pluck('payload')) expect(String(payload)).toMatch(/^enc:v1:/);
    const records = new SourceRecordRepository(test.db.knex);
    const ann = await records.findByKey('crm', '1');
    expect([ann?.raw, ann?.normalized, ann?.corrections, ann?.contentHash]).toEqual([
      { mail: 'ANN@example.com', tel: '030 1234567' },
      { email: 'ann@example.com', emails: ['ann@example.com'], phones: ['+49301234567'] },
      [{ field: 'email', reason: 'LOWERCASED' }],
      'h-1',
    ]);
    const bo = await records.findByKey('crm', '2');
    expect([bo?.raw, bo?.corrections, bo?.status]).toEqual([{ mail: 'bo@example.com' }, [], 'deleted']);
  });

  it('gives resolution the normalized values of the active records', async () => {
    const pages = [];
    for await (const page of new SourceRecordRepository(test.db.knex).activeResolvablePages()) pages.push(...page);
    expect(pages.map((record) => record.normalized)).toEqual([{ email: 'ann@example.com', emails: ['ann@example.com'], phones: ['+49301234567'] }]);
  });

  it('unfolds into the three columns when rolled back, and folds again', async () => {
    await migrateDownThrough(test.db.knex, '20261204130000_source_record_payload');
    const row = await test.db.knex('source_records').where({ external_id: '1' }).first();
    expect([cipher.open(row.raw), cipher.open(row.corrections)]).toEqual(['{"mail":"ANN@example.com","tel":"030 1234567"}', '[{"field":"email","reason":"LOWERCASED"}]']);
    expect(cipher.open((await test.db.knex('source_records').where({ external_id: '2' }).first()).corrections)).toBeNull();
    await migrateToLatest(test.db);
    expect((await new SourceRecordRepository(test.db.knex).findByKey('crm', '1'))?.raw).toEqual({ mail: 'ANN@example.com', tel: '030 1234567' });
  });
});
