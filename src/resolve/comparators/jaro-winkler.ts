/**
 * Jaro–Winkler similarity (Winkler 1990): the Jaro similarity of two strings, boosted for a
 * common prefix of up to four characters, because typos are rarer at the start of names.
 *
 * Scoring visits millions of pairs, so nothing is allocated per call: the "matched" flags
 * live in module-level buffers and are invalidated by bumping a stamp instead of clearing.
 */

const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
/** Winkler only boosts pairs that are already fairly similar. */
const BOOST_THRESHOLD = 0.7;

let flagsA = new Int32Array(256);
let flagsB = new Int32Array(256);
let stamp = 0;

function nextStamp(lenA: number, lenB: number): number {
  if (lenA > flagsA.length || lenB > flagsB.length) {
    const capacity = Math.max(lenA, lenB) * 2;
    flagsA = new Int32Array(capacity);
    flagsB = new Int32Array(capacity);
    stamp = 0;
  }
  if (stamp === 0x7fffffff) {
    flagsA.fill(0);
    flagsB.fill(0);
    stamp = 0;
  }
  return ++stamp;
}

/** Jaro similarity in [0, 1]; two empty strings are identical (1), one empty string scores 0. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  const mark = nextStamp(lenA, lenB);
  const matchedA = flagsA;
  const matchedB = flagsB;
  const window = Math.max(0, ((lenA > lenB ? lenA : lenB) >> 1) - 1);

  let matches = 0;
  for (let i = 0; i < lenA; i++) {
    const from = i > window ? i - window : 0;
    const to = i + window < lenB - 1 ? i + window : lenB - 1;
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] !== mark && b.charCodeAt(j) === code) {
        matchedA[i] = mark;
        matchedB[j] = mark;
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
    if (matchedA[i] !== mark) continue;
    while (matchedB[k] !== mark) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return (matches / lenA + matches / lenB + (matches - transpositions / 2) / matches) / 3;
}

/** Jaro–Winkler similarity in [0, 1]. */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity <= BOOST_THRESHOLD) return similarity;
  return similarity + commonPrefix(a, b) * PREFIX_SCALE * (1 - similarity);
}

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return prefix;
}

/**
 * Jaro–Winkler when it can reach `floor`, otherwise 0. Comparators only ask "≥ threshold?",
 * and most pairs of different values fail that on their characters alone: a character with
 * no counterpart anywhere in the other string can never match, which bounds the Jaro
 * similarity from above. The bound uses 32-bit character masks (collisions only loosen it),
 * costs two passes over each string, and lets most unrelated pairs skip the full computation.
 */
export function jaroWinklerAtLeast(a: string, b: string, floor: number): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  let maskA = 0;
  let maskB = 0;
  for (let i = 0; i < lenA; i++) maskA |= 1 << (a.charCodeAt(i) & 31);
  for (let j = 0; j < lenB; j++) maskB |= 1 << (b.charCodeAt(j) & 31);
  let sharedA = 0;
  for (let i = 0; i < lenA; i++) if ((maskB & (1 << (a.charCodeAt(i) & 31))) !== 0) sharedA++;
  let sharedB = 0;
  for (let j = 0; j < lenB; j++) if ((maskA & (1 << (b.charCodeAt(j) & 31))) !== 0) sharedB++;
  const maxMatches = sharedA < sharedB ? sharedA : sharedB;
  if (maxMatches === 0) return 0;
  const jaroBound = (maxMatches / lenA + maxMatches / lenB + 1) / 3;
  const winklerBound = jaroBound > BOOST_THRESHOLD ? jaroBound + commonPrefix(a, b) * PREFIX_SCALE * (1 - jaroBound) : jaroBound;
  if (winklerBound < floor) return 0;
  return jaroWinkler(a, b);
}
