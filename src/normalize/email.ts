import { EMAIL_DOMAIN_TYPOS } from './email-domain-typos';
import { accept, correction, NO_CORRECTIONS, reject, withCorrections, type Correction, type Normalized } from './result';
import { prepareText } from './text';

/** RFC 5321 dot-atom local part (quoted local parts are not accepted from customer data). */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** Hostname labels; Unicode letters allowed for internationalised domains. */
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:[\p{L}]{2,63}|xn--[a-z0-9-]{1,59})$/u;
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** `Jane Doe <jane@example.com>`, `mailto:jane@example.com`, quotes and brackets around it. */
const DECORATED = /^(?:mailto:|.*<)|>$|^["'(]|["')]$|[.;,]$/;
const ANGLE_ADDRESS = /<([^<>]+)>/;

/** Trims, lowercases, repairs obvious decoration, fixes known domain typos, validates syntax. */
export function normalizeEmail(raw: string): Normalized<string> {
  const prepared = prepareText(raw);
  let text = prepared.text.toLowerCase();
  let corrections: readonly Correction[] = prepared.corrections;

  if (DECORATED.test(text) || text.includes(' ') || text.includes('..')) {
    const repaired = repairDecoration(text);
    if (repaired !== text) {
      corrections = withCorrections(corrections, [correction('EMAIL_REPAIRED', raw, repaired)]);
      text = repaired;
    }
  }

  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return reject('INVALID_EMAIL', 'email address needs exactly one "@" with text on both sides');
  if (text.indexOf('@') !== at) return reject('INVALID_EMAIL', 'email address contains more than one "@"');
  const local = text.slice(0, at);
  let domain = text.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return reject('INVALID_EMAIL', 'the part before "@" contains characters or dots not allowed in an email address');
  }

  const fixed = EMAIL_DOMAIN_TYPOS.get(domain);
  if (fixed !== undefined) {
    domain = fixed;
    const value = `${local}@${domain}`;
    corrections = withCorrections(corrections, [correction('EMAIL_DOMAIN_TYPO', raw, value)]);
  }
  if (domain.length > 253 || !(ASCII_DOMAIN.test(domain) || DOMAIN.test(domain))) {
    return reject('INVALID_EMAIL', 'the part after "@" is not a valid domain name');
  }
  return accept(`${local}@${domain}`, corrections === prepared.corrections && corrections.length === 0 ? NO_CORRECTIONS : corrections);
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
