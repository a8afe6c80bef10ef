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

export { loadOrCreateIndexKey } from '../config/data-keys';
