import type { InternedColumn, SimilarityCache } from '../columns';
import { sharesFamily as importedSharesFamily } from './nicknames';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const sharesFamily = importedSharesFamily;

/**
 * Levels of a name comparison, best first. Index 0 is "null": one side has no name, which is
 * no evidence either way. Given and family names use the same scale; "initial" only occurs
 * for given names ("J" vs "John").
 */
export const NAME_LEVELS = ['null', 'exact', 'equivalent', 'veryClose', 'swapped', 'close', 'initial', 'different'] as const;
export const NameLevel = {
  Null: 0,
  Exact: 1,
  /** Same person's name in another form: nickname (Bob/Robert) or Han vs pinyin. */
  Equivalent: 2,
  VeryClose: 3,
  /** The name sits in the other record's other name field (given and family swapped). */
  Swapped: 4,
  Close: 5,
  Initial: 6,
  Different: 7,
} as const;

export const VERY_CLOSE_NAME = 0.92;
export const CLOSE_NAME = 0.8;

/**
 * The columns one name comparison reads. All name columns share one dictionary, so a name
 * swapped into the other field is a plain code comparison.
 */
export interface NameColumns {
  /** The name as written (may be Han). */
  own: InternedColumn;
  /** Its Latin form: the pinyin if given, else the name itself. */
  latin: InternedColumn;
  /** The Latin form of the record's other name field, for swap detection. */
  other: InternedColumn;
  /** Nickname families per record (given names only). */
  nicknames: readonly (readonly number[])[] | undefined;
  /** Jaro–Winkler of two name codes, floored at CLOSE_NAME. */
  similarity: SimilarityCache;
}

export function compareNames(columns: NameColumns, a: number, b: number): number {
  const latinA = columns.latin.code(a);
  const latinB = columns.latin.code(b);
  if (latinA === 0 || latinB === 0) return NameLevel.Null;
  if (columns.own.code(a) === columns.own.code(b)) return NameLevel.Exact;
  if (latinA === latinB) return NameLevel.Equivalent;
  const nicknames = columns.nicknames;
  if (nicknames !== undefined && sharesFamily(nicknames[a] as readonly number[], nicknames[b] as readonly number[])) {
    return NameLevel.Equivalent;
  }
  const similarity = columns.similarity.similarity(latinA, latinB);
  if (similarity >= VERY_CLOSE_NAME) return NameLevel.VeryClose;
  if (isSwapped(columns, latinA, columns.other.code(b)) || isSwapped(columns, columns.other.code(a), latinB)) {
    return NameLevel.Swapped;
  }
  if (similarity >= CLOSE_NAME) return NameLevel.Close;
  const nameA = columns.latin.dictionary.valueOf(latinA);
  const nameB = columns.latin.dictionary.valueOf(latinB);
  if (isInitialOf(nameA, nameB) || isInitialOf(nameB, nameA)) return NameLevel.Initial;
  return NameLevel.Different;
}

/**
 * A name typed into the other field, possibly with a typo on the way. Checked for most
 * pairs of different names, so cheap filters come first: a swapped name with a typo keeps
 * its first letter and its length within two.
 */
function isSwapped(columns: NameColumns, name: number, otherField: number): boolean {
  if (name === 0 || otherField === 0) return false;
  if (name === otherField) return true;
  const dictionary = columns.latin.dictionary;
  const nameText = dictionary.valueOf(name);
  const otherText = dictionary.valueOf(otherField);
  if (nameText.length < 2 || nameText.charCodeAt(0) !== otherText.charCodeAt(0)) return false;
  if (Math.abs(nameText.length - otherText.length) > 2) return false;
  return columns.similarity.similarity(name, otherField) >= VERY_CLOSE_NAME;
}

function isInitialOf(initial: string, name: string): boolean {
  return initial.length === 1 && name.charCodeAt(0) === initial.charCodeAt(0);
}
