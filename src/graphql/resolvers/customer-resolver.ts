import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Customer as StoredCustomer } from '../../store/customer-repository';
import type { GraphQLContext } from '../context';
import { decodeCursor, encodeCursor } from '../cursor';
import { badUserInput } from '../errors';
import { CustomerConnection } from '../types/connection';
import { Customer } from '../types/customer';
import { SourceRecord } from '../types/source-record';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

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
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`, 'first');
    let afterId: string | undefined;
    if (after) {
      const key = decodeCursor(after);
      if (typeof key.id !== 'string') throw badUserInput('"after" is not a cursor returned by this API', 'after');
      afterId = key.id;
    }
    const page = await ctx.repos.customers.page(size, afterId, ctx.principal.scope);
    const edges = page.customers.map((customer) => ({ cursor: encodeCursor({ id: customer.id }), node: customer as Customer }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: afterId !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      countTotal: () => ctx.repos.customers.countLive(ctx.principal.scope),
    };
  }

  @FieldResolver(() => [SourceRecord], { nullable: true, description: 'The source records resolved into this customer.' })
  async sourceRecords(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<SourceRecord[]> {
    return ctx.loaders.sourceRecordsByCustomerId.load(customer.id);
  }
}
