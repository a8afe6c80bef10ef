import { correction, NO_CORRECTIONS, type Correction } from './result';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const correctionFn = correction;
const NONE = NO_CORRECTIONS;

/** Zero-width characters, the BOM, and controls other than tab/newline carry nothing and break equality. */
const INVISIBLE_OR_CONTROL = /[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const HAS_INVISIBLE_OR_CONTROL = /[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const WHITESPACE_RUN = /\s+/g;
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^\s|\s$/;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

const CLEAN = 0;
const EXTRA_SPACES = 1;
const NEEDS_NFKC = 2;

/**
 * BMP characters that NFKC leaves alone and that cannot combine with a neighbour
 * (no combining marks, no conjoining jamo): Latin, Greek, Cyrillic, kana, Hangul
 * syllables, currency signs and CJK ideographs. Text made only of these skips
 * `normalize('NFKC')`, which is costly next to everything else done per field.
 */
const NFKC_STABLE = buildStableTable();

function buildStableTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0x21; c <= 0x7e; c++) table[c] = 1;
  const checked: Array<[number, number]> = [[0xa1, 0x24f], [0x370, 0x4ff], [0x2010, 0x2027], [0x20a0, 0x20cf], [0x3001, 0x30ff], [0xff01, 0xffef]];
  for (const [from, to] of checked) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') === ch && !/\p{M}/u.test(ch)) table[c] = 1;
    }
  }
  // Unified ideographs (and extension A) and precomposed Hangul syllables have no decompositions at all.
  table.fill(1, 0x3400, 0x4dc0);
  table.fill(1, 0x4e00, 0xa000);
  table.fill(1, 0xac00, 0xd7a4);
  return table;
}

/**
 * One pass over the characters: clean text (nothing to do), text with leading,
 * trailing or doubled spaces, or text that needs NFKC and the full clean-up.
 * Cheaper than regular expressions on the short strings fields hold.
 */
function scan(s: string): number {
  let state = CLEAN;
  let previousSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) state = EXTRA_SPACES;
      previousSpace = true;
      continue;
    }
    if (NFKC_STABLE[c] !== 1) return NEEDS_NFKC;
    previousSpace = false;
  }
  return previousSpace && s.length > 0 ? EXTRA_SPACES : state;
}

/**
 * NFKC, invisible characters removed, whitespace trimmed and collapsed to single spaces.
 * Text already in that form (the common case) is returned as it is.
 */
export function normalizeText(raw: string): string {
  const state = scan(raw);
  if (state === CLEAN) return raw;
  if (state === EXTRA_SPACES) return raw.replace(WHITESPACE_RUN, ' ').trim();
  return collapse(raw.normalize('NFKC'));
}

function collapse(s: string): string {
  const visible = HAS_INVISIBLE_OR_CONTROL.test(s) ? s.replace(INVISIBLE_OR_CONTROL, '') : s;
  return NEEDS_COLLAPSE.test(visible) ? visible.replace(WHITESPACE_RUN, ' ').trim() : visible;
}

export interface PreparedText {
  text: string;
  corrections: readonly Correction[];
}

/**
 * `normalizeText` plus a FULLWIDTH_NORMALIZED correction when compatibility forms
 * (full-width digits, ligatures, circled numbers ...) were rewritten. Spacing-only
 * differences (a no-break space) are formatting and are not recorded.
 */
export function prepareText(raw: string, field?: string): PreparedText {
  const state = scan(raw);
  if (state === CLEAN) return { text: raw, corrections: NONE };
  if (state === EXTRA_SPACES) return { text: raw.replace(WHITESPACE_RUN, ' ').trim(), corrections: NONE };
  const nfkc = raw.normalize('NFKC');
  const text = collapse(nfkc);
  // Most non-ASCII text (Han, accented Latin) is already in NFKC form: nothing to record.
  if (nfkc === raw || text === collapse(raw)) return { text, corrections: NONE };
  return { text, corrections: [correctionFn('FULLWIDTH_NORMALIZED', raw, text, field)] };
}

const PLACEHOLDERS = new Set([
  'n/a', 'n.a.', '#n/a', 'null', 'nil', 'none', 'undefined', 'unknown', 'not available',
  '-', '--', '---', '?', '.', '无', '未知', '不详', '暂无',
]);

/** First characters of the placeholders, so most values are ruled out without lowercasing. */
const PLACEHOLDER_STARTS = new Set([...PLACEHOLDERS].flatMap((p) => [p.charCodeAt(0), p.toUpperCase().charCodeAt(0)]));

/** The ASCII ones as a table: asked for every field of every record. */
const ASCII_PLACEHOLDER_STARTS = new Uint8Array(128);
for (const c of PLACEHOLDER_STARTS) if (c < 128) ASCII_PLACEHOLDER_STARTS[c] = 1;

/** False when a value starting with this character code cannot be a placeholder. */
export function mayBePlaceholder(firstCharCode: number): boolean {
  if (firstCharCode < 128) return ASCII_PLACEHOLDER_STARTS[firstCharCode] === 1;
  // Full-width forms of the ASCII placeholders start in U+FF00-FFEF.
  return PLACEHOLDER_STARTS.has(firstCharCode) || (firstCharCode >= 0xff00 && firstCharCode <= 0xffef);
}

/** Values sources use to mean "empty". `NA` is not here: it is a real surname. */
export function isPlaceholder(text: string): boolean {
  return text.length <= 13 && PLACEHOLDER_STARTS.has(text.charCodeAt(0)) && PLACEHOLDERS.has(text.toLowerCase());
}

export function isBlank(raw: string | undefined | null): boolean {
  return raw === undefined || raw === null || normalizeText(raw) === '';
}

/**
 * `s.split(' ')`, by indexOf and slice: for the short strings of a name this stays in
 * optimized code, where `split` calls into the runtime, and costs about half.
 */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (;;) {
    const space = s.indexOf(' ', start);
    if (space < 0) {
      words.push(start === 0 ? s : s.slice(start));
      return words;
    }
    words.push(s.slice(start, space));
    start = space + 1;
  }
}

/** U+4E00-9FA5, the ideographs of everyday Chinese: all Script=Han letters, none with case. */
const COMMON_IDEOGRAPH_FIRST = 0x4e00;
const COMMON_IDEOGRAPH_LAST = 0x9fa5;

/** Whether `s` is made only of everyday Chinese ideographs (answered without Unicode-property regexes). */
export function isCommonIdeographText(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < COMMON_IDEOGRAPH_FIRST || c > COMMON_IDEOGRAPH_LAST) return false;
  }
  return true;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function containsHan(s: string): boolean {
  return !isAscii(s) && HAN.test(s);
}

export function containsLetter(s: string): boolean {
  return LETTER.test(s);
}
