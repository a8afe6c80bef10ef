import { normalizePhone } from '../normalize/phone';
import type { CustomerFilter as StoredFilter, CustomerOrder as StoredOrder, KeysetPosition } from '../store/customer-query';
import { decodeCursor, encodeCursor } from './cursor';
import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
import type { PageInfo } from './types/connection';
import { CustomerOrderField, OrderDirection, type CustomerFilter, type CustomerOrder } from './types/customer-filter';

export interface CustomerPageArgs {
  filter?: CustomerFilter | null;
  orderBy?: CustomerOrder | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What to ask the store for: the order to read in (reversed for `last`), where to start, how many. */
export interface CustomerPageRequest {
  filter: StoredFilter;
  order: StoredOrder;
  readOrder: StoredOrder;
  start?: KeysetPosition;
  size: number;
  backward: boolean;
}

const ORDER_FIELDS: Record<CustomerOrderField, StoredOrder['field']> = {
  [CustomerOrderField.ID]: 'id',
  [CustomerOrderField.CREATED_AT]: 'createdAt',
  [CustomerOrderField.UPDATED_AT]: 'updatedAt',
  [CustomerOrderField.LIFETIME_VALUE]: 'lifetimeValue',
};

function orderKey(order: StoredOrder): string {
  return `${order.field}:${order.direction}`;
}

function checkSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}, got ${value} (${MAX_PAGE_SIZE} is the maximum page size)`, argument);
  }
  return value;
}

/**
 * Cursors are opaque: base64url JSON of the ordering they belong to, the row's sort value and
 * id. A cursor used with another ordering is refused rather than silently misread.
 */
function positionOf(cursor: string, argument: 'after' | 'before', order: StoredOrder): KeysetPosition {
  const key = decodeCursor(cursor, argument);
  if (typeof key.id !== 'string' || typeof key.v !== 'string' || typeof key.o !== 'string') throw badUserInput(`"${argument}" is not a cursor returned by this API`, argument);
  if (key.o !== orderKey(order)) throw badUserInput(`"${argument}" is a cursor of another ordering (${key.o}); page with the orderBy it came from`, argument);
  return { value: key.v, id: key.id };
}

export function storedFilter(filter: CustomerFilter | null | undefined): StoredFilter {
  const stored: StoredFilter = {};
  if (!filter) return stored;
  if (filter.country) stored.countries = filter.country.map((c) => c.toUpperCase());
  if (filter.source) stored.sources = filter.source;
  if (filter.createdAt?.from) stored.createdFrom = filter.createdAt.from;
  if (filter.createdAt?.to) stored.createdTo = filter.createdAt.to;
  if (filter.updatedAt?.from) stored.updatedFrom = filter.updatedAt.from;
  if (filter.updatedAt?.to) stored.updatedTo = filter.updatedAt.to;
  if (filter.hasEmail !== null && filter.hasEmail !== undefined) stored.hasEmail = filter.hasEmail;
  if (filter.lifetimeValue?.min) stored.lifetimeValueMin = filter.lifetimeValue.min;
  if (filter.lifetimeValue?.max) stored.lifetimeValueMax = filter.lifetimeValue.max;
  if (filter.email) stored.email = filter.email;
  if (filter.phone) {
    const phone = normalizePhone(filter.phone);
    if (!phone.ok) throw badUserInput(`filter.phone: ${phone.message}`, 'filter.phone');
    stored.phone = phone.value.e164;
  }
  if (filter.namePrefix && filter.namePrefix.trim() !== '') stored.namePrefix = filter.namePrefix;
  if (filter.emailMarketingConsent != null) stored.emailMarketingConsent = filter.emailMarketingConsent;
  if (filter.smsMarketingConsent != null) stored.smsMarketingConsent = filter.smsMarketingConsent;
  return stored;
}

/** Turns the Relay arguments into a store request, refusing contradictory or oversized ones. */
export function customerPageRequest(args: CustomerPageArgs): CustomerPageRequest {
  if (args.first != null && args.last != null) throw badUserInput('give "first" or "last", not both', 'last');
  const order: StoredOrder = {
    field: ORDER_FIELDS[args.orderBy?.field ?? CustomerOrderField.ID],
    direction: args.orderBy?.direction === OrderDirection.DESC ? 'desc' : 'asc',
  };
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = backward ? checkSize(args.last ?? DEFAULT_PAGE_SIZE, 'last') : checkSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  const readOrder: StoredOrder = backward ? { field: order.field, direction: order.direction === 'asc' ? 'desc' : 'asc' } : order;
  const cursor = backward ? args.before : args.after;
  const request: CustomerPageRequest = { filter: storedFilter(args.filter), order, readOrder, size, backward };
  if (cursor) request.start = positionOf(cursor, backward ? 'before' : 'after', order);
  return request;
}

/** Builds the page from `size + 1` rows read in `readOrder`: the extra row only says more follow. */
export function customerPage<T>(request: CustomerPageRequest, rows: { customer: T; position: KeysetPosition }[]): { edges: { cursor: string; node: T }[]; pageInfo: PageInfo } {
  const more = rows.length > request.size;
  const kept = rows.slice(0, request.size);
  if (request.backward) kept.reverse();
  const o = orderKey(request.order);
  const edges = kept.map((row) => ({ cursor: encodeCursor({ o, v: row.position.value, id: row.position.id }), node: row.customer }));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.backward ? request.start !== undefined : more,
      hasPreviousPage: request.backward ? more : request.start !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
