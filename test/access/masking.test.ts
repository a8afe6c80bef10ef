import { describe, expect, it } from 'vitest';
import { applyMask, maskEmail, maskPhone, maskToInitial, maskToYear } from '../../src/access/masking';

describe('masking strategies', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('wei.zhang@example.com')).toBe('w***@example.com');
  });

  it('hides an email without a local part entirely', () => {
    expect(maskEmail('@example.com')).toBe('***');
  });

  it('keeps country code, first three and last four digits of a phone', () => {
    expect(maskPhone('+8613800138000')).toBe('+86 138****8000');
    expect(maskPhone('+14155550100')).toBe('+1 415****0100');
  });

  it('masks stored E.164 numbers as a full parse would, with one-, two- and three-digit calling codes', () => {
    expect(maskPhone('+4915123456789')).toBe('+49 151****6789');
    expect(maskPhone('+442071838750')).toBe('+44 207****8750');
    expect(maskPhone('+35312345678')).toBe('+353 123****5678');
    expect(maskPhone('0151 23456789')).toBe('015****6789');
  });

  it('reduces a date to its year', () => {
    expect(maskToYear('1990-02-03')).toBe('1990');
  });

  it('reduces a name to its initial, Han characters included', () => {
    expect(maskToInitial('Xiaoming')).toBe('X.');
    expect(maskToInitial('小明')).toBe('小.');
  });

  it('masks every element of a list', () => {
    expect(applyMask('email', ['ann@example.com', 'bo@example.org'])).toEqual(['a***@example.com', 'b***@example.org']);
  });

  it('leaves null as null', () => {
    expect(applyMask('phone', null)).toBeNull();
  });

  it('redacts to null', () => {
    expect(applyMask('redact', 'secret')).toBeNull();
  });
});
