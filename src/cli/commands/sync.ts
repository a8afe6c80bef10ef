import type { Command } from 'commander';
import { loadProjectConfig } from '../../config/load-config';
import { retryQuarantine } from '../../pipeline/retry-quarantine';
import { resolveCustomers } from '../../pipeline/resolve-customers';
import { runSync } from '../../pipeline/run-sync';
import { createRepositories } from '../../store/repositories';
import { createSyncReporter, describeCounts } from '../progress';
import { openRuntime } from '../runtime';

export function configPath(option: string | undefined): string {
  const file = option ?? process.env.CUSTOMER_GRAPH_CONFIG;
  if (!file) throw new Error('no config file: pass --config FILE or set CUSTOMER_GRAPH_CONFIG');
  return file;
}

export function registerSyncCommands(program: Command): void {
  program
    .command('sync')
    .description('Extract, normalize and load the configured sources, then resolve customers.')
    .option('-c, --config <file>', 'config file (YAML or JSON); default $CUSTOMER_GRAPH_CONFIG')
    .option('-s, --source <name...>', 'only these sources')
    .option('--dry-run', 'read, normalize and compare, but write nothing')
    .action(async (options: { config?: string; source?: string[]; dryRun?: boolean }) => {
      const config = loadProjectConfig(configPath(options.config));
      const { logger, db } = await openRuntime();
      try {
        const result = await runSync(db, config, logger, { only: options.source, dryRun: options.dryRun, ...createSyncReporter() });
        const r = result.resolution;
        if (r) process.stderr.write(`customers: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.retired} merged away, ${r.deleted} removed\n`);
        if (result.runs.some((run) => run.status === 'failed')) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });

  const quarantine = program.command('quarantine').description('Rows that could not be loaded, with their reasons.');
  quarantine
    .command('list')
    .description('Show open quarantine entries.')
    .option('-s, --source <name>', 'only this source')
    .option('--json', 'one JSON object per line')
    .option('-n, --limit <n>', 'at most this many', '100')
    .action(async (options: { source?: string; json?: boolean; limit: string }) => {
      const { db } = await openRuntime();
      try {
        const entries = await createRepositories(db.knex).quarantine.list({ source: options.source, limit: Number(options.limit) });
        for (const entry of entries) {
          process.stdout.write(
            options.json
              ? `${JSON.stringify(entry)}\n`
              : `#${entry.id} ${entry.source} ${entry.location} ${entry.reasonCode}${entry.field ? ` [${entry.field}]` : ''}: ${entry.message}\n`,
          );
        }
        if (!options.json) process.stderr.write(`${entries.length} open entr${entries.length === 1 ? 'y' : 'ies'}\n`);
      } finally {
        await db.close();
      }
    });
  quarantine
    .command('retry')
    .description("Re-run quarantined records through the sources' current config, then resolve.")
    .option('-c, --config <file>', 'config file (YAML or JSON); default $CUSTOMER_GRAPH_CONFIG')
    .option('-s, --source <name...>', 'only these sources')
    .action(async (options: { config?: string; source?: string[] }) => {
      const config = loadProjectConfig(configPath(options.config));
      const { logger, db } = await openRuntime();
      try {
        const results = await retryQuarantine(db, config, logger, options.source);
        for (const result of results) {
          process.stderr.write(
            `${result.source}: retried — ${describeCounts(result.counts)}${result.notRetryable ? `; ${result.notRetryable} unparseable rows need a fixed source and a new sync` : ''}\n`,
          );
        }
        if (results.length === 0) process.stderr.write('nothing to retry\n');
        else await resolveCustomers(db, logger);
      } finally {
        await db.close();
      }
    });
}
