import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { AppError } from '../errors';

export type DialectName = 'sqlite' | 'mysql';

export interface Database {
  readonly knex: Knex;
  readonly dialect: DialectName;
  /** A description without credentials, safe to log. */
  readonly description: string;
  /** Where it lives, so that a helper thread can open it too (see sqlite-writer-thread). */
  readonly target: DatabaseTarget;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  dialect: DialectName;
  /** mysql connection URL or sqlite file path (`:memory:` allowed). */
  location: string;
}

/** Turns DATABASE_URL (or its absence) into a concrete target. */
export function parseDatabaseUrl(url: string | undefined, defaultSqliteFile: string): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', location: defaultSqliteFile };
  if (/^(mysql|mariadb):\/\//.test(url)) return { dialect: 'mysql', location: url.replace(/^mariadb:/, 'mysql:') };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', location: url.slice('sqlite:'.length).replace(/^\/\//, '') };
  if (url.startsWith('file:')) return { dialect: 'sqlite', location: url.slice('file:'.length) };
  return { dialect: 'sqlite', location: url };
}

/**
 * Where and as whom to connect to a MySQL/MariaDB URL, with the settings every connection of
 * customer-graph shares: utf8mb4, dates and DECIMALs as strings (never JS floats), a bounded wait.
 */
export function mysqlConnectionOf(url: string): Knex.MySql2ConnectionConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, ''),
    charset: 'utf8mb4',
    dateStrings: true,
    decimalNumbers: false,
    connectTimeout: 10_000,
  };
}

function mysqlConfig(url: string): Knex.Config {
  return {
    client: 'mysql2',
    connection: {
      ...mysqlConnectionOf(url),
      // Timestamps travel as UTC strings and DECIMALs as strings, exactly as on SQLite.
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
    },
    pool: { min: 0, max: 10 },
  };
}

function sqliteConfig(file: string): Knex.Config {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return {
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // better-sqlite3 is synchronous; one connection avoids SQLITE_BUSY between pool members.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
        // 64 MB of page cache (the default is 2 MB): the (source, external_id) index of a
        // million-row source then stays in memory while a sync inserts and looks up keys.
        conn.pragma('cache_size = -65536');
        done(null, conn);
      },
    },
  };
}

function describe(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `sqlite:${target.location}`;
  const url = new URL(target.location);
  return `mysql://${url.hostname}:${url.port || 3306}${url.pathname}`;
}

/** Opens a database and checks that it answers, so a bad URL fails at start with a clear message. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const knex = knexFactory(target.dialect === 'mysql' ? mysqlConfig(target.location) : sqliteConfig(target.location));
  const description = describe(target);
  try {
    await knex.raw('select 1');
  } catch (error) {
    await knex.destroy();
    throw new AppError('DATABASE_UNAVAILABLE', `cannot reach database ${description}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { knex, dialect: target.dialect, description, target, close: () => knex.destroy() };
}
