import { describe, expect, it } from 'vitest';
import { CodeLevel, compareCodeLists, compareCodes, compareExact, ExactLevel } from '../../src/resolve/comparators/codes';
import { compareDates, DateLevel } from '../../src/resolve/comparators/dates';
import { compareEmails, EmailLevel } from '../../src/resolve/comparators/email';
import { NameLevel } from '../../src/resolve/comparators/names';
import { COMPARISONS } from '../../src/resolve/comparisons';
import { PreparedRecords } from '../../src/resolve/prepared-records';
import type { MatchRecord } from '../../src/resolve';
import { emailLocalPart, hashRange, scanEmailLocalPart } from '../../src/resolve/text';
import { record, seeded } from './fixtures';
import { areNicknameEquivalent, nicknameFamilies } from '../../src/resolve/comparators/nicknames';
import { AddressLineLevel, compareAddressLines, compareText, TextLevel } from '../../src/resolve/comparators/text';

/** The given-name level of two records, as the engine computes it. */
function givenLevel(a: Partial<MatchRecord>, b: Partial<MatchRecord>): number {
  const prepared = PreparedRecords.from([record('a', a), record('b', b)]);
  return (COMPARISONS.givenName as (typeof COMPARISONS)[string]).compare(prepared, 0, 1, { birthYearTolerance: 5 });
}

const given = (givenName: string, familyName = '', givenNamePinyin = ''): Partial<MatchRecord> => {
  const fields: Partial<MatchRecord> = {};
  if (givenName !== '') fields.givenName = givenName;
  if (familyName !== '') fields.familyName = familyName;
  if (givenNamePinyin !== '') fields.givenNamePinyin = givenNamePinyin;
  return fields;
};

describe('name comparison levels', () => {
  it('is null when either name is missing', () => {
    expect(givenLevel(given(''), given('anna'))).toBe(NameLevel.Null);
  });

  it('is exact for equal names', () => {
    expect(givenLevel(given('anna'), given('anna'))).toBe(NameLevel.Exact);
  });

  it('treats a nickname and its formal name as equivalent', () => {
    expect(givenLevel(given('bob'), given('robert'))).toBe(NameLevel.Equivalent);
    expect(givenLevel(given('bill'), given('william'))).toBe(NameLevel.Equivalent);
  });

  it('treats a Han name and its pinyin as equivalent', () => {
    expect(givenLevel(given('伟', '', 'wei'), given('wei'))).toBe(NameLevel.Equivalent);
    expect(givenLevel(given('张伟', '', 'zhangwei'), given('張偉', '', 'zhangwei'))).toBe(NameLevel.Equivalent);
  });

  it('grades typos by Jaro–Winkler similarity', () => {
    expect(givenLevel(given('jonathan'), given('jonathon'))).toBe(NameLevel.VeryClose);
    expect(givenLevel(given('dwayne'), given('duane'))).toBe(NameLevel.Close);
  });

  it('recognises a name swapped into the other name field', () => {
    // mitchell green vs green mitchell: the given name of one is the family name of the other.
    expect(givenLevel(given('mitchell', 'green'), given('green', 'mitchell'))).toBe(NameLevel.Swapped);
    // ... also with a typo on the way
    expect(givenLevel(given('alexarose', 'white'), given('whitbe', 'alexarose'))).toBe(NameLevel.Swapped);
  });

  it('matches an initial to a name starting with it', () => {
    expect(givenLevel(given('j'), given('john'))).toBe(NameLevel.Initial);
  });

  it('is different for unrelated names', () => {
    expect(givenLevel(given('charlotte'), given('oscar'))).toBe(NameLevel.Different);
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

/** YYYY-MM-DD as the number YYYYMMDD, as prepared records keep it. */
function date(iso: string): number {
  return iso === '' ? 0 : Number(iso.replace(/-/g, ''));
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

  it('does not take local parts differing in their digits for a typo', () => {
    expect(compare(['ann.lee.1024@example.com'], ['ann.lee.1094@example.com'])).toBe(EmailLevel.Different);
    expect(compare(['jsmith1@gmail.com'], ['jsmith2@gmail.com'])).toBe(EmailLevel.Different);
    expect(compare(['jsmith1990@gmail.com'], ['jsmiht1990@yahoo.com'])).toBe(EmailLevel.SimilarLocalPart);
  });

  it('ignores very short local parts and is null without emails', () => {
    expect(compare(['jo@gmail.com'], ['jo@yahoo.com'])).toBe(EmailLevel.Different);
    expect(compare([], ['jo@yahoo.com'])).toBe(EmailLevel.Null);
  });
});

describe('single email and phone fast paths', () => {
  // Random near-duplicates: the fingerprint shortcuts must never change a level.
  const random = seeded(5);
  const mutate = (value: string): string => {
    const at = Math.floor(random() * value.length);
    const kind = random();
    if (kind < 0.25) return value.slice(0, at) + value.slice(at + 1);
    if (kind < 0.5) return value.slice(0, at) + 'x' + value.slice(at);
    if (kind < 0.75) return value.slice(0, at) + '7' + value.slice(at + 1);
    return value.slice(0, at) + value.charAt(at + 1) + value.charAt(at) + value.slice(at + 2);
  };
  const settings = { birthYearTolerance: 5 };

  it('give the same email levels as comparing the lists', () => {
    for (let trial = 0; trial < 400; trial++) {
      const local = ['annsmith', 'bob', 'jo.lee', 'k.w.nguyen', 'xyzzy'][trial % 5] as string;
      const domain = random() < 0.5 ? 'x.com' : 'y.org';
      const a = `${local}@x.com`;
      const b = random() < 0.3 ? a : `${random() < 0.5 ? mutate(local) : local}@${domain}`;
      const prepared = PreparedRecords.from([record('a', { emails: [a] }), record('b', { emails: [b] })]);
      const fast = (COMPARISONS.email as (typeof COMPARISONS)[string]).compare(prepared, 0, 1, settings);
      const general = compareEmails(prepared.emails[0]!, prepared.localPartsOf(0), prepared.emails[1]!, prepared.localPartsOf(1));
      expect(fast, `${a} vs ${b}`).toBe(general);
    }
  });

  it('give the same phone levels as comparing the lists', () => {
    for (let trial = 0; trial < 400; trial++) {
      const a = ['+61412345678', '+4915112345678', '+1555012'][trial % 3] as string;
      const b = random() < 0.2 ? a : random() < 0.5 ? mutate(a) : mutate(mutate(a));
      const prepared = PreparedRecords.from([record('a', { phones: [a] }), record('b', { phones: [b] })]);
      const fast = (COMPARISONS.phone as (typeof COMPARISONS)[string]).compare(prepared, 0, 1, settings);
      expect(fast, `${a} vs ${b}`).toBe(compareCodeLists([a], [b]));
    }
  });
});

describe('email local parts', () => {
  it('ignore case, dots and plus-tags', () => {
    expect(emailLocalPart('J.Smith+news@Example.com')).toBe('jsmith');
    expect(emailLocalPart('no-at-sign')).toBe('noatsign');
  });

  it('are fingerprinted by scanning exactly as by folding', () => {
    const out = new Int32Array(3);
    for (const email of ['J.Smith+news@Example.com', 'ann@x.com', 'a+b@c', '+@x', 'Zoë.Ng@x.org', 'plain']) {
      const local = emailLocalPart(email);
      scanEmailLocalPart(email, out);
      expect([out[0], out[1], out[2]]).toEqual([
        hashRange(local, 0, local.length),
        local.length,
        local === '' ? 0 : (local.charCodeAt(0) << 16) | local.charCodeAt(local.length - 1),
      ]);
    }
  });
});
