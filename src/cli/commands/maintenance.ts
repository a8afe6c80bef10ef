import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { buildCustomerGraphSchema, printCustomerGraphSchema } from '../../graphql/schema';
import { loadFxRates } from '../../pipeline/fx-rates';
import { createRepositories } from '../../store/repositories';
import { customerExportLine } from '../export-line';
import { openRuntime } from '../runtime';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date.')
    .action(async () => {
      const { db } = await openRuntime();
      process.stderr.write(`database ${db.description} is up to date\n`);
      await db.close();
    });

  program
    .command('export')
    .description('Print every golden customer, one JSON object per line.')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson']).default('ndjson'))
    .action(async () => {
      const { db } = await openRuntime();
      try {
        for await (const customer of createRepositories(db.knex).customers.iterateWithSourceKeys()) {
          if (!process.stdout.write(`${JSON.stringify(customerExportLine(customer))}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      } finally {
        await db.close();
      }
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
}

export function registerFxCommands(program: Command): void {
  const fx = program.command('fx').description('Exchange rates for converting money into the base currency.');
  fx.command('load <file>')
    .description('Load rates from a CSV with columns currency,date,rate (units of the base currency per one unit).')
    .action(async (file: string) => {
      const { db } = await openRuntime();
      try {
        const count = await loadFxRates(db, file);
        process.stderr.write(`${count} rates loaded\n`);
      } finally {
        await db.close();
      }
    });
}
