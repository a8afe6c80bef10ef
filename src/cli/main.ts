#!/usr/bin/env node
import 'reflect-metadata';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { loadProjectConfig } from '../config/load-config';
import { isAppError } from '../errors';
import { buildCustomerGraphSchema, printCustomerGraphSchema } from '../graphql/schema';
import { runSync } from '../pipeline/run-sync';
import { createRepositories } from '../store/repositories';
import { startServer } from '../server/http-server';
import { demoConfigPath } from './project-root';
import { openRuntime } from './runtime';

const program = new Command()
  .name('customer-graph')
  .description('Extract, clean and resolve customer data, and share golden records through GraphQL.')
  .showHelpAfterError();

function configPath(option: string | undefined): string {
  const file = option ?? process.env.CUSTOMER_GRAPH_CONFIG;
  if (!file) throw new Error('no config file: pass --config FILE or set CUSTOMER_GRAPH_CONFIG');
  return file;
}

program
  .command('serve')
  .description('Start the GraphQL server (GraphiQL at /graphql).')
  .option('--demo', 'load the bundled demo data when the database is empty')
  .action(async (options: { demo?: boolean }) => {
    const { env, logger, db } = await openRuntime();
    if (options.demo) {
      const repos = createRepositories(db.knex);
      if ((await repos.sources.list()).length === 0) {
        logger.info('empty database: loading the demo data');
        const result = await runSync(db, loadProjectConfig(demoConfigPath()), logger);
        const records = result.runs.reduce((n, run) => n + run.counts.inserted, 0);
        logger.info({ records, customers: await repos.customers.countLive() }, 'demo data loaded');
      }
    }
    const schema = await buildCustomerGraphSchema();
    const server = await startServer({ db, schema, logger, port: env.PORT, host: env.HOST, development: env.NODE_ENV === 'development' });
    process.stderr.write(`\ncustomer-graph is serving ${db.description}\n  GraphiQL: ${server.url}\n  health:   ${server.url.replace('/graphql', '/healthz')}\n\n`);
    const shutdown = async (): Promise<void> => {
      await server.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  });

program
  .command('migrate')
  .description('Bring the database schema up to date.')
  .action(async () => {
    const { db } = await openRuntime();
    process.stderr.write(`database ${db.description} is up to date\n`);
    await db.close();
  });

program
  .command('sync')
  .description('Extract, normalize and load the configured sources, then resolve customers.')
  .option('-c, --config <file>', 'config file (YAML or JSON); default $CUSTOMER_GRAPH_CONFIG')
  .option('-s, --source <name...>', 'only these sources')
  .action(async (options: { config?: string; source?: string[] }) => {
    const config = loadProjectConfig(configPath(options.config));
    const { logger, db } = await openRuntime();
    const result = await runSync(db, config, logger, options.source);
    for (const run of result.runs) {
      const c = run.counts;
      process.stderr.write(
        `${run.source}: ${run.status} — read ${c.read}, inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}, quarantined ${c.quarantined}, duplicates ${c.duplicates}${run.error ? `\n  ${run.error}` : ''}\n`,
      );
    }
    const r = result.resolution;
    process.stderr.write(`customers: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.retired} merged away\n`);
    await db.close();
    if (result.runs.some((run) => run.status === 'failed')) process.exitCode = 1;
  });

program
  .command('export')
  .description('Print every golden customer, one JSON object per line.')
  .addOption(new Option('--format <format>', 'output format').choices(['ndjson']).default('ndjson'))
  .action(async () => {
    const { db } = await openRuntime();
    const repos = createRepositories(db.knex);
    for await (const customer of repos.customers.iterateWithSourceKeys()) {
      const { id, sourceKeys, givenName, familyName, emails, phones, birthDate, country, createdAt, updatedAt } = customer;
      const line = { id, sourceKeys, givenName, familyName, emails, phones, birthDate, country, createdAt, updatedAt };
      if (!process.stdout.write(`${JSON.stringify(line)}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    await db.close();
  });

program
  .command('schema')
  .description('Print the GraphQL schema (SDL) emitted from the code.')
  .option('-o, --out <file>', 'write to a file instead of stdout')
  .action(async (options: { out?: string }) => {
    const sdl = printCustomerGraphSchema(await buildCustomerGraphSchema());
    if (options.out) fs.writeFileSync(options.out, sdl);
    else process.stdout.write(sdl);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Unexpected errors (a database driver's, say) can carry whole SQL statements and data: show their start only.
  const message = isAppError(error)
    ? `${error.code}: ${error.message}`
    : (error instanceof Error ? error.message : String(error)).slice(0, 300);
  process.stderr.write(`customer-graph: ${message}\n`);
  process.exit(1);
});
