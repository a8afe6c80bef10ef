import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { SourceQuality } from '../types/quality';

@Resolver()
export class QualityResolver {
  @Query(() => [SourceQuality], {
    description: 'Completeness, validity, corrections, quarantine and duplicates per source and field (the sources of a `sources` scope; none for a `countries` scope).',
  })
  async dataQuality(
    @Arg('source', () => String, { nullable: true, description: 'Only this source.' }) source: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SourceQuality[]> {
    const report = await ctx.qualityReport(source ?? undefined, ctx.principal.scope);
    return report.map((entry) => ({
      ...entry,
      quarantinedByReason: entry.quarantinedByReason.map(({ reasonCode, count }) => ({ reason: reasonCode, count })),
    }));
  }
}
