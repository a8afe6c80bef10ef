import type { Command } from 'commander';
import { eraseCustomer, erasureReasonProblem } from '../../access/erasure';
import type { Principal } from '../../access/principal';
import { AppError } from '../../errors';
import { openRuntime } from '../runtime';
import { cliActor } from './access';

/**
 * `erase <customerId> --reason TEXT`: the right to be forgotten from the command line, for an
 * operator working a ticket without an admin token. It runs the same erasure as the
 * `eraseCustomer` mutation, audited as `cli:<os user>` with the admin role, and prints the counts.
 */
export function registerErasureCommand(program: Command): void {
  program
    .command('erase <customerId>')
    .description('Erase a customer for good (right to be forgotten), as the eraseCustomer mutation does; prints what was removed.')
    .requiredOption('--reason <text>', 'why, for the audit log, e.g. a ticket number (no personal data)')
    .option('--json', 'print the counts as one JSON object')
    .action(async (customerId: string, options: { reason: string; json?: boolean }) => {
      const problem = erasureReasonProblem(options.reason);
      if (problem !== undefined) throw new AppError('BAD_USER_INPUT', problem);
      const { db, logger } = await openRuntime();
      try {
        const { actor } = cliActor();
        const operator: Principal = { subject: actor, role: 'admin', scope: {}, via: 'cli' };
        const outcome = await eraseCustomer(db, logger, operator, customerId, options.reason.trim());
        if (!outcome) throw new AppError('NOT_FOUND', `no customer "${customerId}"`);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(outcome)}\n`);
        } else {
          process.stderr.write(`customer ${outcome.customerId} erased\n`);
          for (const [name, count] of Object.entries(outcome)) if (name !== 'customerId') process.stdout.write(`${name}\t${String(count)}\n`);
        }
      } finally {
        await db.close();
      }
    });
}
