import { badUserInput } from './errors';

/**
 * Cursors are opaque to clients: base64url of a small JSON key. They carry the keyset position,
 * not an offset, so paging stays stable while rows are added.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the user-facing error
  }
  throw badUserInput(`"${argument}" is not a cursor returned by this API`, argument);
}
