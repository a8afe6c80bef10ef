/**
 * American Soundex: a four-character code (letter + three digits) that sounds-alike surnames
 * share, e.g. Robert/Rupert → R163, Ashcraft → A261. Used as a blocking key so that
 * misspelt names still meet their match; it is too coarse to be evidence on its own.
 */

// Digit per letter a..z; '0' marks vowels and h/w/y which carry no code.
const CODES = '01230120022455012623010202';

export function soundex(value: string): string {
  let first = '';
  let digits = '';
  let lastCode = '';
  for (let i = 0; i < value.length && digits.length < 3; i++) {
    const c = value.charCodeAt(i) | 0x20; // ASCII lower-case
    if (c < 97 || c > 122) continue;
    const letter = String.fromCharCode(c);
    const code = CODES[c - 97] as string;
    if (first === '') {
      first = letter.toUpperCase();
      lastCode = code;
      continue;
    }
    if (code !== '0' && code !== lastCode) digits += code;
    // h and w do not separate two letters with the same code; vowels do.
    if (letter !== 'h' && letter !== 'w') lastCode = code;
  }
  if (first === '') return '';
  return (first + digits + '000').slice(0, 4);
}
