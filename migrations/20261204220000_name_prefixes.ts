import type { Knex } from 'knex';
import { insertRows } from '../src/store/bulk-rows';
import { parseJsonColumn } from '../src/store/dialect';
import { fieldProtection } from '../src/store/field-protection';

/**
 * Name prefixes kept once per distinct name instead of once per customer. `customer_terms` held a
 * digest of every prefix of every customer's given, family and pinyin names (about ten rows a
 * customer); now it holds each name whole, and `name_prefixes` maps the digest of each prefix to
 * the digests of the names that start with it. A prefix query goes prefix → names → customers and
 * finds the same customers.
 *
 * Existing customers' names are read with the process's data keys (only when there are rows) to
 * tell their whole names from their prefixes. Each step skips what is done, so a migration stopped
 * half way finishes when run again.
 */

/**
 * Not run inside one transaction: MySQL commits the table's creation at once, which would leave the
 * batches below outside any transaction; each batch runs in a transaction of its own instead.
 */
export const config = { transaction: false };

const BATCH = 500;
const NAME_KINDS = ['name', 'pinyin'];
/** Names per `where … in (…)`. */
const PER_STATEMENT = 1000;

interface Names {
  givenName?: string | null;
  familyName?: string | null;
  givenNamePinyin?: string | null;
  familyNamePinyin?: string | null;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('name_prefixes'))) {
    await knex.schema.createTable('name_prefixes', (t) => {
      t.string('prefix', 32).notNullable();
      t.string('name', 32).notNullable();
      t.primary(['prefix', 'name']);
      t.index(['name'], 'name_prefixes_name');
    });
  }
  if (!(await knex('customer_terms').whereIn('kind', NAME_KINDS).first('digest'))) return;
  const stored = new Set<string>();
  for (let after = ''; ; ) {
    const customers: { id: string; personal: string | null }[] = await knex('customers')
      .select('id', 'personal')
      .whereNull('merged_into')
      .whereNull('deleted_at')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (customers.length === 0) break;
    after = customers[customers.length - 1]!.id;
    const { cipher, index } = fieldProtection();
    const wholeNames = new Map<string, Set<string>>();
    const prefixRows: Record<string, unknown>[] = [];
    for (const customer of customers) {
      const names = index.customerNames(namesOf(parseJsonColumn<Names>(cipher.open(customer.personal), {})));
      wholeNames.set(customer.id, new Set(names.map((entry) => entry.name)));
      for (const { name, prefixes } of names) {
        if (stored.has(name)) continue;
        stored.add(name);
        for (const prefix of prefixes) prefixRows.push({ prefix, name });
      }
    }
    await insertMissingPrefixes(knex, prefixRows);
    // A customer keeps the name terms that are whole names. Deleting the batch's name terms and
    // inserting those back runs on the primary key's customer ranges (a delete per (customer,
    // digest) pair was about 60 times slower); one transaction, so a stop loses none of them.
    const ids = [...wholeNames.keys()];
    await knex.transaction(async (trx) => {
      const terms: { customer_id: string; digest: string; kind: string }[] = await trx('customer_terms').select('customer_id', 'digest', 'kind').whereIn('customer_id', ids).whereIn('kind', NAME_KINDS);
      const kept = terms.filter((term) => wholeNames.get(term.customer_id)?.has(term.digest));
      if (kept.length === terms.length) return;
      await trx('customer_terms').whereIn('customer_id', ids).whereIn('kind', NAME_KINDS).delete();
      await insertRows(trx, 'customer_terms', kept);
    });
  }
}

function namesOf(personal: Names): { givenName: string | null; familyName: string | null; givenNamePinyin: string | null; familyNamePinyin: string | null } {
  return {
    givenName: personal.givenName ?? null,
    familyName: personal.familyName ?? null,
    givenNamePinyin: personal.givenNamePinyin ?? null,
    familyNamePinyin: personal.familyNamePinyin ?? null,
  };
}

/** Inserts the rows of names not stored yet (a stopped run may have stored some). */
async function insertMissingPrefixes(knex: Knex, rows: Record<string, unknown>[]): Promise<void> {
  const names = [...new Set(rows.map((row) => String(row.name)))];
  const present = new Set<string>();
  for (let i = 0; i < names.length; i += PER_STATEMENT) {
    for (const row of await knex('name_prefixes').distinct('name').whereIn('name', names.slice(i, i + PER_STATEMENT))) present.add(String(row.name));
  }
  await insertRows(
    knex,
    'name_prefixes',
    rows.filter((row) => !present.has(String(row.name))),
  );
}

/** Every customer gets the prefixes of its names back as terms of its own. */
export async function down(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('name_prefixes'))) return;
  await knex.raw(
    `insert into customer_terms (digest, customer_id, kind)
     select distinct np.prefix, ct.customer_id, ct.kind from customer_terms ct join name_prefixes np on np.name = ct.digest
     where ct.kind in ('name', 'pinyin')
       and not exists (select 1 from customer_terms x where x.customer_id = ct.customer_id and x.digest = np.prefix)`,
  );
  await knex.schema.dropTable('name_prefixes');
}
