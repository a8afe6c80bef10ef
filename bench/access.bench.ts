/**
 * Cost of field rules and masking on `customers(first: 50)`: the same query executed in-process
 * against the guarded schema as admin (rules only, nothing masked) and as analyst (rules and five
 * masked fields per customer), and against the unguarded schema. Target: analyst / admin ≤ 1.3.
 * Audit entries are collected as in a request but not written, so the figure is rules and masks.
 */
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { Principal } from '../src/access/principal';
import { RequestAudit } from '../src/access/request-audit';
import { DEFAULT_POLICY } from '../src/access/policy';
import { guardSchema } from '../src/access/shield';
import { demoConfigPath } from '../src/cli/project-root';
import { loadProjectConfig } from '../src/config/load-config';
import { createLoaders } from '../src/graphql/loaders';
import { buildCustomerGraphSchema } from '../src/graphql/schema';
import { silentLogger } from '../src/logging';
import { runSync } from '../src/pipeline/run-sync';
import { createRepositories } from '../src/store/repositories';
import { createBenchDatabase } from './support/bench-database';
import { note, reportFigure } from './support/bench-output';

const QUERY = parse('{ customers(first: 50) { totalCount edges { node { id givenName familyName email phone birthDate country createdAt updatedAt } } } }');
const ROUNDS = 9;
const PER_ROUND = 150;

async function main(): Promise<void> {
  const bench = await createBenchDatabase('sqlite');
  try {
    await runSync(bench.db, loadProjectConfig(demoConfigPath()), silentLogger());
    const repos = createRepositories(bench.db.knex);
    const plain = await buildCustomerGraphSchema();
    const guarded = guardSchema(plain, DEFAULT_POLICY);
    const principal = (role: string): Principal => ({ subject: `bench-${role}`, role, scope: {}, via: 'jwt' });

    const once = async (schema: GraphQLSchema, role: string): Promise<void> => {
      const who = principal(role);
      const result = await execute({ schema, document: QUERY, contextValue: { repos, principal: who, audit: new RequestAudit(who), loaders: createLoaders(repos, who) } });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    };
    const round = async (schema: GraphQLSchema, role: string): Promise<number> => {
      const start = process.cpuUsage();
      for (let i = 0; i < PER_ROUND; i += 1) await once(schema, role);
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / PER_ROUND;
    };
    const variants = [
      ['unguarded', plain, 'admin'],
      ['admin', guarded, 'admin'],
      ['analyst', guarded, 'analyst'],
    ] as const;
    for (const [, schema, role] of variants) for (let i = 0; i < 50; i += 1) await once(schema, role);
    const samples: Record<string, number[]> = { unguarded: [], admin: [], analyst: [] };
    // CPU time of this process (SQLite runs in it), in interleaved rounds, best round reported:
    // the machine is shared, and other processes' load should not count as the cost of rules.
    for (let r = 0; r < ROUNDS; r += 1) for (const [name, schema, role] of variants) samples[name]!.push(await round(schema, role));
    const best = (values: number[]): number => Math.min(...values);
    const ms = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, best(values)])) as Record<string, number>;
    const round3 = (n: number): number => Math.round(n * 1000) / 1000;
    reportFigure('access.customers50.unguarded', round3(ms.unguarded!), 'cpu-ms/query');
    reportFigure('access.customers50.admin', round3(ms.admin!), 'cpu-ms/query');
    reportFigure('access.customers50.analyst', round3(ms.analyst!), 'cpu-ms/query');
    reportFigure('access.customers50.analyst_vs_admin', round3(ms.analyst! / ms.admin!), 'ratio');
    reportFigure('access.customers50.admin_vs_unguarded', round3(ms.admin! / ms.unguarded!), 'ratio');
    note(`analyst/admin ${round3(ms.analyst! / ms.admin!)} (target ≤ 1.3)`);
  } finally {
    await bench.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
