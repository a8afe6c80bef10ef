/**
 * Jaro–Winkler similarity (Winkler 1990): the Jaro similarity of two strings, boosted for a
 * common prefix of up to four characters, because typos are rarer at the start of names.
 *
 * The match flags live in module-level scratch buffers that grow on demand, so scoring
 * millions of candidate pairs does not allocate per call.
 */

const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
/** Winkler only boosts pairs that are already fairly similar. */
const BOOST_THRESHOLD = 0.7;

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

function ensureScratch(length: number): void {
  if (matchedA.length < length) matchedA = new Uint8Array(length * 2);
  if (matchedB.length < length) matchedB = new Uint8Array(length * 2);
}

/** Jaro similarity in [0, 1]; two empty strings are identical (1), one empty string scores 0. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  ensureScratch(Math.max(lenA, lenB));
  matchedA.fill(0, 0, lenA);
  matchedB.fill(0, 0, lenB);
  const window = Math.max(0, (Math.max(lenA, lenB) >> 1) - 1);

  let matches = 0;
  for (let i = 0; i < lenA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lenB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Half the number of matched characters that appear in a different order.
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lenA; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / lenA + m / lenB + (m - transpositions / 2) / m) / 3;
}

/** Jaro–Winkler similarity in [0, 1]. */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity <= BOOST_THRESHOLD) return similarity;
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return similarity + prefix * PREFIX_SCALE * (1 - similarity);
}
