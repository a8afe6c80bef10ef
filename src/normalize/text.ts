import { correction, NO_CORRECTIONS, type Correction } from './result';

/** Anything outside printable ASCII needs the (slower) Unicode path. */
const NON_ASCII_OR_CONTROL = /[^\x20-\x7e]/;
/** Zero-width characters and the BOM carry nothing and break equality. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
/** Controls other than tab/newline, which are treated as whitespace below. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const WHITESPACE_RUN = /\s+/g;
const NEEDS_COLLAPSE = /\s\s|[\t\n\r]|^\s|\s$/;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/**
 * NFKC, invisible characters removed, whitespace trimmed and collapsed to single spaces.
 * Pure ASCII input skips the Unicode work, which is the common case on the hot path.
 */
export function normalizeText(raw: string): string {
  if (!NON_ASCII_OR_CONTROL.test(raw)) {
    return NEEDS_COLLAPSE.test(raw) ? raw.replace(WHITESPACE_RUN, ' ').trim() : raw;
  }
  return collapse(raw.normalize('NFKC'));
}

function collapse(s: string): string {
  return s.replace(INVISIBLE, '').replace(CONTROL, '').replace(WHITESPACE_RUN, ' ').trim();
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
  if (!NON_ASCII_OR_CONTROL.test(raw)) {
    return { text: normalizeText(raw), corrections: NO_CORRECTIONS };
  }
  const text = collapse(raw.normalize('NFKC'));
  if (text === collapse(raw)) return { text, corrections: NO_CORRECTIONS };
  return { text, corrections: [correction('FULLWIDTH_NORMALIZED', raw, text, field)] };
}

const PLACEHOLDERS = new Set([
  'n/a', 'n.a.', '#n/a', 'null', 'nil', 'none', 'undefined', 'unknown', 'not available',
  '-', '--', '---', '?', '.', '无', '未知', '不详', '暂无',
]);

/** Values sources use to mean "empty". `NA` is not here: it is a real surname. */
export function isPlaceholder(text: string): boolean {
  return text.length <= 13 && PLACEHOLDERS.has(text.toLowerCase());
}

export function isBlank(raw: string | undefined | null): boolean {
  return raw === undefined || raw === null || normalizeText(raw) === '';
}

export function isAscii(s: string): boolean {
  return !NON_ASCII_OR_CONTROL.test(s);
}

export function containsHan(s: string): boolean {
  return !isAscii(s) && HAN.test(s);
}

export function containsLetter(s: string): boolean {
  return LETTER.test(s);
}
