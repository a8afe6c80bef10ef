import { expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import type { Database, DialectName } from '../../src/store/database';
import { dropTermDigestIndex } from '../../src/store/customer-terms';
import { nowDbTime } from '../../src/store/dialect';
import { fieldProtection } from '../../src/store/field-protection';
import { createRepositories } from '../../src/store/repositories';
import type { ResolvedCustomer } from '../../src/store/resolution-plan';
import { ResolutionRepository } from '../../src/store/resolution-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { planOf, resolvedCustomer } from '../support/resolved-customer';
import { csvProject, generatedRows } from '../pipeline/steward-support';

const TABLES = ['customer_terms', 'name_prefixes', 'record_block_keys', 'resolution_state', 'customer_changes', 'resolution_models', 'match_reviews', 'field_lineage', 'customer_consents', 'customer_links', 'customers', 'quarantine', 'source_records', 'sync_runs', 'sources'];

async function hasIndex(db: Database, dialect: DialectName, table: string, index: string): Promise<boolean> {
  if (dialect === 'mysql') {
    const [rows] = await db.knex.raw('select 1 from information_schema.statistics where table_schema = database() and table_name = ? and index_name = ?', [table, index]);
    return (rows as unknown[]).length > 0;
  }
  const rows = await db.knex('sqlite_master').where({ type: 'index', tbl_name: table, name: index });
  return rows.length > 0;
}

async function indexColumns(db: Database, dialect: DialectName, table: string, index: string): Promise<string[]> {
  if (dialect === 'mysql') {
    const [rows] = await db.knex.raw('select column_name as name from information_schema.statistics where table_schema = database() and table_name = ? and index_name = ? order by seq_in_index', [table, index]);
    return (rows as { name: string }[]).map((row) => row.name);
  }
  return ((await db.knex.raw(`pragma index_info(${index})`)) as { name: string }[]).map((row) => row.name);
}

describeEachDialect('digest indexes around bulk writes', (dialect) => {
  const test = useTestDatabase(dialect, TABLES);
  const logger = silentLogger();

  it('a first full resolution writes in bulk and leaves both digest indexes in place, the terms findable', async () => {
    await runSync(test.db, csvProject(generatedRows(30)).config, logger);
    expect(await hasIndex(test.db, dialect, 'customer_terms', 'customer_terms_digest')).toBe(true);
    expect(await hasIndex(test.db, dialect, 'record_block_keys', 'record_block_keys_digest')).toBe(true);
    const repos = createRepositories(test.db.knex);
    const [some] = await repos.customers.pageRows(1);
    expect(some?.emails[0]).toBeDefined();
    const found = await repos.customers.listOrdered({ filter: { email: some?.emails[0] as string, namePrefix: some?.familyName?.slice(0, 2) as string }, order: { field: 'id', direction: 'asc' }, limit: 10 });
    expect(found.map((row) => row.customer.id)).toEqual([some?.id]);
  });

  it('the term digest index holds the kind, as migrated and as rebuilt after a bulk write', async () => {
    expect(await indexColumns(test.db, dialect, 'customer_terms', 'customer_terms_digest')).toEqual(['digest', 'kind']);
    await runSync(test.db, csvProject(generatedRows(30)).config, logger);
    expect(await indexColumns(test.db, dialect, 'customer_terms', 'customer_terms_digest')).toEqual(['digest', 'kind']);
  });

  it('a changed customer keeps the terms it still has, loses the old ones and gains the new ones', async () => {
    const repos = createRepositories(test.db.knex);
    const id = '01JZ00000000000000000000B1';
    await repos.resolution.apply(planOf([resolvedCustomer(id, 'ann@example.com')]));
    const before = await test.db.knex('customer_terms').where({ customer_id: id }).select('digest');
    const renamed = resolvedCustomer(id, 'ann@example.com');
    renamed.fields = { ...renamed.fields, familyName: 'Lewis', emails: ['ann.lewis@example.com'] };
    expect(await repos.resolution.apply(planOf([renamed]))).toMatchObject({ updated: 1 });
    const find = async (filter: { email?: string; namePrefix?: string }) =>
      (await repos.customers.listOrdered({ filter, order: { field: 'id', direction: 'asc' }, limit: 5 })).map((row) => row.customer.id);
    expect(await find({ namePrefix: 'lewi' })).toEqual([id]);
    expect(await find({ namePrefix: 'lee' })).toEqual([]);
    expect(await find({ namePrefix: 'le' })).toEqual([id]);
    expect(await find({ email: 'ann.lewis@example.com' })).toEqual([id]);
    expect(await find({ email: 'ann@example.com' })).toEqual([]);
    const after = await test.db.knex('customer_terms').where({ customer_id: id }).select('digest');
    const { index } = fieldProtection();
    const expected = index.customerTerms(renamed.fields).map((term) => term.digest).sort();
    expect(after.map((row) => String(row.digest)).sort()).toEqual(expected);
    expect(before.length).toBeGreaterThan(0);
  });

  it('an interrupted bulk write leaves no customer and no term behind, and the digest index back', async () => {
    const repos = createRepositories(test.db.knex);
    function* interrupted(): Generator<ResolvedCustomer> {
      yield resolvedCustomer('01JZ00000000000000000000A1', 'ann@example.com');
      throw new Error('interrupted');
    }
    const plan = { customers: interrupted(), customerCount: 10, retired: new Map(), orphaned: [], partial: false, storedLinks: new Map() };
    await expect(repos.resolution.apply(plan)).rejects.toThrow('interrupted');
    expect(await test.db.knex('customers').first('id')).toBeUndefined();
    expect(await test.db.knex('customer_terms').first('digest')).toBeUndefined();
    expect(await hasIndex(test.db, dialect, 'customer_terms', 'customer_terms_digest')).toBe(true);
  });

  it('the next write builds a digest index that an interrupted run left dropped', async () => {
    await runSync(test.db, csvProject(generatedRows(10)).config, logger);
    await dropTermDigestIndex(test.db.knex);
    await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await hasIndex(test.db, dialect, 'customer_terms', 'customer_terms_digest')).toBe(true);
  });

  it('an interrupted rewrite of the block keys makes the next run a full one, which rewrites them', async () => {
    const repos = createRepositories(test.db.knex);
    function* interrupted(): Generator<{ recordId: number; values: number[] }> {
      yield { recordId: 1, values: [11, 12] };
      throw new Error('interrupted');
    }
    await repos.blockKeys.replaceAll([{ recordId: 1, values: [11, 12] }]);
    await repos.blockKeys.markResolved('fingerprint', nowDbTime());
    await expect(repos.blockKeys.replaceAll(interrupted())).rejects.toThrow('interrupted');
    expect(await repos.blockKeys.lastStartedAt('fingerprint')).toBeUndefined();
    await repos.blockKeys.replaceAll([{ recordId: 1, values: [11, 12] }, { recordId: 2, values: [12] }]);
    expect(await repos.blockKeys.lastStartedAt('fingerprint')).toBeUndefined();
    await repos.blockKeys.markResolved('fingerprint', nowDbTime());
    expect(await repos.blockKeys.lastStartedAt('fingerprint')).toBeDefined();
    expect(await hasIndex(test.db, dialect, 'record_block_keys', 'record_block_keys_digest')).toBe(true);
    const [shared] = repos.blockKeys.digestsOf([12]);
    expect((await repos.blockKeys.blocks([shared as number], 10)).members.sort()).toEqual([1, 2]);
  });

  it('a full resolution stopped while writing golden records is followed by a full one, not an increment', async () => {
    await runSync(test.db, csvProject(generatedRows(10)).config, logger);
    await resolveCustomers(test.db, logger, { mode: 'full' });
    const repos = createRepositories(test.db.knex);
    const fingerprint = (await test.db.knex('resolution_state').first('fingerprint')).fingerprint as string;
    const stop = vi.spyOn(ResolutionRepository.prototype, 'apply').mockRejectedValueOnce(new Error('stopped'));
    try {
      await expect(resolveCustomers(test.db, logger, { mode: 'full' })).rejects.toThrow('stopped');
    } finally {
      stop.mockRestore();
    }
    expect(await repos.blockKeys.lastStartedAt(fingerprint)).toBeUndefined();
    expect((await resolveCustomers(test.db, logger, {})).mode).toBe('full');
    expect(await repos.blockKeys.lastStartedAt(fingerprint)).toBeDefined();
  });

  it('a changed record keeps the keys it still has, loses the old ones and gains the new ones', async () => {
    const repos = createRepositories(test.db.knex);
    await repos.blockKeys.replaceAll([{ recordId: 1, values: [11, 12] }, { recordId: 2, values: [12] }]);
    await repos.blockKeys.replaceFor([{ recordId: 1, values: [12, 13] }, { recordId: 3, values: [13] }]);
    const [d11, d12, d13] = repos.blockKeys.digestsOf([11, 12, 13]) as [number, number, number];
    expect([...(await repos.blockKeys.storedKeysOf([1])).keys()].sort()).toEqual([d12, d13].sort());
    expect((await repos.blockKeys.blocks([d11], 10)).members).toEqual([]);
    expect((await repos.blockKeys.blocks([d12], 10)).members.sort()).toEqual([1, 2]);
    expect((await repos.blockKeys.blocks([d13], 10)).members.sort()).toEqual([1, 3]);
  });

  it('blocks read with pending keys are the blocks read after those keys are written', async () => {
    const repos = createRepositories(test.db.knex);
    await repos.blockKeys.replaceAll([{ recordId: 1, values: [11, 12] }, { recordId: 2, values: [12] }, { recordId: 4, values: [12] }]);
    const [d11, d12, d13] = repos.blockKeys.digestsOf([11, 12, 13]) as [number, number, number];
    const pending = { records: new Set([1, 3]), stored: await repos.blockKeys.storedKeysOf([1, 3]), next: new Map([[d12, [1]], [d13, [1, 3]]]) };
    const read = async (maxSize: number, with_?: typeof pending) => {
      const { members, oversized } = await repos.blockKeys.blocks([d11, d12, d13], maxSize, with_);
      return { members: members.sort(), oversized };
    };
    const ahead = { small: await read(10, pending), capped: await read(2, pending) };
    expect(ahead).toEqual({ small: { members: [1, 1, 2, 3, 4], oversized: [] }, capped: { members: [1, 3], oversized: [d12] } });
    await repos.blockKeys.replaceFor([{ recordId: 1, values: [12, 13] }, { recordId: 3, values: [13] }]);
    expect({ small: await read(10), capped: await read(2) }).toEqual(ahead);
  });
});
