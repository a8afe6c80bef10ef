import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, stableStringify } from '../../src/normalize/content-hash';

describe('contentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order at any depth', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(contentHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it('depends on array order', () => {
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('ignores undefined properties, as JSON does', () => {
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
  });

  it('tells different values apart', () => {
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
  });

  it('serialises Decimals and Dates through their JSON form', () => {
    expect(stableStringify({ d: new Decimal('1.50'), t: new Date('2023-01-05T00:00:00Z') })).toBe('{"d":"1.5","t":"2023-01-05T00:00:00.000Z"}');
  });

  it('gives the same hash for any key order of the same record', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        return contentHash(record) === contentHash(reversed);
      }),
      { numRuns: 200 },
    );
  });
});
