import type { Knex } from 'knex';
import { nameKey } from './blind-index';
import { toCustomer, type Customer } from './customer-columns';
import { whereHasNamePrefix, whereHasTerm } from './customer-terms';
import { fieldProtection, type FieldProtection } from './field-protection';
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
 * Customer search over the blind index (names and contacts are encrypted): exact email or phone
 * matches first, then customers whose names start with every token of the query, ranked in code
 * (after decryption) by how many tokens match a whole name.
 */
export class CustomerSearchRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  private live(scope?: RowScope): Knex.QueryBuilder {
    return applyCustomerScope(this.knex('customers').whereNull('customers.merged_into').whereNull('customers.deleted_at'), scope).select('customers.*');
  }

  async search(search: CustomerSearch, limit: number, scope?: RowScope): Promise<Customer[]> {
    const { cipher, index } = this.protection;
    const found = new Map<string, Customer>();
    const contact = (kind: 'email' | 'phone', digest: string) => whereHasTerm(this.live(scope), this.knex, [digest], kind).orderBy('customers.id').limit(limit);
    if (search.email !== undefined) for (const row of await contact('email', index.email(search.email))) found.set(String(row.id), toCustomer(row, cipher));
    if (search.phone !== undefined) for (const row of await contact('phone', index.phone(search.phone))) found.set(String(row.id), toCustomer(row, cipher));
    if (search.nameTokens.length > 0 && found.size < limit) {
      const query = this.live(scope);
      for (const token of search.nameTokens) whereHasNamePrefix(query, this.knex, [index.namePrefix('name', token), index.namePrefix('pinyin', token)]);
      const rows: Record<string, unknown>[] = await query.orderBy('customers.id').limit(CANDIDATES);
      const ranked = rows
        .map((row) => {
          const customer = toCustomer(row, cipher);
          return { customer, score: wholeNameMatches(customer, search.nameTokens) };
        })
        .sort((a, b) => b.score - a.score || nameKey(a.customer.familyName).localeCompare(nameKey(b.customer.familyName)) || (a.customer.id < b.customer.id ? -1 : 1));
      for (const { customer } of ranked) if (!found.has(customer.id)) found.set(customer.id, customer);
    }
    return [...found.values()].slice(0, limit);
  }
}

/** Tokens equal to a whole name (given, family or their pinyin): "li" ranks Li above Lina. */
function wholeNameMatches(customer: Customer, tokens: readonly string[]): number {
  const names = new Set([customer.familyName, customer.givenName, customer.familyNamePinyin, customer.givenNamePinyin].map(nameKey));
  return tokens.filter((token) => names.has(token)).length;
}
