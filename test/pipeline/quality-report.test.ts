import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/logging';
import { buildQualityReport, type SourceQuality } from '../../src/pipeline/quality-report';
import { runSync } from '../../src/pipeline/run-sync';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';
import { postGraphql } from '../support/graphql-client';
import { startTestServer } from '../support/server';

const CSV = `id,email,dob
1,ann@gmial.com,1990-01-01
2,bo@example.com,
3,not-an-email,1990-01-01
4,cy@example.com,1990-01-01
4,cy@example.com,1990-01-01
`;

describeEachDialect('data quality report', (dialect) => {
  let test: TestDatabase;
  let crm: SourceQuality;
  const config = (dir: string) =>
    parseProjectConfig({ sources: [{ name: 'crm', kind: 'csv', path: 'a.csv', primaryKey: 'id', mapping: { email: 'email', dob: 'birthDate' } }] }, dir);

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    const dir = writeFixtureDir({ 'a.csv': CSV });
    await runSync(test.db, config(dir), silentLogger());
    [crm] = (await buildQualityReport(test.db, config(dir))) as [SourceQuality];
  });
  afterAll(async () => test?.drop());

  it('counts loaded records and the duplicates the last run removed', () => {
    expect(crm).toMatchObject({ source: 'crm', activeRecords: 3, duplicatesRemoved: 1 });
  });

  it('reports completeness from the stored records', () => {
    expect(crm.fields.find((f) => f.field === 'birthDate')).toMatchObject({ present: 2, completeness: 0.6667 });
  });

  it('counts a quarantined value against the validity of its field', () => {
    expect(crm.fields.find((f) => f.field === 'email')).toMatchObject({ present: 3, invalid: 1, validity: 0.75, corrections: 1 });
    expect(crm.quarantinedByReason).toEqual([{ reasonCode: 'INVALID_EMAIL', count: 1 }]);
  });

  it('counts corrections by reason', () => {
    expect(crm.correctionsByReason).toEqual([{ reason: 'EMAIL_DOMAIN_TYPO', count: 1 }]);
  });

  it('serves the same figures through GraphQL', async () => {
    const server = await startTestServer(test.db, { config: config(writeFixtureDir({})) });
    try {
      const response = await postGraphql(server.url, '{ dataQuality(source: "crm") { source activeRecords duplicatesRemoved quarantinedByReason { reason count } fields { field completeness validity } } }', {}, await server.bearer('analyst'));
      expect(response.errors).toBeUndefined();
      expect(response.data.dataQuality[0]).toMatchObject({ activeRecords: 3, duplicatesRemoved: 1, quarantinedByReason: [{ reason: 'INVALID_EMAIL', count: 1 }] });
    } finally {
      await server.close();
    }
  });
});
