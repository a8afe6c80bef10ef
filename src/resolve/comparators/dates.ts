import { withinOneTypo } from './edit-distance';

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

export interface DateValue {
  /** YYYYMMDD, '' when missing */
  digits: string;
  year: number;
  month: number;
  day: number;
}

export function compareDates(a: DateValue, b: DateValue, withinYears: number): number {
  return compareDateValues(a.digits, a.year, a.month, a.day, b.digits, b.year, b.month, b.day, withinYears);
}

export function compareDateValues(
  digitsA: string,
  yearA: number,
  monthA: number,
  dayA: number,
  digitsB: string,
  yearB: number,
  monthB: number,
  dayB: number,
  withinYears: number,
): number {
  if (digitsA === '' || digitsB === '') return DateLevel.Null;
  if (digitsA === digitsB) return DateLevel.Exact;
  if (yearA === yearB && monthA === dayB && dayA === monthB) return DateLevel.DayMonthSwapped;
  if (withinOneTypo(digitsA, digitsB)) return DateLevel.OneTypo;
  if (yearA === yearB) return DateLevel.SameYear;
  if (Math.abs(yearA - yearB) <= withinYears) return DateLevel.WithinYears;
  return DateLevel.Different;
}
