import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { convertMoney, InMemoryFxRates, type FxRateProvider } from '../../src/normalize/fx';

const rates = new InMemoryFxRates('CNY', [
  { currency: 'USD', date: '2023-01-02', rate: '6.9' },
  { currency: 'USD', date: '2023-01-06', rate: '6.8' },
  { currency: 'JPY', date: '2023-01-02', rate: '0.052' },
  { currency: 'KWD', date: '2023-01-02', rate: '22.5' },
]);

describe('convertMoney', () => {
  it('converts into the base currency', () => {
    expect(convertMoney('100', 'USD', 'CNY', '2023-01-05', rates)).toEqual({ ok: true, value: { amount: '690.00', currency: 'CNY' }, corrections: [] });
  });

  it('converts out of the base currency', () => {
    expect(convertMoney('690', 'CNY', 'USD', '2023-01-05', rates)).toMatchObject({ ok: true, value: { amount: '100.00', currency: 'USD' } });
  });

  it('converts between two non-base currencies through the base', () => {
    expect(convertMoney('1', 'USD', 'JPY', '2023-01-05', rates)).toMatchObject({ ok: true, value: { amount: '133', currency: 'JPY' } });
  });

  it('rounds half-even to the target minor units', () => {
    const fixed: FxRateProvider = { baseCurrency: 'USD', rateFor: () => new Decimal('1') };
    expect(convertMoney('0.125', 'EUR', 'USD', '2023-01-05', fixed)).toMatchObject({ value: { amount: '0.12' } });
    expect(convertMoney('0.135', 'EUR', 'USD', '2023-01-05', fixed)).toMatchObject({ value: { amount: '0.14' } });
    expect(convertMoney('2.5', 'USD', 'JPY', '2023-01-05', fixed)).toMatchObject({ value: { amount: '2' } });
  });

  it('keeps three decimals for KWD', () => {
    expect(convertMoney('225', 'CNY', 'KWD', '2023-01-05', rates)).toMatchObject({ ok: true, value: { amount: '10.000' } });
  });

  it('uses the latest rate on or before the date', () => {
    expect(convertMoney('1', 'USD', 'CNY', '2023-01-06', rates)).toMatchObject({ value: { amount: '6.80' } });
    expect(convertMoney('1', 'USD', 'CNY', '2023-01-05', rates)).toMatchObject({ value: { amount: '6.90' } });
  });

  it('returns the amount unchanged between equal currencies', () => {
    expect(convertMoney('12.345', 'EUR', 'EUR', '2023-01-05', rates)).toMatchObject({ ok: true, value: { amount: '12.345', currency: 'EUR' } });
  });

  it('rejects a missing rate as MISSING_FX_RATE instead of converting 1:1', () => {
    expect(convertMoney('1', 'EUR', 'CNY', '2023-01-05', rates)).toMatchObject({ ok: false, code: 'MISSING_FX_RATE' });
    expect(convertMoney('1', 'USD', 'CNY', '2022-12-31', rates)).toMatchObject({ ok: false, code: 'MISSING_FX_RATE' });
  });

  it('treats a non-positive rate as missing', () => {
    const broken: FxRateProvider = { baseCurrency: 'USD', rateFor: () => new Decimal(0) };
    expect(convertMoney('1', 'EUR', 'USD', '2023-01-05', broken)).toMatchObject({ ok: false, code: 'MISSING_FX_RATE' });
  });

  it('rejects an unknown currency as UNKNOWN_CURRENCY', () => {
    expect(convertMoney('1', 'XYZ', 'CNY', '2023-01-05', rates)).toMatchObject({ ok: false, code: 'UNKNOWN_CURRENCY' });
  });

  it('rejects an amount that is not a plain decimal as BAD_AMOUNT', () => {
    expect(convertMoney('1e3', 'USD', 'CNY', '2023-01-05', rates)).toMatchObject({ ok: false, code: 'BAD_AMOUNT' });
  });

  it('does not lose precision on large amounts', () => {
    expect(convertMoney('12345678901234567.89', 'USD', 'CNY', '2023-01-05', rates)).toMatchObject({ value: { amount: '85185184418518518.44' } });
  });
});
