import { decodeCursor, encodeCursor } from './cursor';
import { badUserInput } from './errors';
import type { PageInfo } from './types/connection';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Validates `first` against the page size limits. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`, 'first');
  return size;
}

/** Reads the keyset id out of an `after` cursor. */
export function cursorKey<T extends 'string' | 'number'>(after: string | null | undefined, kind: T): (T extends 'string' ? string : number) | undefined {
  if (!after) return undefined;
  const key = decodeCursor(after).id;
  if (typeof key !== kind) throw badUserInput('"after" is not a cursor returned by this API', 'after');
  return key as T extends 'string' ? string : number;
}

/**
 * Turns `size + 1` fetched rows into a Relay page: the extra row only says that more follow.
 */
export function toPage<T extends { id: string | number }>(rows: T[], size: number, hadCursor: boolean): { edges: { cursor: string; node: T }[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor({ id: node.id }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
