/**
 * American Soundex: a four-character code (letter + three digits) that sounds-alike surnames
 * share, e.g. Robert/Rupert → R163, Ashcraft → A261. Used as a blocking key so that
 * misspelt names still meet their match; it is too coarse to be evidence on its own.
 */

// Digit per letter a..z; 0 marks vowels and h/w/y which carry no code.
const CODES = [0, 1, 2, 3, 0, 1, 2, 0, 0, 2, 2, 4, 5, 5, 0, 1, 2, 6, 2, 3, 0, 1, 0, 2, 0, 2];

/**
 * Soundex as a number: (letter index + 1) · 1000 + the three digits, 0 when the value has no
 * letters. Records keep this number, so that preparing a million names allocates nothing.
 */
export function soundexCode(value: string): number {
  let letter = -1;
  let digits = 0;
  let count = 0;
  let lastCode = -1;
  for (let i = 0; i < value.length && count < 3; i++) {
    const c = value.charCodeAt(i) | 0x20; // ASCII lower-case
    if (c < 97 || c > 122) continue;
    const code = CODES[c - 97] as number;
    if (letter < 0) {
      letter = c - 97;
      lastCode = code;
      continue;
    }
    if (code !== 0 && code !== lastCode) {
      digits = digits * 10 + code;
      count++;
    }
    // h and w do not separate two letters with the same code; vowels do.
    if (c !== 104 && c !== 119) lastCode = code;
  }
  if (letter < 0) return 0;
  while (count < 3) {
    digits *= 10;
    count++;
  }
  return (letter + 1) * 1000 + digits;
}

/** The familiar four-character form, e.g. "R163". */
export function soundex(value: string): string {
  const code = soundexCode(value);
  if (code === 0) return '';
  const letter = String.fromCharCode(64 + Math.floor(code / 1000));
  return letter + String(code % 1000).padStart(3, '0');
}
