import { withinOneTypo as importedWithinOneTypo } from './edit-distance';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const withinOneTypo = importedWithinOneTypo;

/**
 * Levels of an email comparison over each record's list of addresses: a shared address;
 * the same local part at another provider (jsmith@gmail vs jsmith@yahoo); a local part one
 * keying error away with the same digits (jsmiht); or nothing in common.
 */
export const EMAIL_LEVELS = ['null', 'exact', 'sameLocalPart', 'similarLocalPart', 'different'] as const;
export const EmailLevel = { Null: 0, Exact: 1, SameLocalPart: 2, SimilarLocalPart: 3, Different: 4 } as const;

/** Very short local parts ("jo", "info") say little even when equal. */
export const MIN_LOCAL_PART = 4;

function digitsOf(text: string): string {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += text[i];
  }
  return digits;
}

/**
 * Local parts one keying error apart, with the same digits: numbers in a local part tell
 * accounts apart (ann.lee.1024 and ann.lee.1094 are two people far more often than one typo),
 * so a difference in them is not a typo.
 */
export function similarLocalParts(x: string, y: string): boolean {
  return withinOneTypo(x, y) && digitsOf(x) === digitsOf(y);
}

export function compareEmails(
  emailsA: readonly string[],
  localsA: readonly string[],
  emailsB: readonly string[],
  localsB: readonly string[],
): number {
  if (emailsA.length === 0 || emailsB.length === 0) return EmailLevel.Null;
  for (const x of emailsA) for (const y of emailsB) if (x === y) return EmailLevel.Exact;
  let best: number = EmailLevel.Different;
  for (const x of localsA) {
    if (x.length < MIN_LOCAL_PART) continue;
    for (const y of localsB) {
      if (y.length < MIN_LOCAL_PART) continue;
      if (x === y) return EmailLevel.SameLocalPart;
      if (best === EmailLevel.Different && similarLocalParts(x, y)) best = EmailLevel.SimilarLocalPart;
    }
  }
  return best;
}
