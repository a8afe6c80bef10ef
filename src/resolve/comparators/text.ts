import { jaroWinklerAtLeast } from './jaro-winkler';

/**
 * Levels for free-text fields (street, address line 2, city), compared in folded form so that
 * spacing and punctuation do not matter. "crossed" means the value sits in the other record's
 * other address line (line 1 and line 2 swapped).
 */
export const TEXT_LEVELS = ['null', 'exact', 'veryClose', 'close', 'crossed', 'different'] as const;
export const TextLevel = { Null: 0, Exact: 1, VeryClose: 2, Close: 3, Crossed: 4, Different: 5 } as const;

export const VERY_CLOSE_TEXT = 0.92;
export const CLOSE_TEXT = 0.8;

/**
 * `crossA` / `crossB` are the records' values of the paired field (address line 2 for line 1
 * and vice versa); pass '' where swapping is not meaningful (city).
 */
export function compareText(a: string, b: string, crossA = '', crossB = ''): number {
  if (a === '' || b === '') return TextLevel.Null;
  if (a === b) return TextLevel.Exact;
  const similarity = jaroWinklerAtLeast(a, b, CLOSE_TEXT);
  if (similarity >= VERY_CLOSE_TEXT) return TextLevel.VeryClose;
  if (isCrossed(a, crossB) || isCrossed(b, crossA)) return TextLevel.Crossed;
  if (similarity >= CLOSE_TEXT) return TextLevel.Close;
  return TextLevel.Different;
}

function isCrossed(value: string, otherLine: string): boolean {
  if (otherLine === '') return false;
  if (value === otherLine) return true;
  if (Math.abs(value.length - otherLine.length) > 3) return false;
  return jaroWinklerAtLeast(value, otherLine, VERY_CLOSE_TEXT) >= VERY_CLOSE_TEXT;
}
