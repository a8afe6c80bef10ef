import { jaroWinklerAtLeast as importedJaroWinklerAtLeast } from './jaro-winkler';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const jaroWinklerAtLeast = importedJaroWinklerAtLeast;

/**
 * Levels for free text (city, street, address line 2), compared in folded form so that
 * spacing and punctuation do not matter.
 */
export const TEXT_LEVELS = ['null', 'exact', 'veryClose', 'close', 'different'] as const;
export const TextLevel = { Null: 0, Exact: 1, VeryClose: 2, Close: 3, Different: 4 } as const;

/**
 * Address lines add "crossed": the value sits in the other record's other address line
 * (line 1 and line 2 swapped, a common keying and mapping error).
 */
export const ADDRESS_LINE_LEVELS = ['null', 'exact', 'veryClose', 'close', 'crossed', 'different'] as const;
export const AddressLineLevel = { Null: 0, Exact: 1, VeryClose: 2, Close: 3, Crossed: 4, Different: 5 } as const;

export const VERY_CLOSE_TEXT = 0.92;
export const CLOSE_TEXT = 0.8;

export function compareText(a: string, b: string): number {
  if (a === '' || b === '') return TextLevel.Null;
  if (a === b) return TextLevel.Exact;
  return textLevelOf(jaroWinklerAtLeast(a, b, CLOSE_TEXT));
}

/** The level of two different, present values with this similarity. */
export function textLevelOf(similarity: number): number {
  if (similarity >= VERY_CLOSE_TEXT) return TextLevel.VeryClose;
  if (similarity >= CLOSE_TEXT) return TextLevel.Close;
  return TextLevel.Different;
}

/** `crossA` / `crossB`: each record's other address line. */
export function compareAddressLines(a: string, b: string, crossA: string, crossB: string): number {
  if (a === '' || b === '') return AddressLineLevel.Null;
  if (a === b) return AddressLineLevel.Exact;
  const similarity = jaroWinklerAtLeast(a, b, CLOSE_TEXT);
  if (similarity >= VERY_CLOSE_TEXT) return AddressLineLevel.VeryClose;
  if (isCrossed(a, crossB) || isCrossed(b, crossA)) return AddressLineLevel.Crossed;
  if (similarity >= CLOSE_TEXT) return AddressLineLevel.Close;
  return AddressLineLevel.Different;
}

function isCrossed(value: string, otherLine: string): boolean {
  if (otherLine === '' || value.charCodeAt(0) !== otherLine.charCodeAt(0)) return false;
  if (value === otherLine) return true;
  if (Math.abs(value.length - otherLine.length) > 3) return false;
  return jaroWinklerAtLeast(value, otherLine, VERY_CLOSE_TEXT) >= VERY_CLOSE_TEXT;
}
