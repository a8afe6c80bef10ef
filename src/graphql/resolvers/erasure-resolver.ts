import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { erasureReasonProblem } from '../../access/erasure';
import type { GraphQLContext } from '../context';
import { badUserInput, notFound } from '../errors';
import { ErasureResult } from '../types/erasure';

@Resolver()
export class ErasureResolver {
  @Mutation(() => ErasureResult, {
    description: 'Erases a customer for good (right to be forgotten): golden record, source records, links, lineage, quarantine rows; audit details redacted; a re-sync does not bring them back. Admins only.',
  })
  async eraseCustomer(
    @Arg('id', () => ID, { description: 'The customer to erase (a retired id erases its survivor).' }) id: string,
    @Arg('reason', () => String, { description: 'Why, for the audit log, e.g. a ticket number. Must not contain personal data.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ErasureResult> {
    const problem = erasureReasonProblem(reason);
    if (problem !== undefined) throw badUserInput(problem, 'reason');
    const outcome = await ctx.erase(id, reason.trim());
    if (!outcome) throw notFound(`no customer "${id}"`);
    return outcome;
  }
}
