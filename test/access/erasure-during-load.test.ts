import { afterAll, beforeAll, expect, it } from 'vitest';
import { eraseCustomer } from '../../src/access/erasure';
import { parseProjectConfig } from '../../src/config/load-config';
import type { ProjectConfig, SourceConfig } from '../../src/config/sources';
import { silentLogger, type Logger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import { syncSource } from '../../src/pipeline/sync-source';
import type { Database } from '../../src/store/database';
import { customers as sentCustomers, sendJson, TestApi } from '../connectors/test-api';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

const admin = { subject: 'admin', role: 'admin' as const, scope: {}, via: 'jwt' as const };
const ERASED_EMAIL = 'zebulon.quaxworthy@example.org';
const CRM = `id,first,last,email
c1,Zebulon,Quaxworthy,${ERASED_EMAIL}
c2,Ann,Lee,ann.lee@example.com
`;
/** The partner's three pages of two (the last empty); the erased person is the first record of page 2. */
const PARTNER_PAGES: Record<number, Array<Record<string, unknown>>> = {
  1: sentCustomers(101, 2),
  2: [{ id: 103, email: ERASED_EMAIL }, ...sentCustomers(104, 1)],
  3: [],
};

let api: TestApi;
beforeAll(async () => {
  api = await TestApi.start();
});
afterAll(async () => api?.close());

function projectConfig(): ProjectConfig {
  return parseProjectConfig(
    {
      sources: [
        { name: 'crm', kind: 'csv', path: 'crm.csv', primaryKey: 'id', mapping: { first: 'givenName', last: 'familyName', email: 'email' } },
        { name: 'partner', kind: 'rest', url: `${api.url}/customers`, primaryKey: 'id', mapping: { email: 'email' }, recordsPath: 'data', pagination: { style: 'page', size: 2 } },
      ],
    },
    writeFixtureDir({ 'crm.csv': CRM }),
  );
}

/** Each case on a database of its own: an erasure leaves suppressions behind. */
function describeWithErasable(name: string, body: (context: ErasableContext) => void): void {
  describeEachDialect(name, (dialect) => {
    const test = useTestDatabase(dialect, []);
    const logger = silentLogger();
    const context: ErasableContext = {
      test,
      logger,
      partner: () => projectConfig().sources.find((source) => source.name === 'partner') as SourceConfig,
      async customerToErase() {
        await runSync(test.db, projectConfig(), logger, { only: ['crm'] });
        const link = await test.db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').where('r.external_id', 'c1').first('l.customer_id');
        return String(link.customer_id);
      },
      async partnerKeys() {
        const rows = await test.db.knex('source_records').where({ source: 'partner' }).orderBy('external_id').select('external_id');
        return rows.map((row: { external_id: unknown }) => String(row.external_id));
      },
    };
    body(context);
  });
}

interface ErasableContext {
  test: { readonly db: Database };
  logger: Logger;
  partner(): SourceConfig;
  /** Syncs and resolves the CRM alone, and answers the id of the customer to erase. */
  customerToErase(): Promise<string>;
  /** Keys of the partner's stored records. */
  partnerKeys(): Promise<string[]>;
}

describeWithErasable('a load beside an erasure', ({ test, logger, partner, customerToErase, partnerKeys }) => {
  it('a load that took a record before an erasure sets it aside when it writes it after', async () => {
    const erased = await customerToErase();
    api.handle(async (request, response) => {
      const page = Number(request.url.searchParams.get('page'));
      // The person is erased while the load, which read the suppressions at its start, goes on.
      if (page === 2) await eraseCustomer(test.db, logger, admin, erased, 'ticket 7');
      sendJson(response, { data: PARTNER_PAGES[page] ?? [] });
    });
    const result = await syncSource(test.db, partner(), logger, { batchSize: 2 });
    expect(result.status).toBe('succeeded');
    expect(result.counts).toMatchObject({ read: 4, inserted: 3, quarantined: 1 });
    expect(await partnerKeys()).toEqual(['101', '102', '104']);
    const rejected = await test.db.knex('quarantine').where({ source: 'partner' }).select('reason_code', 'location', 'external_id');
    expect(rejected).toEqual([{ reason_code: 'SUPPRESSED', location: 'page 2 #0', external_id: null }]);
  });
});

describeWithErasable('an erasure after a load', ({ test, logger, partner, customerToErase, partnerKeys }) => {
  it('an erasure removes records loaded and not yet resolved that hold the person’s email', async () => {
    const erased = await customerToErase();
    api.handle((request, response) => sendJson(response, { data: PARTNER_PAGES[Number(request.url.searchParams.get('page'))] ?? [] }));
    await syncSource(test.db, partner(), logger, { batchSize: 2 });
    const outcome = await eraseCustomer(test.db, logger, admin, erased, 'ticket 8');
    expect(outcome?.sourceRecords).toBe(2);
    expect(await partnerKeys()).toEqual(['101', '102', '104']);
    await resolveCustomers(test.db, logger);
    const linkedKeys = await test.db.knex('customer_links as l').join('source_records as r', 'r.id', 'l.source_record_id').orderBy('r.external_id').select('r.external_id');
    expect(linkedKeys.map((row: { external_id: unknown }) => String(row.external_id))).toEqual(['101', '102', '104', 'c2']);
  });
});
