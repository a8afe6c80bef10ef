#!/usr/bin/env node
import './production-default';
import 'reflect-metadata';
import { Command } from 'commander';
import { isAppError } from '../errors';
import { registerAccessCommands } from './commands/access';
import { registerErasureCommand } from './commands/erasure';
import { registerFxCommands, registerMaintenanceCommands } from './commands/maintenance';
import { registerResolveCommand } from './commands/resolve';
import { registerServeCommand } from './commands/serve';
import { registerQualityCommand, registerSyncCommands } from './commands/sync';

const program = new Command()
  .name('customer-graph')
  .description('Extract, clean and resolve customer data, and share golden records through GraphQL.')
  .showHelpAfterError();

registerServeCommand(program);
registerSyncCommands(program);
registerResolveCommand(program);
registerQualityCommand(program);
registerMaintenanceCommands(program);
registerFxCommands(program);
registerAccessCommands(program);
registerErasureCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Unexpected errors (a database driver's, say) can carry whole SQL statements and data: show their start only.
  const message = isAppError(error)
    ? `${error.code}: ${error.message}`
    : (error instanceof Error ? error.message : String(error)).slice(0, 300);
  process.stderr.write(`customer-graph: ${message}\n`);
  process.exit(1);
});
