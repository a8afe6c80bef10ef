import type { Command } from 'commander';
import { loadProjectConfig } from '../../config/load-config';
import { resolveCustomers, type ResolutionSummary } from '../../pipeline/resolve-customers';
import type { ModelParameters } from '../../resolve';
import { createRepositories } from '../../store/repositories';
import type { StoredModel } from '../../store/resolution-repository';
import { openRuntime } from '../runtime';
import { cliActor } from './access';

/** How many duplicates the model implies, and whether EM's estimate was refused for implying too many. */
function trainingGuardLines(training: ModelParameters['training']): string[] {
  const lines: string[] = [];
  if (training.duplicatesPerRecord !== undefined) lines.push(`implies ${training.duplicatesPerRecord.toPrecision(3)} duplicates per record on average`);
  if (training.refusedEmDuplicatesPerRecord !== undefined) {
    lines.push(
      `EM's m refused: they implied ${training.refusedEmDuplicatesPerRecord.toPrecision(3)} duplicates per record (over matching.training.maxDuplicatesPerRecord); m are the comparison defaults`,
    );
  }
  return lines;
}

/** The model as a table a steward can read: λ, then m, u and the weight log2(m/u) of every level. */
export function describeModel(model: StoredModel<ModelParameters>): string {
  const { parameters } = model;
  const lines = [
    `model #${model.id} (${model.origin === 'train' ? 'trained with resolve --train' : 'estimated by the first resolution'}, ${model.createdAt.toISOString()})`,
    `prior λ = ${parameters.lambda.toPrecision(4)}; EM ${parameters.training.emIterations} iterations${parameters.training.emConverged ? ', converged' : ', not converged'}; ${parameters.training.candidatePairs} candidate pairs, u from ${parameters.training.uSampledPairs} random pairs`,
    ...trainingGuardLines(parameters.training),
    `${'comparison'.padEnd(14)} ${'level'.padEnd(18)} ${'m'.padStart(10)} ${'u'.padStart(10)} ${'weight'.padStart(8)}`,
  ];
  for (const comparison of parameters.comparisons) {
    comparison.levels.forEach((level, index) => {
      const weight = index === 0 ? 0 : Math.log2(level.m / level.u);
      lines.push(
        `${comparison.comparison.padEnd(14)} ${level.level.padEnd(18)} ${level.m.toExponential(3).padStart(10)} ${level.u.toExponential(3).padStart(10)} ${weight.toFixed(2).padStart(8)}`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

function describeSummary(summary: ResolutionSummary): string {
  if (summary.mode === 'unchanged') return 'nothing changed since the last resolution\n';
  const resolved = summary.mode === 'incremental' ? `${summary.records} changed records` : `${summary.records} records`;
  return `${summary.mode} resolution of ${resolved} (${summary.recordsRead} read): ${summary.customers} customers written — ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.retired} merged away, ${summary.deleted} removed; ${summary.reviewsQueued} pairs queued for review\n`;
}

export function registerResolveCommand(program: Command): void {
  program
    .command('resolve')
    .description('Resolve source records into golden customers: incrementally by default (what changed since the last run).')
    .option('--full', 're-resolve every record with the stored model (the same clusters incremental runs give)')
    .option('--train', 're-estimate the model (u from random pairs, m and λ by EM), store and show it, then re-resolve everything with it')
    .option('--show-model', 'print the stored model and exit')
    .option('--json', 'print the outcome as one JSON object')
    .option('-c, --config <file>', "config file whose `matching` settings apply; default $CUSTOMER_GRAPH_CONFIG when set")
    .action(async (options: { full?: boolean; train?: boolean; showModel?: boolean; json?: boolean; config?: string }) => {
      const file = options.config ?? process.env.CUSTOMER_GRAPH_CONFIG;
      const matching = file ? loadProjectConfig(file).matching : undefined;
      const { logger, db } = await openRuntime();
      try {
        const repos = createRepositories(db.knex);
        if (options.showModel) {
          const model = await repos.resolution.latestModel<ModelParameters>();
          if (!model) {
            process.stderr.write('no model stored yet: run a sync or resolve --train\n');
            process.exitCode = 1;
          } else process.stdout.write(options.json ? `${JSON.stringify(model)}\n` : describeModel(model));
          return;
        }
        const summary = await resolveCustomers(db, logger, { mode: options.full || options.train ? 'full' : 'auto', train: options.train === true, config: matching });
        await repos.auditLog.append({ ...cliActor(), action: options.train ? 'resolve.train' : options.full ? 'resolve.full' : 'resolve', details: { ...summary } });
        const model = options.train ? await repos.resolution.latestModel<ModelParameters>() : undefined;
        if (options.json) process.stdout.write(`${JSON.stringify({ ...summary, model: model?.parameters })}\n`);
        else {
          if (model) process.stdout.write(describeModel(model));
          process.stderr.write(describeSummary(summary));
        }
      } finally {
        await db.close();
      }
    });
}
