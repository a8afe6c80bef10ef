import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../src/cli/project-root';
import { runCli } from '../support/cli';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { writeFixtureDir } from '../support/fixtures';

const ROWS = 15_000;

/** 0 → `Aa`, 27 → `Bb`…: distinct names made of letters only, as names are. */
function letters(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return `${text[0]!.toUpperCase()}${text.slice(1)}a`;
}

function bigCsv(): string {
  const lines = ['id,first,last,email,dob'];
  for (let i = 0; i < ROWS; i += 1) {
    // Every fifth person appears under a second id with the same email: resolution has work to do.
    const person = i % 5 === 4 ? i - 1 : i;
    lines.push(`${i},${letters(person)},${letters(person + 7)}son,p${person}@example.com,19${50 + (person % 50)}-0${1 + (person % 9)}-1${person % 10}`);
  }
  return `${lines.join('\n')}\n`;
}

const CONFIG = `sources:
  - name: big
    kind: csv
    path: big.csv
    primaryKey: id
    mapping: { first: givenName, last: familyName, email: email, dob: birthDate }
`;

async function snapshot(test: TestDatabase): Promise<unknown> {
  const records = await test.db.knex('source_records').select('external_id', 'content_hash', 'status').orderBy('external_id');
  const clusters = await test.db
    .knex('customer_links as l')
    .join('source_records as r', 'r.id', 'l.source_record_id')
    .select('l.customer_id', 'r.external_id');
  const byCustomer = new Map<string, string[]>();
  for (const row of clusters) byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), String(row.external_id)]);
  const groups = [...byCustomer.values()].map((keys) => keys.sort().join('|')).sort();
  return { records, groups };
}

describeEachDialect('a sync killed half way', (dialect) => {
  let interrupted: TestDatabase;
  let clean: TestDatabase;
  let configFile: string;

  beforeAll(async () => {
    interrupted = await createTestDatabase(dialect);
    clean = await createTestDatabase(dialect);
    const dir = writeFixtureDir({ 'big.csv': bigCsv(), 'cfg.yml': CONFIG });
    configFile = path.join(dir, 'cfg.yml');
  });
  afterAll(async () => {
    await interrupted?.drop();
    await clean?.drop();
  });

  it('ends, after a re-run, exactly as one uninterrupted run does', { timeout: 300_000 }, async () => {
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin', 'customer-graph'), 'sync', '--config', configFile], {
      env: { ...process.env, DATABASE_URL: interrupted.url, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let loadedAtKill = 0;
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const row = await interrupted.db.knex('source_records').count({ n: '*' }).first();
      loadedAtKill = Number(row?.n ?? 0);
      if (loadedAtKill >= 1500) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(loadedAtKill).toBeGreaterThan(0);
    expect(loadedAtKill).toBeLessThan(ROWS);

    const resumed = await runCli(['sync', '--config', configFile], { DATABASE_URL: interrupted.url });
    expect(resumed.code, resumed.stderr).toBe(0);
    const once = await runCli(['sync', '--config', configFile], { DATABASE_URL: clean.url });
    expect(once.code, once.stderr).toBe(0);

    expect(await snapshot(interrupted)).toEqual(await snapshot(clean));
    const runs = await interrupted.db.knex('sync_runs').select('status').orderBy('id');
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });
});
