import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget, type DialectName } from '../../src/store/database';
import { migrateToLatest } from '../../src/store/migrate';
import { mysqlAdminConfig, MYSQL_URL } from './mysql-probe';

/**
 * Every integration suite runs once per dialect. Each test database is created fresh and
 * private to one suite, so files can run in parallel against the same MariaDB server.
 */
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export interface TestDatabase {
  db: Database;
  target: DatabaseTarget;
  /** DATABASE_URL that points a child process at this database. */
  url: string;
  drop(): Promise<void>;
}

async function createMysqlDatabase(): Promise<TestDatabase> {
  const url = new URL(MYSQL_URL);
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory(mysqlAdminConfig());
  try {
    await admin.raw('select 1');
  } catch (error) {
    await admin.destroy();
    throw new Error(`MySQL/MariaDB is not reachable at ${MYSQL_URL} (${(error as Error).message}); start it or set TEST_MYSQL_URL`);
  }
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


/**
 * `describe` once per dialect. Outside CI a missing MySQL server skips its half; under CI=true it
 * never does: the suite runs and fails loudly instead.
 */
export function describeEachDialect(name: string, body: (dialect: DialectName) => void): void {
  describe.each(['sqlite', 'mysql'] as const)(`${name} [%s]`, (dialect) => {
    // Under CI the MySQL half always runs, reachable or not: a missing server must fail, not skip.
    if (dialect === 'mysql' && !IN_CI && !inject('mysqlAvailable')) {
      describe.skip('MySQL unavailable', () => body(dialect));
      return;
    }
    body(dialect);
  });
}

/**
 * One database of the dialect for the whole suite, emptied of `tables` (children first) before
 * each test, so every test starts from the same state without paying for a new database.
 */
export function useTestDatabase(dialect: DialectName, tables: readonly string[]): { readonly db: Database } {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.drop());
  beforeEach(async () => {
    for (const table of tables) await test!.db.knex(table).delete();
  });
  return {
    get db(): Database {
      if (!test) throw new Error('the test database is not ready yet: use it inside a test or hook');
      return test.db;
    },
  };
}
