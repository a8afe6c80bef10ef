import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/normalize/phone';

describe('normalizePhone', () => {
  it.each([
    ['a national CN mobile with spaces', '138 0013 8000', 'CN', '+8613800138000', 'MOBILE'],
    ['an international CN mobile with dashes', '+86-138-0013-8000', undefined, '+8613800138000', 'MOBILE'],
    ['a CN landline with area code in brackets', '(020) 1234 5678', 'CN', '+862012345678', 'FIXED_LINE'],
    ['a US number from a CN source', '+1 415-555-0100', 'CN', '+14155550100', 'FIXED_LINE_OR_MOBILE'],
    ['full-width digits', '１３８ ００１３ ８０００', 'CN', '+8613800138000', 'MOBILE'],
    ['a number dialled with the international prefix', '00 86 138 0013 8000', 'CN', '+8613800138000', 'MOBILE'],
    ['a country code without the plus', '8613800138000', 'CN', '+8613800138000', 'MOBILE'],
    ['a UK number with (0) in international form', '+44 (0)20 7946 0958', 'GB', '+442079460958', 'FIXED_LINE'],
    ['a German mobile in national form', '0151 23456789', 'DE', '+4915123456789', 'MOBILE'],
    ['a Japanese mobile in national form', '090-1234-5678', 'JP', '+819012345678', 'MOBILE'],
    ['a US toll-free number', '1 (800) 555-0199', 'US', '+18005550199', 'TOLL_FREE'],
  ])('normalizes %s to E.164', (_, raw, region, e164, type) => {
    const result = normalizePhone(raw, region === undefined ? {} : { defaultRegion: region });
    expect(result).toMatchObject({ ok: true, value: { e164, type } });
  });

  it('records the region the number belongs to, not the source default', () => {
    expect(normalizePhone('+1 613 555 0123', { defaultRegion: 'US' })).toMatchObject({ ok: true, value: { region: 'CA' } });
  });

  it('keeps an extension', () => {
    expect(normalizePhone('+1 415 555 0100 ext. 12')).toMatchObject({ ok: true, value: { e164: '+14155550100', extension: '12' } });
  });

  it('records PHONE_REFORMATTED when a trunk prefix is removed', () => {
    const result = normalizePhone('(020) 1234 5678', { defaultRegion: 'CN' });
    expect(result.ok && result.corrections).toEqual([{ raw: '(020) 1234 5678', value: '+862012345678', reason: 'PHONE_REFORMATTED' }]);
  });

  it('does not record punctuation-only changes', () => {
    const result = normalizePhone('+86 (138) 0013-8000');
    expect(result.ok && result.corrections).toEqual([]);
  });

  it('does not record adding the source region country code', () => {
    const result = normalizePhone('13800138000', { defaultRegion: 'CN' });
    expect(result.ok && result.corrections).toEqual([]);
  });

  it.each([
    ['too few digits', '12345', 'CN'],
    ['a number outside the numbering plan', '+86 999 9999 9999', undefined],
    ['letters', 'call me', 'US'],
    ['an unknown country calling code', '+999 1234 5678', undefined],
    ['an empty value', '  ', 'CN'],
  ])('rejects %s as INVALID_PHONE', (_, raw, region) => {
    const result = normalizePhone(raw, region === undefined ? {} : { defaultRegion: region });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PHONE' });
  });

  it('rejects a national number when the source has no region, saying why', () => {
    expect(normalizePhone('13800138000')).toMatchObject({ ok: false, code: 'INVALID_PHONE', message: expect.stringContaining('default region') });
  });

  it('accepts a lowercase region code', () => {
    expect(normalizePhone('13800138000', { defaultRegion: 'cn' })).toMatchObject({ ok: true, value: { e164: '+8613800138000' } });
  });
});
