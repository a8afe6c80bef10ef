import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { DatabaseTarget } from '../../src/store/database';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { planOf, resolvedCustomer } from '../support/resolved-customer';

/** Starts another process that writes a row of `sources` and holds its transaction for `ms`; resolves once it holds it, with its exit. */
async function anotherProcessWriting(target: DatabaseTarget, ms: number): Promise<{ exited: Promise<number | null> }> {
  const holder = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'support', 'hold-write-lock.ts'), JSON.stringify(target), String(ms)]);
  const exited = new Promise<number | null>((resolve) => holder.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on('data', (chunk: Buffer) => String(chunk).includes('locked') && resolve());
    holder.on('exit', () => reject(new Error('the other process ended before it held its write')));
  });
  return { exited };
}

describeEachDialect('transactions that read before they write, while another process writes', (dialect) => {
  const test = useTestDatabase(dialect, ['customer_terms', 'name_prefixes', 'customer_changes', 'field_lineage', 'customer_consents', 'customer_links', 'customers', 'record_block_keys', 'sources']);

  it("a resolution's write waits for the other process instead of failing at its first write", async () => {
    const { exited } = await anotherProcessWriting(test.db.target, 600);
    const repos = createRepositories(test.db.knex);
    expect(await repos.resolution.apply(planOf([resolvedCustomer('01JZ00000000000000000000C1', 'ann@example.com')]))).toMatchObject({ created: 1 });
    expect(await exited).toBe(0);
    expect(await test.db.knex('sources').pluck('name')).toEqual(['other-process']);
  });

  it("an increment's block keys wait for the other process instead of failing at their first write", async () => {
    const repos = createRepositories(test.db.knex);
    await repos.blockKeys.replaceFor([{ recordId: 1, values: [11, 12] }]);
    const { exited } = await anotherProcessWriting(test.db.target, 600);
    await repos.blockKeys.replaceFor([{ recordId: 1, values: [12, 13] }]);
    expect(await exited).toBe(0);
    expect(await test.db.knex('record_block_keys').where({ source_record_id: 1 }).pluck('key_digest')).toHaveLength(2);
  });
});
