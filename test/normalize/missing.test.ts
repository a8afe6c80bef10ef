import { describe, expect, it } from 'vitest';
import { createMissingValueFiller } from '../../src/normalize/missing';

describe('createMissingValueFiller', () => {
  it('leaves empty fields empty by default', () => {
    const filler = createMissingValueFiller({ city: 'leave' });
    expect(filler.fill({ city: '' })).toEqual({ record: { city: '' }, corrections: [] });
  });

  it('applies a default to an empty field, with a correction', () => {
    const filler = createMissingValueFiller({ country: { default: 'CN' } });
    expect(filler.fill({ country: ' ' })).toEqual({
      record: { country: 'CN' },
      corrections: [{ field: 'country', raw: ' ', value: 'CN', reason: 'DEFAULT_APPLIED' }],
    });
  });

  it('fills a missing field from the previous record when forward-fill is chosen', () => {
    const filler = createMissingValueFiller({ region: 'ffill' });
    filler.fill({ region: 'Guangdong' });
    expect(filler.fill({ region: undefined })).toEqual({
      record: { region: 'Guangdong' },
      corrections: [{ field: 'region', raw: '', value: 'Guangdong', reason: 'FORWARD_FILLED' }],
    });
  });

  it('forward-fills from the most recent non-empty value', () => {
    const filler = createMissingValueFiller({ region: 'ffill' });
    filler.fill({ region: 'A' });
    filler.fill({ region: 'B' });
    filler.fill({ region: '' });
    expect(filler.fill({}).record).toEqual({ region: 'B' });
  });

  it('has nothing to forward-fill before the first value', () => {
    const filler = createMissingValueFiller({ region: 'ffill' });
    expect(filler.fill({ region: '' })).toEqual({ record: { region: '' }, corrections: [] });
  });

  it('keeps runs apart: a new filler starts empty', () => {
    createMissingValueFiller({ region: 'ffill' }).fill({ region: 'A' });
    expect(createMissingValueFiller({ region: 'ffill' }).fill({}).record).toEqual({});
  });

  it('does not modify the input record', () => {
    const input = { country: '' };
    createMissingValueFiller({ country: { default: 'CN' } }).fill(input);
    expect(input).toEqual({ country: '' });
  });
});
