import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { runCli } from '../support/cli';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';

/** Clusters from the export: sorted source keys per customer, comparable across runs. */
function clustersOf(ndjson: string): string[] {
  return ndjson
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { sourceKeys: { source: string; externalId: string }[] })
    .map((line) => line.sourceKeys.map((key) => `${key.source}/${key.externalId}`).sort().join(' '))
    .sort();
}

// Each test starts the command several times; child processes start slowly on a busy machine.
const SLOW = 120_000;

describeEachDialect('customer-graph resolve', (dialect) => {
  let test: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    env = { DATABASE_URL: test.url };
    expect((await runCli(['sync', '--config', demoConfigPath()], env)).code).toBe(0);
  }, SLOW);
  afterAll(async () => test?.drop());

  it('shows the model the first resolution stored', async () => {
    const result = await runCli(['resolve', '--show-model'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/estimated by the first resolution/);
    expect(result.stdout).toMatch(/givenName\s+exact\s/);
  }, SLOW);

  it('has nothing to do incrementally when no record changed', async () => {
    const result = await runCli(['resolve', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'unchanged' });
  }, SLOW);

  it('gives the same clusters and ids on a full re-resolve', async () => {
    const before = await runCli(['export', '--format', 'ndjson'], env);
    const full = await runCli(['resolve', '--full', '--json'], env);
    expect(full.code).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({ mode: 'full', created: 0, updated: 0, retired: 0, deleted: 0 });
    const after = await runCli(['export', '--format', 'ndjson'], env);
    expect(after.stdout).toBe(before.stdout);
    expect(clustersOf(after.stdout).length).toBeGreaterThan(0);
  }, SLOW);

  it('trains the model by EM, stores it, shows it and uses it for later runs', async () => {
    const trained = await runCli(['resolve', '--train'], env);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/trained with resolve --train/);
    expect(trained.stdout).toMatch(/prior λ = /);
    expect(trained.stderr).toMatch(/full resolution of \d+ records/);
    const shown = await runCli(['resolve', '--show-model', '--json'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ origin: 'train', parameters: { comparisons: expect.any(Array) } });
    const count = await test.db.knex('resolution_models').count({ n: '*' }).first();
    expect(Number(count?.n)).toBe(2);
  }, SLOW);
});
