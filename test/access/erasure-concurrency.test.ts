import { expect, it } from 'vitest';
import { eraseCustomer } from '../../src/access/erasure';
import { silentLogger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import { consentFixtureConfig } from '../support/consent-fixture';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const admin = { subject: 'admin', role: 'admin' as const, scope: {}, via: 'jwt' as const };

describeEachDialect('erasure beside a resolution', (dialect) => {
  const test = useTestDatabase(dialect, []);
  const logger = silentLogger();

  it('an erasure asked for while a resolution runs is not undone by it', async () => {
    await runSync(test.db, consentFixtureConfig(), logger);
    const link = await test.db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').where('r.external_id', 'c1').first('l.customer_id');
    const ann = String(link.customer_id);
    const [, outcome] = await Promise.all([resolveCustomers(test.db, logger, { mode: 'full' }), eraseCustomer(test.db, logger, admin, ann, 'ticket 2')]);
    expect(outcome?.customerId).toBe(ann);
    expect(await test.db.knex('customers').where({ id: ann }).select('id')).toEqual([]);
    const orphanLinks = await test.db.knex('customer_links as l').leftJoin('source_records as r', 'r.id', 'l.source_record_id').whereNull('r.id').count({ n: '*' });
    expect(Number(orphanLinks[0]?.n)).toBe(0);
  });
});
