import { describe, expect, it } from 'vitest';
import { InMemoryFxRates } from '../../src/normalize/fx';
import { normalizeCustomerFields } from '../../src/normalize/record';
import { DEFAULT_NORMALIZE_SETTINGS, resolveNormalizeSettings } from '../../src/normalize/settings';

const cnSource = resolveNormalizeSettings({
  defaultCountry: 'CN',
  currency: 'CNY',
  timezone: 'Asia/Shanghai',
  today: '2025-01-01',
});
const rates = new InMemoryFxRates('CNY', [{ currency: 'USD', date: '2024-12-31', rate: '7.3' }]);

describe('normalizeCustomerFields', () => {
  it('normalizes every canonical field of a clean record', () => {
    const result = normalizeCustomerFields(
      {
        givenName: 'mary', familyName: "O'BRIEN", email: ' Mary@Example.com ', phone: '138 0013 8000',
        birthDate: '1990年5月1日', gender: 'F', country: '中国', addressLine1: '建国路88号', city: '北京',
        region: '北京市', postalCode: '100022', lifetimeValue: '¥1,234.5', signupAt: '2023-01-05 16:00:00',
        updatedAt: '2024-06-01T00:00:00Z',
      },
      cnSource,
    );
    expect(result.rejections).toEqual([]);
    expect(result.fields).toEqual({
      givenName: 'Mary', familyName: "O'Brien", fullName: "Mary O'Brien", email: 'mary@example.com',
      phone: '+8613800138000', phoneType: 'MOBILE', birthDate: '1990-05-01', gender: 'female', country: 'CN',
      addressLine1: '建国路88号', city: '北京', region: '北京市', postalCode: '100022',
      lifetimeValue: '1234.50', currency: 'CNY', signupAt: '2023-01-05T08:00:00.000Z', updatedAt: '2024-06-01T00:00:00.000Z',
    });
  });

  it('splits a full name into given and family names, recording NAME_SPLIT', () => {
    const result = normalizeCustomerFields({ fullName: 'WANG Xiaoming' }, cnSource);
    expect(result.fields).toMatchObject({ givenName: 'Xiaoming', familyName: 'Wang' });
    expect(result.corrections.map((c) => [c.field, c.reason, c.raw])).toEqual([
      ['familyName', 'NAME_SPLIT', 'WANG Xiaoming'],
      ['givenName', 'NAME_SPLIT', 'WANG Xiaoming'],
    ]);
  });

  it('adds pinyin beside Han names', () => {
    const result = normalizeCustomerFields({ fullName: '欧阳娜娜' }, cnSource);
    expect(result.fields).toMatchObject({ familyName: '欧阳', givenName: '娜娜', familyNamePinyin: 'ouyang', givenNamePinyin: 'nana' });
  });

  it('composes the full name from Han parts without a space', () => {
    expect(normalizeCustomerFields({ givenName: '小明', familyName: '王' }, cnSource).fields).toMatchObject({ fullName: '王小明', familyNamePinyin: 'wang' });
  });

  it('does not overwrite given and family names that were supplied', () => {
    const result = normalizeCustomerFields({ fullName: 'Wang Xiaoming', givenName: 'Sam', familyName: 'Wang' }, cnSource);
    expect(result.fields).toMatchObject({ givenName: 'Sam', familyName: 'Wang', fullName: 'Wang Xiaoming' });
    expect(result.corrections).toEqual([]);
  });

  it('parses phones in the record country before the source default', () => {
    expect(normalizeCustomerFields({ phone: '(415) 555-0100', country: 'US' }, cnSource).fields).toMatchObject({ phone: '+14155550100' });
  });

  it('carries field names on the corrections of each normalizer', () => {
    const result = normalizeCustomerFields({ email: 'a@gmial.com' }, cnSource);
    expect(result.corrections).toEqual([{ field: 'email', raw: 'a@gmial.com', value: 'a@gmail.com', reason: 'EMAIL_DOMAIN_TYPO' }]);
  });

  it('quarantines invalid values by default, with reason codes per field', () => {
    const result = normalizeCustomerFields({ email: 'not-an-email', birthDate: '1990-02-30', postalCode: '12' }, cnSource);
    expect(result.rejections.map((r) => [r.field, r.code])).toEqual([
      ['email', 'INVALID_EMAIL'],
      ['birthDate', 'IMPOSSIBLE_DATE'],
      ['postalCode', 'BAD_POSTAL_CODE'],
    ]);
    expect(result.fields).toEqual({});
  });

  it('drops invalid values of fields configured to drop, with a VALUE_DROPPED correction', () => {
    const settings = resolveNormalizeSettings({ ...cnSource, onInvalid: { gender: 'drop' } });
    const result = normalizeCustomerFields({ gender: 'banana', email: 'a@example.com' }, settings);
    expect(result.rejections).toEqual([]);
    expect(result.fields).toEqual({ email: 'a@example.com' });
    expect(result.corrections).toEqual([{ field: 'gender', raw: 'banana', value: '', reason: 'VALUE_DROPPED' }]);
  });

  it('treats placeholders as empty, recording PLACEHOLDER_REMOVED', () => {
    const result = normalizeCustomerFields({ phone: 'N/A' }, cnSource);
    expect(result.fields).toEqual({});
    expect(result.rejections).toEqual([]);
    expect(result.corrections).toEqual([{ field: 'phone', raw: 'N/A', value: '', reason: 'PLACEHOLDER_REMOVED' }]);
  });

  it('rejects a record missing a required field with MISSING_REQUIRED', () => {
    const settings = resolveNormalizeSettings({ ...cnSource, required: ['email'] });
    expect(normalizeCustomerFields({ email: '  ' }, settings).rejections).toEqual([
      { field: 'email', code: 'MISSING_REQUIRED', message: 'required field email is empty' },
    ]);
  });

  it('reports an invalid required field once, with its own reason', () => {
    const settings = resolveNormalizeSettings({ ...cnSource, required: ['email'] });
    expect(normalizeCustomerFields({ email: 'nope' }, settings).rejections.map((r) => r.code)).toEqual(['INVALID_EMAIL']);
  });

  it('takes the currency column into account', () => {
    expect(normalizeCustomerFields({ lifetimeValue: '12.5', currency: 'usd' }, cnSource).fields).toMatchObject({ lifetimeValue: '12.50', currency: 'USD' });
  });

  it('converts the lifetime value into the base currency when rates are given', () => {
    const settings = resolveNormalizeSettings({ ...cnSource, baseCurrency: 'CNY' });
    expect(normalizeCustomerFields({ lifetimeValue: '$100' }, settings, rates).fields).toMatchObject({
      lifetimeValue: '100.00', currency: 'USD', lifetimeValueBase: '730.00', lifetimeValueBaseCurrency: 'CNY',
    });
  });

  it('quarantines a value whose exchange rate is missing', () => {
    const settings = resolveNormalizeSettings({ ...cnSource, baseCurrency: 'CNY' });
    const result = normalizeCustomerFields({ lifetimeValue: '€100' }, settings, rates);
    expect(result.rejections.map((r) => [r.field, r.code])).toEqual([['lifetimeValue', 'MISSING_FX_RATE']]);
  });

  it('reads ambiguous dates with the source day/month order', () => {
    const us = resolveNormalizeSettings({ dayFirst: false, today: '2025-01-01' });
    expect(normalizeCustomerFields({ birthDate: '01/02/1990' }, us).fields).toEqual({ birthDate: '1990-01-02' });
  });

  it('ignores keys that are not canonical fields', () => {
    expect(normalizeCustomerFields({ shoeSize: '42' }, cnSource)).toEqual({ fields: {}, corrections: [], rejections: [] });
  });

  it('works with the default settings', () => {
    expect(normalizeCustomerFields({ email: 'A@B.CO' }, DEFAULT_NORMALIZE_SETTINGS).fields).toEqual({ email: 'a@b.co' });
  });

  it('never puts more than the field raw value into rejection messages', () => {
    const input = { email: 'private.person@', phone: '+86 999', givenName: 'R2D2', familyName: 'Secret' };
    for (const rejection of normalizeCustomerFields(input, cnSource).rejections) {
      for (const [field, raw] of Object.entries(input)) {
        if (field !== rejection.field) expect(rejection.message).not.toContain(raw);
      }
    }
  });
});

describe('resolveNormalizeSettings', () => {
  it('fills defaults', () => {
    expect(resolveNormalizeSettings()).toMatchObject({ timezone: 'UTC', defaultOnInvalid: 'quarantine', required: [] });
  });

  it('uppercases codes', () => {
    expect(resolveNormalizeSettings({ defaultCountry: 'cn', currency: 'cny' })).toMatchObject({ defaultCountry: 'CN', currency: 'CNY' });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }],
    [{ currency: 'XYZ' }],
    [{ defaultCountry: 'CHN' }],
  ])('throws on a bad setting %j', (partial) => {
    expect(() => resolveNormalizeSettings(partial)).toThrow(RangeError);
  });

  it('stores a normalizer correction with its field, keys in the order raw, value, reason, field', () => {
    const result = normalizeCustomerFields({ phone: '１３８ ００１３ ８０００' }, cnSource);
    expect(result.fields.phone).toBe('+8613800138000');
    expect(JSON.stringify(result.corrections)).toBe(
      JSON.stringify([{ raw: '１３８ ００１３ ８０００', value: '138 0013 8000', reason: 'FULLWIDTH_NORMALIZED', field: 'phone' }]),
    );
  });
});
