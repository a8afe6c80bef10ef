import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { Env } from './env';

/**
 * Where the keys protecting personal data at rest come from. Data keys (AES-256) encrypt
 * personal columns; the index key (HMAC) makes blind indexes and suppression digests. Both live
 * outside the database, so a copy of the database alone reveals neither values nor digests' inputs.
 */
export interface DataKeys {
  activeId: string;
  keys: Map<string, Uint8Array>;
  /** Where the keys came from, for the start-up message (never the keys). */
  origin: string;
  /** The key file, when keys come from one (not from PII_KEY). */
  file?: string;
  /** True when this call created the key file. */
  created: boolean;
  /** A key rotation started and not finished (key file only). */
  rotationPending: boolean;
}

const KeyFileSchema = z.object({
  active: z.string().min(1),
  keys: z.record(z.string()),
  rotationPending: z.boolean().optional(),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

/** Decodes a base64 (or base64url) key of exactly 32 bytes; undefined when it is not one. */
export function decodeDataKey(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
}

/** Short public id of a data key: the first 8 hex characters of its SHA-256 (names the key, reveals nothing usable). */
export function dataKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function dataKeyFile(env: Pick<Env, 'DATA_DIR' | 'PII_KEY_FILE'>): string {
  return path.resolve(env.PII_KEY_FILE ?? path.join(env.DATA_DIR, 'pii.key'));
}

/**
 * Writes a file only if none exists, atomically: written aside then hard-linked into place, so
 * a concurrent reader never sees it half-written and two processes starting at once agree on one.
 */
function createExclusive(file: string, content: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Replaces a key file's content atomically (rename), keeping mode 0600. */
function rewrite(file: string, content: KeyFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

function readKeyFile(file: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('Unreadable data key file', [`${file}: ${(error as Error).message}`]);
  }
  const result = KeyFileSchema.safeParse(parsed);
  if (!result.success) throw new ConfigError('Invalid data key file', result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
  const problems: string[] = [];
  for (const [id, text] of Object.entries(result.data.keys)) {
    const key = decodeDataKey(text);
    if (!key) problems.push(`${file}: keys.${id}: not the base64 of 32 bytes`);
    else if (dataKeyId(key) !== id) problems.push(`${file}: keys.${id}: the key's id is ${dataKeyId(key)}`);
  }
  if (!(result.data.active in result.data.keys)) problems.push(`${file}: active key "${result.data.active}" is not among keys`);
  if (problems.length > 0) throw new ConfigError('Invalid data key file', problems);
  return result.data;
}

function newKeyEntry(): [string, string] {
  const key = randomBytes(32);
  return [dataKeyId(key), key.toString('base64')];
}

/**
 * The data keys: PII_KEY (active) with PII_PREVIOUS_KEYS (decrypt only) when set; else the key
 * file (PII_KEY_FILE, default `pii.key` in DATA_DIR), created with one random key on first use.
 */
export function loadDataKeys(env: Pick<Env, 'DATA_DIR' | 'PII_KEY' | 'PII_PREVIOUS_KEYS' | 'PII_KEY_FILE'>): DataKeys {
  if (env.PII_KEY) {
    const active = decodeDataKey(env.PII_KEY) as Uint8Array;
    const keys = new Map<string, Uint8Array>([[dataKeyId(active), active]]);
    for (const text of (env.PII_PREVIOUS_KEYS ?? '').split(',').filter((t) => t.trim() !== '')) {
      const key = decodeDataKey(text) as Uint8Array;
      keys.set(dataKeyId(key), key);
    }
    return { activeId: dataKeyId(active), keys, origin: 'PII_KEY', created: false, rotationPending: false };
  }
  const file = dataKeyFile(env);
  let created = false;
  if (!fs.existsSync(file)) {
    const [id, key] = newKeyEntry();
    created = createExclusive(file, `${JSON.stringify({ active: id, keys: { [id]: key } }, null, 2)}\n`);
  }
  const content = readKeyFile(file);
  const keys = new Map(Object.entries(content.keys).map(([id, text]) => [id, decodeDataKey(text) as Uint8Array]));
  return { activeId: content.active, keys, origin: file, file, created, rotationPending: content.rotationPending === true };
}

/**
 * Starts a rotation in the key file: a new random key becomes active and the file records that
 * rows under older keys remain. When a rotation is already pending, it is continued instead (no
 * second new key). Old keys stay in the file: rows (and backups) under them must still decrypt.
 */
export function beginKeyFileRotation(file: string): { activeId: string; continued: boolean } {
  const content = readKeyFile(file);
  if (content.rotationPending) return { activeId: content.active, continued: true };
  const [id, key] = newKeyEntry();
  rewrite(file, { active: id, keys: { ...content.keys, [id]: key }, rotationPending: true });
  return { activeId: id, continued: false };
}

/** Marks the key file's rotation finished: every row is under the active key. */
export function finishKeyFileRotation(file: string): void {
  const content = readKeyFile(file);
  if (!content.rotationPending) return;
  rewrite(file, { active: content.active, keys: content.keys });
}

/**
 * The key of blind indexes and suppression digests (keyed HMAC-SHA256 of normalized emails,
 * phones, name prefixes and source keys): PII_INDEX_KEY when set, else a random key kept in
 * `pii-index.key` in the data directory. It lives outside the database so a copy of the database
 * alone cannot be used to test guessed emails against the digests.
 */
export function loadOrCreateIndexKey(fromEnv: string | undefined, dataDir: string): { value: Uint8Array; origin: string } {
  if (fromEnv) return { value: new TextEncoder().encode(fromEnv), origin: 'PII_INDEX_KEY' };
  const file = path.resolve(dataDir, 'pii-index.key');
  if (!fs.existsSync(file)) createExclusive(file, randomBytes(32).toString('base64url'));
  return { value: new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim()), origin: file };
}
