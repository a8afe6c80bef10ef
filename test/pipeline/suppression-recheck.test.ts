import { expect, it } from 'vitest';
import { indexKey, loadSuppressionCheck, suppressionDigests } from '../../src/access/suppression';
import { suppressAgain, type IntakeBatch } from '../../src/pipeline/suppression-recheck';
import type { LoadRecord } from '../../src/store/source-record-repository';
import { SuppressionRepository } from '../../src/store/suppression-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

function loadRecord(externalId: string, email: string): LoadRecord {
  return { externalId, rawJson: JSON.stringify({ id: externalId, email }), normalizedJson: JSON.stringify({ email }), correctionsJson: null, contentHash: `hash-${externalId}` };
}

describeEachDialect('a batch checked again after an erasure', (dialect) => {
  const test = useTestDatabase(dialect, ['suppressions']);

  async function checkErasing(email: string) {
    await new SuppressionRepository(test.db.knex).add(suppressionDigests(indexKey(), { emails: [email], phones: [], sourceKeys: [] }));
    return loadSuppressionCheck(test.db.knex);
  }

  it('sets aside the erased person’s records as SUPPRESSED entries without their key or text, keeping the rest in order', async () => {
    const check = await checkErasing('gone@example.com');
    const erased = loadRecord('2', 'gone@example.com');
    const batch: IntakeBatch = { records: [loadRecord('1', 'a@example.com'), erased, loadRecord('3', 'b@example.com')], locations: ['line 2', 'line 3', 'line 4'], rejects: [] };
    const again = suppressAgain(check, 'crm', 7, batch);
    expect(again.records.map((record) => record.externalId)).toEqual(['1', '3']);
    expect(again.locations).toEqual(['line 2', 'line 4']);
    expect(again.rejects).toEqual([expect.objectContaining({ source: 'crm', syncRunId: 7, location: 'line 3', externalId: null, reasonCode: 'SUPPRESSED', raw: null })]);
    expect(again.suppressed.get(erased)).toBe(again.rejects[0]);
  });

  it('replaces a rejected row holding the erased person’s email, whose raw text would keep it, and keeps other rejected rows', async () => {
    const check = await checkErasing('gone@example.com');
    const theirs = { source: 'crm', syncRunId: 7, location: 'line 5', externalId: '5', field: 'phone', reasonCode: 'INVALID_PHONE', message: 'line 5, column "phone": not a phone', raw: JSON.stringify({ id: '5', email: 'gone@example.com', phone: 'x' }) };
    const other = { ...theirs, location: 'line 6', externalId: '6', raw: JSON.stringify({ id: '6', email: 'stays@example.com', phone: 'x' }) };
    const malformed = { source: 'crm', syncRunId: 7, location: 'line 7', reasonCode: 'MALFORMED_ROW', message: 'line 7: unterminated quote', raw: '"gone@example.com' };
    const again = suppressAgain(check, 'crm', 7, { records: [], locations: [], rejects: [theirs, other, malformed] });
    expect(again.rejects.map((entry) => [entry.location, entry.reasonCode, entry.raw === null])).toEqual([
      ['line 5', 'SUPPRESSED', true],
      ['line 6', 'INVALID_PHONE', false],
      ['line 7', 'MALFORMED_ROW', false],
    ]);
    expect([...again.suppressed.keys()]).toEqual([theirs]);
  });
});
