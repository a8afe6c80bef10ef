import { describe, expect, it } from 'vitest';
import { resolveCurrency } from '../../src/normalize/currency';
import { parseMoney } from '../../src/normalize/money';

describe('parseMoney', () => {
  it.each([
    ['a yuan symbol with thousands', '¥1,234.50', {}, '1234.50', 'CNY'],
    ['a euro amount with decimal comma', '1.234,50 €', {}, '1234.50', 'EUR'],
    ['a dollar symbol', '$12', {}, '12.00', 'USD'],
    ['a plain number in the source currency', '1234.5', { defaultCurrency: 'CNY' }, '1234.50', 'CNY'],
    ['a code before the amount', 'CNY 88', {}, '88.00', 'CNY'],
    ['a code after the amount', '88 USD', {}, '88.00', 'USD'],
    ['a lowercase code', '88 usd', {}, '88.00', 'USD'],
    ['a comma as thousands separator', '1,234', { defaultCurrency: 'USD' }, '1234.00', 'USD'],
    ['a comma as decimal separator', '12,5', { defaultCurrency: 'EUR' }, '12.50', 'EUR'],
    ['repeated thousands separators', '1.234.567', { defaultCurrency: 'EUR' }, '1234567.00', 'EUR'],
    ['spaces as thousands separators', '1 234 567,89 €', {}, '1234567.89', 'EUR'],
    ['Swiss apostrophes', "CHF 1'234.50", {}, '1234.50', 'CHF'],
    ['a 元 suffix', '88元', {}, '88.00', 'CNY'],
    ['a leading minus', '-$5.25', {}, '-5.25', 'USD'],
    ['accounting parentheses', '(5.00)', { defaultCurrency: 'USD' }, '-5.00', 'USD'],
    ['a minus sign (U+2212)', '\u2212€5', {}, '-5.00', 'EUR'],
    ['a minus inside accounting parentheses', '(-5.00)', { defaultCurrency: 'USD' }, '5.00', 'USD'],
    ['a minus after the symbol', '$-5', {}, '-5.00', 'USD'],
    ['a full-width amount', '￥１，２３４．５０', {}, '1234.50', 'CNY'],
    ['extra digits beyond the minor units, kept', '1.2345 USD', {}, '1.2345', 'USD'],
    ['a zero-decimal currency', '¥1,234', { defaultCurrency: 'JPY' }, '1234', 'JPY'],
    ['a three-decimal currency', 'KWD 1.5', {}, '1.500', 'KWD'],
  ])('reads %s', (_, raw, options, amount, currency) => {
    expect(parseMoney(raw, options)).toMatchObject({ ok: true, value: { amount, currency } });
  });

  it('reads ¥ as yen for a JPY source and as yuan otherwise', () => {
    expect(parseMoney('¥500', { defaultCurrency: 'JPY' })).toMatchObject({ ok: true, value: { currency: 'JPY' } });
    expect(parseMoney('¥500', { defaultCurrency: 'USD' })).toMatchObject({ ok: true, value: { currency: 'CNY' } });
    expect(parseMoney('¥500')).toMatchObject({ ok: true, value: { currency: 'CNY' } });
  });

  it('reads $ as the source dollar, and as USD otherwise', () => {
    expect(parseMoney('$5', { defaultCurrency: 'CAD' })).toMatchObject({ ok: true, value: { currency: 'CAD' } });
    expect(parseMoney('$5', { defaultCurrency: 'AUD' })).toMatchObject({ ok: true, value: { currency: 'AUD' } });
    expect(parseMoney('$5', { defaultCurrency: 'EUR' })).toMatchObject({ ok: true, value: { currency: 'USD' } });
  });

  it('prefers an explicit prefix such as CA$', () => {
    expect(parseMoney('CA$5')).toMatchObject({ ok: true, value: { currency: 'CAD' } });
  });

  it('honours a forced decimal separator', () => {
    expect(parseMoney('1.234', { defaultCurrency: 'EUR', decimalSeparator: ',' })).toMatchObject({ ok: true, value: { amount: '1234.00' } });
    expect(parseMoney('1,234', { defaultCurrency: 'USD', decimalSeparator: ',' })).toMatchObject({ ok: true, value: { amount: '1.234' } });
  });

  it('rejects an amount without any currency as UNKNOWN_CURRENCY', () => {
    expect(parseMoney('12.50')).toMatchObject({ ok: false, code: 'UNKNOWN_CURRENCY' });
  });

  it('rejects a code that is not ISO 4217 as UNKNOWN_CURRENCY', () => {
    expect(parseMoney('12 XYZ')).toMatchObject({ ok: false, code: 'UNKNOWN_CURRENCY' });
  });

  it('rejects an ambiguous kr without a Nordic source currency', () => {
    expect(parseMoney('12 kr')).toMatchObject({ ok: false, code: 'UNKNOWN_CURRENCY' });
    expect(parseMoney('12 kr', { defaultCurrency: 'NOK' })).toMatchObject({ ok: true, value: { currency: 'NOK' } });
  });

  it('rejects a symbol contradicting the field currency as CURRENCY_MISMATCH', () => {
    expect(parseMoney('€12', { currency: 'USD' })).toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
  });

  it.each([['abc'], ['12.34.56,7,8'], ['1,23,4'], ['12 apples'], ['']])('rejects %j as BAD_AMOUNT', (raw) => {
    expect(parseMoney(raw, { defaultCurrency: 'USD' })).toMatchObject({ ok: false, code: 'BAD_AMOUNT' });
  });

  it('never returns negative zero', () => {
    expect(parseMoney('-0.00', { defaultCurrency: 'USD' })).toMatchObject({ ok: true, value: { amount: '0.00' } });
  });
});

describe('resolveCurrency', () => {
  it('answers per default currency, the same before and after its answers are memoized', () => {
    const tokens = ['¥', '$', '€', 'usd', 'kr', 'RMB', 'xyz', '元', 'Fr.'];
    const defaults = [undefined, 'CNY', 'JPY', 'SEK', 'CAD'];
    const first = defaults.map((d) => tokens.map((t) => resolveCurrency(t, d)));
    for (let round = 0; round < 3; round++) expect(defaults.map((d) => tokens.map((t) => resolveCurrency(t, d)))).toEqual(first);
    expect(resolveCurrency('¥', 'JPY')).toEqual({ ok: true, currency: 'JPY' });
    expect(resolveCurrency('¥', 'CNY')).toEqual({ ok: true, currency: 'CNY' });
    expect(resolveCurrency('¥')).toEqual({ ok: true, currency: 'CNY' });
    expect(resolveCurrency('kr')).toEqual({ ok: false, ambiguous: true });
    expect(resolveCurrency('kr', 'SEK')).toEqual({ ok: true, currency: 'SEK' });
    expect(Object.isFrozen(resolveCurrency('€'))).toBe(true);
  });
});
