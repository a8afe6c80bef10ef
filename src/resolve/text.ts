/**
 * Folding of free text into the form comparisons work on: lower case, no accents, no
 * punctuation or spaces ("Pridham Street" and "pridhamstreet" are the same street).
 * Han and other non-Latin letters are kept as they are.
 */

const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

export function foldForComparison(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  // Already folded (the usual case after normalization): return it as is, no allocation.
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
  }
  if (i === value.length) return value;
  // Plain ASCII with upper case, spaces or punctuation: one pass over char codes.
  const codes: number[] = [];
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) codes.push(c);
    else if (c >= 65 && c <= 90) codes.push(c + 32);
    else if (c >= 128) return foldUnicode(value);
  }
  return String.fromCharCode(...codes);
}

function foldUnicode(value: string): string {
  return value.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NON_ALPHANUMERIC, '');
}

/** 32-bit FNV-1a of value[from, to), without slicing. */
export function hashRange(value: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash | 0;
}
