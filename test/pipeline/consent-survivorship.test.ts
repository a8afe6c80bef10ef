import { beforeEach, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/access/erasure';
import { silentLogger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import { mergeCustomers } from '../../src/pipeline/steward-actions';
import type { Database } from '../../src/store/database';
import { fromDbTime } from '../../src/store/dialect';
import { CONSENT_CRM, CONSENT_SHOP, consentFixtureConfig } from '../support/consent-fixture';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { emptyTables } from './steward-support';

/** The customer a record of either source belongs to. */
async function customerOfExternalId(db: Database, externalId: string): Promise<string> {
  const row = await db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').where('r.external_id', externalId).first('l.customer_id');
  return String(row.customer_id);
}

interface ConsentRow { channel: string; granted: boolean; source: string; externalId: string; recordedAt: string }

/** The stored consent of the customer a record belongs to, with the winning record's key. */
async function consentOf(db: Database, externalId: string): Promise<ConsentRow[]> {
  const customerId = await customerOfExternalId(db, externalId);
  const rows = await db.knex('customer_consents as c')
    .join('source_records as r', 'r.id', 'c.source_record_id')
    .where('c.customer_id', customerId)
    .orderBy('c.channel')
    .select('c.channel', 'c.granted', 'c.source', 'r.external_id', 'c.recorded_at');
  return rows.map((row: Record<string, unknown>) => ({
    channel: String(row.channel),
    granted: Boolean(Number(row.granted)),
    source: String(row.source),
    externalId: String(row.external_id),
    recordedAt: (fromDbTime(row.recorded_at as string) as Date).toISOString(),
  }));
}

describeEachDialect('consent survivorship', (dialect) => {
  // Tables are emptied by emptyTables, which knows every table resolution writes.
  const test = useTestDatabase(dialect, []);
  const logger = silentLogger();
  beforeEach(async () => {
    await emptyTables(test.db);
    for (const table of ['customer_changes', 'suppressions']) await test.db.knex(table).delete();
  });

  it('takes the most recent statement per channel, a newer withdrawal beating an older grant of a more trusted source', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    expect(await consentOf(test.db, 'c1')).toEqual([
      { channel: 'email_marketing', granted: false, source: 'shop', externalId: 's1', recordedAt: '2025-01-01T00:00:00.000Z' },
      { channel: 'sms_marketing', granted: true, source: 'crm', externalId: 'c1', recordedAt: '2024-01-10T00:00:00.000Z' },
    ]);
  });

  it('lets a newer grant beat an older refusal, and a newer grant beat an older withdrawal', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    expect(await consentOf(test.db, 'c2')).toEqual([
      { channel: 'email_marketing', granted: true, source: 'shop', externalId: 's2', recordedAt: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(await consentOf(test.db, 'c3')).toEqual([
      { channel: 'email_marketing', granted: true, source: 'crm', externalId: 'c3', recordedAt: '2024-06-01T00:00:00.000Z' },
    ]);
  });

  it('records lineage for the consent fields like for other golden fields', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const ann = await customerOfExternalId(test.db, 'c1');
    const lineage = await test.db.knex('field_lineage as f').join('source_records as r', 'r.id', 'f.source_record_id')
      .where('f.customer_id', ann).whereIn('f.field', ['emailMarketingConsent', 'smsMarketingConsent']).orderBy('f.field').select('f.field', 'f.rule', 'r.external_id');
    expect(lineage.map((row: Record<string, unknown>) => ({ ...row }))).toEqual([
      { field: 'emailMarketingConsent', rule: 'most_recent_statement', external_id: 's1' },
      { field: 'smsMarketingConsent', rule: 'most_recent_statement', external_id: 'c1' },
    ]);
  });

  it('follows a source that changes its statement in a later sync, updating the customer in the feed', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const before = Number((await test.db.knex('customer_changes').max({ id: 'id' }).first())?.id ?? 0);
    const crm = CONSENT_CRM.replace('c1,Ann,Lee,ann@example.com,DE,yes,1,2024-01-10T00:00:00Z', 'c1,Ann,Lee,ann@example.com,DE,yes,0,2026-02-01T00:00:00Z');
    const result = await runSync(test.db, consentFixtureConfig({ crm }), logger);
    expect(result.resolution?.mode).toBe('incremental');
    expect(await consentOf(test.db, 'c1')).toEqual([
      { channel: 'email_marketing', granted: true, source: 'crm', externalId: 'c1', recordedAt: '2026-02-01T00:00:00.000Z' },
      { channel: 'sms_marketing', granted: false, source: 'crm', externalId: 'c1', recordedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    const changes = await test.db.knex('customer_changes').where('id', '>', before).select('customer_id', 'kind');
    expect(changes.map((c: Record<string, unknown>) => ({ ...c }))).toEqual([{ customer_id: await customerOfExternalId(test.db, 'c1'), kind: 'updated' }]);
  });

  it('gives the same consent on a full run as on the incremental one', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const incremental = await test.db.knex('customer_consents').orderBy(['customer_id', 'channel']).select();
    await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await test.db.knex('customer_consents').orderBy(['customer_id', 'channel']).select()).toEqual(incremental);
  });

  it('gives a steward merge the newest statement of both customers and drops the retired id’s rows', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const dee = await customerOfExternalId(test.db, 's3');
    const eve = await customerOfExternalId(test.db, 'c5');
    const survivor = await mergeCustomers(test.db, logger, { actor: 'sam', role: 'steward' }, [dee, eve]);
    const retired = survivor === dee ? eve : dee;
    expect(await consentOf(test.db, 's3')).toEqual([
      { channel: 'email_marketing', granted: true, source: 'shop', externalId: 's3', recordedAt: '2023-01-01T00:00:00.000Z' },
      { channel: 'sms_marketing', granted: false, source: 'crm', externalId: 'c5', recordedAt: '2022-01-01T00:00:00.000Z' },
    ]);
    expect(await test.db.knex('customer_consents').where({ customer_id: retired }).select()).toEqual([]);
  });

  it('is removed with the customer by erasure', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const ann = await customerOfExternalId(test.db, 'c1');
    const outcome = await eraseCustomer(test.db, silentLogger(), { subject: 'admin', role: 'admin', scope: {}, via: 'jwt' }, ann, 'ticket 1');
    expect(outcome?.consents).toBe(2);
    expect(await test.db.knex('customer_consents').where({ customer_id: ann }).select()).toEqual([]);
  });

  it('keeps a record with an unreadable consent out, in quarantine with BAD_CONSENT', async () => {
    const shop = `${CONSENT_SHOP}s9,Gus,Hale,gus@example.com,perhaps,2025-01-01T00:00:00Z\n`;
    await runSync(test.db, consentFixtureConfig({ shop }), logger);
    const quarantined = await test.db.knex('quarantine').where({ source: 'shop', external_id: 's9' }).select('reason_code');
    expect(quarantined.map((row: { reason_code: string }) => row.reason_code)).toEqual(['BAD_CONSENT']);
  });
});
