import { afterEach, beforeEach, expect, it } from 'vitest';
import * as namePrefixesMigration from '../../migrations/20261204220000_name_prefixes';
import { goldenToColumns, type GoldenFields } from '../../src/store/customer-columns';
import { whereHasNamePrefix } from '../../src/store/customer-terms';
import { nowDbTime } from '../../src/store/dialect';
import { fieldProtection } from '../../src/store/field-protection';
import { migrateToLatest } from '../../src/store/migrate';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { migrateDownThrough } from '../support/migration-steps';

const MIGRATION = '20261204220000_name_prefixes';

const fields = (given: string, family: string, more: Partial<GoldenFields> = {}): GoldenFields => ({
  givenName: given, familyName: family, emails: [], phones: [], birthDate: null, country: null, ...more,
});

const ANN = fields('Ann', 'Lee', { emails: ['ann@example.com'], country: 'GB' });
const ANNA = fields('Anna', 'Lee', { givenNamePinyin: 'an', familyNamePinyin: 'li', country: 'CN' });
/** Merged into Ann: a customer no longer, with no terms. */
const ZED = fields('Zed', 'Quill', { emails: ['zed@example.com'] });
const LIVE: ReadonlyArray<readonly [string, GoldenFields]> = [['c1', ANN], ['c2', ANNA]];

describeEachDialect('name prefixes stored per customer, upgraded to once per distinct name', (dialect) => {
  let test: TestDatabase;
  const { cipher, index } = fieldProtection();

  /** The terms a customer had before the migration: its emails and phones, and every prefix of each of its names. */
  function oldTerms(customer: GoldenFields): string[] {
    const terms = new Map<string, string>();
    for (const email of customer.emails) terms.set(index.email(email), 'email');
    for (const phone of customer.phones) terms.set(index.phone(phone), 'phone');
    const names: ReadonlyArray<readonly ['name' | 'pinyin', string | null | undefined]> = [
      ['name', customer.givenName], ['name', customer.familyName], ['pinyin', customer.givenNamePinyin], ['pinyin', customer.familyNamePinyin],
    ];
    for (const [kind, name] of names) {
      const key = (name ?? '').trim().toLowerCase();
      for (let length = 1; length <= Math.min(key.length, 32); length += 1) terms.set(index.namePrefix(kind, key.slice(0, length)), kind);
    }
    return [...terms].map(([digest, kind]) => `${kind}:${digest}`).sort();
  }

  const newTerms = (customer: GoldenFields): string[] => index.customerTerms(customer).map((term) => `${term.kind}:${term.digest}`).sort();

  /** Every (prefix, name) row the distinct names of these customers should have. */
  function expectedPrefixRows(customers: readonly GoldenFields[]): string[] {
    const rows = new Set<string>();
    for (const customer of customers) for (const { name, prefixes } of index.customerNames(customer)) for (const prefix of prefixes) rows.add(`${prefix}:${name}`);
    return [...rows].sort();
  }

  async function storedTerms(customerId: string): Promise<string[]> {
    const rows = await test.db.knex('customer_terms').where({ customer_id: customerId }).select('kind', 'digest');
    return rows.map((row) => `${row.kind}:${row.digest}`).sort();
  }

  async function storedPrefixRows(): Promise<string[]> {
    return (await test.db.knex('name_prefixes').select('prefix', 'name')).map((row) => `${row.prefix}:${row.name}`).sort();
  }

  async function allTermRows(): Promise<string[]> {
    return (await test.db.knex('customer_terms').select('customer_id', 'kind', 'digest')).map((row) => `${row.customer_id}:${row.kind}:${row.digest}`).sort();
  }

  async function customersWithNamePrefix(prefix: string, kind: 'name' | 'pinyin' = 'name'): Promise<string[]> {
    const knex = test.db.knex;
    const rows = await whereHasNamePrefix(knex('customers').select('id'), knex, [index.namePrefix(kind, prefix)], kind).orderBy('id');
    return rows.map((row: { id: string }) => row.id);
  }

  beforeEach(async () => {
    test = await createTestDatabase(dialect);
    await migrateDownThrough(test.db.knex, MIGRATION);
    const now = nowDbTime();
    const customer = (id: string, golden: GoldenFields, mergedInto: string | null = null) => {
      const columns = goldenToColumns(golden);
      return { id, merged_into: mergedInto, ...columns, personal: cipher.seal(String(columns.personal)), created_at: now, updated_at: now };
    };
    await test.db.knex('customers').insert([customer('c1', ANN), customer('c2', ANNA), customer('c3', ZED, 'c1')]);
    for (const [id, golden] of LIVE) {
      await test.db.knex('customer_terms').insert(oldTerms(golden).map((term) => {
        const [kind, digest] = term.split(':');
        return { digest, customer_id: id, kind };
      }));
    }
  });
  afterEach(async () => test?.drop());

  it('keeps each customer\'s names whole and stores the prefixes once per distinct name', async () => {
    expect(await test.db.knex.schema.hasTable('name_prefixes')).toBe(false);
    await migrateToLatest(test.db);

    for (const [id, golden] of LIVE) expect(await storedTerms(id), id).toEqual(newTerms(golden));

    const rows = await storedPrefixRows();
    expect(rows).toEqual(expectedPrefixRows([ANN, ANNA]));
    // Each distinct name exactly with its own prefixes: Lee, which both customers have, once.
    const names: ReadonlyArray<readonly ['name' | 'pinyin', string]> = [['name', 'Ann'], ['name', 'Anna'], ['name', 'Lee'], ['pinyin', 'an'], ['pinyin', 'li']];
    for (const [kind, name] of names) {
      const entry = index.nameWithPrefixes(kind, name)!;
      const stored = (await test.db.knex('name_prefixes').where({ name: entry.name }).pluck('prefix')).map(String);
      expect(stored.length, name).toBe(entry.prefixes.length);
      expect(new Set(stored), name).toEqual(new Set(entry.prefixes));
    }
    expect(rows).toHaveLength(names.reduce((sum, [kind, name]) => sum + index.nameWithPrefixes(kind, name)!.prefixes.length, 0));

    // Nothing of the merged customer.
    expect(await storedTerms('c3')).toEqual([]);
    const zed = index.customerNames(ZED).flatMap((entry) => entry.prefixes);
    expect(Number((await test.db.knex('name_prefixes').whereIn('name', zed).orWhereIn('prefix', zed).count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('finds the customers by a name prefix through the whole names and their prefixes', async () => {
    await migrateToLatest(test.db);
    expect(await customersWithNamePrefix('an')).toEqual(['c1', 'c2']);
    expect(await customersWithNamePrefix('ANN')).toEqual(['c1', 'c2']);
    expect(await customersWithNamePrefix('anna')).toEqual(['c2']);
    expect(await customersWithNamePrefix('annab')).toEqual([]);
    expect(await customersWithNamePrefix('le')).toEqual(['c1', 'c2']);
    expect(await customersWithNamePrefix('lee')).toEqual(['c1', 'c2']);
    expect(await customersWithNamePrefix('l', 'pinyin')).toEqual(['c2']);
    expect(await customersWithNamePrefix('li', 'pinyin')).toEqual(['c2']);
    // A prefix of one kind does not find a name of the other.
    expect(await customersWithNamePrefix('li')).toEqual([]);
    // The merged customer's names are not indexed.
    expect(await customersWithNamePrefix('z')).toEqual([]);
    expect(await customersWithNamePrefix('qu')).toEqual([]);
  });

  it('changes nothing when run again after it completed', async () => {
    await migrateToLatest(test.db);
    const terms = await allTermRows();
    const prefixes = await storedPrefixRows();
    await namePrefixesMigration.up(test.db.knex);
    expect(await allTermRows()).toEqual(terms);
    expect(await storedPrefixRows()).toEqual(prefixes);
  });

  it('puts every customer\'s name prefixes back when rolled back, and stores them once per name again', async () => {
    const before = await allTermRows();
    await migrateToLatest(test.db);

    await migrateDownThrough(test.db.knex, MIGRATION);
    expect(await test.db.knex.schema.hasTable('name_prefixes')).toBe(false);
    for (const [id, golden] of LIVE) expect(await storedTerms(id), id).toEqual(oldTerms(golden));
    expect(await storedTerms('c3')).toEqual([]);
    expect(await allTermRows()).toEqual(before);

    await migrateToLatest(test.db);
    for (const [id, golden] of LIVE) expect(await storedTerms(id), id).toEqual(newTerms(golden));
    expect(await storedPrefixRows()).toEqual(expectedPrefixRows([ANN, ANNA]));
  });
});
