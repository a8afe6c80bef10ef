import { describe, expect, it } from 'vitest';
import { isBlank, isPlaceholder, normalizeText, prepareText } from '../../src/normalize/text';

describe('normalizeText', () => {
  it.each([
    ['trims surrounding whitespace', '  Alice  ', 'Alice'],
    ['collapses inner whitespace runs', 'Mary \t  Jane', 'Mary Jane'],
    ['turns full-width digits into ASCII digits', '１３８', '138'],
    ['turns full-width letters into ASCII letters', 'ＡＢＣ', 'ABC'],
    ['treats the ideographic space as a space', '王\u3000小明', '王 小明'],
    ['treats a no-break space as a space', 'New\u00a0York', 'New York'],
    ['removes zero-width characters', 'Al\u200bice\ufeff', 'Alice'],
    ['keeps Han characters as written', '王小明', '王小明'],
    ['leaves clean ASCII untouched', 'plain text', 'plain text'],
  ])('%s', (_, raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });
});

describe('prepareText', () => {
  it('records a FULLWIDTH_NORMALIZED correction carrying the raw value', () => {
    expect(prepareText('１３８', 'phone')).toEqual({
      text: '138',
      corrections: [{ field: 'phone', raw: '１３８', value: '138', reason: 'FULLWIDTH_NORMALIZED' }],
    });
  });

  it('does not record spacing-only changes', () => {
    expect(prepareText('New\u00a0 York').corrections).toEqual([]);
  });
});

describe('isPlaceholder', () => {
  it.each(['N/A', 'null', 'NULL', '-', 'unknown', '未知', '无'])('treats "%s" as empty', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each(['Na', 'Nil Smith', 'Alice'])('keeps "%s" as a value', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('isBlank', () => {
  it.each([[undefined], [''], ['   '], ['\u3000']])('is true for %j', (value) => {
    expect(isBlank(value)).toBe(true);
  });

  it('is false for text', () => {
    expect(isBlank(' a ')).toBe(false);
  });
});
