import Decimal from 'decimal.js';
import type { Knex } from 'knex';
import { canonicalDecimal } from './customer-columns';
import { applyCustomerFilter, type CustomerFilter } from './customer-query';
import { sumsDecimalsExactly } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { applyCustomerScope, type RowScope } from './row-scope';

export const STATS_DIMENSIONS = ['country', 'source', 'signupMonth'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export interface StatsGroup {
  country?: string | null;
  source?: string | null;
  /** YYYY-MM of the earliest signup (or first load). */
  signupMonth?: string | null;
  customers: number;
  /** Exact decimal string. */
  lifetimeValueSum: string;
}

/** Aggregates over live customers for BI: counts and lifetime value sums per group. */
export class CustomerStatsRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  async groups(dimensions: readonly StatsDimension[], filter: CustomerFilter | undefined, scope?: RowScope): Promise<StatsGroup[]> {
    const knex = this.knex;
    const query = applyCustomerFilter(applyCustomerScope(knex('customers').whereNull('customers.merged_into').whereNull('customers.deleted_at'), scope), filter, knex, this.protection.index);
    const keys: { alias: StatsDimension; expression: Knex.Raw }[] = [];
    for (const dimension of new Set(dimensions)) {
      if (dimension === 'country') keys.push({ alias: dimension, expression: knex.raw('??', ['customers.country']) });
      if (dimension === 'signupMonth') keys.push({ alias: dimension, expression: knex.raw('substr(coalesce(??, ??), 1, 7)', ['customers.first_seen_at', 'customers.created_at']) });
      if (dimension === 'source') {
        // One row per (customer, source): a customer counts once in every source it has records in.
        const pairs = knex('customer_links as sl')
          .join('source_records as sr', 'sr.id', 'sl.source_record_id')
          .distinct('sl.customer_id', 'sr.source');
        if (scope?.sources) pairs.whereIn('sr.source', scope.sources);
        query.join(pairs.as('cs'), 'cs.customer_id', 'customers.id');
        keys.push({ alias: dimension, expression: knex.raw('??', ['cs.source']) });
      }
    }
    const selected = keys.map((key) => knex.raw(`${key.expression.toQuery()} as ??`, [key.alias]));
    if (sumsDecimalsExactly(knex)) {
      query.select(selected).count({ customers: '*' }).sum({ lifetimeValueSum: 'customers.lifetime_value' });
      for (const key of keys) query.groupByRaw(key.expression.toQuery());
      const rows: Record<string, unknown>[] = await query;
      return sortGroups(rows.map((row) => toGroup(row, keys, Number(row.customers), canonicalDecimal(row.lifetimeValueSum) ?? '0')));
    }
    const rows: Record<string, unknown>[] = await query.select([...selected, 'customers.lifetime_value']);
    const groups = new Map<string, { row: Record<string, unknown>; customers: number; sum: Decimal }>();
    for (const row of rows) {
      const id = JSON.stringify(keys.map((key) => row[key.alias] ?? null));
      const group = groups.get(id) ?? { row, customers: 0, sum: new Decimal(0) };
      group.customers += 1;
      if (row.lifetime_value !== null && row.lifetime_value !== undefined && row.lifetime_value !== '') group.sum = group.sum.plus(String(row.lifetime_value));
      groups.set(id, group);
    }
    return sortGroups([...groups.values()].map((group) => toGroup(group.row, keys, group.customers, group.sum.toFixed())));
  }
}

function toGroup(row: Record<string, unknown>, keys: readonly { alias: StatsDimension }[], customers: number, sum: string): StatsGroup {
  const group: StatsGroup = { customers, lifetimeValueSum: sum };
  for (const key of keys) group[key.alias] = row[key.alias] === null || row[key.alias] === undefined ? null : String(row[key.alias]);
  return group;
}

/** Stable order for clients: by the group keys, missing values last. */
function sortGroups(groups: StatsGroup[]): StatsGroup[] {
  const keyOf = (g: StatsGroup): string => [g.country, g.source, g.signupMonth].map((v) => (v === null || v === undefined ? '\uffff' : v)).join('\u0000');
  return groups.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
