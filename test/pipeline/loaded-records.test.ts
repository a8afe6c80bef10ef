import { describe, expect, it } from 'vitest';
import { LoadedRecords } from '../../src/pipeline/loaded-records';
import type { ResolvableRecord } from '../../src/store/source-record-repository';

function record(id: number, overrides: Partial<ResolvableRecord> = {}): ResolvableRecord {
  return {
    id,
    source: id % 2 === 0 ? 'crm' : 'shop',
    normalized: { givenName: `name${id}`, emails: [`p${id}@example.com`] },
    contentHash: id.toString(16).padStart(64, 'a'),
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, id)),
    updatedAt: new Date(Date.UTC(2025, 5, 30, 12, 0, 0, id)),
    ...overrides,
  };
}

describe('loaded records', () => {
  it('gives back every record as it was added, by id and by position', () => {
    const loaded = new LoadedRecords();
    const records = Array.from({ length: 3000 }, (_, i) => record(10 + i * 3));
    for (const r of records) loaded.add(r);
    loaded.trim();
    expect(loaded.size).toBe(3000);
    for (const [position, r] of records.entries()) {
      expect(loaded.get(r.id)).toEqual(r);
      expect(loaded.at(position)).toEqual(r);
    }
    expect(loaded.get(11)).toBeUndefined();
    expect(loaded.get(1_000_000)).toBeUndefined();
  });

  it('keeps a hash that is not 64 lower-case hex digits as it is', () => {
    const loaded = new LoadedRecords();
    const odd = [record(1, { contentHash: 'ABC' }), record(2, { contentHash: 'F'.repeat(64) }), record(3, { contentHash: '' })];
    for (const r of odd) loaded.add(r);
    expect(odd.map((r) => loaded.get(r.id)?.contentHash)).toEqual(['ABC', 'F'.repeat(64), '']);
  });

  it('forgets a released record', () => {
    const loaded = new LoadedRecords();
    loaded.add(record(1));
    loaded.add(record(2));
    expect(loaded.delete(1)).toBe(true);
    expect(loaded.delete(1)).toBe(false);
    expect(loaded.get(1)).toBeUndefined();
    expect(loaded.get(2)).toEqual(record(2));
  });

  it('refuses records out of id order', () => {
    const loaded = new LoadedRecords();
    loaded.add(record(5));
    expect(() => loaded.add(record(5))).toThrow(/ascending/);
    expect(() => loaded.add(record(4))).toThrow(/ascending/);
  });
});
