import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { runCli } from '../support/cli';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

interface ExportLine {
  id: string;
  sourceKeys: { source: string; externalId: string }[];
  givenName: string | null;
  emails: string[];
}

function parseNdjson(text: string): ExportLine[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportLine);
}

describeEachDialect('customer-graph command', (dialect) => {
  let test: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    env = { DATABASE_URL: test.url };
  });
  afterAll(async () => test?.drop());

  it('syncs a config file and reports the counts per source', async () => {
    const result = await runCli(['sync', '--config', demoConfigPath()], env);
    expect(result.stderr).toMatch(/crm: succeeded — read 113, inserted 113/);
    expect(result.code).toBe(0);
  });

  it('exports one JSON line per golden customer with its source keys', async () => {
    const result = await runCli(['export', '--format', 'ndjson'], env);
    expect(result.code).toBe(0);
    const lines = parseNdjson(result.stdout);
    const records = lines.reduce((n, line) => n + line.sourceKeys.length, 0);
    expect(records).toBe(289);
    expect(lines.some((line) => new Set(line.sourceKeys.map((k) => k.source)).size === 3)).toBe(true);
    expect(lines[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), sourceKeys: expect.any(Array), givenName: expect.anything(), emails: expect.any(Array) }),
    );
  });

  it('exports the stable core keys first, then the rest of the golden profile with consent', async () => {
    const lines = parseNdjson((await runCli(['export'], env)).stdout) as unknown as Record<string, unknown>[];
    expect(Object.keys(lines[0] ?? {}).slice(0, 10)).toEqual(['id', 'sourceKeys', 'givenName', 'familyName', 'emails', 'phones', 'birthDate', 'country', 'createdAt', 'updatedAt']);
    expect(Object.keys(lines[0] ?? {})).toEqual(expect.arrayContaining(['fullName', 'gender', 'address', 'lifetimeValue', 'firstSeenAt', 'lastSeenAt', 'consent']));
    const consenting = lines.find((line) => (line.consent as { emailMarketing: unknown }).emailMarketing !== null);
    expect((consenting?.consent as { emailMarketing: unknown }).emailMarketing).toEqual({ granted: expect.any(Boolean), source: expect.any(String), recordedAt: expect.any(String) });
  });

  it('keeps every customer id when the same sync runs again', async () => {
    const before = parseNdjson((await runCli(['export'], env)).stdout);
    const again = await runCli(['sync', '--config', demoConfigPath()], env);
    expect(again.stderr).toMatch(/crm: succeeded — read 113, inserted 0, updated 0, unchanged 113/);
    expect(again.stderr).toMatch(/customers: 0 created, 0 updated/);
    const after = parseNdjson((await runCli(['export'], env)).stdout);
    expect(after).toEqual(before);
  });

  it('exits non-zero and names the file when a source file does not exist', async () => {
    const dir = writeFixtureDir({
      'cfg.yml': 'sources:\n  - name: gone\n    kind: csv\n    path: nowhere.csv\n    primaryKey: id\n    mapping: { email: email }\n',
    });
    const result = await runCli(['sync', '--config', `${dir}/cfg.yml`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`source "gone" at ${dir}/nowhere.csv: file does not exist`);
  });

  it('refuses an invalid config, listing problems by path', async () => {
    const dir = writeFixtureDir({
      'cfg.yml': 'sources:\n  - name: bad\n    kind: csv\n    path: a.csv\n    primaryKey: id\n    mapping: { mail: emial }\n',
    });
    const result = await runCli(['sync', '--config', `${dir}/cfg.yml`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sources[0].mapping.mail: unknown canonical field "emial"');
  });
});

describeEachDialect('customer-graph command run from a directory of its own', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
  });
  afterAll(async () => test?.drop());

  it('reads the config there, keeps its data directory there, and loads a file of many batches', async () => {
    let rows = 'id,first,email\n';
    for (let i = 1; i <= 3000; i += 1) rows += `w${i},Wanda,wanda.${i}@example.net\n`;
    const dir = writeFixtureDir({
      'customer-graph.yml': 'sources:\n  - name: walkers\n    kind: csv\n    path: walkers.csv\n    primaryKey: id\n    mapping: { first: givenName, email: email }\n',
      'walkers.csv': rows,
    });
    const result = await runCli(['sync', '--config', 'customer-graph.yml'], { DATABASE_URL: test.url }, dir);
    expect(result.stderr).toMatch(/walkers: succeeded — read 3000, inserted 3000/);
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'data', 'pii.key'))).toBe(true);
  });
});
