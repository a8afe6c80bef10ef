import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Customer as StoredCustomer } from '../../store/customer-repository';
import type { SourceRecordHeader, StoredSourceRecord } from '../../store/source-record-repository';
import type { GraphQLContext } from '../context';
import { customerPage, customerPageRequest } from '../customer-paging';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../paging';
import { selectsAnyOf } from '../selection';
import { CustomerConnection } from '../types/connection';
import { Customer } from '../types/customer';
import { CustomerFilter, CustomerOrder } from '../types/customer-filter';
import { SourceRecord } from '../types/source-record';

/** SourceRecord fields read from the large payload columns. */
const PAYLOAD_FIELDS: ReadonlySet<string> = new Set(['raw', 'normalized', 'corrections']);

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, {
    nullable: true,
    description: 'One customer by id. A retired id (merged into another customer) returns the surviving customer.',
  })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StoredCustomer | null> {
    return (await ctx.repos.customers.findLive(id, ctx.principal.scope)) ?? null;
  }

  @Query(() => Customer, {
    nullable: true,
    description: 'The customer a source record was resolved into, by the source name and the record key in that source.',
  })
  async customerBySourceKey(
    @Arg('source', () => String, { description: 'Source name as configured, e.g. "crm".' }) source: string,
    @Arg('externalId', () => String, { description: "The record's key in that source." }) externalId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredCustomer | null> {
    return (await ctx.repos.customers.findBySourceKey(source, externalId, ctx.principal.scope)) ?? null;
  }

  @Query(() => CustomerConnection, {
    description:
      'Golden customers as a Relay cursor connection: filtered, sorted (id breaks ties) and paged with opaque keyset cursors that stay valid while customers change. Use first/after to page forward, last/before to page backward.',
  })
  async customers(
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'Conditions every listed customer meets; totalCount counts the same set.' })
    filter: CustomerFilter | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true, description: 'Sort order; by id ascending when absent.' })
    orderBy: CustomerOrder | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size when paging forward, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." })
    after: string | null,
    @Arg('last', () => Int, { nullable: true, description: `Page size when paging backward, 1 to ${MAX_PAGE_SIZE}.` })
    last: number | null,
    @Arg('before', () => String, { nullable: true, description: "An edge's cursor: the page ends before it." })
    before: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerConnection> {
    const request = customerPageRequest({ filter, orderBy, first, after, last, before });
    const scope = ctx.principal.scope;
    const rows = await ctx.repos.customers.listOrdered({ filter: request.filter, order: request.readOrder, after: request.start, limit: request.size + 1, scope });
    return { ...customerPage(request, rows), countTotal: () => ctx.repos.customers.countMatching(request.filter, scope) };
  }

  @FieldResolver(() => [SourceRecord], { nullable: true, description: 'The source records resolved into this customer.' })
  async sourceRecords(@Root() customer: Customer, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<StoredSourceRecord[] | SourceRecordHeader[]> {
    // Without payload fields in the selection, the records are read without their JSON payloads.
    if (!selectsAnyOf(info, PAYLOAD_FIELDS)) return ctx.loaders.sourceRecordHeadersByCustomerId.load(customer.id);
    return ctx.loaders.sourceRecordsByCustomerId.load(customer.id);
  }
}
