import type { Knex } from 'knex';
import { consentsByCustomer, type CustomerConsent } from './customer-consent-repository';
import { toCustomer, type Customer } from './customer-columns';
import { applyCustomerFilter, applyKeyset, sortValueOf, type CustomerFilter, type CustomerOrder, type KeysetPosition } from './customer-query';
import { fieldProtection, type FieldProtection } from './field-protection';
import { applyCustomerScope, type RowScope } from './row-scope';

export { goldenToColumns, toCustomer, type Customer, type GoldenFields } from './customer-columns';

export interface CustomerPage {
  customers: Customer[];
  hasNextPage: boolean;
}

/** Reads golden customers. Writing them is resolution's job (see ResolutionRepository). */
export class CustomerRepository {
  private readonly toCustomer: (row: Record<string, unknown>) => Customer;

  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {
    this.toCustomer = (row) => toCustomer(row, protection.cipher);
  }

  private live(scope?: RowScope): Knex.QueryBuilder {
    return applyCustomerScope(this.knex('customers').whereNull('merged_into').whereNull('deleted_at'), scope);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Customer>> {
    const found = new Map<string, Customer>();
    if (ids.length === 0) return found;
    const rows = await this.knex('customers').whereIn('id', ids as string[]);
    for (const row of rows) found.set(String(row.id), this.toCustomer(row));
    return found;
  }

  /**
   * Follows `merged_into` from a retired id to the customer that absorbed it. Out-of-scope
   * customers are indistinguishable from missing ones.
   */
  async findLive(id: string, scope?: RowScope): Promise<Customer | undefined> {
    let currentId = id;
    for (let hops = 0; hops < 32; hops += 1) {
      const row = await this.knex('customers').where({ id: currentId }).first();
      if (!row) return undefined;
      const customer = this.toCustomer(row);
      if (customer.mergedInto === null) {
        if (customer.deletedAt) return undefined;
        if (!scope || (!scope.countries && !scope.sources)) return customer;
        const visible = await this.live(scope).where('customers.id', customer.id).first('customers.id');
        return visible ? customer : undefined;
      }
      currentId = customer.mergedInto;
    }
    return undefined;
  }

  /**
   * The live customer a source record resolved into, by the record's source key; within the
   * scope (a `sources` scope must include the record's source).
   */
  async findBySourceKey(source: string, externalId: string, scope?: RowScope): Promise<Customer | undefined> {
    if (scope?.sources && !scope.sources.includes(source)) return undefined;
    const link = await this.knex('source_records as r')
      .join('customer_links as l', 'l.source_record_id', 'r.id')
      .where({ 'r.source': source, 'r.external_id': externalId })
      .first('l.customer_id');
    return link ? this.findLive(String(link.customer_id), scope) : undefined;
  }

  /**
   * Many ids at once, each answered like `findLive` (retired ids follow `merged_into`, out of
   * scope reads as missing). Live ids cost one query for the whole batch; only retired ids are
   * followed one by one.
   */
  async findLiveMany(ids: readonly string[], scope?: RowScope): Promise<Map<string, Customer>> {
    const found = new Map<string, Customer>();
    if (ids.length === 0) return found;
    const rows = await this.live(scope).select('customers.*').whereIn('customers.id', ids as string[]);
    for (const row of rows) found.set(String(row.id), this.toCustomer(row));
    for (const id of ids) {
      if (found.has(id)) continue;
      const survivor = await this.findLive(id, scope);
      if (survivor) found.set(id, survivor);
    }
    return found;
  }

  /** Keyset rows over live customers ordered by id, `first + 1` of them: stable under concurrent inserts. */
  async pageRows(first: number, afterId?: string, scope?: RowScope): Promise<Customer[]> {
    const query = this.live(scope).select('customers.*').orderBy('customers.id').limit(first + 1);
    if (afterId !== undefined) query.where('customers.id', '>', afterId);
    return (await query).map(this.toCustomer);
  }

  async page(first: number, afterId?: string, scope?: RowScope): Promise<CustomerPage> {
    const rows = await this.pageRows(first, afterId, scope);
    return { customers: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /**
   * Up to `limit` live customers matching the filter, in `order` (id breaks ties), strictly after
   * `after`; each with its keyset position for cursors.
   */
  async listOrdered(options: { filter?: CustomerFilter; order: CustomerOrder; after?: KeysetPosition; limit: number; scope?: RowScope }): Promise<{ customer: Customer; position: KeysetPosition }[]> {
    const query = applyCustomerFilter(this.live(options.scope).select('customers.*'), options.filter, this.knex, this.protection.index);
    applyKeyset(query, this.knex, options.order, options.after).limit(options.limit);
    return (await query).map((row: Record<string, unknown>) => ({ customer: this.toCustomer(row), position: { value: sortValueOf(row, options.order.field), id: String(row.id) } }));
  }

  async countMatching(filter: CustomerFilter | undefined, scope?: RowScope): Promise<number> {
    const row = await applyCustomerFilter(this.live(scope), filter, this.knex, this.protection.index).count<{ n: number }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async countLive(scope?: RowScope): Promise<number> {
    const row = await this.live(scope).count<{ n: number }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Streams every live customer with the keys of its source records, for export. */
  async *iterateWithSourceKeys(
    batchSize = 1000,
  ): AsyncIterable<Customer & { sourceKeys: { source: string; externalId: string }[]; consents: CustomerConsent[] }> {
    let after: string | undefined;
    for (;;) {
      const { customers, hasNextPage } = await this.page(batchSize, after);
      if (customers.length === 0) return;
      const links = await this.knex('customer_links as l')
        .join('source_records as r', 'r.id', 'l.source_record_id')
        .select('l.customer_id', 'r.source', 'r.external_id')
        .whereIn(
          'l.customer_id',
          customers.map((c) => c.id),
        )
        .where('r.status', 'active')
        .orderBy(['r.source', 'r.external_id']);
      const keys = new Map<string, { source: string; externalId: string }[]>();
      for (const link of links) {
        const list = keys.get(link.customer_id) ?? [];
        list.push({ source: String(link.source), externalId: String(link.external_id) });
        keys.set(link.customer_id, list);
      }
      const consents = await consentsByCustomer(this.knex, customers.map((c) => c.id));
      for (const customer of customers) yield { ...customer, sourceKeys: keys.get(customer.id) ?? [], consents: consents.get(customer.id) ?? [] };
      if (!hasNextPage) return;
      after = customers[customers.length - 1]?.id;
    }
  }
}
