import { describe, expect, it } from 'vitest';
import { countryName, normalizeCountry } from '../../src/normalize/country';

describe('normalizeCountry', () => {
  it.each([
    ['an alpha-2 code', 'CN', 'CN'],
    ['a lowercase alpha-2 code', 'us', 'US'],
    ['an alpha-3 code', 'CHN', 'CN'],
    ['a numeric code', '156', 'CN'],
    ['an English name', 'Germany', 'DE'],
    ['an official English name', 'United States of America', 'US'],
    ['USA', 'USA', 'US'],
    ['U.S.', 'U.S.', 'US'],
    ['UK', 'UK', 'GB'],
    ['England', 'England', 'GB'],
    ['a Chinese name (中国)', '中国', 'CN'],
    ['a Chinese name (美国)', '美国', 'US'],
    ['a Traditional Chinese name', '美國', 'US'],
    ['a name with "the"', 'The Netherlands', 'NL'],
    ['a name without its accents', "Cote d'Ivoire", 'CI'],
    ['a name with extra spaces and case', '  united   KINGDOM ', 'GB'],
    ['a full-width code', 'ＣＮ', 'CN'],
  ])('maps %s', (_, raw, code) => {
    expect(normalizeCountry(raw)).toMatchObject({ ok: true, value: code });
  });

  it.each([['Narnia'], ['XX'], ['']])('rejects %j as UNKNOWN_COUNTRY', (raw) => {
    expect(normalizeCountry(raw)).toMatchObject({ ok: false, code: 'UNKNOWN_COUNTRY' });
  });

  it('returns the same answer on repeated calls', () => {
    expect(normalizeCountry('England')).toEqual(normalizeCountry('England'));
  });
});

describe('countryName', () => {
  it('names a code in English and Chinese', () => {
    expect(countryName('CN')).toBe('China');
    expect(countryName('CN', 'zh')).toBe('中国');
  });
});
