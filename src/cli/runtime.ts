import type { DataKeys } from '../config/data-keys';
import { defaultSqlitePath, loadEnv, type Env } from '../config/env';
import { createLogger, type Logger } from '../logging';
import { openDatabase, parseDatabaseUrl, type Database } from '../store/database';
import { fieldProtectionFromEnv, useFieldProtection, type FieldProtection } from '../store/field-protection';
import { migrateToLatest } from '../store/migrate';
import { protectPlaintextData } from '../store/reencryption';

export interface Runtime {
  env: Env;
  logger: Logger;
  db: Database;
  /** The data keys in use: where they came from and which one encrypts. */
  dataKeys: DataKeys;
  protection: FieldProtection;
}

/**
 * Validates the environment, loads the keys protecting personal data (creating a local key file
 * on a fresh install), opens the database, brings its schema up to date and encrypts whatever
 * personal data an older version left in plaintext.
 */
export async function openRuntime(): Promise<Runtime> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const { protection, dataKeys } = fieldProtectionFromEnv(env);
  if (dataKeys.created) {
    logger.warn({ keyFile: dataKeys.file }, 'generated a data encryption key file for personal data; back it up apart from the database (without it the data cannot be read)');
  }
  useFieldProtection(protection);
  const db = await openDatabase(parseDatabaseUrl(env.DATABASE_URL, defaultSqlitePath(env)));
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ database: db.description, applied }, 'migrations applied');
  const swept = await protectPlaintextData(db.knex, protection, {
    onBatch: (table, rows) => logger.debug({ table, rows }, 'encrypted plaintext personal data'),
  });
  if (swept) logger.info({ ...swept, keyId: protection.cipher.activeKeyId }, 'encrypted personal data stored in plaintext by an earlier version and built its blind indexes');
  return { env, logger, db, dataKeys, protection };
}
