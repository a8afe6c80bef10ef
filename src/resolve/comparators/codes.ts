import { withinOneTypo as importedWithinOneTypo } from './edit-distance';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const withinOneTypo = importedWithinOneTypo;

/**
 * Levels for short identifiers (national ids, postal codes, street numbers, phone numbers):
 * the same, one keying error apart (a wrong digit, or two neighbours swapped: 2139 vs 2193),
 * or different.
 */
export const CODE_LEVELS = ['null', 'exact', 'oneTypo', 'different'] as const;
export const CodeLevel = { Null: 0, Exact: 1, OneTypo: 2, Different: 3 } as const;

export function compareCodes(a: string, b: string): number {
  if (a === '' || b === '') return CodeLevel.Null;
  if (a === b) return CodeLevel.Exact;
  return withinOneTypo(a, b) ? CodeLevel.OneTypo : CodeLevel.Different;
}

/** Multi-valued codes (a person's phones): the best level over all combinations. */
export function compareCodeLists(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return CodeLevel.Null;
  let best: number = CodeLevel.Different;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return CodeLevel.Exact;
      if (best !== CodeLevel.OneTypo && withinOneTypo(x, y)) best = CodeLevel.OneTypo;
    }
  }
  return best;
}

/** Levels for values that are either equal or not (region, country). */
export const EXACT_LEVELS = ['null', 'exact', 'different'] as const;
export const ExactLevel = { Null: 0, Exact: 1, Different: 2 } as const;

export function compareExact(a: string, b: string): number {
  if (a === '' || b === '') return ExactLevel.Null;
  return a === b ? ExactLevel.Exact : ExactLevel.Different;
}
