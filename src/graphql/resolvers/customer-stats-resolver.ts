import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { StatsDimension } from '../../store/customer-stats-repository';
import type { GraphQLContext } from '../context';
import { storedFilter } from '../customer-paging';
import { CustomerFilter } from '../types/customer-filter';
import { CustomerStatsDimension, CustomerStatsGroup } from '../types/customer-stats';

const DIMENSIONS: Record<CustomerStatsDimension, StatsDimension> = {
  [CustomerStatsDimension.COUNTRY]: 'country',
  [CustomerStatsDimension.SOURCE]: 'source',
  [CustomerStatsDimension.SIGNUP_MONTH]: 'signupMonth',
};

/** Aggregates for BI tools: counts and money, no personal data. */
@Resolver()
export class CustomerStatsResolver {
  @Query(() => [CustomerStatsGroup], {
    description: 'Customer counts and lifetime value sums per group, within the caller’s scope and the filter. No groupBy gives one total.',
  })
  async customerStats(
    @Arg('groupBy', () => [CustomerStatsDimension], { nullable: true, description: 'Grouping dimensions, combined (e.g. [COUNTRY, SIGNUP_MONTH]).' })
    groupBy: CustomerStatsDimension[] | null,
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'The same filter as `customers`.' }) filter: CustomerFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CustomerStatsGroup[]> {
    const groups = await ctx.repos.customerStats.groups((groupBy ?? []).map((d) => DIMENSIONS[d]), storedFilter(filter), ctx.principal.scope);
    return groups.map((g) => ({ country: g.country ?? null, source: g.source ?? null, signupMonth: g.signupMonth ?? null, customers: g.customers, lifetimeValueSum: g.lifetimeValueSum }));
  }
}
