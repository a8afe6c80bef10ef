import { createCipheriv, createHmac } from 'node:crypto';

/**
 * Blind indexes: keyed HMAC-SHA256 digests of normalized values ("terms"), stored beside the
 * encrypted rows, so exact look-ups, filters and erasure can find rows without decrypting them.
 * A term is `kind` + value; equal values give equal digests under one key, which is what a
 * look-up needs and what they leak (see README, "At rest").
 */
export type TermKind = 'email' | 'phone' | 'name' | 'pinyin';

export interface Term {
  kind: TermKind;
  digest: string;
}

/** The names of a customer that name prefixes are taken of. */
export interface CustomerNames {
  givenName: string | null;
  familyName: string | null;
  givenNamePinyin?: string | null;
  familyNamePinyin?: string | null;
}

/** A name's digest and those of its prefixes (the last prefix is the name itself). */
export interface NameWithPrefixes {
  kind: 'name' | 'pinyin';
  name: string;
  prefixes: string[];
}

/** A name as indexed: its kind, its first NAME_PREFIX_MAX characters and their digest. */
interface IndexedName {
  kind: 'name' | 'pinyin';
  chars: string[];
  digest: string;
}

/** Name prefixes are indexed up to this many characters; longer queries look up their first 32. */
export const NAME_PREFIX_MAX = 32;
/** Digest length in hex characters (128 bits: collisions are not a concern at any table size). */
const DIGEST_HEX = 32;

/** Lower-cased, trimmed name: what name prefixes are taken of. */
export function nameKey(name: string | null | undefined): string {
  return (name ?? '').trim().toLowerCase();
}

/** The characters of a name that are indexed: its key's first NAME_PREFIX_MAX code points. */
function indexedChars(name: string | null | undefined): string[] {
  return [...nameKey(name)].slice(0, NAME_PREFIX_MAX);
}

/** Name-prefix digests kept in memory (about 100 bytes each). */
const PREFIX_DIGESTS_CACHED = 200_000;

export class BlindIndex {
  private blockKeyCipherKey: Buffer | undefined;
  /**
   * Digests of name prefixes already computed: prefixes repeat across customers ("s", "sm",
   * "smi" …), and a full resolution asks for millions of them. Bounded; emptied when full.
   */
  private readonly prefixDigests = new Map<string, string>();

  /** The index key; suppression digests are made with it too (under their own labels). */
  constructor(readonly key: Uint8Array) {}

  /**
   * Keyed digests (48-bit integers) of blocking key values (integers below 2⁴⁸): AES-128 of each
   * value under a key derived from the index key, truncated. Millions of values per full
   * resolution go through one cipher call, where an HMAC per value would cost seconds.
   */
  blockKeyDigests(values: readonly number[]): number[] {
    this.blockKeyCipherKey ??= createHmac('sha256', this.key).update('block-keys').digest().subarray(0, 16);
    const input = Buffer.alloc(values.length * 16);
    values.forEach((value, i) => input.writeUIntBE(value, i * 16, 6));
    const cipher = createCipheriv('aes-128-ecb', this.blockKeyCipherKey, null).setAutoPadding(false);
    const output = Buffer.concat([cipher.update(input), cipher.final()]);
    return values.map((_, i) => output.readUIntBE(i * 16, 6));
  }

  /** The digest of one term. The `term:` label keeps these apart from suppression digests made with the same key. */
  digest(kind: TermKind, value: string): string {
    return createHmac('sha256', this.key).update(`term:${kind}\u0000${value}`).digest('hex').slice(0, DIGEST_HEX);
  }

  /**
   * A secret derived from the index key for one purpose (`content-hash`): keys hashes that must
   * not be computable from guessed plaintext, without handing out the index key itself.
   */
  secret(purpose: string): string {
    return createHmac('sha256', this.key).update(`secret:${purpose}`).digest('hex');
  }

  email(value: string): string {
    return this.digest('email', value.trim().toLowerCase());
  }

  phone(value: string): string {
    return this.digest('phone', value.trim());
  }

  /** The digest a name-prefix query looks up. */
  namePrefix(kind: 'name' | 'pinyin', prefix: string): string {
    return this.digest(kind, nameKey(prefix).slice(0, NAME_PREFIX_MAX));
  }

  private prefixDigest(kind: 'name' | 'pinyin', prefix: string): string {
    const cacheKey = `${kind}\u0000${prefix}`;
    let digest = this.prefixDigests.get(cacheKey);
    if (digest === undefined) {
      if (this.prefixDigests.size >= PREFIX_DIGESTS_CACHED) this.prefixDigests.clear();
      digest = this.digest(kind, prefix);
      this.prefixDigests.set(cacheKey, digest);
    }
    return digest;
  }

  /**
   * A name's digest (of its first NAME_PREFIX_MAX characters, lower-cased) and the digests of its
   * prefixes, the name itself included; undefined for an empty name.
   */
  nameWithPrefixes(kind: 'name' | 'pinyin', name: string | null | undefined): NameWithPrefixes | undefined {
    const indexed = this.indexedName(kind, name);
    return indexed && this.withPrefixes(indexed);
  }

  /** A name's indexed characters and its digest; undefined for an empty name. */
  private indexedName(kind: 'name' | 'pinyin', name: string | null | undefined): IndexedName | undefined {
    const chars = indexedChars(name);
    return chars.length === 0 ? undefined : { kind, chars, digest: this.prefixDigest(kind, chars.join('')) };
  }

  private withPrefixes({ kind, chars, digest }: IndexedName): NameWithPrefixes {
    const prefixes: string[] = [];
    for (let length = 1; length < chars.length; length += 1) prefixes.push(this.prefixDigest(kind, chars.slice(0, length).join('')));
    prefixes.push(digest);
    return { kind, name: digest, prefixes };
  }

  /** A customer's given, family and pinyin names, each once. */
  private indexedNames(fields: CustomerNames): IndexedName[] {
    const names: IndexedName[] = [];
    const add = (kind: 'name' | 'pinyin', name: string | null | undefined): void => {
      const indexed = this.indexedName(kind, name);
      if (indexed && !names.some((known) => known.digest === indexed.digest)) names.push(indexed);
    };
    add('name', fields.givenName);
    add('name', fields.familyName);
    add('pinyin', fields.givenNamePinyin);
    add('pinyin', fields.familyNamePinyin);
    return names;
  }

  /**
   * The terms of a golden customer: its emails, phones, and its given, family and pinyin names as
   * whole names. A name's prefixes are kept once per distinct name, not per customer (see
   * nameWithPrefixes and the `name_prefixes` table).
   */
  customerTerms(fields: CustomerNames & { emails: readonly string[]; phones: readonly string[] }): Term[] {
    const terms = new Map<string, Term>();
    for (const email of fields.emails) {
      const digest = this.email(email);
      terms.set(digest, { kind: 'email', digest });
    }
    for (const phone of fields.phones) {
      const digest = this.phone(phone);
      terms.set(digest, { kind: 'phone', digest });
    }
    for (const { kind, digest } of this.indexedNames(fields)) terms.set(digest, { kind, digest });
    return [...terms.values()];
  }

  /**
   * The names of a customer with their prefixes (see nameWithPrefixes), but for names in `known`
   * (whose prefixes the caller has), of which no prefix is computed.
   */
  customerNames(fields: CustomerNames, known?: ReadonlySet<string>): NameWithPrefixes[] {
    return this.indexedNames(fields)
      .filter((name) => !known?.has(name.digest))
      .map((name) => this.withPrefixes(name));
  }

  /**
   * Terms of a rejected row's raw text, so erasure can find it once the text is encrypted: every
   * email-like token, and every phone-like token written in international form (`+49 151 …`,
   * `0049 …`), which is how it compares with a stored E.164 number.
   */
  rawTextTerms(raw: string | null): Term[] {
    if (!raw) return [];
    const terms = new Map<string, Term>();
    for (const match of raw.matchAll(/[^\s@"',;:<>()[\]{}\\]+@[^\s@"',;:<>()[\]{}\\]+/g)) {
      const digest = this.email(match[0]);
      terms.set(digest, { kind: 'email', digest });
    }
    for (const match of raw.matchAll(/(?:\+|\b00)\d[\d\s\-().]{4,}\d/g)) {
      const digits = match[0].replace(/\D/g, '').replace(/^00/, '');
      const digest = this.phone(`+${digits}`);
      terms.set(digest, { kind: 'phone', digest });
    }
    return [...terms.values()];
  }
}
