import type { Knex } from 'knex';
import type { BlindIndex, TermKind } from './blind-index';
import type { GoldenFields } from './customer-columns';
import { insertRows } from './dialect';

/**
 * The `customer_terms` blind index: keyed digests of each golden customer's emails, phones and
 * name prefixes. Whoever writes a customer's golden fields replaces its terms in the same
 * transaction (resolution, full or incremental, which also serves steward actions); erasure
 * deletes them with the customer.
 */
export async function replaceCustomerTerms(trx: Knex, index: BlindIndex, customers: readonly { id: string; fields: GoldenFields }[]): Promise<void> {
  if (customers.length === 0) return;
  await deleteCustomerTerms(trx, customers.map((c) => c.id));
  await insertCustomerTerms(trx, index, customers);
}

/** Writes the terms of customers that have none stored (new ones, or whose terms were just deleted). */
export async function insertCustomerTerms(trx: Knex, index: BlindIndex, customers: readonly { id: string; fields: GoldenFields }[]): Promise<void> {
  const rows = customers.flatMap(({ id, fields }) => index.customerTerms(fields).map((term) => ({ digest: term.digest, customer_id: id, kind: term.kind })));
  await insertRows(trx, 'customer_terms', rows);
}

export async function deleteCustomerTerms(trx: Knex, customerIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < customerIds.length; i += 1000) deleted += await trx('customer_terms').whereIn('customer_id', customerIds.slice(i, i + 1000) as string[]).delete();
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

/** Customers that hold at least one term of a kind (or none, with `holds` false). */
export function whereHasKind(query: Knex.QueryBuilder, knex: Knex, kind: TermKind, holds: boolean): Knex.QueryBuilder {
  const subquery = function ofKind(this: Knex.QueryBuilder) {
    this.select(knex.raw('1')).from('customer_terms as ck').whereRaw('?? = ??', ['ck.customer_id', 'customers.id']).where('ck.kind', kind);
  };
  return holds ? query.whereExists(subquery) : query.whereNotExists(subquery);
}
