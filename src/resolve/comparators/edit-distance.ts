/**
 * Edit distances with an upper bound. Record linkage only ever asks "is this within k edits?"
 * for a small k, so both functions work inside a diagonal band of width 2k+1 and stop as soon
 * as every cell of a row exceeds k: cost O(k · length) instead of O(length²).
 */

// Three reusable rows (previous-previous, previous, current) for the banded dynamic programme.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(length: number): void {
  if (rowA.length <= length) {
    rowA = new Int32Array(length * 2 + 2);
    rowB = new Int32Array(length * 2 + 2);
    rowC = new Int32Array(length * 2 + 2);
  }
}

/**
 * Levenshtein distance (insert, delete, substitute) if it is at most `max`, else `max + 1`.
 * With `transpositions`, swapping two adjacent characters also counts as one edit (optimal
 * string alignment, "restricted Damerau–Levenshtein"): "0709" → "0079" is one typo, not two.
 */
export function boundedEditDistance(a: string, b: string, max: number, transpositions = false): number {
  if (a === b) return 0;
  const lenA = a.length;
  const lenB = b.length;
  if (Math.abs(lenA - lenB) > max) return max + 1;
  if (lenA === 0) return lenB;
  if (lenB === 0) return lenA;
  ensureRows(lenB);
  const big = max + 1;
  let twoBack = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= lenB; j++) previous[j] = j <= max ? j : big;
  for (let i = 1; i <= lenA; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(lenB, i + max);
    current[0] = i <= max ? i : big;
    if (from > 1) current[from - 1] = big;
    let rowMin = current[0] as number;
    const codeA = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const codeB = b.charCodeAt(j - 1);
      const substitution = (previous[j - 1] as number) + (codeA === codeB ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      let best = substitution < deletion ? substitution : deletion;
      if (insertion < best) best = insertion;
      if (
        transpositions &&
        i > 1 &&
        j > 1 &&
        codeA === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === codeB
      ) {
        const swapped = (twoBack[j - 2] as number) + 1;
        if (swapped < best) best = swapped;
      }
      if (best > big) best = big;
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (to < lenB) current[to + 1] = big;
    if (rowMin > max) return big;
    const recycled = twoBack;
    twoBack = previous;
    previous = current;
    current = recycled;
  }
  const distance = previous[lenB] as number;
  return distance <= max ? distance : big;
}

/** Levenshtein distance, bounded: exact when ≤ max, otherwise max + 1. */
export function levenshtein(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  const bound = Math.min(max, Math.max(a.length, b.length));
  return boundedEditDistance(a, b, bound, false);
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), bounded. */
export function typoDistance(a: string, b: string, max: number): number {
  return boundedEditDistance(a, b, max, true);
}

/**
 * True when a and b differ by at most one keying error: one character wrong, inserted or
 * dropped, or two neighbours swapped. The question asked of every code and date pair, so it
 * gets a single linear pass instead of the dynamic programme.
 */
export function withinOneTypo(a: string, b: string): boolean {
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === lenB) {
    let first = -1;
    for (let i = 0; i < lenA; i++) {
      if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
      if (first === -1) {
        first = i;
        continue;
      }
      // A second difference is fine only as the second half of an adjacent swap.
      if (i !== first + 1 || a.charCodeAt(first) !== b.charCodeAt(i) || a.charCodeAt(i) !== b.charCodeAt(first)) return false;
      // Anything after the swap must match exactly.
      for (let k = i + 1; k < lenA; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
      return true;
    }
    return true;
  }
  if (Math.abs(lenA - lenB) !== 1) return false;
  const [longer, shorter] = lenA > lenB ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && longer.charCodeAt(i) === shorter.charCodeAt(i)) i++;
  for (let k = i; k < shorter.length; k++) if (longer.charCodeAt(k + 1) !== shorter.charCodeAt(k)) return false;
  return true;
}
