import type { Knex } from 'knex';
import type { BlindIndex } from './blind-index';
import { whereHasKind, whereHasNamePrefix, whereHasTerm } from './customer-terms';
import { decimalParameter, decimalSortExpression, toDbTime } from './dialect';

/** What a customer list can be narrowed to. Every condition is optional; all given must hold. */
export interface CustomerFilter {
  countries?: string[];
  /** At least one linked record from one of these sources. */
  sources?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  hasEmail?: boolean;
  /** Decimal strings. */
  lifetimeValueMin?: string;
  lifetimeValueMax?: string;
  /** Normalized email / E.164 phone: matches any of the customer's values. */
  email?: string;
  phone?: string;
  /** Prefix of the given or family name, any case (the first 32 characters count). */
  namePrefix?: string;
  /** true: the current consent on the channel is a grant; false: it is not (withdrawn or never stated). */
  emailMarketingConsent?: boolean;
  smsMarketingConsent?: boolean;
}

/** Orderings the database can compute. Names are encrypted, so ordering by name is not one of them. */
export const CUSTOMER_ORDER_FIELDS = ['id', 'createdAt', 'updatedAt', 'lifetimeValue'] as const;
export type CustomerOrderField = (typeof CUSTOMER_ORDER_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export interface CustomerOrder {
  field: CustomerOrderField;
  direction: SortDirection;
}

/** A keyset position: the sort value of a row (as text) and its id, the tiebreaker. */
export interface KeysetPosition {
  value: string;
  id: string;
}

/** Applies a filter to a query over `customers`; contact and name conditions go through the blind index. */
export function applyCustomerFilter(query: Knex.QueryBuilder, filter: CustomerFilter | undefined, knex: Knex, index: BlindIndex): Knex.QueryBuilder {
  if (!filter) return query;
  if (filter.countries) query.whereIn('customers.country', filter.countries);
  if (filter.sources) {
    const sources = filter.sources;
    query.whereExists(function fromSource(this: Knex.QueryBuilder) {
      this.select(knex.raw('1'))
        .from('customer_links as filter_l')
        .join('source_records as filter_r', 'filter_r.id', 'filter_l.source_record_id')
        .whereRaw('?? = ??', ['filter_l.customer_id', 'customers.id'])
        .whereIn('filter_r.source', sources);
    });
  }
  if (filter.createdFrom) query.where('customers.created_at', '>=', toDbTime(filter.createdFrom));
  if (filter.createdTo) query.where('customers.created_at', '<', toDbTime(filter.createdTo));
  if (filter.updatedFrom) query.where('customers.updated_at', '>=', toDbTime(filter.updatedFrom));
  if (filter.updatedTo) query.where('customers.updated_at', '<', toDbTime(filter.updatedTo));
  if (filter.hasEmail !== undefined) whereHasKind(query, knex, 'email', filter.hasEmail);
  const lifetimeValue = decimalSortExpression(knex, 'customers.lifetime_value');
  if (filter.lifetimeValueMin !== undefined || filter.lifetimeValueMax !== undefined) query.whereNotNull('customers.lifetime_value');
  if (filter.lifetimeValueMin !== undefined) query.where(lifetimeValue, '>=', decimalParameter(knex, filter.lifetimeValueMin));
  if (filter.lifetimeValueMax !== undefined) query.where(lifetimeValue, '<=', decimalParameter(knex, filter.lifetimeValueMax));
  if (filter.email !== undefined) whereHasTerm(query, knex, [index.email(filter.email)], 'email');
  if (filter.phone !== undefined) whereHasTerm(query, knex, [index.phone(filter.phone)], 'phone');
  if (filter.namePrefix !== undefined) {
    // An empty prefix matches every name, as `like '%'` did.
    if (filter.namePrefix.trim() !== '') whereHasNamePrefix(query, knex, [index.namePrefix('name', filter.namePrefix)], 'name');
  }
  if (filter.emailMarketingConsent !== undefined) applyConsentFilter(query, knex, 'email_marketing', filter.emailMarketingConsent);
  if (filter.smsMarketingConsent !== undefined) applyConsentFilter(query, knex, 'sms_marketing', filter.smsMarketingConsent);
  return query;
}

/** Customers with (or, for false, without) a granted consent row on the channel. */
function applyConsentFilter(query: Knex.QueryBuilder, knex: Knex, channel: string, granted: boolean): void {
  const grant = function grantOnChannel(this: Knex.QueryBuilder): void {
    this.select(knex.raw('1'))
      .from('customer_consents as filter_c')
      .whereRaw('?? = ??', ['filter_c.customer_id', 'customers.id'])
      .where({ 'filter_c.channel': channel, 'filter_c.granted': 1 });
  };
  if (granted) query.whereExists(grant);
  else query.whereNotExists(grant);
}

/** The SQL expression a field orders by, and how a row's value of it is written into a cursor. */
function sortExpression(knex: Knex, field: CustomerOrderField): Knex.Raw {
  switch (field) {
    case 'id':
      return knex.raw('??', ['customers.id']);
    case 'createdAt':
      return knex.raw('??', ['customers.created_at']);
    case 'updatedAt':
      return knex.raw('??', ['customers.updated_at']);
    case 'lifetimeValue':
      return decimalSortExpression(knex, 'customers.lifetime_value');
  }
}

function sortParameter(knex: Knex, field: CustomerOrderField, value: string): Knex.Raw {
  return field === 'lifetimeValue' ? decimalParameter(knex, value) : knex.raw('?', [value]);
}

/** The cursor value of a stored row for an ordering (the raw column, as text). */
export function sortValueOf(row: Record<string, unknown>, field: CustomerOrderField): string {
  switch (field) {
    case 'id':
      return String(row.id);
    case 'createdAt':
      return timeText(row.created_at);
    case 'updatedAt':
      return timeText(row.updated_at);
    case 'lifetimeValue':
      return row.lifetime_value === null || row.lifetime_value === undefined ? '0' : String(row.lifetime_value);
  }
}

function timeText(value: unknown): string {
  return value instanceof Date ? toDbTime(value) : String(value);
}

/**
 * Orders a query by (field, id) in `direction` and starts it strictly after `after`: a keyset
 * condition, so rows inserted or changed elsewhere in the list never shift the rows after it.
 */
export function applyKeyset(query: Knex.QueryBuilder, knex: Knex, order: CustomerOrder, after: KeysetPosition | undefined): Knex.QueryBuilder {
  const expression = sortExpression(knex, order.field);
  const comparison = order.direction === 'asc' ? '>' : '<';
  if (after) {
    if (order.field === 'id') query.where('customers.id', comparison, after.id);
    else {
      const value = sortParameter(knex, order.field, after.value);
      query.where((outer) =>
        outer.where(expression, comparison, value).orWhere((tie) => tie.where(expression, '=', value).andWhere('customers.id', comparison, after.id)),
      );
    }
  }
  if (order.field !== 'id') query.orderByRaw(`${expression.toQuery()} ${order.direction}`);
  return query.orderBy('customers.id', order.direction);
}
