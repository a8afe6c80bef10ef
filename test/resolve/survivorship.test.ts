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

  it('ranks every distinct email of a cluster of hundreds of records once each, naming the rule that decided against the next value', () => {
    const day = (i: number) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`;
    const members = Array.from({ length: 300 }, (_, i) => record(`r-${String(i).padStart(3, '0')}`, { updatedAt: day(i), emails: [`m${i % 150}@example.com`] }));
    const result = surviveCluster(members, { rules: { emails: ['mostFrequent', 'mostRecent'] } });
    expect(result.golden.emails).toHaveLength(150);
    expect(new Set(result.golden.emails.map((email) => email.value)).size).toBe(150);
    // The newest records (second 59) are r-059, r-119, r-179, r-239 and r-299; every value is held by two records.
    expect(result.golden.emails[0]).toEqual({ value: 'm59@example.com', primary: true, recordIds: ['r-059', 'r-209'], sources: ['test'] });
    expect(result.golden.emails.slice(0, 6).map((email) => email.value)).toEqual(['m59', 'm119', 'm29', 'm89', 'm149', 'm58'].map((local) => `${local}@example.com`));
    const lineage = lineageOf(result, 'emails');
    // Among the newest, neither rule tells the values apart (the record id does): the first rule is named.
    expect(lineage[0]).toEqual({ field: 'emails', value: 'm59@example.com', recordId: 'r-059', rule: 'mostFrequent' });
    // The last of the newest beats the next value on recency, the second rule (frequencies tie).
    expect(lineage[4]).toEqual({ field: 'emails', value: 'm149@example.com', recordId: 'r-299', rule: 'mostRecent' });
  });

  it('is deterministic regardless of record order', () => {
    expect(surviveCluster([web, shop, crm])).toEqual(surviveCluster([crm, shop, web]));
  });
});
