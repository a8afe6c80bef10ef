import { correction, NO_CORRECTIONS, type Correction } from './result';

/** Zero-width characters, the BOM, and controls other than tab/newline carry nothing and break equality. */
const INVISIBLE_OR_CONTROL = /[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const HAS_INVISIBLE_OR_CONTROL = /[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const WHITESPACE_RUN = /\s+/g;
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^\s|\s$/;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

const CLEAN_ASCII = 0;
const ASCII_WITH_EXTRA_SPACES = 1;
const NEEDS_UNICODE = 2;

/**
 * One pass over the characters: clean printable ASCII (nothing to do), ASCII with
 * leading, trailing or doubled spaces, or anything that needs the Unicode path.
 * Cheaper than regular expressions on the short strings fields hold.
 */
function scan(s: string): number {
  let state = CLEAN_ASCII;
  let previousSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32) return NEEDS_UNICODE;
    if (c === 32) {
      if (previousSpace) state = ASCII_WITH_EXTRA_SPACES;
      previousSpace = true;
    } else {
      previousSpace = false;
    }
  }
  return previousSpace && s.length > 0 ? ASCII_WITH_EXTRA_SPACES : state;
}

/**
 * NFKC, invisible characters removed, whitespace trimmed and collapsed to single spaces.
 * Pure ASCII input skips the Unicode work, which is the common case on the hot path.
 */
export function normalizeText(raw: string): string {
  const state = scan(raw);
  if (state === CLEAN_ASCII) return raw;
  if (state === ASCII_WITH_EXTRA_SPACES) return raw.replace(WHITESPACE_RUN, ' ').trim();
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
  if (state === CLEAN_ASCII) return { text: raw, corrections: NO_CORRECTIONS };
  if (state === ASCII_WITH_EXTRA_SPACES) return { text: raw.replace(WHITESPACE_RUN, ' ').trim(), corrections: NO_CORRECTIONS };
  const nfkc = raw.normalize('NFKC');
  const text = collapse(nfkc);
  // Most non-ASCII text (Han, accented Latin) is already in NFKC form: nothing to record.
  if (nfkc === raw || text === collapse(raw)) return { text, corrections: NO_CORRECTIONS };
  return { text, corrections: [correction('FULLWIDTH_NORMALIZED', raw, text, field)] };
}

const PLACEHOLDERS = new Set([
  'n/a', 'n.a.', '#n/a', 'null', 'nil', 'none', 'undefined', 'unknown', 'not available',
  '-', '--', '---', '?', '.', '无', '未知', '不详', '暂无',
]);

/** First characters of the placeholders, so most values are ruled out without lowercasing. */
const PLACEHOLDER_STARTS = new Set([...PLACEHOLDERS].flatMap((p) => [p.charCodeAt(0), p.toUpperCase().charCodeAt(0)]));

/** Values sources use to mean "empty". `NA` is not here: it is a real surname. */
export function isPlaceholder(text: string): boolean {
  return text.length <= 13 && PLACEHOLDER_STARTS.has(text.charCodeAt(0)) && PLACEHOLDERS.has(text.toLowerCase());
}

export function isBlank(raw: string | undefined | null): boolean {
  return raw === undefined || raw === null || normalizeText(raw) === '';
}

export function isAscii(s: string): boolean {
  return scan(s) !== NEEDS_UNICODE;
}

export function containsHan(s: string): boolean {
  return !isAscii(s) && HAN.test(s);
}

export function containsLetter(s: string): boolean {
  return LETTER.test(s);
}
