import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import type { SourceConfig } from '../../src/config/sources';
import { RecordPreparer } from '../../src/pipeline/prepare-record';
import { dataKeyId } from '../../src/store/field-cipher';
import { createFieldProtection, fieldProtection, useFieldProtection } from '../../src/store/field-protection';

const source = parseProjectConfig(
  { sources: [{ name: 'crm', kind: 'push', primaryKey: 'id', mapping: { email: 'email', first: 'givenName' } }] },
  '/tmp',
).sources[0] as SourceConfig;
const record = { kind: 'record' as const, location: 'record #0', values: { id: '7', email: 'ann@example.com', first: 'Ann' } };

function hashUnderIndexKey(indexKey: Uint8Array): string {
  const dataKey = randomBytes(32);
  useFieldProtection(createFieldProtection({ activeId: dataKeyId(dataKey), keys: new Map([[dataKeyId(dataKey), dataKey]]) }, indexKey));
  const prepared = new RecordPreparer(source).prepare(record);
  if (!prepared.ok) throw new Error('the record should prepare');
  return prepared.record.contentHash;
}

describe('content hashes', () => {
  const original = fieldProtection();
  afterAll(() => useFieldProtection(original));

  it('are keyed: the same record hashes alike under one index key and differently under another', () => {
    const key = randomBytes(32);
    expect(hashUnderIndexKey(key)).toBe(hashUnderIndexKey(key));
    expect(hashUnderIndexKey(key)).not.toBe(hashUnderIndexKey(randomBytes(32)));
  });
});
