import { defaultSqlitePath, loadEnv, type Env } from '../config/env';
import { createLogger, type Logger } from '../logging';
import { openDatabase, parseDatabaseUrl, type Database } from '../store/database';
import { migrateToLatest } from '../store/migrate';

export interface Runtime {
  env: Env;
  logger: Logger;
  db: Database;
}

/** Validates the environment, opens the database and brings its schema up to date. */
export async function openRuntime(): Promise<Runtime> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openDatabase(parseDatabaseUrl(env.DATABASE_URL, defaultSqlitePath(env)));
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ database: db.description, applied }, 'migrations applied');
  return { env, logger, db };
}
