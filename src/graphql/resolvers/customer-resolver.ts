import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Customer as StoredCustomer } from '../../store/customer-repository';
import type { GraphQLContext } from '../context';
import { cursorKey, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize, toPage } from '../paging';
import { CustomerConnection } from '../types/connection';
import { Customer } from '../types/customer';
import { SourceRecord } from '../types/source-record';


@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, {
    nullable: true,
    description: 'One customer by id. A retired id (merged into another customer) returns the surviving customer.',
  })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StoredCustomer | null> {
    return (await ctx.repos.customers.findLive(id, ctx.principal.scope)) ?? null;
  }

  @Query(() => CustomerConnection, { description: 'Golden customers ordered by id, as a Relay cursor connection.' })
  async customers(
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." })
    after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerConnection> {
    const size = pageSize(first);
    const afterId = cursorKey(after, 'string');
    const rows = await ctx.repos.customers.pageRows(size, afterId, ctx.principal.scope);
    return { ...toPage(rows, size, afterId !== undefined), countTotal: () => ctx.repos.customers.countLive(ctx.principal.scope) };
  }

  @FieldResolver(() => [SourceRecord], { nullable: true, description: 'The source records resolved into this customer.' })
  async sourceRecords(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<SourceRecord[]> {
    return ctx.loaders.sourceRecordsByCustomerId.load(customer.id);
  }
}
