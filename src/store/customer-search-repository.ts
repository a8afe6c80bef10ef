import type { Knex } from 'knex';
import { nameKey, toCustomer, type Customer } from './customer-columns';
import { likeLiteral } from './dialect';
import { applyCustomerScope, type RowScope } from './row-scope';

/** What the search looks for, already normalized by the caller. */
export interface CustomerSearch {
  /** Normalized email, when the query is one. */
  email?: string;
  /** E.164 phone, when the query is one. */
  phone?: string;
  /** Lower-case name tokens; every token must start the given, family or pinyin name. */
  nameTokens: string[];
}

/** How many name candidates are ranked in code before the best `limit` are kept. */
const CANDIDATES = 500;

/**
 * Customer search with plain portable SQL: exact email or phone matches first, then customers
 * whose names start with every token of the query, ranked by how many tokens match a whole name.
 */
export class CustomerSearchRepository {
  constructor(private readonly knex: Knex) {}

  private live(scope?: RowScope): Knex.QueryBuilder {
    return applyCustomerScope(this.knex('customers').whereNull('customers.merged_into').whereNull('customers.deleted_at'), scope).select('customers.*');
  }

  async search(search: CustomerSearch, limit: number, scope?: RowScope): Promise<Customer[]> {
    const found = new Map<string, Customer>();
    const contact = (column: string, value: string) =>
      this.live(scope).whereRaw("?? like ? escape '!'", [column, `%${likeLiteral(JSON.stringify(value))}%`]).orderBy('customers.id').limit(limit);
    if (search.email !== undefined) for (const row of await contact('customers.emails', search.email)) found.set(String(row.id), toCustomer(row));
    if (search.phone !== undefined) for (const row of await contact('customers.phones', search.phone)) found.set(String(row.id), toCustomer(row));
    if (search.nameTokens.length > 0 && found.size < limit) {
      const query = this.live(scope);
      for (const token of search.nameTokens) {
        const pattern = `${likeLiteral(token)}%`;
        query.where((any) =>
          any
            .whereRaw("?? like ? escape '!'", ['customers.family_name_key', pattern])
            .orWhereRaw("?? like ? escape '!'", ['customers.given_name_key', pattern])
            .orWhereRaw("lower(??) like ? escape '!'", ['customers.family_name_pinyin', pattern])
            .orWhereRaw("lower(??) like ? escape '!'", ['customers.given_name_pinyin', pattern]),
        );
      }
      const rows: Record<string, unknown>[] = await query.orderBy('customers.id').limit(CANDIDATES);
      const ranked = rows
        .map((row) => ({ customer: toCustomer(row), score: wholeNameMatches(row, search.nameTokens) }))
        .sort((a, b) => b.score - a.score || nameKey(a.customer.familyName).localeCompare(nameKey(b.customer.familyName)) || (a.customer.id < b.customer.id ? -1 : 1));
      for (const { customer } of ranked) if (!found.has(customer.id)) found.set(customer.id, customer);
    }
    return [...found.values()].slice(0, limit);
  }
}

/** Tokens equal to a whole name (given, family or their pinyin): "li" ranks Li above Lina. */
function wholeNameMatches(row: Record<string, unknown>, tokens: readonly string[]): number {
  const names = new Set([row.family_name_key, row.given_name_key, row.family_name_pinyin, row.given_name_pinyin].map((v) => String(v ?? '').toLowerCase()));
  return tokens.filter((token) => names.has(token)).length;
}
