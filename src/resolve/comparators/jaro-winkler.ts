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

const presentInA = new Uint8Array(128);
const presentInB = new Uint8Array(128);

/**
 * Jaro–Winkler when it can reach `floor`, otherwise 0. Comparators only ask "≥ threshold?",
 * and most pairs of different names fail that on characters alone: a character with no
 * counterpart anywhere in the other string can never match, which bounds the Jaro
 * similarity from above. That bound costs one pass over each string instead of the windowed
 * search, and lets most random pairs skip the full computation.
 */
export function jaroWinklerAtLeast(a: string, b: string, floor: number): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  // Characters of each string that occur somewhere in the other (by 7-bit code, so the
  // bound stays an over-estimate for non-ASCII text).
  for (let i = 0; i < lenA; i++) presentInA[a.charCodeAt(i) & 127] = 1;
  for (let j = 0; j < lenB; j++) presentInB[b.charCodeAt(j) & 127] = 1;
  let sharedA = 0;
  for (let i = 0; i < lenA; i++) sharedA += presentInB[a.charCodeAt(i) & 127] as number;
  let sharedB = 0;
  for (let j = 0; j < lenB; j++) sharedB += presentInA[b.charCodeAt(j) & 127] as number;
  for (let i = 0; i < lenA; i++) presentInA[a.charCodeAt(i) & 127] = 0;
  for (let j = 0; j < lenB; j++) presentInB[b.charCodeAt(j) & 127] = 0;
  const maxMatches = Math.min(sharedA, sharedB);
  if (maxMatches === 0) return 0;
  const limit = Math.min(MAX_PREFIX, lenA, lenB);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const jaroBound = (maxMatches / lenA + maxMatches / lenB + 1) / 3;
  const boost = prefix * PREFIX_SCALE;
  const winklerBound = jaroBound > BOOST_THRESHOLD ? jaroBound + boost * (1 - jaroBound) : jaroBound;
  if (winklerBound < floor) return 0;
  return jaroWinkler(a, b);
}
