import { describe, expect, it } from 'vitest';
import { surviveCluster } from '../../src/resolve';
import { record } from './fixtures';

const crm = record('crm-1', { source: 'crm', trust: 3, updatedAt: '2023-01-01T00:00:00Z', givenName: 'Robert', city: 'Sydney', emails: ['bob@old.com'] });
const shop = record('shop-7', { source: 'shop', trust: 1, updatedAt: '2024-06-01T00:00:00Z', givenName: 'Bob', city: 'Melbourne', emails: ['bob@new.com', 'bob@old.com'] });
const web = record('web-3', { source: 'web', trust: 2, updatedAt: '2024-01-01T00:00:00Z', givenName: 'Bob', postalCode: '2000' });

const lineageOf = (result: ReturnType<typeof surviveCluster>, field: string) => result.lineage.filter((entry) => entry.field === field);

describe('survivorship', () => {
  it('takes a field from the most trusted source under the source-trust rule', () => {
    const result = surviveCluster([crm, shop, web], { rules: { city: ['sourceTrust'] } });
    expect(result.golden.city).toBe('Sydney');
    expect(lineageOf(result, 'city')).toEqual([{ field: 'city', value: 'Sydney', recordId: 'crm-1', rule: 'sourceTrust' }]);
  });

  it('takes a field from the most recent record under the recency rule', () => {
    const result = surviveCluster([crm, shop, web], { rules: { city: ['mostRecent'] } });
    expect(result.golden.city).toBe('Melbourne');
    expect(lineageOf(result, 'city')[0]).toMatchObject({ recordId: 'shop-7', rule: 'mostRecent' });
  });

  it('takes the value most records agree on under the frequency rule', () => {
    const result = surviveCluster([crm, shop, web], { rules: { givenName: ['mostFrequent', 'sourceTrust'] } });
    expect(result.golden.givenName).toBe('Bob');
    // Among the records holding "Bob", the most trusted one is credited.
    expect(lineageOf(result, 'givenName')[0]).toMatchObject({ recordId: 'web-3', rule: 'mostFrequent' });
  });

  it('prefers the fuller value under the completeness rule', () => {
    const result = surviveCluster([record('x', { givenName: 'J.' }), record('y', { givenName: 'John' })], {
      rules: { givenName: ['mostComplete'] },
    });
    expect(result.golden.givenName).toBe('John');
  });

  it('names the rule that actually decided when the first rule ties', () => {
    const a = record('a', { trust: 1, updatedAt: '2024-01-01T00:00:00Z', city: 'Perth' });
    const b = record('b', { trust: 1, updatedAt: '2025-01-01T00:00:00Z', city: 'Hobart' });
    const result = surviveCluster([a, b], { rules: { city: ['sourceTrust', 'mostRecent'] } });
    expect(lineageOf(result, 'city')[0]).toMatchObject({ value: 'Hobart', recordId: 'b', rule: 'mostRecent' });
  });

  it('uses a value that only one record has, and leaves out fields nobody has', () => {
    const result = surviveCluster([crm, shop, web]);
    expect(result.golden.postalCode).toBe('2000');
    expect(result.golden.nationalId).toBeUndefined();
    expect(lineageOf(result, 'nationalId')).toEqual([]);
  });

  it('lets a steward override beat every rule, with lineage saying so', () => {
    const result = surviveCluster([crm, shop, web], { overrides: { givenName: 'Rob' } });
    expect(result.golden.givenName).toBe('Rob');
    expect(lineageOf(result, 'givenName')).toEqual([{ field: 'givenName', value: 'Rob', recordId: null, rule: 'stewardOverride' }]);
  });

  it('keeps every distinct email with its sources and marks one primary', () => {
    const result = surviveCluster([crm, shop, web], { rules: { emails: ['mostRecent'] } });
    expect(result.golden.emails).toEqual([
      { value: 'bob@new.com', primary: true, recordIds: ['shop-7'], sources: ['shop'] },
      { value: 'bob@old.com', primary: false, recordIds: ['crm-1', 'shop-7'], sources: ['crm', 'shop'] },
    ]);
    expect(lineageOf(result, 'emails').map((entry) => entry.value)).toEqual(['bob@new.com', 'bob@old.com']);
  });

  it('is deterministic regardless of record order', () => {
    expect(surviveCluster([web, shop, crm])).toEqual(surviveCluster([crm, shop, web]));
  });
});
