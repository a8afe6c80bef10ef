import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { BlindIndex } from '../../src/store/blind-index';
import { fieldProtection } from '../../src/store/field-protection';
import { rebuildBlindIndexes } from '../../src/store/reencryption';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { planOf, resolvedCustomer } from '../support/resolved-customer';

const TABLES = ['customer_terms', 'name_prefixes', 'customer_changes', 'field_lineage', 'customer_consents', 'customer_links', 'customers'];

describeEachDialect('name prefixes, kept once per name', (dialect) => {
  const test = useTestDatabase(dialect, TABLES);

  const prefixesOf = async (name: string): Promise<string[]> =>
    (await test.db.knex('name_prefixes').where({ name }).select('prefix')).map((row: { prefix: string }) => row.prefix).sort();

  it('stores the prefixes of a name once, however many customers have it, and each customer the name whole', async () => {
    const { index } = fieldProtection();
    const ids = ['01JZ00000000000000000000C1', '01JZ00000000000000000000C2', '01JZ00000000000000000000C3'];
    await createRepositories(test.db.knex).resolution.apply(planOf(ids.map((id, n) => resolvedCustomer(id, `ann${n}@example.com`))));
    const lee = index.nameWithPrefixes('name', 'Lee')!;
    expect(await prefixesOf(lee.name)).toEqual([...lee.prefixes].sort());
    for (const id of ids) {
      const names = await test.db.knex('customer_terms').where({ customer_id: id, kind: 'name' }).select('digest');
      expect(names.map((row: { digest: string }) => row.digest).sort()).toEqual([index.namePrefix('name', 'ann'), lee.name].sort());
    }
  });

  it('adds only the prefixes of names not stored yet when a later run brings a customer', async () => {
    const { index } = fieldProtection();
    const repos = createRepositories(test.db.knex);
    await repos.resolution.apply(planOf([resolvedCustomer('01JZ00000000000000000000D1', 'ann@example.com')]));
    const later = resolvedCustomer('01JZ00000000000000000000D2', 'ann.lewis@example.com');
    later.fields = { ...later.fields, familyName: 'Lewis' };
    await repos.resolution.apply(planOf([later]));
    const rows = await test.db.knex('name_prefixes').select('prefix', 'name');
    const expected = ['Ann', 'Lee', 'Lewis'].flatMap((name) => index.nameWithPrefixes('name', name)!.prefixes.map((prefix) => `${prefix}/${index.namePrefix('name', name)}`));
    expect(rows.map((row: { prefix: string; name: string }) => `${row.prefix}/${row.name}`).sort()).toEqual(expected.sort());
    const found = await repos.customers.listOrdered({ filter: { namePrefix: 'le' }, order: { field: 'id', direction: 'asc' }, limit: 5 });
    expect(found.map((row) => row.customer.id)).toEqual(['01JZ00000000000000000000D1', '01JZ00000000000000000000D2']);
  });

  it('a rebuild under a new index key leaves only the new key’s names and prefixes', async () => {
    await createRepositories(test.db.knex).resolution.apply(planOf([resolvedCustomer('01JZ00000000000000000000E1', 'ann@example.com')]));
    const index = new BlindIndex(randomBytes(32));
    await rebuildBlindIndexes(test.db.knex, { cipher: fieldProtection().cipher, index });
    const names = (await test.db.knex('name_prefixes').distinct('name')).map((row: { name: string }) => row.name).sort();
    expect(names).toEqual([index.namePrefix('name', 'ann'), index.namePrefix('name', 'lee')].sort());
    expect(await prefixesOf(index.namePrefix('name', 'lee'))).toEqual([...index.nameWithPrefixes('name', 'lee')!.prefixes].sort());
  });
});
