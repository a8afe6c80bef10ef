/**
 * Folding of free text into the form comparisons work on: lower case, no accents, no
 * punctuation or spaces ("Pridham Street" and "pridhamstreet" are the same street).
 * Han and other non-Latin letters are kept as they are.
 */

const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

export function foldForComparison(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  // Fast path for plain ASCII, which is nearly all input: one pass, no regular expressions.
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += value[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if (c >= 128) return foldUnicode(value);
  }
  return out;
}

function foldUnicode(value: string): string {
  return value.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(NON_ALPHANUMERIC, '');
}
