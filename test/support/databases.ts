import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { describe } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget, type DialectName } from '../../src/store/database';
import { migrateToLatest } from '../../src/store/migrate';

/**
 * Every integration suite runs once per dialect. Each test database is created fresh and
 * private to one suite, so files can run in parallel against the same MariaDB server.
 */
export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

let mysqlReachable: Promise<boolean> | undefined;

async function checkMysql(): Promise<boolean> {
  const url = new URL(MYSQL_URL);
  const admin = knexFactory({
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: url.username || 'root', password: url.password, connectTimeout: 3000 },
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await admin.destroy();
  }
}

export function isMysqlReachable(): Promise<boolean> {
  mysqlReachable ??= checkMysql();
  return mysqlReachable;
}

export interface TestDatabase {
  db: Database;
  target: DatabaseTarget;
  /** DATABASE_URL that points a child process at this database. */
  url: string;
  drop(): Promise<void>;
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  if (!(await isMysqlReachable())) {
    throw new Error(`MySQL/MariaDB is not reachable at ${MYSQL_URL}; start it (see README) or set TEST_MYSQL_URL`);
  }
  const url = new URL(MYSQL_URL);
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: url.username || 'root', password: url.password },
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { dialect: 'mysql', location: url.toString() };
  const db = await openDatabase(target);
  return {
    db,
    target,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-test-'));
  const file = path.join(dir, 'test.db');
  const target: DatabaseTarget = { dialect: 'sqlite', location: file };
  const db = await openDatabase(target);
  return {
    db,
    target,
    url: `sqlite:${file}`,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database of the given dialect. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const created = dialect === 'mysql' ? await createMysqlDatabase() : await createSqliteDatabase();
  await migrateToLatest(created.db);
  return created;
}

const mysqlAvailableAtLoad = IN_CI ? true : await isMysqlReachable();
if (!mysqlAvailableAtLoad) {
  process.stderr.write(`\n[customer-graph tests] MySQL not reachable at ${MYSQL_URL}: MySQL suites are skipped (never under CI=true)\n`);
}

/**
 * `describe` once per dialect. Outside CI a missing MySQL server skips its half; under CI=true it
 * never does: the suite runs and fails loudly instead.
 */
export function describeEachDialect(name: string, body: (dialect: DialectName) => void): void {
  describe.each(['sqlite', 'mysql'] as const)(`${name} [%s]`, (dialect) => {
    if (dialect === 'mysql' && !mysqlAvailableAtLoad) {
      describe.skip('MySQL unavailable', () => body(dialect));
      return;
    }
    body(dialect);
  });
}
