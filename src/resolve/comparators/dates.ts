/** Levels of a birth-date comparison, best first; index 0: a date is missing. */
export const DATE_LEVELS = ['null', 'exact', 'dayMonthSwapped', 'oneTypo', 'sameYear', 'withinYears', 'different'] as const;
export const DateLevel = {
  Null: 0,
  Exact: 1,
  /** 1990-03-04 vs 1990-04-03: US vs European order. */
  DayMonthSwapped: 2,
  /** One digit wrong, or two adjacent digits swapped, in YYYYMMDD. */
  OneTypo: 3,
  SameYear: 4,
  WithinYears: 5,
  Different: 6,
} as const;

/**
 * Compares two birth dates given as numbers YYYYMMDD (0 = missing), without building strings:
 * this runs for every candidate pair.
 */
export function compareDates(a: number, b: number, withinYears: number): number {
  if (a === 0 || b === 0) return DateLevel.Null;
  if (a === b) return DateLevel.Exact;
  const yearA = Math.floor(a / 10000);
  const yearB = Math.floor(b / 10000);
  const monthA = Math.floor(a / 100) % 100;
  const monthB = Math.floor(b / 100) % 100;
  if (yearA === yearB && monthA === b % 100 && a % 100 === monthB) return DateLevel.DayMonthSwapped;
  if (digitsWithinOneTypo(a, b)) return DateLevel.OneTypo;
  if (yearA === yearB) return DateLevel.SameYear;
  if (Math.abs(yearA - yearB) <= withinYears) return DateLevel.WithinYears;
  return DateLevel.Different;
}

/** One wrong digit, or two neighbouring digits swapped, between two 8-digit numbers. */
function digitsWithinOneTypo(a: number, b: number): boolean {
  let first = -1;
  let firstA = 0;
  let firstB = 0;
  for (let position = 0; position < 8; position++) {
    const digitA = a % 10;
    const digitB = b % 10;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
    if (digitA === digitB) continue;
    if (first === -1) {
      first = position;
      firstA = digitA;
      firstB = digitB;
      continue;
    }
    // A second difference is fine only as the other half of a neighbour swap, and must be the last.
    if (position !== first + 1 || digitA !== firstB || digitB !== firstA) return false;
    return a === b;
  }
  return true;
}
