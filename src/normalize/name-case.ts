import { isCommonIdeographText, splitWords } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const splitWordsFn = splitWords;
const isCommonIdeographTextFn = isCommonIdeographText;

/**
 * Consistent casing for names written in cased scripts (Latin, Cyrillic, Greek ...).
 *
 * Only words written entirely in one case are recased: `MCDONALD` and `mcdonald`
 * become `McDonald`, while a deliberately mixed-case `DeShawn` or `MacKenzie` is
 * left exactly as the person wrote it. Scripts without case pass through unchanged.
 */

/** Lowercase connecting particles (`Ludwig van Beethoven`, `Maria de la Cruz`). */
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'delle', 'dei', 'degli', 'di', 'da', 'das', 'dos',
  'do', 'du', 'la', 'le', 'les', 'ten', 'ter', 'te', 'zu', 'y', 'e', 'bin', 'binti', 'bint', 'al',
]);

const SUFFIXES: ReadonlyMap<string, string> = new Map([
  ['jr', 'Jr'], ['jr.', 'Jr.'], ['sr', 'Sr'], ['sr.', 'Sr.'],
  ['ii', 'II'], ['iii', 'III'], ['iv', 'IV'], ['v', 'V'],
]);

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const MC_PREFIX = /^mc(?=\p{L}{2})/u;
/** Separators after which a new capital starts: hyphen, dot (initials), apostrophes. */
const PART_BREAK = /([-.'\u2019])/;

export type NameRole = 'given' | 'family' | 'full';

// Longest suffix and particle: most words are longer and are ruled out without lowercasing them.
const LONGEST_SUFFIX = Math.max(...[...SUFFIXES.keys()].map((k) => k.length));
const LONGEST_PARTICLE = Math.max(...[...PARTICLES].map((p) => p.length));

export function isSuffix(token: string): boolean {
  return token.length <= LONGEST_SUFFIX && SUFFIXES.has(token.toLowerCase());
}

export function isParticle(token: string): boolean {
  return token.length <= LONGEST_PARTICLE && PARTICLES.has(token.toLowerCase());
}

/**
 * Recases a whitespace-normalized name. Particles are lowercased when another word
 * follows them; at the very start of a full name they stay capitalized, because
 * `Van`, `Del` or `Di` first in a full name are usually given names.
 */
export function caseName(name: string, role: NameRole = 'full'): string {
  // Most name parts are one word of ASCII letters: cased in one pass, with nothing to split.
  const asciiWord = asciiWordCases(name);
  if (asciiWord === UPPER_ONLY || asciiWord === LOWER_ONLY) return capitalizeAsciiWord(name, asciiWord);
  if (asciiWord !== NOT_ONE_ASCII_WORD) return name;
  if (!needsRecasing(name)) return name;
  // Most name parts are one word: no split, no joining.
  if (name.indexOf(' ') < 0) return caseToken(name, 0, 0, role);
  const tokens = splitWordsFn(name);
  const last = tokens.length - 1;
  let out = '';
  for (let i = 0; i <= last; i++) {
    if (i > 0) out += ' ';
    out += caseToken(tokens[i]!, i, last, role);
  }
  return out;
}

/** One word of a name at position `i` of `last + 1`. */
function caseToken(token: string, i: number, last: number, role: NameRole): string {
  const cases = letterCases(token);
  // Mixed case is deliberate; caseless tokens have nothing to do.
  if (cases === CASELESS || cases === MIXED) return token;
  const lower = token.toLowerCase();
  const suffix = i > 0 ? SUFFIXES.get(lower) : undefined;
  if (suffix !== undefined) return suffix;
  if (i < last && (i > 0 || role === 'family') && PARTICLES.has(lower)) return lower;
  return capitalizeWord(lower);
}

export const CASELESS = 0;
export const UPPER_ONLY = 1;
export const LOWER_ONLY = 2;
export const MIXED = 3;

/** Which letter cases a string contains; ASCII is classified without regular expressions. */
export function letterCases(s: string): number {
  let cases = CASELESS;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) cases |= UPPER_ONLY;
    else if (c >= 97 && c <= 122) cases |= LOWER_ONLY;
    else if (c > 127) return (UPPER.test(s) ? UPPER_ONLY : 0) | (LOWER.test(s) ? LOWER_ONLY : 0);
  }
  return cases;
}

const NOT_ONE_ASCII_WORD = -1;

/** `letterCases` of a name made only of ASCII letters, or NOT_ONE_ASCII_WORD for anything else. */
function asciiWordCases(name: string): number {
  let cases = CASELESS;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) cases |= UPPER_ONLY;
    else if (c >= 97 && c <= 122) cases |= LOWER_ONLY;
    else return NOT_ONE_ASCII_WORD;
  }
  return cases;
}

/**
 * `caseToken` for the only word of a name when it is ASCII letters in one case: alone in
 * the name it is neither a suffix nor a particle, and it has no part breaks.
 */
function capitalizeAsciiWord(word: string, cases: number): string {
  const lower = cases === LOWER_ONLY ? word : word.toLowerCase();
  // `mc` before two more letters: McDonald.
  if (lower.length >= 4 && lower.charCodeAt(0) === 109 && lower.charCodeAt(1) === 99) {
    return 'Mc' + String.fromCharCode(lower.charCodeAt(2) - 32) + lower.slice(3);
  }
  return String.fromCharCode(lower.charCodeAt(0) - 32) + lower.slice(1);
}

/**
 * Whether any word is written in a single case (and so gets recased). Names that are
 * already cased (`John Smith`) or caseless (`王小明`) are returned untouched without
 * splitting them.
 */
function needsRecasing(name: string): boolean {
  let cases = CASELESS;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    if (c === 32) {
      if (cases === UPPER_ONLY || cases === LOWER_ONLY) return true;
      cases = CASELESS;
    } else if (c >= 65 && c <= 90) {
      cases |= UPPER_ONLY;
    } else if (c >= 97 && c <= 122) {
      cases |= LOWER_ONLY;
    } else if (c > 127) {
      // Everyday ideographs have no case; other non-ASCII letters are classified word by word with Unicode properties.
      if (isCommonIdeographTextFn(name)) return false;
      return splitWordsFn(name).some((token) => {
        const t = letterCases(token);
        return t === UPPER_ONLY || t === LOWER_ONLY;
      });
    }
  }
  return false;
}

function capitalizeWord(lower: string): string {
  if (!hasPartBreak(lower)) return capitalizeSimple(lower);
  const parts = lower.split(PART_BREAK);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    // After an apostrophe only a real word is capitalized: O'Brien, D'Angelo, but not a lone letter.
    const afterApostrophe = i > 0 && (parts[i - 1] === "'" || parts[i - 1] === '\u2019');
    out += afterApostrophe && part.length < 2 ? part : capitalizeSimple(part);
  }
  return out;
}

function hasPartBreak(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45 || c === 46 || c === 39 || c === 0x2019) return true;
  }
  return false;
}

function capitalizeSimple(lower: string): string {
  if (lower.length === 0) return lower;
  if (lower.charCodeAt(0) === 109 /* m */ && lower.charCodeAt(1) === 99 /* c */ && MC_PREFIX.test(lower)) {
    return 'Mc' + upperFirst(lower.slice(2));
  }
  return upperFirst(lower);
}

function upperFirst(s: string): string {
  const c = s.charCodeAt(0);
  if (c >= 97 && c <= 122) return String.fromCharCode(c - 32) + s.slice(1);
  const first = String.fromCodePoint(s.codePointAt(0)!);
  const upper = first.toUpperCase();
  // Letters whose capital is two letters (ß → SS) stay as they are: recasing must be repeatable.
  return (upper.length === first.length ? upper : first) + s.slice(first.length);
}
