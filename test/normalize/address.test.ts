import { describe, expect, it } from 'vitest';
import { caseAddressText, normalizeAddress, normalizePostalCode, normalizeRegion } from '../../src/normalize/address';

describe('normalizePostalCode', () => {
  it.each([
    ['US', '94105', '94105'],
    ['US', '94105-1234', '94105-1234'],
    ['US', '941051234', '94105-1234'],
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'EC1A  1BB', 'EC1A 1BB'],
    ['CN', '100000', '100000'],
    ['DE', '10115', '10115'],
    ['DE', 'D-10115', '10115'],
    ['FR', '75001', '75001'],
    ['JP', '1234567', '123-4567'],
    ['JP', '〒123-4567', '123-4567'],
    ['AU', '2000', '2000'],
    ['CA', 'k1a0b6', 'K1A 0B6'],
    ['NL', '1234ab', '1234 AB'],
  ])('formats a %s code %j as %j', (country, raw, expected) => {
    expect(normalizePostalCode(raw, country)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['GB', '12345'],
    ['CN', '10000'],
    ['DE', '1011'],
    ['JP', '123-456'],
    ['AU', '20000'],
    ['CA', 'D1A 0B6'],
  ])('rejects a %s code %j as BAD_POSTAL_CODE', (country, raw) => {
    expect(normalizePostalCode(raw, country)).toMatchObject({ ok: false, code: 'BAD_POSTAL_CODE' });
  });

  it('repairs a US ZIP that lost its leading zero, with a correction', () => {
    expect(normalizePostalCode('2134', 'US')).toEqual({
      ok: true,
      value: '02134',
      corrections: [{ raw: '2134', value: '02134', reason: 'POSTAL_CODE_REPAIRED' }],
    });
  });

  it('rejects a US ZIP of the wrong length', () => {
    expect(normalizePostalCode('941', 'US')).toMatchObject({ ok: false, code: 'BAD_POSTAL_CODE' });
  });

  it('only cleans codes of countries without a rule', () => {
    expect(normalizePostalCode(' ab 12 ', 'ZZ')).toMatchObject({ ok: true, value: 'AB 12' });
    expect(normalizePostalCode('ab12', undefined)).toMatchObject({ ok: true, value: 'AB12' });
  });
});

describe('caseAddressText', () => {
  it.each([
    ['all caps with a directional', '123 MAIN ST NW', '123 Main St NW'],
    ['lowercase with a unit', 'apt 4b', 'Apt 4B'],
    ['ordinals', '5TH AVENUE', '5th Avenue'],
    ['small words', 'AVENUE OF THE AMERICAS', 'Avenue of the Americas'],
    ['a PO box', 'po box 12', 'PO Box 12'],
    ['apostrophes', "o'connell street", "O'Connell Street"],
  ])('recases %s', (_, raw, expected) => {
    expect(caseAddressText(raw)).toBe(expected);
  });

  it('keeps mixed case and caseless scripts as written', () => {
    expect(caseAddressText('McAllister St')).toBe('McAllister St');
    expect(caseAddressText('北京市朝阳区建国路88号')).toBe('北京市朝阳区建国路88号');
  });
});

describe('normalizeRegion', () => {
  it('uppercases state codes of countries that use them', () => {
    expect(normalizeRegion('ca', 'US')).toMatchObject({ value: 'CA' });
    expect(normalizeRegion('nsw', 'AU')).toMatchObject({ value: 'NSW' });
  });

  it('cases region names elsewhere', () => {
    expect(normalizeRegion('GUANGDONG', 'CN')).toMatchObject({ value: 'Guangdong' });
  });
});

describe('normalizeAddress', () => {
  it('normalizes every part and resolves the country', () => {
    expect(
      normalizeAddress({ line1: '  123 MAIN ST ', line2: 'apt 4b', city: 'SAN FRANCISCO', region: 'ca', postalCode: '941051234', country: 'usa' }),
    ).toMatchObject({
      ok: true,
      value: { line1: '123 Main St', line2: 'Apt 4B', city: 'San Francisco', region: 'CA', postalCode: '94105-1234', country: 'US' },
    });
  });

  it('validates the postal code against the default country', () => {
    expect(normalizeAddress({ postalCode: '1234' }, { defaultCountry: 'CN' })).toMatchObject({ ok: false, code: 'BAD_POSTAL_CODE' });
  });

  it('rejects an unknown country', () => {
    expect(normalizeAddress({ city: 'Paris', country: 'Atlantis' })).toMatchObject({ ok: false, code: 'UNKNOWN_COUNTRY' });
  });
});
