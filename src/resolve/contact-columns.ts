import { GrowableInt32 } from './columns';
import { hashRange as importedHashRange, scanEmailLocalPart as importedScanEmailLocalPart } from './text';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const hashRange = importedHashRange;
const scanEmailLocalPart = importedScanEmailLocalPart;

const scanned = new Int32Array(3);

/**
 * Fingerprints of each record's first email and phone, in typed arrays, so that the usual
 * comparison (one address each, different) is decided without touching the strings: a
 * hash says "equal", and cheap necessary conditions rule out "one typo apart" for almost
 * all pairs. Records with several values fall back to comparing the lists.
 */
export class ContactColumns {
  readonly emailCount = new GrowableInt32();
  readonly emailHash = new GrowableInt32();
  readonly localHash = new GrowableInt32();
  readonly localLength = new GrowableInt32();
  /** First and last character of the local part, packed: a single typo keeps one of them. */
  readonly localEnds = new GrowableInt32();

  readonly phoneCount = new GrowableInt32();
  readonly phoneHash = new GrowableInt32();
  readonly phoneLength = new GrowableInt32();
  /** Hashes of the first 6 and the last 4 characters: one typo leaves one of them intact. */
  readonly phoneHead = new GrowableInt32();
  readonly phoneTail = new GrowableInt32();

  reserve(capacity: number): void {
    for (const column of [
      this.emailCount,
      this.emailHash,
      this.localHash,
      this.localLength,
      this.localEnds,
      this.phoneCount,
      this.phoneHash,
      this.phoneLength,
      this.phoneHead,
      this.phoneTail,
    ]) {
      column.reserve(capacity);
    }
  }

  set(index: number, emails: readonly string[], phones: readonly string[]): void {
    this.emailCount.set(index, emails.length);
    const email = emails[0] ?? '';
    this.emailHash.set(index, hashRange(email, 0, email.length));
    scanEmailLocalPart(email, scanned);
    this.localHash.set(index, scanned[0] as number);
    this.localLength.set(index, scanned[1] as number);
    this.localEnds.set(index, scanned[2] as number);

    this.phoneCount.set(index, phones.length);
    const phone = phones[0] ?? '';
    this.phoneHash.set(index, hashRange(phone, 0, phone.length));
    this.phoneLength.set(index, phone.length);
    this.phoneHead.set(index, hashRange(phone, 0, Math.min(6, phone.length)));
    this.phoneTail.set(index, hashRange(phone, Math.max(0, phone.length - 4), phone.length));
  }
}

/** Phones this long have a gap between head and tail, so the head/tail filter is exact. */
export const PHONE_FILTER_MIN_LENGTH = 11;
