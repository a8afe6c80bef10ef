import { isHanName, splitHanName } from './chinese-name';
import { caseName, isParticle, isSuffix, letterCases, LOWER_ONLY, UPPER_ONLY, type NameRole } from './name-case';
import { accept, reject, type Normalized } from './result';
import { containsLetter, isCommonIdeographText, prepareText, splitWords } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const isHanNameFn = isHanName;
const splitHanNameFn = splitHanName;
const caseNameFn = caseName;
const isParticleFn = isParticle;
const isSuffixFn = isSuffix;
const letterCasesFn = letterCases;
const UPPER = UPPER_ONLY;
const LOWER = LOWER_ONLY;
const acceptFn = accept;
const rejectFn = reject;
const containsLetterFn = containsLetter;
const isCommonIdeographTextFn = isCommonIdeographText;
const prepareTextFn = prepareText;
const splitWordsFn = splitWords;

export { caseName, type NameRole } from './name-case';

/** Digits, `@` and markup never occur in a person's name; they mean the column is wrong. */
const NOT_IN_NAMES = /[\d@<>{}[\]\\|_=+#$%^*~]/;
/** A word in capitals (`WANG`, `O'BRIEN`), not initials (`J.R.`): no lowercase, two capitals in a row. */
const CAPS_WORD = /^(?=.*\p{Lu}{2})[^\p{Ll}.]+$/u;

/** One name part (given, family) or a whole name: cleaned, validated, cased. */
export function normalizePersonName(raw: string, role: NameRole = 'full'): Normalized<string> {
  const { text, corrections } = prepareTextFn(raw);
  const problem = nameProblem(text);
  if (problem !== undefined) return rejectFn('INVALID_NAME', problem);
  return acceptFn(caseNameFn(text, role), corrections);
}

function nameProblem(text: string): string | undefined {
  if (text === '') return 'name is empty';
  const ascii = asciiNameCheck(text);
  // Everyday ideographs are letters and never digits or symbols.
  if (ascii === NOT_ASCII && isCommonIdeographTextFn(text)) return undefined;
  if (ascii === NO_LETTERS || (ascii === NOT_ASCII && !containsLetterFn(text))) return 'name contains no letters';
  if (ascii === FORBIDDEN || (ascii === NOT_ASCII && NOT_IN_NAMES.test(text))) return 'name contains digits or symbols that names do not have';
  return undefined;
}

const ASCII_NAME_OK = 0;
const NO_LETTERS = 1;
const FORBIDDEN = 2;
const NOT_ASCII = 3;
const FORBIDDEN_IN_NAMES = new Uint8Array(128);
for (const c of '0123456789@<>{}[]\\|_=+#$%^*~') FORBIDDEN_IN_NAMES[c.charCodeAt(0)] = 1;

/** The same checks as the regular expressions, for ASCII names, in one pass. */
function asciiNameCheck(text: string): number {
  let letters = 0;
  let forbidden = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return NOT_ASCII;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (FORBIDDEN_IN_NAMES[c] === 1) forbidden = true;
  }
  return letters === 0 ? NO_LETTERS : forbidden ? FORBIDDEN : ASCII_NAME_OK;
}

export interface PersonName {
  fullName: string;
  givenName?: string;
  familyName?: string;
  /** Pinyin without tones, lowercase, syllables joined (`xiaoming`); only for Han names. */
  givenNamePinyin?: string;
  familyNamePinyin?: string;
  /** How the full name was written; `unknown` when it could not be split. */
  order: 'given-first' | 'family-first' | 'unknown';
}

/**
 * Splits a full name into given and family names.
 *
 * - `王小明` → 王 / 小明 (compound surnames such as 欧阳 recognised), with pinyin.
 * - `Wang, Xiaoming` → the part before the comma is the family name.
 * - `WANG Xiaoming` / `Xiaoming WANG` → an all-caps word beside mixed-case ones is
 *   the family name, wherever it stands (the passport and East Asian convention).
 * - otherwise given names first, the last word (with particles such as `van der`
 *   before it and suffixes such as `Jr` after it) is the family name.
 * A single word, or a name mixing scripts, is returned unsplit.
 */
export function splitFullName(raw: string): Normalized<PersonName> {
  const { text, corrections } = prepareTextFn(raw);
  const problem = nameProblem(text);
  if (problem !== undefined) return rejectFn('INVALID_NAME', problem);

  if (isHanNameFn(text)) {
    const han = splitHanNameFn(text);
    if (han === undefined) return acceptFn({ fullName: text, order: 'unknown' }, corrections);
    // A literal in the key order `{ fullName, ...han }` gives, without the slower object spread.
    const name: PersonName = {
      fullName: text, familyName: han.familyName, givenName: han.givenName,
      familyNamePinyin: han.familyNamePinyin, givenNamePinyin: han.givenNamePinyin, order: han.order,
    };
    return acceptFn(name, corrections);
  }
  return acceptFn(splitWrittenName(text), corrections);
}

function splitWrittenName(text: string): PersonName {
  const comma = text.indexOf(',');
  if (comma >= 0 && comma === text.lastIndexOf(',')) {
    const family = text.slice(0, comma).trim();
    const given = text.slice(comma + 1).trim();
    if (family !== '' && given !== '' && !isSuffixFn(given)) {
      const familyName = caseNameFn(family, 'family');
      const givenName = caseNameFn(given, 'given');
      return { fullName: `${givenName} ${familyName}`, givenName, familyName, order: 'family-first' };
    }
  }
  const spaced = comma >= 0 ? text.replace(/\s*,\s*/g, ' ') : text;
  const tokens = splitWordsFn(spaced);
  if (tokens.length < 2) return { fullName: caseNameFn(text, 'full'), order: 'unknown' };

  const capsIndex = markedFamilyIndex(tokens);
  if (capsIndex === 0 || capsIndex === tokens.length - 1) {
    const family = tokens[capsIndex]!;
    const familyName = caseNameFn(family, 'family');
    // Words are separated by single spaces, so the rest of the name is one slice.
    const given = capsIndex === 0 ? spaced.slice(family.length + 1) : spaced.slice(0, spaced.length - family.length - 1);
    const givenName = caseNameFn(given, 'given');
    const order = capsIndex === 0 ? 'family-first' : 'given-first';
    const fullName = order === 'family-first' ? `${familyName} ${givenName}` : `${givenName} ${familyName}`;
    return { fullName, givenName, familyName, order };
  }

  // Given names first: suffixes and particles travel with the family name.
  let familyStart = tokens.length - 1;
  while (familyStart > 1 && isSuffixFn(tokens[familyStart]!)) familyStart--;
  while (familyStart > 1 && isParticleFn(tokens[familyStart - 1]!)) familyStart--;
  let offset = 0;
  for (let i = 0; i < familyStart; i++) offset += tokens[i]!.length + 1;
  const givenName = caseNameFn(spaced.slice(0, offset - 1), 'given');
  const familyName = caseNameFn(spaced.slice(offset), 'family');
  return { fullName: `${givenName} ${familyName}`, givenName, familyName, order: 'given-first' };
}

/** An all-capitals word (two capitals in a row, no dots), as opposed to initials such as `J.R.`. */
function isCapsWord(token: string): boolean {
  if (token.includes('.')) return false;
  for (let i = 1; i < token.length; i++) {
    const a = token.charCodeAt(i - 1);
    const b = token.charCodeAt(i);
    if (a >= 65 && a <= 90 && b >= 65 && b <= 90) return true;
    if (a > 127 || b > 127) return CAPS_WORD.test(token);
  }
  return false;
}

/** Index of the single all-caps word when other words have lowercase letters, or -1. */
function markedFamilyIndex(tokens: readonly string[]): number {
  let index = -1;
  let withLowercase = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const cases = letterCasesFn(token);
    if (cases === UPPER && isCapsWord(token) && !isSuffixFn(token)) {
      if (index >= 0) return -1;
      index = i;
    } else if ((cases & LOWER) !== 0) {
      withLowercase++;
    }
  }
  return withLowercase > 0 ? index : -1;
}
