import type { Command } from 'commander';
import { loadProjectConfig } from '../../config/load-config';
import { buildQualityReport } from '../../pipeline/quality-report';
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
        else await resolveCustomers(db, logger, { config: config.matching });
      } finally {
        await db.close();
      }
    });
}

export function registerQualityCommand(program: Command): void {
  program
    .command('quality')
    .description('Data quality per source and field: completeness, validity, corrections, quarantine, duplicates.')
    .option('-c, --config <file>', 'config file, to attribute quarantined columns to fields; default $CUSTOMER_GRAPH_CONFIG')
    .option('-s, --source <name>', 'only this source')
    .option('--json', 'print the report as JSON')
    .action(async (options: { config?: string; source?: string; json?: boolean }) => {
      const file = options.config ?? process.env.CUSTOMER_GRAPH_CONFIG;
      const config = file ? loadProjectConfig(file) : undefined;
      const { db } = await openRuntime();
      try {
        const report = await buildQualityReport(db, config, options.source);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
        for (const source of report) {
          process.stdout.write(`\n${source.source}: ${source.activeRecords} records, ${source.duplicatesRemoved} exact duplicates removed in the last run\n`);
          process.stdout.write(`  quarantined: ${source.quarantinedByReason.map((r) => `${r.reasonCode} ${r.count}`).join(', ') || 'none'}\n`);
          process.stdout.write(`  corrections: ${source.correctionsByReason.map((r) => `${r.reason} ${r.count}`).join(', ') || 'none'}\n`);
          process.stdout.write(`  ${'field'.padEnd(18)} complete   valid  invalid  corrected\n`);
          for (const f of source.fields) {
            process.stdout.write(`  ${f.field.padEnd(18)} ${pct(f.completeness)} ${pct(f.validity)} ${String(f.invalid).padStart(8)} ${String(f.corrections).padStart(10)}\n`);
          }
        }
      } finally {
        await db.close();
      }
    });
}
