import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Customer as StoredCustomer } from '../../store/customer-columns';
import type { GraphQLContext } from '../context';
import { encodeCursor } from '../cursor';
import { cursorKey, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize, toPage } from '../paging';
import { Customer } from '../types/customer';
import { CustomerChange, CustomerChangeConnection, CustomerChangeKind } from '../types/customer-change';

/** The durable feed of customer changes, for downstream systems that sync incrementally. */
@Resolver(() => CustomerChange)
export class CustomerChangeResolver {
  @Query(() => CustomerChangeConnection, {
    description:
      'Changes to customers (created, updated, merged, deleted) in commit order, within the caller’s scope. Start without `after`, then pass the last endCursor each time: no change is missed or repeated.',
  })
  async customerChanges(
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous read; absent = from the beginning.' }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` }) first: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerChangeConnection> {
    const size = pageSize(first);
    const afterId = cursorKey(after, 'number') ?? 0;
    const rows = await ctx.repos.customerChanges.listAfter(afterId, size + 1, ctx.principal.scope);
    const changes = rows.map((row) => ({ ...row, kind: row.kind.toUpperCase() as CustomerChangeKind }));
    const page = toPage(changes, size, after !== null);
    // An empty page keeps the caller's position, so polling can always resend endCursor.
    if (page.edges.length === 0 && after) page.pageInfo.endCursor = after;
    if (page.edges.length === 0 && !after) page.pageInfo.endCursor = encodeCursor({ id: 0 });
    return page;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer as it is now (the survivor for a merged id); null once deleted or out of scope.' })
  async customer(@Root() change: CustomerChange, @Ctx() ctx: GraphQLContext): Promise<StoredCustomer | null> {
    return ctx.loaders.customerById.load(change.customerId);
  }
}
