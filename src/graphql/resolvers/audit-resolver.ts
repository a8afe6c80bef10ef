import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { AuditFilter } from '../../store/audit-log-repository';
import type { GraphQLContext } from '../context';
import { cursorKey, pageSize, toPage } from '../paging';
import { AuditEntryConnection, AuditLogFilter } from '../types/audit';

/** The audit log, for admins: who read whose personal data, and every mutation. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Audit entries, newest first (admins only).' })
  async auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Only entries matching every given condition.' }) filter: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InstanceType<typeof AuditEntryConnection>> {
    const size = pageSize(first);
    const beforeId = cursorKey(after, 'number');
    const conditions: AuditFilter = {
      actor: filter?.actor ?? undefined,
      action: filter?.action ?? undefined,
      customerId: filter?.customerId ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
    };
    const rows = await ctx.repos.auditLog.list(conditions, size + 1, beforeId);
    return { ...toPage(rows, size, beforeId !== undefined), totalCount: await ctx.repos.auditLog.count(conditions) };
  }
}
