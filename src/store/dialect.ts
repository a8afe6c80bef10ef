import type { Knex } from 'knex';
import type { DialectName } from './database';
import { placeholderRows } from './statement-shapes';

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

/**
 * Turns short string columns into TEXT, for values that grow when encrypted. MySQL needs the
 * change (VARCHAR(n) refuses longer values); SQLite never enforces declared lengths, so there it
 * is left alone rather than rebuilding the table.
 */
export async function widenToText(knex: Knex, table: string, columns: readonly string[]): Promise<void> {
  if (dialectOf(knex) !== 'mysql') return;
  await knex.schema.alterTable(table, (t) => {
    for (const column of columns) t.text(column).nullable().alter();
  });
}

export function timeColumn(table: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder {
  return table.datetime(name, { precision: 3 });
}

/**
 * Takes a lock named `name` (scoped to the current database) that other processes on the same
 * database wait for, and answers the function that releases it. MySQL: GET_LOCK on a connection
 * kept for it until released, so the server lets go of it if the process dies; `onWait` is called
 * once if another holder makes this one wait. SQLite has no such lock: nothing is taken there.
 */
export async function holdNamedLock(knex: Knex, name: string, onWait: () => void): Promise<() => Promise<void>> {
  if (dialectOf(knex) !== 'mysql') return async () => undefined;
  const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(connection: unknown): Promise<void> };
  const connection = await client.acquireConnection();
  // Lock names are server-wide and at most 64 characters: the database's name and this name, hashed.
  const lockName = knex.raw("concat('customer-graph-', sha1(concat(database(), '/', ?)))", [name]);
  try {
    // First without waiting, so that a wait is told at once; then in turns of 5 s.
    for (let attempt = 0; ; attempt++) {
      const [rows] = (await knex.raw('select get_lock(?, ?) as got', [lockName, attempt === 0 ? 0 : 5]).connection(connection)) as [{ got: number | null }[]];
      if (Number(rows[0]?.got) === 1) break;
      if (attempt === 0) onWait();
    }
  } catch (error) {
    await client.releaseConnection(connection);
    throw error;
  }
  return async () => {
    try {
      await knex.raw('select release_lock(?)', [lockName]).connection(connection);
    } finally {
      await client.releaseConnection(connection);
    }
  };
}

/**
 * The query as a locking read that other transactions may share but not write under until this
 * one ends (MySQL `lock in share mode`). SQLite runs one writing transaction at a time anyway.
 */
export function sharedLockRead<T extends Knex.QueryBuilder>(knex: Knex, query: T): T {
  return dialectOf(knex) === 'mysql' ? (query.forShare() as T) : query;
}

/**
 * First in a transaction that reads and then writes, on SQLite: takes the database's write lock
 * now, by a statement on `table` that changes nothing. A deferred SQLite transaction that has read
 * fails its first write at once with SQLITE_BUSY while another connection (another process, or a
 * writer thread) is writing, since waiting could leave it writing over a stale read; taken as the
 * first statement, the lock is waited for (busy_timeout) like any other write. MySQL locks rows as
 * statements reach them: nothing to do there.
 */
export async function takeWriteLockFirst(trx: Knex, table: string): Promise<void> {
  if (dialectOf(trx) === 'sqlite') await trx.raw(`delete from ?? where 0`, [table]);
}

export function dialectOf(knex: Knex): DialectName {
  const client = String(knex.client.config.client);
  return client === 'mysql2' || client === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * Drops a secondary index if it is there. Bulk rebuilds drop one before writing millions of rows
 * and build it again afterwards by sorting, which costs a fraction of keeping it up to date row
 * by row once it outgrows the buffer pool. MariaDB names the table; SQLite index names are global.
 */
export async function dropIndexIfExists(knex: Knex, table: string, index: string): Promise<void> {
  if (dialectOf(knex) === 'mysql') await knex.raw('drop index if exists ?? on ??', [index, table]);
  else await knex.raw('drop index if exists ??', [index]);
}

/** Builds a secondary index unless it is there (both dialects accept the same statement). */
export async function createIndexIfMissing(knex: Knex, table: string, index: string, columns: readonly string[]): Promise<void> {
  await knex.raw(`create index if not exists ?? on ?? (${columns.map(() => '??').join(', ')})`, [index, table, ...columns]);
}

/** Parses a JSON text column; absent or empty means the given fallback. */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/**
 * Runs deletions so that erased bytes do not survive in the database file. SQLite keeps deleted
 * content in free pages and in the WAL unless `secure_delete` zeroes it and a checkpoint folds the
 * WAL back; InnoDB purges deleted rows itself.
 */
export async function withSecureDelete<T>(knex: Knex, work: () => Promise<T>): Promise<T> {
  if (dialectOf(knex) !== 'sqlite') return work();
  await knex.raw('PRAGMA secure_delete = ON');
  try {
    const result = await work();
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    return result;
  } finally {
    await knex.raw('PRAGMA secure_delete = OFF');
  }
}

/**
 * Statements run straight on the driver connection of a transaction, for the bulk paths that
 * handle thousands of rows per batch: knex rebuilds and rescans the SQL text of every call
 * (tens of thousands of bindings per batch), which cost more than the database's own work.
 * SQLite statements are prepared once per connection and reused.
 */
export interface BulkStatements {
  select(sql: string, bindings: readonly unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, bindings: readonly unknown[]): Promise<void>;
}

interface SqliteStatement {
  reader: boolean;
  all(...bindings: unknown[]): Record<string, unknown>[];
  run(...bindings: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface MysqlConnection {
  execute(sql: string, bindings: readonly unknown[], done: (error: Error | null, rows: unknown) => void): void;
}

const preparedByConnection = new WeakMap<object, Map<string, SqliteStatement>>();

function prepared(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = preparedByConnection.get(connection);
  if (!cache) {
    cache = new Map();
    preparedByConnection.set(connection, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    // Batches come in a handful of shapes; a bound keeps odd sizes from piling up.
    if (cache.size >= 64) cache.clear();
    statement = connection.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Bulk statements on the connection a transaction holds. */
export async function bulkStatements(trx: Knex.Transaction): Promise<BulkStatements> {
  const connection: unknown = await (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  if (dialectOf(trx) === 'sqlite') {
    const sqlite = connection as SqliteConnection;
    return {
      select: async (sql, bindings) => prepared(sqlite, sql).all(...bindings),
      run: async (sql, bindings) => {
        prepared(sqlite, sql).run(...bindings);
      },
    };
  }
  // Server-side prepared statements: the server parses each statement shape once instead of
  // thousands of literals per batch (measured about 1.6 times the rows per second of plain
  // queries). Callers keep to a few shapes (fixedChunks), since each stays prepared.
  const mysql = connection as MysqlConnection;
  const query = (sql: string, bindings: readonly unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => mysql.execute(sql, bindings, (error, rows) => (error ? reject(error) : resolve(rows))));
  return {
    select: async (sql, bindings) => (await query(sql, bindings)) as Record<string, unknown>[],
    run: async (sql, bindings) => {
      await query(sql, bindings);
    },
  };
}

/**
 * A multi-row insert that rewrites `updateColumns` of rows whose `keyColumns` already exist:
 * `ON CONFLICT … DO UPDATE` on SQLite, `ON DUPLICATE KEY UPDATE` on MySQL.
 */
export function upsertRowsSql(dialect: DialectName, table: string, columns: readonly string[], rows: number, keyColumns: readonly string[], updateColumns: readonly string[]): string {
  const insert = `insert into ${table} (${columns.join(', ')}) values ${placeholderRows(columns.length, rows)}`;
  if (dialect === 'sqlite') return `${insert} on conflict (${keyColumns.join(', ')}) do update set ${updateColumns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return `${insert} on duplicate key update ${updateColumns.map((c) => `${c} = values(${c})`).join(', ')}`;
}

/**
 * Decimal columns in ORDER BY and keyset comparisons: SQLite stores them as TEXT, which would
 * sort "10" before "9", so there they compare as REAL; MySQL compares DECIMAL exactly. Missing
 * values sort as 0. `decimalParameter` casts a bound value the same way.
 */
export function decimalSortExpression(knex: Knex, column: string): Knex.Raw {
  return dialectOf(knex) === 'mysql' ? knex.raw('coalesce(??, 0)', [column]) : knex.raw('coalesce(cast(?? as real), 0)', [column]);
}

export function decimalParameter(knex: Knex, value: string): Knex.Raw {
  return dialectOf(knex) === 'mysql' ? knex.raw('cast(? as decimal(30,12))', [value]) : knex.raw('cast(? as real)', [value]);
}

/** A LIKE pattern matching `text` literally (with `!` as the escape character, given as `escape '!'`). */
export function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/**
 * Whether SUM() over a decimal column is exact: MySQL sums DECIMAL exactly; SQLite would add
 * the TEXT values as floats, so there the sum is taken in code with decimal.js.
 */
export function sumsDecimalsExactly(knex: Knex): boolean {
  return dialectOf(knex) === 'mysql';
}
