import type { Command } from 'commander';
import { beginKeyFileRotation, dataKeyFile, finishKeyFileRotation, loadDataKeys } from '../../config/data-keys';
import { loadEnv } from '../../config/env';
import { reencryptAll } from '../../store/reencryption';
import { createRepositories } from '../../store/repositories';
import { openRuntime } from '../runtime';
import { cliActor } from './access';

/**
 * `keys rotate-data-key`: a new data key becomes active and every personal value under another
 * key is re-encrypted under it, batch by batch. Stored values name their key, so an interrupted
 * run is continued by running the command again (the key file remembers the rotation is pending,
 * so no second key is made).
 */
export function registerDataKeyCommands(keys: Command): void {
  keys
    .command('rotate-data-key')
    .description('Make a new data key active and re-encrypt all personal data under it (resumable: run again to continue).')
    .option('--batch-size <rows>', 'rows per transaction', '500')
    .action(async (options: { batchSize: string }) => {
      const env = loadEnv();
      let file: string | undefined;
      if (env.PII_KEY) {
        process.stderr.write('PII_KEY is set: re-encrypting under it (earlier keys must be in PII_PREVIOUS_KEYS)\n');
      } else {
        file = dataKeyFile(env);
        loadDataKeys(env);
        const { activeId, continued } = beginKeyFileRotation(file);
        process.stderr.write(`${continued ? 'continuing the rotation to' : 'new active data key'} ${activeId} in ${file}\n`);
      }
      const { db, protection } = await openRuntime();
      try {
        let done = 0;
        const counts = await reencryptAll(db.knex, protection.cipher, 'not-active-key', {
          batchSize: Math.max(1, Number(options.batchSize) || 500),
          onBatch: (table, rows) => {
            done += rows;
            process.stderr.write(`  ${table}: ${done} rows re-encrypted so far\n`);
          },
        });
        if (file) finishKeyFileRotation(file);
        await createRepositories(db.knex).auditLog.append({ ...cliActor(), action: 'keys.rotateDataKey', details: { keyId: protection.cipher.activeKeyId, counts } });
        process.stdout.write(`data key ${protection.cipher.activeKeyId} is active; rows per table (re-encrypted / already under it):\n`);
        for (const [table, count] of Object.entries(counts)) process.stdout.write(`${table}\t${count.rewritten}\t${count.current}\n`);
        if (file) process.stderr.write(`earlier keys stay in ${file} for backups made under them; delete them once no backup needs them\n`);
      } finally {
        await db.close();
      }
    });
}
