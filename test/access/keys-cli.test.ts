import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRepositories } from '../../src/store/repositories';
import { runCli } from '../support/cli';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { TEST_JWT_SECRET } from '../support/server';

describeEachDialect('API key commands', (dialect) => {
  let test: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    env = { DATABASE_URL: test.url, JWT_SECRET: TEST_JWT_SECRET };
  });
  afterAll(async () => test?.drop());

  it('audits creating and revoking a key, never recording the key itself', async () => {
    const created = await runCli(['keys', 'create', '--role', 'analyst', '--name', 'Tableau', '--scope', 'country=CN'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    const id = /key #(\d+)/.exec(created.stderr)![1]!;
    expect((await runCli(['keys', 'revoke', id], env)).code).toBe(0);
    const entries = await createRepositories(test.db.knex).auditLog.list({}, 10);
    expect(entries.map((e) => e.action)).toEqual(['keys.revoke', 'keys.create']);
    expect(entries[1]).toMatchObject({ role: 'admin', details: { keyId: Number(id), name: 'Tableau', keyRole: 'analyst' } });
    expect(entries[0]!.actor).toMatch(/^cli:/);
    expect(JSON.stringify(entries)).not.toContain(key);
  });
});
