import type { Knex } from 'knex';
import { isJsonObject } from './json-values';
import { SqlDateTimeText } from './sql-connection';

/**
 * Position of a keyset read: the last row's key and, for incremental sources, its watermark
 * column value. The next batch starts strictly after it in (watermark, key) order.
 */
export interface KeysetCursor {
  /** Undefined for a stored watermark written without a key: the next read starts at its value, inclusive. */
  key?: unknown;
  watermark?: unknown;
}

export interface KeysetColumns {
  key: string;
  watermark?: string;
}

/** JSON form of a cursor value; types JSON lacks are tagged so they come back as the same type. */
function encodeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : { bigint: value.toString() };
  if (value instanceof Date) return { date: value.toISOString() };
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  if (value instanceof SqlDateTimeText) return value.text;
  return value ?? null;
}

function decodeValue(value: unknown): unknown {
  if (!isJsonObject(value)) return value;
  if (typeof value.bigint === 'string') return BigInt(value.bigint);
  if (typeof value.date === 'string') return new Date(value.date);
  if (typeof value.base64 === 'string') return Buffer.from(value.base64, 'base64');
  return value;
}

/**
 * The watermark string of an incremental SQL source: JSON `{"value": <watermark column>, "key":
 * <key column>}` of the row, e.g. `{"value":"2024-05-01 10:00:00.000000","key":42}`. The key makes
 * it a position, not just a time: rows sharing the watermark value with the last committed row
 * are resumed after that row instead of being skipped or read twice. MySQL date-times are kept
 * as the server's exact text; bigint, Date and binary values are tagged (`{"bigint":"…"}`).
 */
export function encodeWatermark(watermark: unknown, key: unknown): string {
  return JSON.stringify({ value: encodeValue(watermark), key: encodeValue(key) });
}

/** A stored watermark back into a cursor; any other text is taken as a bare watermark value. */
export function decodeWatermark(stored: string): KeysetCursor {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isJsonObject(parsed) && 'value' in parsed && 'key' in parsed) return { watermark: decodeValue(parsed.value), key: decodeValue(parsed.key) };
  } catch {
    // not ours: fall through
  }
  return { watermark: stored };
}

/** What a cursor value is bound as in SQL. */
function bindable(value: unknown): Knex.Value {
  return value instanceof SqlDateTimeText ? value.text : (value as Knex.Value);
}

/**
 * Restricts `query` to the rows after `cursor`. NULL watermarks sort first in both MySQL and
 * SQLite, and `x > NULL` is never true, so a cursor inside the NULL run needs its own condition.
 */
export function applyKeysetCursor(query: Knex.QueryBuilder, columns: KeysetColumns, cursor: KeysetCursor | undefined): void {
  if (!cursor) return;
  const { key, watermark } = columns;
  if (watermark === undefined) {
    query.where(key, '>', bindable(cursor.key));
    return;
  }
  if (cursor.key === undefined) {
    if (cursor.watermark !== null && cursor.watermark !== undefined) query.where(watermark, '>=', bindable(cursor.watermark));
    return;
  }
  if (cursor.watermark === null || cursor.watermark === undefined) {
    query.where((outer) => outer.where((inner) => inner.whereNull(watermark).andWhere(key, '>', bindable(cursor.key))).orWhereNotNull(watermark));
    return;
  }
  query.where((outer) =>
    outer.where(watermark, '>', bindable(cursor.watermark)).orWhere((inner) => inner.where(watermark, '=', bindable(cursor.watermark)).andWhere(key, '>', bindable(cursor.key))),
  );
}

/** Whether two cursor values are the same, for spotting a key column that is not unique. */
export function sameCursorValue(a: unknown, b: unknown): boolean {
  if (a instanceof SqlDateTimeText && b instanceof SqlDateTimeText) return a.text === b.text;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}
