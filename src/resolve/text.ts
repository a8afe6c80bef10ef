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

/** "J.Smith+news@Example.com" → "jsmith": dots, case and plus-tags rarely tell people apart. */
export function emailLocalPart(email: string): string {
  const end = localPartEnd(email);
  return foldForComparison(end === email.length ? email : email.slice(0, end));
}

/** Where the local part ends: at the plus-tag or the last "@". */
function localPartEnd(email: string): number {
  const at = email.lastIndexOf('@');
  const end = at < 0 ? email.length : at;
  const plus = email.indexOf('+');
  return plus >= 0 && plus < end ? plus : end;
}

/**
 * Hash, length and first/last character of `emailLocalPart(email)`, computed by scanning
 * (no strings built) into out[0..2]. ASCII only; other text falls back to the folded string.
 */
export function scanEmailLocalPart(email: string, out: Int32Array): void {
  const end = localPartEnd(email);
  let hash = 0x811c9dc5;
  let length = 0;
  let first = 0;
  let last = 0;
  for (let i = 0; i < end; i++) {
    let c = email.charCodeAt(i);
    if (c >= 128) {
      const local = emailLocalPart(email);
      out[0] = hashRange(local, 0, local.length);
      out[1] = local.length;
      out[2] = local === '' ? 0 : (local.charCodeAt(0) << 16) | local.charCodeAt(local.length - 1);
      return;
    }
    if (c >= 65 && c <= 90) c += 32;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
    hash = Math.imul(hash ^ c, 0x01000193);
    if (length === 0) first = c;
    last = c;
    length++;
  }
  out[0] = hash | 0;
  out[1] = length;
  out[2] = length === 0 ? 0 : (first << 16) | last;
}
