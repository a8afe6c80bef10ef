import { describe, expect, it } from 'vitest';
import { consentStatements, normalizeConsent } from '../../src/normalize/consent';
import { normalizeCustomerFields } from '../../src/normalize/record';
import { resolveNormalizeSettings } from '../../src/normalize/settings';

describe('normalizeConsent', () => {
  it.each([
    ['yes', true], ['YES', true], ['Y', true], ['y.', true], ['true', true], ['TRUE', true], ['1', true], ['on', true], ['x', true],
    ['opt-in', true], ['Opt In', true], ['opt_in', true], ['optin', true], ['opted in', true], ['subscribed', true], ['granted', true],
    ['ja', true], ['oui', true], ['sí', true], ['是', true], ['同意', true], ['已订阅', true], ['ＹＥＳ', true], [' yes ', true],
    ['no', false], ['N', false], ['false', false], ['0', false], ['off', false],
    ['opt-out', false], ['Opt Out', false], ['optout', false], ['unsubscribed', false], ['withdrawn', false], ['revoked', false],
    ['nein', false], ['non', false], ['否', false], ['不同意', false], ['退订', false],
  ])('reads %j as %s', (raw, granted) => {
    expect(normalizeConsent(raw)).toMatchObject({ ok: true, value: granted });
  });

  it.each(['maybe', '2', 'yes please', 'unknown', '?'])('rejects %j as BAD_CONSENT rather than guess', (raw) => {
    expect(normalizeConsent(raw)).toMatchObject({ ok: false, code: 'BAD_CONSENT' });
  });
});

describe('consent fields of a record', () => {
  const settings = resolveNormalizeSettings({ timezone: 'Europe/Berlin' });

  it('normalizes both channels to "true" / "false" and the consent time to UTC', () => {
    const { fields, rejections } = normalizeCustomerFields({ emailMarketingConsent: 'opt-in', smsMarketingConsent: 'N', consentAt: '2024-03-05 10:00' }, settings);
    expect(rejections).toEqual([]);
    expect(fields).toMatchObject({ emailMarketingConsent: 'true', smsMarketingConsent: 'false', consentAt: '2024-03-05T09:00:00.000Z' });
  });

  it('quarantines an unreadable consent value with BAD_CONSENT on its field', () => {
    const { rejections } = normalizeCustomerFields({ email: 'a@example.com', emailMarketingConsent: 'perhaps' }, settings);
    expect(rejections).toEqual([expect.objectContaining({ field: 'emailMarketingConsent', code: 'BAD_CONSENT' })]);
  });

  it('drops an unreadable consent value when the source drops invalid values', () => {
    const dropping = resolveNormalizeSettings({ defaultOnInvalid: 'drop' });
    const { fields, rejections, corrections } = normalizeCustomerFields({ email: 'a@example.com', smsMarketingConsent: 'perhaps' }, dropping);
    expect(rejections).toEqual([]);
    expect(fields.smsMarketingConsent).toBeUndefined();
    expect(corrections).toEqual([expect.objectContaining({ field: 'smsMarketingConsent', reason: 'VALUE_DROPPED' })]);
  });

  it('quarantines an unreadable consent time as a bad date', () => {
    const { rejections } = normalizeCustomerFields({ emailMarketingConsent: 'yes', consentAt: 'last spring' }, settings);
    expect(rejections).toEqual([expect.objectContaining({ field: 'consentAt', code: 'BAD_DATE' })]);
  });

  it('quarantines a consent time in the future, which would otherwise win survivorship for good', () => {
    const dated = resolveNormalizeSettings({ timezone: 'UTC', today: '2025-06-01' });
    const { rejections } = normalizeCustomerFields({ emailMarketingConsent: 'yes', consentAt: '2052-06-01 10:00' }, dated);
    expect(rejections).toEqual([expect.objectContaining({ field: 'consentAt', code: 'BAD_CONSENT', message: expect.stringContaining('future') })]);
    expect(normalizeCustomerFields({ emailMarketingConsent: 'yes', consentAt: '2025-06-01 23:00' }, dated).rejections).toEqual([]);
  });

  it('treats an empty or placeholder consent as no statement', () => {
    const { fields, rejections } = normalizeCustomerFields({ emailMarketingConsent: '', smsMarketingConsent: 'N/A' }, settings);
    expect(rejections).toEqual([]);
    expect(fields.emailMarketingConsent).toBeUndefined();
    expect(fields.smsMarketingConsent).toBeUndefined();
  });
});

describe('consentStatements', () => {
  const loadedAt = new Date('2026-01-01T00:00:00.000Z');

  it('dates a statement with the consent time when the source gives one', () => {
    expect(consentStatements({ emailMarketingConsent: 'true', consentAt: '2024-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }, loadedAt)).toEqual([
      { channel: 'email_marketing', granted: true, recordedAt: '2024-01-01T00:00:00.000Z', timeOrigin: 'consentAt' },
    ]);
  });

  it("falls back to the record's own update time, then to when the sync loaded it", () => {
    expect(consentStatements({ smsMarketingConsent: 'false', updatedAt: '2025-01-01T00:00:00.000Z' }, loadedAt)).toEqual([
      { channel: 'sms_marketing', granted: false, recordedAt: '2025-01-01T00:00:00.000Z', timeOrigin: 'updatedAt' },
    ]);
    expect(consentStatements({ smsMarketingConsent: 'true' }, loadedAt)).toEqual([
      { channel: 'sms_marketing', granted: true, recordedAt: '2026-01-01T00:00:00.000Z', timeOrigin: 'loaded' },
    ]);
  });

  it('makes no statement for a channel the record does not speak about', () => {
    expect(consentStatements({ consentAt: '2024-01-01T00:00:00.000Z' }, loadedAt)).toEqual([]);
  });
});
