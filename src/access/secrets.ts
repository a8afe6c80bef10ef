import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface SecretSource {
  value: Uint8Array;
  /** Where it came from, for the start-up message (never the value). */
  origin: string;
}

/**
 * The HS256 signing secret: JWT_SECRET when set, else a random one kept in a local file that is
 * created on first start (mode 0600), so a fresh machine works without setup and tokens survive
 * restarts.
 */
export function loadOrCreateJwtSecret(fromEnv: string | undefined, dataDir: string): SecretSource {
  if (fromEnv) return { value: new TextEncoder().encode(fromEnv), origin: 'JWT_SECRET' };
  const file = path.resolve(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return { value: new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim()), origin: file };
}

/**
 * The key of blind indexes and suppression digests (keyed HMAC-SHA256 of normalized emails,
 * phones and source keys): PII_INDEX_KEY when set, else a random key kept in `pii-index.key` in
 * the data directory. It lives outside the database so a copy of the database alone cannot be
 * used to test guessed emails against the digests.
 */
export function loadOrCreateIndexKey(fromEnv: string | undefined, dataDir: string): SecretSource {
  if (fromEnv) return { value: new TextEncoder().encode(fromEnv), origin: 'PII_INDEX_KEY' };
  const file = path.resolve(dataDir, 'pii-index.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { value: new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim()), origin: file };
}
