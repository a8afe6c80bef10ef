import { createHash } from 'node:crypto';

/**
 * Stable JSON: object keys sorted at every level, `undefined` properties left out
 * (as JSON.stringify does), arrays kept in order. Two values that differ only in key
 * order serialise identically.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const json = JSON.stringify(value);
    // Top-level undefined/functions have no JSON form; they hash like null.
    return json === undefined ? 'null' : json;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return stableStringify(withJson.toJSON());
  if (Array.isArray(value)) {
    return '[' + value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : stableStringify(item))).join(',') + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = obj[key];
    if (item === undefined || typeof item === 'function') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + stableStringify(item);
    first = false;
  }
  return out + '}';
}

/** SHA-256 hex of the stable JSON of a value: equal content, equal hash, whatever the key order. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}
