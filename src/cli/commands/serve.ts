import type { Command } from 'commander';
import { loadProjectConfig } from '../../config/load-config';
import { buildCustomerGraphSchema } from '../../graphql/schema';
import { runSync } from '../../pipeline/run-sync';
import { startServer } from '../../server/http-server';
import { createRepositories } from '../../store/repositories';
import { demoConfigPath } from '../project-root';
import { openRuntime } from '../runtime';

export function registerServeCommand(program: Command): void {
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
          await runSync(db, loadProjectConfig(demoConfigPath()), logger);
          logger.info({ customers: await repos.customers.countLive() }, 'demo data loaded');
        }
      }
      const schema = await buildCustomerGraphSchema();
      const server = await startServer({ db, schema, logger, port: env.PORT, host: env.HOST, development: env.NODE_ENV === 'development' });
      process.stderr.write(
        `\ncustomer-graph is serving ${db.description}\n  GraphiQL: ${server.url}\n  health:   ${server.url.replace('/graphql', '/healthz')}\n\n`,
      );
      const shutdown = async (): Promise<void> => {
        await server.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });
}
