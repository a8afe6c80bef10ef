import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';

export { dataKeyId } from '../config/data-keys';

/**
 * Personal fields are stored as `enc:v1:<keyId>:<base64url(iv | ciphertext | tag)>`: AES-256-GCM
 * with a random 96-bit IV per value, under the key the id names. The key id travels with every
 * value, so a key rotation can re-encrypt row by row and resume where it stopped.
 */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** The data keys: the active one encrypts, every one decrypts. */
export interface DataKeyRing {
  activeId: string;
  keys: ReadonlyMap<string, Uint8Array>;
}

/** A stored value names a key this process does not have. */
export class DataKeyMissingError extends AppError {
  constructor(readonly keyId: string) {
    super('DATA_KEY_MISSING', `personal data is encrypted under key "${keyId}", which is not configured (PII_KEY, PII_PREVIOUS_KEYS or the key file)`);
  }
}

/** A stored value does not decrypt: altered, truncated, or written under another key with the same id. */
export class DataUnreadableError extends AppError {
  constructor(keyId: string, options?: { cause?: unknown }) {
    super('DATA_UNREADABLE', `an encrypted value under key "${keyId}" fails its integrity check`, options);
  }
}

/**
 * Random IVs drawn from a pool refilled 4,096 at a time: one call into the random generator per
 * value cost more than the encryption of a short value itself. Each IV is still 96 random bits,
 * used once (the slice is copied into the stored value before the pool is refilled).
 */
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivOffset = ivPool.length;
function nextIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
}

export interface FieldCipherOptions {
  /**
   * Reads the key ring again when a value names a key not yet known: a server started before a
   * rotation then reads rows the rotation re-encrypted. Tried once per unknown key id.
   */
  reload?: () => DataKeyRing;
}

/** Encrypts and decrypts single text values. Keys are imported once; each call costs one AES-GCM pass. */
export class FieldCipher {
  readonly activeKeyId: string;
  private readonly keys = new Map<string, KeyObject>();
  private readonly activeKey: KeyObject;
  private readonly reloaded = new Set<string>();

  constructor(
    ring: DataKeyRing,
    private readonly options: FieldCipherOptions = {},
  ) {
    this.addKeys(ring);
    const active = this.keys.get(ring.activeId);
    if (!active) throw new DataKeyMissingError(ring.activeId);
    this.activeKeyId = ring.activeId;
    this.activeKey = active;
  }

  private addKeys(ring: DataKeyRing): void {
    for (const [id, key] of ring.keys) {
      if (key.length !== DATA_KEY_BYTES) throw new AppError('CONFIG_INVALID', `data key "${id}" must be ${DATA_KEY_BYTES} bytes`);
      if (!this.keys.has(id)) this.keys.set(id, createSecretKey(key));
    }
  }

  private keyFor(keyId: string): KeyObject {
    let key = this.keys.get(keyId);
    if (!key && this.options.reload && !this.reloaded.has(keyId)) {
      this.reloaded.add(keyId);
      this.addKeys(this.options.reload());
      key = this.keys.get(keyId);
    }
    if (!key) throw new DataKeyMissingError(keyId);
    return key;
  }

  /** The stored form of a value; null stays null. */
  seal(plain: string): string;
  seal(plain: string | null): string | null;
  seal(plain: string | null): string | null {
    if (plain === null) return null;
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.activeKey, iv);
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_PREFIX}${this.activeKeyId}:${body.toString('base64url')}`;
  }

  /**
   * The plaintext of a stored value. Values without the prefix are plaintext written before
   * encryption was introduced (start-up encrypts them; until then they read as they are).
   */
  open(stored: string): string;
  open(stored: string | null): string | null;
  open(stored: string | null): string | null {
    if (stored === null || !stored.startsWith(SEALED_PREFIX)) return stored;
    const separator = stored.indexOf(':', SEALED_PREFIX.length);
    const keyId = stored.slice(SEALED_PREFIX.length, separator);
    const key = this.keyFor(keyId);
    const body = Buffer.from(stored.slice(separator + 1), 'base64url');
    if (body.length < IV_BYTES + TAG_BYTES) throw new DataUnreadableError(keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new DataUnreadableError(keyId, { cause: error });
    }
  }

  /** Whether a stored value is already encrypted under the active key (rotation skips it). */
  isCurrent(stored: string | null): boolean {
    return stored === null || stored.startsWith(`${SEALED_PREFIX}${this.activeKeyId}:`);
  }

  /** Decrypts (any known key, or plaintext) and encrypts again under the active key. */
  reseal(stored: string | null): string | null {
    return this.isCurrent(stored) ? stored : this.seal(this.open(stored));
  }
}
