import { EMAIL_DOMAIN_TYPOS } from './email-domain-typos';
import { BoundedMemo } from './memo';
import { accept, correction, reject, withCorrections, type Correction, type Normalized } from './result';
import { prepareText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const acceptFn = accept;
const correctionFn = correction;
const rejectFn = reject;
const withCorrectionsFn = withCorrections;
const prepareTextFn = prepareText;

/** RFC 5321 dot-atom local part (quoted local parts are not accepted from customer data). */
const ATOM_CHARS = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-") ATOM_CHARS[c.charCodeAt(0)] = 1;
/** Hostname labels; Unicode letters allowed for internationalised domains. */
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:[\p{L}]{2,63}|xn--[a-z0-9-]{1,59})$/u;
const PUNYCODE_TLD = /^xn--[a-z0-9-]{1,59}$/;
const ANGLE_ADDRESS = /<([^<>]+)>/;

/** Trims, lowercases, repairs obvious decoration, fixes known domain typos, validates syntax. */
export function normalizeEmail(raw: string): Normalized<string> {
  const prepared = prepareTextFn(raw);
  let text = prepared.text.toLowerCase();
  let corrections: readonly Correction[] = prepared.corrections;

  if (isDecorated(text)) {
    const repaired = repairDecoration(text);
    if (repaired !== text) {
      corrections = withCorrectionsFn(corrections, [correctionFn('EMAIL_REPAIRED', raw, repaired)]);
      text = repaired;
    }
  }

  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return rejectFn('INVALID_EMAIL', 'email address needs exactly one "@" with text on both sides');
  if (text.indexOf('@') !== at) return rejectFn('INVALID_EMAIL', 'email address contains more than one "@"');
  if (at > 64 || !isDotAtom(text, at)) {
    return rejectFn('INVALID_EMAIL', 'the part before "@" contains characters or dots not allowed in an email address');
  }
  const domain = checkedDomain(text.slice(at + 1));
  if (domain.typoFixedTo !== undefined) {
    text = text.slice(0, at + 1) + domain.typoFixedTo;
    corrections = withCorrectionsFn(corrections, [correctionFn('EMAIL_DOMAIN_TYPO', raw, text)]);
  }
  if (!domain.valid) return rejectFn('INVALID_EMAIL', 'the part after "@" is not a valid domain name');
  return acceptFn(text, corrections);
}

interface CheckedDomain {
  /** The correct domain when the written one is a known misspelling. */
  typoFixedTo: string | undefined;
  /** Whether the domain (after the fix) is a valid domain name. */
  valid: boolean;
}

// A few hundred mail domains cover most customers, so their checks are memoized.
const domainChecks = new BoundedMemo<string, CheckedDomain>(1_024);

function checkedDomain(written: string): CheckedDomain {
  let checked = domainChecks.get(written);
  if (checked === undefined) {
    const typoFixedTo = EMAIL_DOMAIN_TYPOS.get(written);
    const domain = typoFixedTo ?? written;
    checked = { typoFixedTo, valid: domain.length <= 253 && (isAsciiHostname(domain) || DOMAIN.test(domain)) };
    domainChecks.set(written, checked);
  }
  return checked;
}

function isDecorated(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (
    first === 34 || first === 39 || first === 40 || // " ' (
    last === 34 || last === 39 || last === 41 || last === 62 || last === 46 || last === 59 || last === 44 || // " ' ) > . ; ,
    (first === 109 && text.startsWith('mailto:'))
  ) {
    return true;
  }
  // One pass for what may sit inside: `<`, spaces, doubled dots.
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 32 || (c === 46 && previous === 46)) return true;
    previous = c;
  }
  return false;
}

function repairDecoration(text: string): string {
  let s = text;
  const angle = ANGLE_ADDRESS.exec(s);
  if (angle) s = angle[1]!;
  if (s.startsWith('mailto:')) s = s.slice('mailto:'.length);
  s = s.replace(/^["'(\s]+|["')\s.;,]+$/g, '');
  // Spaces around the "@" or dots are typing slips; spaces inside words are not repaired.
  s = s.replace(/\s*([@.])\s*/g, '$1');
  // Doubled dots in the domain are a typing slip; in the local part they are invalid, so rejection follows.
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(0, at + 1) + s.slice(at + 1).replace(/\.{2,}/g, '.');
  return s;
}

/** RFC 5321 dot-atom (lowercase) in `text` before `end`: atoms of allowed characters separated by single dots. */
function isDotAtom(text: string, end: number): boolean {
  let atom = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (atom === 0) return false;
      atom = 0;
    } else if (c < 128 && ATOM_CHARS[c] === 1) {
      atom++;
    } else {
      return false;
    }
  }
  return atom > 0;
}

/** Lowercase ASCII hostname: labels of 1-63 letters, digits and inner hyphens; a top-level domain of letters (or punycode). */
function isAsciiHostname(domain: string): boolean {
  let labels = 0;
  let start = 0;
  for (let i = 0; i <= domain.length; i++) {
    const c = i < domain.length ? domain.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - start;
      if (length < 1 || length > 63 || domain.charCodeAt(start) === 45 || domain.charCodeAt(i - 1) === 45) return false;
      labels++;
      start = i + 1;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) {
      return false;
    }
  }
  if (labels < 2) return false;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (tld.startsWith('xn--')) return PUNYCODE_TLD.test(tld);
  for (let i = 0; i < tld.length; i++) {
    const c = tld.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return tld.length >= 2;
}
