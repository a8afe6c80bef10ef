/**
 * Another process writing to a test database: opens it, writes a row of `sources` in a
 * transaction, prints "locked", holds the transaction for the given milliseconds, then commits.
 * Usage: node --import tsx test/support/hold-write-lock.ts '<DatabaseTarget as JSON>' <ms>
 */
import { openDatabase, type DatabaseTarget } from '../../src/store/database';
import { SourceRepository } from '../../src/store/source-repository';

async function main(): Promise<void> {
  const target = JSON.parse(process.argv[2] as string) as DatabaseTarget;
  const holdMs = Number(process.argv[3]);
  const db = await openDatabase(target);
  await db.knex.transaction(async (trx) => {
    await new SourceRepository(trx).upsert({ name: 'other-process', kind: 'csv', trust: 0 });
    process.stdout.write('locked\n');
    await new Promise((resolve) => setTimeout(resolve, holdMs));
  });
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
