import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { runCli } from '../support/cli';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';

/** Key ids named by the stored values of a column. */
async function keyIdsIn(test: TestDatabase, table: string, column: string): Promise<string[]> {
  const rows: Record<string, string>[] = await test.db.knex(table).select(column);
  return [...new Set(rows.map((row) => String(row[column]).split(':')[2] ?? ''))].sort();
}

describeEachDialect('data key commands', (dialect) => {
  let test: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const keyFile = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'pii.key'), 'utf8'));

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-keys-'));
    env = { DATABASE_URL: test.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  });
  afterAll(async () => {
    await test?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a local key file (mode 0600) on first use and says where, never printing the key', async () => {
    const result = await runCli(['sync', '--config', demoConfigPath()], env);
    expect(result.code).toBe(0);
    const file = path.join(dataDir, 'pii.key');
    expect(result.stderr).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { active, keys } = keyFile();
    expect(result.stderr + result.stdout).not.toContain(keys[active]);
    expect(await keyIdsIn(test, 'customers', 'personal')).toEqual([active]);
  });

  it('rotates to a new data key, re-encrypting every row and printing the counts', async () => {
    const before = keyFile().active;
    const result = await runCli(['keys', 'rotate-data-key', '--batch-size', '50'], env);
    expect(result.code, result.stderr).toBe(0);
    const after = keyFile();
    expect(after.active).not.toBe(before);
    expect(Object.keys(after.keys).sort()).toEqual([before, after.active].sort());
    expect(after.rotationPending).toBeUndefined();
    expect(result.stdout).toMatch(new RegExp(`data key ${after.active} is active`));
    expect(result.stdout).toMatch(/^source_records\t289\t0$/m);
    expect(await keyIdsIn(test, 'source_records', 'payload')).toEqual([after.active]);
    expect(await keyIdsIn(test, 'customers', 'personal')).toEqual([after.active]);
  });

  it('continues a pending rotation instead of making another key', async () => {
    const file = path.join(dataDir, 'pii.key');
    fs.writeFileSync(file, JSON.stringify({ ...keyFile(), rotationPending: true }));
    const active = keyFile().active;
    const result = await runCli(['keys', 'rotate-data-key'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`continuing the rotation to ${active}`);
    expect(result.stdout).toMatch(/^source_records\t0\t289$/m);
    expect(Object.keys(keyFile().keys)).toHaveLength(2);
  });

  it('exports the decrypted golden records after rotation', async () => {
    const result = await runCli(['export', '--format', 'ndjson'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/"emails":\["[^"]+@/);
  });

  it('stops with DATA_KEY_MISSING when the data is under a key it was not given', async () => {
    const result = await runCli(['export', '--format', 'ndjson'], { ...env, PII_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATA_KEY_MISSING: personal data is encrypted under key "[0-9a-f]{8}"/);
  });
});
