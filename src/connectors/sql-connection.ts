import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { SqlSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { mysqlConnectionOf, parseDatabaseUrl, type DatabaseTarget } from '../store/database';

type SqlConnectionSettings = Pick<SqlSourceConfig, 'name' | 'url' | 'urlEnv'>;

/**
 * A MySQL DATETIME or TIMESTAMP exactly as the server sent it (`2024-05-01 10:00:00.123456`).
 * Kept as text rather than a JS Date so that microseconds survive: the keyset cursor compares
 * against it, and a truncated value would make a batch read itself again.
 */
export class SqlDateTimeText {
  constructor(
    readonly text: string,
    /** TIMESTAMP values are read in a UTC session; DATETIME values carry no zone at all. */
    readonly utc: boolean,
  ) {}

  /** ISO 8601: `2024-05-01T10:00:00.123456` (zone-less, for the source's timezone setting) or with `Z`. */
  toIso(): string {
    return `${this.text.replace(' ', 'T')}${this.utc ? 'Z' : ''}`;
  }
}

export interface SourceDatabase {
  knex: Knex;
  /** `mysql://host:3306/db` or `sqlite:/path`: safe to show, never the password. */
  description: string;
  close(): Promise<void>;
}

function resolveUrl(settings: SqlConnectionSettings): string {
  if (settings.url) return settings.url;
  const name = settings.urlEnv ?? '';
  const value = process.env[name];
  if (!value) {
    throw new SourceError('CONFIG_INVALID', { source: settings.name, position: `urlEnv ${name}` }, `environment variable ${name} is not set`);
  }
  return value;
}

function describe(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `sqlite:${target.location}`;
  const url = new URL(target.location);
  return `mysql://${url.hostname}:${url.port || 3306}${url.pathname}`;
}

/** Integers past 2^53 and exact date-times must reach the cursor unchanged; see SqlDateTimeText. */
function castMysqlField(field: { type: string; string(): string | null }, next: () => unknown): unknown {
  if (field.type === 'LONGLONG') {
    const text = field.string();
    return text === null ? null : BigInt(text);
  }
  if (field.type === 'DATETIME' || field.type === 'TIMESTAMP') {
    const text = field.string();
    return text === null ? null : new SqlDateTimeText(text, field.type === 'TIMESTAMP');
  }
  return next();
}

/** Failures reach the caller as SourceErrors; knex's own console warnings would only repeat them. */
const quietLog = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined };

function knexConfig(target: DatabaseTarget): Knex.Config {
  return { ...driverConfig(target), log: quietLog };
}

function driverConfig(target: DatabaseTarget): Knex.Config {
  if (target.dialect === 'sqlite') {
    // Read-only: a source database is someone else's; opening it must not create or change it.
    return { client: 'better-sqlite3', connection: { filename: target.location, options: { readonly: true, safeIntegers: true } }, useNullAsDefault: true, pool: { min: 1, max: 1 } };
  }
  return {
    client: 'mysql2',
    connection: { ...mysqlConnectionOf(target.location), typeCast: castMysqlField },
    pool: {
      min: 0,
      max: 1,
      afterCreate: (conn: { query(sql: string, done: (error: Error | null) => void): void }, done: (error: Error | null, conn: unknown) => void) => {
        conn.query("SET time_zone = '+00:00'", (error) => done(error, conn));
      },
    },
  };
}

/** Opens the source's database and checks that it answers; failures name the source and host. */
export async function openSourceDatabase(settings: SqlConnectionSettings): Promise<SourceDatabase> {
  const target = parseDatabaseUrl(resolveUrl(settings), '');
  const description = describe(target);
  if (target.dialect === 'sqlite' && !fs.existsSync(target.location)) {
    throw new SourceError('SOURCE_NOT_FOUND', { source: settings.name, position: description }, 'database file does not exist');
  }
  const knex = knexFactory(knexConfig(target));
  try {
    await knex.raw('select 1');
  } catch (error) {
    await knex.destroy();
    throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: description }, `cannot connect to the database: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { knex, description, close: () => knex.destroy() };
}
