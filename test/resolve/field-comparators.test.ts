import { describe, expect, it } from 'vitest';
import { CodeLevel, compareCodeLists, compareCodes, compareExact, ExactLevel } from '../../src/resolve/comparators/codes';
import { compareDates, DateLevel, type DateValue } from '../../src/resolve/comparators/dates';
import { compareEmails, EmailLevel } from '../../src/resolve/comparators/email';
import { compareNames, NameLevel, type NameSide } from '../../src/resolve/comparators/names';
import { areNicknameEquivalent, nicknameFamilies } from '../../src/resolve/comparators/nicknames';
import { AddressLineLevel, compareAddressLines, compareText, TextLevel } from '../../src/resolve/comparators/text';

function given(name: string, family = '', pinyin = ''): NameSide {
  const latin = pinyin || name;
  return { own: name, latin, otherLatin: family, nicknames: nicknameFamilies(latin) };
}

describe('name comparison levels', () => {
  it('is null when either name is missing', () => {
    expect(compareNames(given(''), given('anna'))).toBe(NameLevel.Null);
  });

  it('is exact for equal names', () => {
    expect(compareNames(given('anna'), given('anna'))).toBe(NameLevel.Exact);
  });

  it('treats a nickname and its formal name as equivalent', () => {
    expect(compareNames(given('bob'), given('robert'))).toBe(NameLevel.Equivalent);
    expect(compareNames(given('bill'), given('william'))).toBe(NameLevel.Equivalent);
  });

  it('treats a Han name and its pinyin as equivalent', () => {
    expect(compareNames(given('伟', '', 'wei'), given('wei'))).toBe(NameLevel.Equivalent);
    expect(compareNames(given('张伟', '', 'zhangwei'), given('張偉', '', 'zhangwei'))).toBe(NameLevel.Equivalent);
  });

  it('grades typos by Jaro–Winkler similarity', () => {
    expect(compareNames(given('jonathan'), given('jonathon'))).toBe(NameLevel.VeryClose);
    expect(compareNames(given('dwayne'), given('duane'))).toBe(NameLevel.Close);
  });

  it('recognises a name swapped into the other name field', () => {
    // mitchell green vs green mitchell: the given name of one is the family name of the other.
    expect(compareNames(given('mitchell', 'green'), given('green', 'mitchell'))).toBe(NameLevel.Swapped);
    // ... also with a typo on the way
    expect(compareNames(given('alexarose', 'white'), given('whitbe', 'alexarose'))).toBe(NameLevel.Swapped);
  });

  it('matches an initial to a name starting with it', () => {
    expect(compareNames(given('j'), given('john'))).toBe(NameLevel.Initial);
  });

  it('is different for unrelated names', () => {
    expect(compareNames(given('charlotte'), given('oscar'))).toBe(NameLevel.Different);
  });
});

describe('nickname table', () => {
  it('links common English nicknames to their formal names', () => {
    for (const [nickname, formal] of [
      ['bob', 'robert'],
      ['bill', 'william'],
      ['liz', 'elizabeth'],
      ['peggy', 'margaret'],
      ['dick', 'richard'],
      ['sandy', 'alexander'],
    ]) {
      expect(areNicknameEquivalent(nickname as string, formal as string)).toBe(true);
    }
  });

  it('links two nicknames of the same name', () => {
    expect(areNicknameEquivalent('bob', 'rob')).toBe(true);
  });

  it('lets an ambiguous nickname belong to several names', () => {
    expect(areNicknameEquivalent('chris', 'christopher')).toBe(true);
    expect(areNicknameEquivalent('chris', 'christina')).toBe(true);
    expect(areNicknameEquivalent('christopher', 'christina')).toBe(false);
  });

  it('does not link unrelated names or unknown names', () => {
    expect(areNicknameEquivalent('john', 'mary')).toBe(false);
    expect(areNicknameEquivalent('zyx', 'zyx')).toBe(false);
    expect(areNicknameEquivalent('', 'bob')).toBe(false);
  });
});

function date(iso: string): DateValue {
  if (iso === '') return { digits: '', year: 0, month: 0, day: 0 };
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { digits: iso.replace(/-/g, ''), year, month, day };
}

describe('birth date comparison levels', () => {
  const compare = (a: string, b: string): number => compareDates(date(a), date(b), 5);

  it('is null when a date is missing', () => expect(compare('', '1990-01-02')).toBe(DateLevel.Null));
  it('is exact for the same date', () => expect(compare('1990-01-02', '1990-01-02')).toBe(DateLevel.Exact));
  it('recognises day and month transposed', () => expect(compare('1990-03-04', '1990-04-03')).toBe(DateLevel.DayMonthSwapped));
  it('recognises one mistyped digit', () => expect(compare('1956-04-09', '1956-04-08')).toBe(DateLevel.OneTypo));
  it('recognises two neighbouring digits swapped', () => expect(compare('1923-10-19', '1932-10-19')).toBe(DateLevel.OneTypo));
  it('falls back to the same year', () => expect(compare('1975-02-11', '1975-09-30')).toBe(DateLevel.SameYear));
  it('then to a year within the tolerance', () => expect(compare('1975-02-11', '1979-09-30')).toBe(DateLevel.WithinYears));
  it('is different beyond the tolerance', () => expect(compare('1975-02-11', '1985-09-30')).toBe(DateLevel.Different));
});

describe('code comparison levels (ids, postal codes, street numbers, phones)', () => {
  it('is null, exact, one typo or different', () => {
    expect(compareCodes('', '2119')).toBe(CodeLevel.Null);
    expect(compareCodes('2119', '2119')).toBe(CodeLevel.Exact);
    expect(compareCodes('2139', '2193')).toBe(CodeLevel.OneTypo);
    expect(compareCodes('2139', '4551')).toBe(CodeLevel.Different);
  });

  it('takes the best level over all combinations of multi-valued codes', () => {
    expect(compareCodeLists(['+61400000001', '+61400000002'], ['+61400000002'])).toBe(CodeLevel.Exact);
    expect(compareCodeLists(['+61400000001'], ['+61400000010'])).toBe(CodeLevel.OneTypo);
    expect(compareCodeLists([], ['+61400000010'])).toBe(CodeLevel.Null);
  });

  it('compares region-like values only for equality', () => {
    expect(compareExact('nsw', 'nsw')).toBe(ExactLevel.Exact);
    expect(compareExact('nsw', 'vic')).toBe(ExactLevel.Different);
    expect(compareExact('', 'vic')).toBe(ExactLevel.Null);
  });
});

describe('text and address comparison levels', () => {
  it('grades city names by similarity', () => {
    expect(compareText('narellan', 'narellan')).toBe(TextLevel.Exact);
    expect(compareText('narellan', 'nareklan')).toBe(TextLevel.VeryClose);
    expect(compareText('granville', 'grandview')).toBe(TextLevel.Close);
    expect(compareText('corio', 'yagoona')).toBe(TextLevel.Different);
    expect(compareText('', 'yagoona')).toBe(TextLevel.Null);
  });

  it('recognises address lines 1 and 2 swapped', () => {
    // "gundulu place / curringa" vs "curringa / gundulu place"
    expect(compareAddressLines('gunduluplace', 'curringa', 'curringa', 'gunduluplace')).toBe(AddressLineLevel.Crossed);
  });
});

describe('email comparison levels', () => {
  const compare = (a: string[], b: string[]): number =>
    compareEmails(
      a,
      a.map((e) => e.split('@')[0] as string),
      b,
      b.map((e) => e.split('@')[0] as string),
    );

  it('is exact when the records share an address', () => {
    expect(compare(['ann@x.com', 'ann@y.com'], ['ann@y.com'])).toBe(EmailLevel.Exact);
  });

  it('recognises the same local part at another provider', () => {
    expect(compare(['annsmith@gmail.com'], ['annsmith@yahoo.com'])).toBe(EmailLevel.SameLocalPart);
  });

  it('recognises a local part one typo away', () => {
    expect(compare(['annsmith@gmail.com'], ['annsmiht@yahoo.com'])).toBe(EmailLevel.SimilarLocalPart);
  });

  it('ignores very short local parts and is null without emails', () => {
    expect(compare(['jo@gmail.com'], ['jo@yahoo.com'])).toBe(EmailLevel.Different);
    expect(compare([], ['jo@yahoo.com'])).toBe(EmailLevel.Null);
  });
});
