import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openDatabase, type Database, type DialectName } from '../../src/store/database';
import { migrateToLatest } from '../../src/store/migrate';

const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface BenchDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one benchmark, dropped afterwards. */
export async function createBenchDatabase(dialect: DialectName): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'));
    const file = path.join(dir, 'bench.db');
    const db = await openDatabase({ dialect, location: file });
    await migrateToLatest(db);
    return { db, url: `sqlite:${file}`, drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const base = new URL(MYSQL_URL);
  const name = `cg_bench_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection: { host: base.hostname, port: Number(base.port || 3306), user: base.username || 'root', password: base.password },
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  base.pathname = `/${name}`;
  const db = await openDatabase({ dialect, location: base.toString() });
  await migrateToLatest(db);
  return {
    db,
    url: base.toString(),
    drop: async () => {
      await db.close();
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}
