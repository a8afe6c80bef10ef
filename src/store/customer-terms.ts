import type { Knex } from 'knex';
import type { BlindIndex, TermKind } from './blind-index';
import type { GoldenFields } from './customer-columns';
import { insertRows, upsertRows } from './bulk-rows';
import { createIndexIfMissing, dropIndexIfExists } from './dialect';

/**
 * The `customer_terms` blind index: keyed digests of each golden customer's emails, phones and
 * whole names; and `name_prefixes`, the digests of every prefix of each distinct name, kept once
 * per name rather than once per customer (a name prefix query goes from prefix to names to
 * customers). Whoever writes a customer's golden fields replaces its terms in the same
 * transaction (resolution, full or incremental, which also serves steward actions) and adds the
 * prefixes of names not stored yet; erasure deletes the terms with the customer, and the prefixes
 * of names no other customer has.
 */

/**
 * Look-ups by digest go through this index (the primary key is customer id, digest). It holds the
 * kind too, so a look-up of names or of emails never reads the table's rows: a name prefix common
 * to thousands of customers was answered 1.5 to 6 times faster than with the digest alone.
 */
const DIGEST_INDEX = 'customer_terms_digest';
const DIGEST_INDEX_COLUMNS = ['digest', 'kind'];
/** Customer ids (or id and digest pairs) per `where … in (…)`. */
const PER_STATEMENT = 1000;
const NAME_KINDS: readonly TermKind[] = ['name', 'pinyin'];
const NAME_PREFIX_KEY = ['prefix', 'name'];

/**
 * Drops the digest index before a bulk write of terms into a (nearly) empty table; the rows then
 * append to the primary key in customer order. `restoreTermDigestIndex` builds it again by
 * sorting. Without it every look-up still finds the same rows, only by scanning.
 */
export async function dropTermDigestIndex(knex: Knex): Promise<void> {
  await dropIndexIfExists(knex, 'customer_terms', DIGEST_INDEX);
}

/** Builds the digest index unless it is there: after a bulk write, and before every write in case one was interrupted. */
export async function restoreTermDigestIndex(knex: Knex): Promise<void> {
  await createIndexIfMissing(knex, 'customer_terms', DIGEST_INDEX, DIGEST_INDEX_COLUMNS);
}

export async function replaceCustomerTerms(trx: Knex.Transaction, index: BlindIndex, customers: readonly { id: string; fields: GoldenFields }[]): Promise<void> {
  if (customers.length === 0) return;
  await deleteCustomerTerms(trx, customers.map((c) => c.id));
  await insertTermRows(
    trx,
    customers.flatMap(({ id, fields }) => customerTermRows(index, id, fields)),
  );
  const names = new Set<string>();
  await writeNamePrefixes(trx, customers.flatMap(({ fields }) => namePrefixRows(index, fields, names)));
}

/** The `customer_terms` rows of one customer. */
export function customerTermRows(index: BlindIndex, customerId: string, fields: GoldenFields): Record<string, unknown>[] {
  return index.customerTerms(fields).map((term) => ({ digest: term.digest, customer_id: customerId, kind: term.kind }));
}

/**
 * The `name_prefixes` rows of a customer's names that are not in `written` (names this run has
 * written already), which it adds them to.
 */
export function namePrefixRows(index: BlindIndex, fields: GoldenFields, written: Set<string>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const { name, prefixes } of index.customerNames(fields, written)) {
    written.add(name);
    for (const prefix of prefixes) rows.push({ prefix, name });
  }
  return rows;
}

/**
 * Stores the prefix rows of names not stored yet: a name seen by an earlier run (most names, in
 * an incremental one) already has all its prefixes. Rows another writer stored meanwhile are
 * left as they are (upserted, not inserted).
 */
export async function writeNamePrefixes(trx: Knex.Transaction, rows: Record<string, unknown>[]): Promise<void> {
  const names = [...new Set(rows.map((row) => String(row.name)))];
  const stored = new Set<string>();
  for (let i = 0; i < names.length; i += PER_STATEMENT) {
    for (const row of await trx('name_prefixes').distinct('name').whereIn('name', names.slice(i, i + PER_STATEMENT))) stored.add(String(row.name));
  }
  const key = (row: Record<string, unknown>): string => `${String(row.prefix)}\u0000${String(row.name)}`;
  const missing = rows.filter((row) => !stored.has(String(row.name))).map((row) => [key(row), row] as const);
  missing.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await upsertRows(trx, 'name_prefixes', missing.map(([, row]) => row), NAME_PREFIX_KEY, ['name']);
}

/** The whole-name digests among the terms of these customers. */
export async function nameDigestsOf(trx: Knex, customerIds: readonly string[]): Promise<string[]> {
  const digests = new Set<string>();
  for (let i = 0; i < customerIds.length; i += PER_STATEMENT) {
    const rows = await trx('customer_terms').whereIn('customer_id', customerIds.slice(i, i + PER_STATEMENT) as string[]).whereIn('kind', NAME_KINDS as string[]).select('digest');
    for (const row of rows) digests.add(String(row.digest));
  }
  return [...digests];
}

/**
 * Deletes the prefixes of names no customer has any more: of the given names (after an erasure),
 * or of every stored name (after the blind index was rebuilt under a new key).
 */
export async function forgetUnusedNames(trx: Knex, names?: readonly string[]): Promise<number> {
  const unused = (query: Knex.QueryBuilder): Knex.QueryBuilder =>
    query.whereNotExists(function held(this: Knex.QueryBuilder) {
      this.select(trx.raw('1')).from('customer_terms').whereRaw('?? = ??', ['customer_terms.digest', 'name_prefixes.name']);
    });
  if (names === undefined) return unused(trx('name_prefixes')).delete();
  let deleted = 0;
  for (let i = 0; i < names.length; i += PER_STATEMENT) deleted += await unused(trx('name_prefixes').whereIn('name', names.slice(i, i + PER_STATEMENT) as string[])).delete();
  return deleted;
}

/**
 * Writes the terms of a batch of customers: every row of new customers; of `rewritten` ones (whose
 * terms are stored) only the rows that differ from the stored ones. A changed customer mostly keeps
 * its name prefixes; rewriting them all would put thousands of rows back into the digest index.
 */
export async function writeCustomerTerms(trx: Knex, rows: Record<string, unknown>[], rewritten: readonly string[]): Promise<void> {
  const key = (customerId: unknown, digest: unknown): string => `${String(customerId)}\u0000${String(digest)}`;
  const stored = new Set<string>();
  for (let i = 0; i < rewritten.length; i += PER_STATEMENT) {
    for (const row of await trx('customer_terms').select('customer_id', 'digest').whereIn('customer_id', rewritten.slice(i, i + PER_STATEMENT) as string[])) stored.add(key(row.customer_id, row.digest));
  }
  const wanted = new Set(rows.map((row) => key(row.customer_id, row.digest)));
  const gone = [...stored].filter((k) => !wanted.has(k)).map((k) => k.split('\u0000') as [string, string]);
  for (let i = 0; i < gone.length; i += PER_STATEMENT) await trx('customer_terms').whereIn(['customer_id', 'digest'], gone.slice(i, i + PER_STATEMENT)).delete();
  await insertTermRows(
    trx,
    rows.filter((row) => !stored.has(key(row.customer_id, row.digest))),
  );
}

/** Inserts term rows in primary key order: the rows of a batch land next to each other rather than spread over the tree. */
export async function insertTermRows(trx: Knex, rows: Record<string, unknown>[]): Promise<void> {
  const key = (row: Record<string, unknown>): string => `${String(row.customer_id)}\u0000${String(row.digest)}`;
  const keyed = rows.map((row) => [key(row), row] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await insertRows(trx, 'customer_terms', keyed.map(([, row]) => row));
}

export async function deleteCustomerTerms(trx: Knex, customerIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < customerIds.length; i += PER_STATEMENT) deleted += await trx('customer_terms').whereIn('customer_id', customerIds.slice(i, i + PER_STATEMENT) as string[]).delete();
  return deleted;
}

/** Narrows a query over `customers` to those holding one of the digests (of the given kind, if any). */
export function whereHasTerm(query: Knex.QueryBuilder, knex: Knex, digests: readonly string[], kind?: TermKind): Knex.QueryBuilder {
  return query.whereExists(function holdsTerm(this: Knex.QueryBuilder) {
    this.select(knex.raw('1'))
      .from('customer_terms as ct')
      .whereRaw('?? = ??', ['ct.customer_id', 'customers.id'])
      .whereIn('ct.digest', digests as string[]);
    if (kind) this.where('ct.kind', kind);
  });
}

/**
 * Narrows a query over `customers` to those with a name (of the given kind, if any) that starts
 * with one of the prefixes, given as digests (BlindIndex.namePrefix).
 */
export function whereHasNamePrefix(query: Knex.QueryBuilder, knex: Knex, prefixes: readonly string[], kind?: 'name' | 'pinyin'): Knex.QueryBuilder {
  return query.whereExists(function holdsName(this: Knex.QueryBuilder) {
    this.select(knex.raw('1'))
      .from('customer_terms as cn')
      .join('name_prefixes as np', 'np.name', 'cn.digest')
      .whereRaw('?? = ??', ['cn.customer_id', 'customers.id'])
      .whereIn('np.prefix', prefixes as string[]);
    if (kind) this.where('cn.kind', kind);
  });
}

/** Customers that hold at least one term of a kind (or none, with `holds` false). */
export function whereHasKind(query: Knex.QueryBuilder, knex: Knex, kind: TermKind, holds: boolean): Knex.QueryBuilder {
  const subquery = function ofKind(this: Knex.QueryBuilder) {
    this.select(knex.raw('1')).from('customer_terms as ck').whereRaw('?? = ??', ['ck.customer_id', 'customers.id']).where('ck.kind', kind);
  };
  return holds ? query.whereExists(subquery) : query.whereNotExists(subquery);
}
