import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { sourceInScope } from '../../store/row-scope';
import type { GraphQLContext } from '../context';
import { cursorKey, pageSize, toPage } from '../paging';
import { QuarantineEntryConnection, SyncRunConnection } from '../types/operations';
import { Source } from '../types/source';

/** What the pipeline did: sync runs and quarantined records, for admins and stewards. */
@Resolver()
export class OperationsResolver {
  @Query(() => SyncRunConnection, { description: 'Sync runs, newest first (of the sources in a `sources` scope; none for a `countries` scope).' })
  async syncRuns(
    @Arg('source', () => String, { nullable: true, description: 'Only this source.' }) source: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InstanceType<typeof SyncRunConnection>> {
    const size = pageSize(first);
    const beforeId = cursorKey(after, 'number');
    const scope = ctx.principal.scope;
    const rows = await ctx.repos.syncRuns.page(size, { source: source ?? undefined, beforeId, scope });
    return { ...toPage(rows, size, beforeId !== undefined), totalCount: await ctx.repos.syncRuns.count(source ?? undefined, scope) };
  }

  @Query(() => [Source], { description: 'The known sources with their record counts and last sync run (only those in a `sources` scope; none for a `countries` scope).' })
  async sources(@Ctx() ctx: GraphQLContext): Promise<Source[]> {
    const [sources, counts, runs] = await Promise.all([ctx.repos.sources.list(), ctx.repos.sources.recordCounts(), ctx.repos.syncRuns.latestBySource()]);
    return sources
      .filter((source) => sourceInScope(ctx.principal.scope, source.name))
      .map((source) => ({
        name: source.name,
        kind: source.kind,
        trust: Number(source.trust),
        activeRecords: counts.get(source.name)?.active ?? 0,
        deletedRecords: counts.get(source.name)?.deleted ?? 0,
        lastSyncRun: runs.get(source.name) ?? null,
      }));
  }

  @Query(() => QuarantineEntryConnection, { description: 'Open quarantine entries (not yet superseded or retried), oldest first.' })
  async quarantine(
    @Arg('source', () => String, { nullable: true, description: 'Only this source.' }) source: string | null,
    @Arg('reasonCode', () => String, { nullable: true, description: 'Only this reason, e.g. INVALID_EMAIL.' }) reasonCode: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InstanceType<typeof QuarantineEntryConnection>> {
    const size = pageSize(first);
    const afterId = cursorKey(after, 'number');
    const filter = { source: source ?? undefined, reasonCode: reasonCode ?? undefined, scope: ctx.principal.scope };
    const rows = await ctx.repos.quarantine.list({ ...filter, limit: size + 1, afterId });
    return { ...toPage(rows, size, afterId !== undefined), totalCount: await ctx.repos.quarantine.count(filter) };
  }
}
