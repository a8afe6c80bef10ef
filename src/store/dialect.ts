import type { Knex } from 'knex';
import type { DialectName } from './database';

/**
 * Everything that differs between SQLite and MySQL lives here, so repositories and
 * migrations stay dialect-free.
 */

/** Timestamps are stored as UTC text `YYYY-MM-DD HH:MM:SS.mmm` on both dialects (DATETIME(3) on MySQL). */
export function toDbTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function fromDbTime(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function nowDbTime(): string {
  return toDbTime(new Date());
}

/**
 * A money or rate column. SQLite gives DECIMAL numeric affinity and may store floats,
 * so there it is TEXT; MySQL gets a real DECIMAL.
 */
export function decimalColumn(
  table: Knex.CreateTableBuilder,
  dialect: DialectName,
  name: string,
  precision = 30,
  scale = 12,
): Knex.ColumnBuilder {
  return dialect === 'mysql' ? table.decimal(name, precision, scale) : table.text(name);
}

/** Large JSON or text payloads: LONGTEXT on MySQL (TEXT is only 64 KiB there). */
export function longTextColumn(table: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder {
  return table.text(name, 'longtext');
}

export function timeColumn(table: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder {
  return table.datetime(name, { precision: 3 });
}

export function dialectOf(knex: Knex): DialectName {
  const client = String(knex.client.config.client);
  return client === 'mysql2' || client === 'mysql' ? 'mysql' : 'sqlite';
}

/** Parses a JSON text column; absent or empty means the given fallback. */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/**
 * Rows per multi-row INSERT. knex writes SQLite multi-row inserts as a compound SELECT, which
 * SQLite caps at 500 terms; bound variables are capped at 32766 (SQLite) and packets by
 * max_allowed_packet (MySQL).
 */
export function insertChunkSize(columnsPerRow: number): number {
  return Math.max(1, Math.min(500, Math.floor(30_000 / columnsPerRow)));
}
