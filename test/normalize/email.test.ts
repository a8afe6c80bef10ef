import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/normalize/email';
import { EMAIL_DOMAIN_TYPOS } from '../../src/normalize/email-domain-typos';

describe('normalizeEmail', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toEqual({ ok: true, value: 'jane.doe@example.com', corrections: [] });
  });

  it.each([
    ['gmial.com', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
    ['gamil.com', 'gmail.com'],
    ['hotmial.com', 'hotmail.com'],
    ['qq.con', 'qq.com'],
    ['163.con', '163.com'],
    ['yahoo.co', 'yahoo.com'],
  ])('corrects the domain typo %s to %s with a correction', (typo, domain) => {
    const raw = `someone@${typo}`;
    expect(normalizeEmail(raw)).toEqual({
      ok: true,
      value: `someone@${domain}`,
      corrections: [{ raw, value: `someone@${domain}`, reason: 'EMAIL_DOMAIN_TYPO' }],
    });
  });

  it('never maps a real domain to another one', () => {
    for (const [typo, domain] of EMAIL_DOMAIN_TYPOS) expect(typo).not.toBe(domain);
    expect(new Set(EMAIL_DOMAIN_TYPOS.values()).has('gmial.com')).toBe(false);
  });

  it.each([
    ['a display name and angle brackets', 'Jane Doe <jane@example.com>'],
    ['a mailto: prefix', 'mailto:jane@example.com'],
    ['a trailing semicolon', 'jane@example.com;'],
    ['spaces around the @', 'jane @ example.com'],
    ['a doubled dot in the domain', 'jane@example..com'],
  ])('repairs %s and records EMAIL_REPAIRED', (_, raw) => {
    const result = normalizeEmail(raw);
    expect(result).toMatchObject({ ok: true, value: 'jane@example.com' });
    expect(result.ok && result.corrections.map((c) => c.reason)).toEqual(['EMAIL_REPAIRED']);
  });

  it('reads full-width addresses', () => {
    expect(normalizeEmail('ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toMatchObject({ ok: true, value: 'jane@example.com' });
  });

  it('accepts plus addressing and internationalised domains', () => {
    expect(normalizeEmail('jane+news@example.co.uk')).toMatchObject({ ok: true, value: 'jane+news@example.co.uk' });
    expect(normalizeEmail('user@例子.中国')).toMatchObject({ ok: true, value: 'user@例子.中国' });
  });

  it.each([
    ['no @', 'jane.example.com'],
    ['nothing after @', 'jane@'],
    ['two @', 'a@b@example.com'],
    ['no top-level domain', 'jane@localhost'],
    ['a dot at the start of the local part', '.jane@example.com'],
    ['a space inside the local part', 'ja ne@example.com'],
    ['a numeric top-level domain', 'jane@example.123'],
  ])('rejects an address with %s as INVALID_EMAIL', (_, raw) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: false, code: 'INVALID_EMAIL' });
  });

  it('keeps the raw address out of rejection messages', () => {
    const result = normalizeEmail('secret.person@');
    expect(result.ok === false && result.message).not.toContain('secret');
  });

  it('answers the same for a domain it has checked before (domain checks are memoized)', () => {
    const addresses = ['a@gmial.com', 'b@example.com', 'c@example.123', 'd@例子.中国', 'e@qq.con', 'f@-bad.com', 'G@GMIAL.COM'];
    const first = addresses.map((a) => normalizeEmail(a));
    for (let round = 0; round < 3; round++) expect(addresses.map((a) => normalizeEmail(a))).toEqual(first);
    expect(first.map((r) => r.ok)).toEqual([true, true, false, true, true, false, true]);
    expect(first[6]).toMatchObject({ value: 'g@gmail.com', corrections: [{ reason: 'EMAIL_DOMAIN_TYPO', raw: 'G@GMIAL.COM' }] });
  });
});
