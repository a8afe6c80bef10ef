import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { auditActor } from '../../access/request-audit';
import type { GraphQLContext } from '../context';
import { badUserInput } from '../errors';
import { JSONObjectScalar } from '../scalars';
import { IngestResult, type IngestStatus } from '../types/ingest';

export const MAX_PUSHED_RECORDS = 1000;

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestResult, {
    description: `Push customer records from an application into a \`push\` source (at most ${MAX_PUSHED_RECORDS} per call). They go through the same mapping, validation and load as any source, and the answer says per record what happened.`,
  })
  async ingestRecords(
    @Arg('source', () => String, { description: 'Name of a configured source of kind `push`.' }) source: string,
    @Arg('records', () => [JSONObjectScalar], { description: 'The records, shaped as the source mapping expects.' })
    records: Record<string, unknown>[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<IngestResult> {
    if (records.length > MAX_PUSHED_RECORDS) {
      throw badUserInput(`at most ${MAX_PUSHED_RECORDS} records per call, got ${records.length}`, 'records');
    }
    const result = await ctx.ingest(source, records);
    if (result === undefined) throw badUserInput(`no source of kind "push" named "${source}" is configured`, 'source');
    await ctx.repos.auditLog.append({ ...auditActor(ctx.principal), action: 'ingestRecords', details: { source, syncRunId: result.syncRunId, ...result.counts } });
    return { syncRunId: result.syncRunId, ...result.counts, records: result.records.map((r) => ({ ...r, status: r.status as IngestStatus })) };
  }
}
