import { jaroWinklerAtLeast } from './jaro-winkler';
import { sharesFamily } from './nicknames';

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

/** The parts of one record's name that a name comparison reads. */
export interface NameSide {
  /** Folded name as written (may be Han). */
  own: string;
  /** Latin form (pinyin if given, else `own`). */
  latin: string;
  /** Latin form of the record's other name field, for swap detection. */
  otherLatin: string;
  /** Nickname families of `latin`; empty for family names. */
  nicknames: readonly number[];
}

/**
 * Compares one name field of two records. Written against plain values so that it can be
 * tested directly; the hot path calls `compareNameValues` with the columns spread out.
 */
export function compareNames(a: NameSide, b: NameSide): number {
  return compareNameValues(a.own, a.latin, a.otherLatin, a.nicknames, b.own, b.latin, b.otherLatin, b.nicknames);
}

export function compareNameValues(
  ownA: string,
  latinA: string,
  otherA: string,
  nicknamesA: readonly number[],
  ownB: string,
  latinB: string,
  otherB: string,
  nicknamesB: readonly number[],
): number {
  if (latinA === '' || latinB === '') return NameLevel.Null;
  if (ownA === ownB) return NameLevel.Exact;
  if (latinA === latinB) return NameLevel.Equivalent;
  if (nicknamesA.length > 0 && nicknamesB.length > 0 && sharesFamily(nicknamesA, nicknamesB)) return NameLevel.Equivalent;
  const similarity = jaroWinklerAtLeast(latinA, latinB, CLOSE_NAME);
  if (similarity >= VERY_CLOSE_NAME) return NameLevel.VeryClose;
  if (isSwapped(latinA, otherB) || isSwapped(otherA, latinB)) return NameLevel.Swapped;
  if (similarity >= CLOSE_NAME) return NameLevel.Close;
  if (isInitialOf(latinA, latinB) || isInitialOf(latinB, latinA)) return NameLevel.Initial;
  return NameLevel.Different;
}

/**
 * A name typed into the other field, possibly with a typo on the way. Checked for most
 * pairs of different names, so cheap filters come first: a swapped name with a typo keeps
 * its first letter and its length within two.
 */
function isSwapped(name: string, otherFieldOfOtherRecord: string): boolean {
  if (otherFieldOfOtherRecord === '' || name.length < 2) return false;
  if (name.charCodeAt(0) !== otherFieldOfOtherRecord.charCodeAt(0)) return false;
  if (name === otherFieldOfOtherRecord) return true;
  if (Math.abs(name.length - otherFieldOfOtherRecord.length) > 2) return false;
  return jaroWinklerAtLeast(name, otherFieldOfOtherRecord, VERY_CLOSE_NAME) >= VERY_CLOSE_NAME;
}

function isInitialOf(initial: string, name: string): boolean {
  return initial.length === 1 && name.charCodeAt(0) === initial.charCodeAt(0);
}
