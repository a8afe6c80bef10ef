import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { givenPinyin } from '../../src/normalize/chinese-name';
import { caseName, normalizePersonName, splitFullName } from '../../src/normalize/name';

describe('caseName', () => {
  it.each([
    ["capitalizes after an O' prefix", "o'brien", "O'Brien"],
    ['recases an all-caps Mc name', 'MCDONALD', 'McDonald'],
    ['capitalizes each part of a hyphenated name', 'mary-jane', 'Mary-Jane'],
    ['lowercases particles inside a full name', 'LUDWIG VAN BEETHOVEN', 'Ludwig van Beethoven'],
    ['lowercases compound particles', 'maria de la cruz', 'Maria de la Cruz'],
    ['keeps a leading particle capitalized in a full name (Van as given name)', 'van morrison', 'Van Morrison'],
    ['capitalizes initials', 'j.r.r. tolkien', 'J.R.R. Tolkien'],
    ['recases accented capitals', 'JOSÉ ÁLVAREZ', 'José Álvarez'],
    ['writes generational suffixes conventionally', 'john smith iii', 'John Smith III'],
    ['leaves deliberate mixed case alone', 'DeShawn MacKenzie', 'DeShawn MacKenzie'],
    ['leaves caseless scripts alone', '王小明', '王小明'],
  ])('%s', (_, raw, expected) => {
    expect(caseName(raw)).toBe(expected);
  });

  it('lowercases a leading particle of a family name', () => {
    expect(caseName('VAN DER BERG', 'family')).toBe('van der Berg');
  });
});

describe('normalizePersonName', () => {
  it('trims, collapses and cases', () => {
    expect(normalizePersonName('  mary   o\'brien ')).toMatchObject({ ok: true, value: "Mary O'Brien" });
  });

  it('records full-width forms it rewrote', () => {
    const result = normalizePersonName('ＪＯＨＮ');
    expect(result).toMatchObject({ ok: true, value: 'John' });
    expect(result.ok && result.corrections[0]?.reason).toBe('FULLWIDTH_NORMALIZED');
  });

  it.each([['12345'], ['john@example.com'], ['---']])('rejects %j with INVALID_NAME', (raw) => {
    expect(normalizePersonName(raw)).toMatchObject({ ok: false, code: 'INVALID_NAME' });
  });
});

describe('splitFullName', () => {
  it.each([
    ['given-first Latin', 'Xiaoming Wang', { givenName: 'Xiaoming', familyName: 'Wang', order: 'given-first' }],
    ['all-caps family name first', 'WANG Xiaoming', { givenName: 'Xiaoming', familyName: 'Wang', order: 'family-first' }],
    ['all-caps family name last', 'Xiaoming WANG', { givenName: 'Xiaoming', familyName: 'Wang', order: 'given-first' }],
    ['comma-separated family, given', 'Wang, Xiaoming', { givenName: 'Xiaoming', familyName: 'Wang', order: 'family-first' }],
    ['particles with the family name', 'Ludwig van Beethoven', { givenName: 'Ludwig', familyName: 'van Beethoven' }],
    ['suffix with the family name', 'John Smith Jr.', { givenName: 'John', familyName: 'Smith Jr.' }],
    ['several given names', 'mary ann smith', { givenName: 'Mary Ann', familyName: 'Smith', fullName: 'Mary Ann Smith' }],
  ])('splits a %s name', (_, raw, expected) => {
    const result = splitFullName(raw);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it('keeps a single word unsplit', () => {
    expect(splitFullName('Madonna')).toMatchObject({ ok: true, value: { fullName: 'Madonna', order: 'unknown' } });
  });

  it('rejects text that is not a name', () => {
    expect(splitFullName('42')).toMatchObject({ ok: false, code: 'INVALID_NAME' });
  });
});

describe('splitFullName with Han characters', () => {
  it('takes the first character as the family name and returns pinyin beside it', () => {
    expect(splitFullName('王小明')).toMatchObject({
      ok: true,
      value: { fullName: '王小明', familyName: '王', givenName: '小明', familyNamePinyin: 'wang', givenNamePinyin: 'xiaoming' },
    });
  });

  it.each([
    ['欧阳娜娜', '欧阳', '娜娜', 'ouyang'],
    ['司马光', '司马', '光', 'sima'],
    ['诸葛亮', '诸葛', '亮', 'zhuge'],
  ])('recognises the compound surname of %s', (raw, familyName, givenName, familyNamePinyin) => {
    expect(splitFullName(raw)).toMatchObject({ ok: true, value: { familyName, givenName, familyNamePinyin } });
  });

  it.each([
    ['单雄信', 'shan'],
    ['曾国藩', 'zeng'],
  ])('uses the surname reading of %s', (raw, familyNamePinyin) => {
    expect(splitFullName(raw)).toMatchObject({ ok: true, value: { familyNamePinyin } });
  });

  it('respects an explicit space between family and given name', () => {
    expect(splitFullName('欧 阳娜')).toMatchObject({ ok: true, value: { familyName: '欧', givenName: '阳娜' } });
  });

  it('reads dot-separated transliterations given name first', () => {
    expect(splitFullName('约翰·史密斯')).toMatchObject({ ok: true, value: { givenName: '约翰', familyName: '史密斯', order: 'given-first' } });
  });

  it('writes ü as v in pinyin', () => {
    expect(splitFullName('吕布')).toMatchObject({ ok: true, value: { familyNamePinyin: 'lv' } });
  });
});

describe('pinyin of given names', () => {
  const HAN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文辉小红玉梅晨宇浩然子轩欣怡思雨梓涵一诺佳琪俊博天佑嘉雅琴海燕春立新德永丹凤晓东振乐长重行单曾朝阳';

  it('matches pinyin-pro on the whole name, polyphonic characters included', () => {
    for (let i = 0; i < HAN.length; i++) {
      for (let j = 0; j < HAN.length; j += 7) {
        const given = HAN[i]! + HAN[j]!;
        expect(givenPinyin(given)).toBe(pinyin(given, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase());
      }
    }
  });
});
