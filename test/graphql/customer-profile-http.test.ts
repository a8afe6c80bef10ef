import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const PROFILE = `id givenName familyName fullName givenNamePinyin familyNamePinyin gender country email phone
  emails { address primary sources } phones { number primary sources }
  addresses { line1 line2 city region postalCode country }
  lifetimeValue lifetimeValueCurrency firstSeenAt lastSeenAt`;

describeEachDialect('the customer profile over GraphQL', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let byEmail: Map<string, Record<string, any>>;

  beforeAll(async () => {
    const all = await allCustomers(synced.server.url, PROFILE, await synced.server.bearer('steward'));
    byEmail = new Map(all.map((customer) => [customer.email as string, customer]));
  });

  const read = async (role: string, email: string, selection: string) =>
    postGraphql(synced.server.url, `query($id: ID!) { customer(id: $id) { ${selection} } }`, { id: byEmail.get(email)!.id }, await synced.server.bearer(role));

  it('lists each email with the sources that hold it and marks the primary one', () => {
    const ann = byEmail.get('ann.lee@example.com')!;
    expect(ann.emails).toEqual([{ address: 'ann.lee@example.com', primary: true, sources: ['crm', 'shop'] }]);
    expect(ann.phones).toEqual([{ number: '+4915123456789', primary: true, sources: ['crm'] }]);
    expect(ann.phone).toBe('+4915123456789');
  });

  it('sums lifetime value exactly across the linked records, as a decimal string', () => {
    const ann = byEmail.get('ann.lee@example.com')!;
    expect(ann.lifetimeValue).toBe('0.3');
    expect(ann.lifetimeValueCurrency).toBe('EUR');
    expect(byEmail.get('cy.doe@example.com')!.lifetimeValue).toBeNull();
  });

  it('gives the full name, and pinyin for Han names', () => {
    expect(byEmail.get('ann.lee@example.com')!.fullName).toBe('Ann Lee');
    const zhang = byEmail.get('zhang.wei@example.cn')!;
    expect(zhang).toMatchObject({ fullName: '张伟', familyNamePinyin: expect.stringMatching(/^zhang$/i), givenNamePinyin: expect.stringMatching(/^wei$/i) });
  });

  it('takes gender from the most recent record that states one', () => {
    expect(byEmail.get('ann.lee@example.com')!.gender).toBe('female');
    expect(byEmail.get('zhang.wei@example.cn')!.gender).toBe('male');
  });

  it('gives the golden address, and none when no part of it is known', () => {
    expect(byEmail.get('ann.lee@example.com')!.addresses).toEqual([
      { line1: expect.stringContaining('Hauptstr'), line2: expect.any(String), city: 'Berlin', region: expect.any(String), postalCode: '10115', country: 'DE' },
    ]);
    expect(byEmail.get('cy.doe@example.com')!.addresses).toEqual([]);
  });

  it('tracks first seen (earliest signup) and last seen (latest update) over the linked records', () => {
    const ann = byEmail.get('ann.lee@example.com')!;
    expect(ann.firstSeenAt).toBe('2020-01-15T10:00:00.000Z');
    expect(ann.lastSeenAt).toBe('2025-05-05T00:00:00.000Z');
  });

  it('shows an analyst masked contacts, the city/region/country of an address, and money', async () => {
    const response = await read('analyst', 'ann.lee@example.com', 'fullName email emails { address primary sources } phones { number } addresses { city region country } lifetimeValue gender');
    expect(response.errors).toBeUndefined();
    expect(response.data!.customer).toEqual({
      fullName: 'A.',
      email: 'a***@example.com',
      emails: [{ address: 'a***@example.com', primary: true, sources: ['crm', 'shop'] }],
      phones: [{ number: expect.stringMatching(/^\+49 \d*\*\*\*\*6789$/) }],
      addresses: [{ city: 'Berlin', region: expect.any(String), country: 'DE' }],
      lifetimeValue: '0.3',
      gender: 'female',
    });
  });

  it('denies an analyst the street and postal code', async () => {
    for (const field of ['line1', 'line2', 'postalCode']) {
      const response = await read('analyst', 'ann.lee@example.com', `addresses { ${field} }`);
      expect(response.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it('denies support the money and gender fields but shows the full address', async () => {
    const allowed = await read('support', 'ann.lee@example.com', 'addresses { line1 postalCode } email');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.customer.addresses[0].postalCode).toBe('10115');
    for (const field of ['lifetimeValue', 'gender']) {
      const denied = await read('support', 'ann.lee@example.com', field);
      expect(denied.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });
});
