import type { Command } from 'commander';
import { createAccessControl } from '../../access/access-control';
import { signToken } from '../../access/tokens';
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
    .option('-c, --config <file>', 'sources config (its push sources accept ingestRecords); default $CUSTOMER_GRAPH_CONFIG, or the demo config with --demo')
    .action(async (options: { demo?: boolean; config?: string }) => {
      const { env, logger, db, dataKeys } = await openRuntime();
      const configFile = options.config ?? env.CUSTOMER_GRAPH_CONFIG ?? (options.demo ? demoConfigPath() : undefined);
      const config = configFile ? loadProjectConfig(configFile) : undefined;
      if (options.demo) {
        const repos = createRepositories(db.knex);
        if ((await repos.sources.list()).length === 0) {
          logger.info('empty database: loading the demo data');
          await runSync(db, loadProjectConfig(demoConfigPath()), logger);
          logger.info({ customers: await repos.customers.countLive() }, 'demo data loaded');
        }
      }
      // The local demo answers unauthenticated requests as a steward so the first query just works;
      // ANONYMOUS_ROLE (e.g. `none`) overrides that. Without --demo, credentials are required.
      const requestedAnonymous = env.ANONYMOUS_ROLE === 'none' ? null : env.ANONYMOUS_ROLE;
      const anonymousRole = requestedAnonymous !== undefined ? requestedAnonymous : options.demo ? 'steward' : null;
      const access = createAccessControl(env, createRepositories(db.knex), { anonymousRole });
      const schema = await buildCustomerGraphSchema();
      const server = await startServer({ db, schema, access, config, logger, port: env.PORT, host: env.HOST, development: env.NODE_ENV === 'development' });
      const lines = [
        '',
        `customer-graph is serving ${db.description}`,
        `  GraphiQL: ${server.url}`,
        `  health:   ${server.url.replace('/graphql', '/healthz')}`,
        `  requests without credentials act as: ${anonymousRole ?? 'nobody (UNAUTHENTICATED)'}`,
        `  personal data encrypted under data key ${dataKeys.activeId} from ${dataKeys.origin}`,
      ];
      if (options.demo) {
        lines.push(`  demo tokens (12 h, signed with the secret in ${access.secretOrigin}); send as "Authorization: Bearer <token>":`);
        for (const role of ['admin', 'analyst']) lines.push(`    ${role.padEnd(8)} ${await signToken(access.tokens, { role, ttl: '12h', subject: `demo-${role}` })}`);
      }
      process.stderr.write(`${lines.join('\n')}\n\n`);
      const shutdown = async (): Promise<void> => {
        let code = 0;
        try {
          // Closing writes the read audit entries still queued.
          await server.close();
        } catch (error) {
          logger.error({ err: { message: (error as Error).message } }, 'stopping the server failed: queued audit entries may be lost');
          code = 1;
        }
        await db.close();
        process.exit(code);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });
}
