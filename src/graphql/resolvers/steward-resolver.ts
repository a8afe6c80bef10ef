import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { auditActor } from '../../access/request-audit';
import type { ComparisonExplanation } from '../../resolve';
import type { Customer as StoredCustomer } from '../../store/customer-repository';
import type { MatchReview as StoredReview } from '../../store/match-review-repository';
import type { GraphQLContext } from '../context';
import { badUserInput, notFound } from '../errors';
import { cursorKey, pageSize, toPage } from '../paging';
import { Customer } from '../types/customer';
import { ComparisonWeight, MatchReview, MatchReviewConnection, MatchReviewStatus, OverridableField, PairRecord, ReviewDecision } from '../types/steward';

export function toComparisonWeights(comparisons: readonly ComparisonExplanation[] | undefined): ComparisonWeight[] {
  return (comparisons ?? []).map(({ comparison, level, m, u, weight }) => ({ comparison, level, m, u, weight }));
}

function toReview(review: StoredReview): MatchReview {
  const explanation = review.explanation as { probability?: number; comparisons?: ComparisonExplanation[] } | null;
  return {
    id: review.id,
    status: review.status as MatchReviewStatus,
    score: review.score,
    probability: explanation?.probability ?? null,
    comparisons: toComparisonWeights(explanation?.comparisons),
    decidedBy: review.decidedBy,
    decidedAt: review.decidedAt,
    createdAt: review.createdAt,
    recordA: review.recordA,
    recordB: review.recordB,
  };
}

async function customerOrFail(ctx: GraphQLContext, id: string): Promise<StoredCustomer> {
  const customer = await ctx.repos.customers.findLive(id, ctx.principal.scope);
  if (!customer) throw notFound(`no customer with id "${id}"`);
  return customer;
}

/** The review queue and the steward mutations (steward and admin only, by the access policy). */
@Resolver(() => MatchReview)
export class StewardResolver {
  @Query(() => MatchReviewConnection, { description: 'Record pairs scored between the review and link thresholds, oldest first, as a Relay connection.' })
  async matchReviews(
    @Arg('status', () => MatchReviewStatus, { nullable: true, description: 'Only reviews in this state; all when omitted.' }) status: MatchReviewStatus | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: "An edge's cursor: the page starts after it." }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InstanceType<typeof MatchReviewConnection>> {
    const size = pageSize(first);
    const afterId = cursorKey(after, 'number');
    const rows = (await ctx.repos.matchReviews.pageRows(status ?? undefined, size, afterId)).map(toReview);
    return { ...toPage(rows, size, afterId !== undefined), totalCount: await ctx.repos.matchReviews.count(status ?? undefined) };
  }

  @FieldResolver(() => PairRecord, { description: 'One record of the pair.' })
  async recordA(@Root() review: MatchReview, @Ctx() ctx: GraphQLContext): Promise<PairRecord> {
    return (await ctx.loaders.recordKeyById.load(review.recordA)) ?? { id: review.recordA, source: '', externalId: '' };
  }

  @FieldResolver(() => PairRecord, { description: 'The other record.' })
  async recordB(@Root() review: MatchReview, @Ctx() ctx: GraphQLContext): Promise<PairRecord> {
    return (await ctx.loaders.recordKeyById.load(review.recordB)) ?? { id: review.recordB, source: '', externalId: '' };
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer record A belongs to now.' })
  async customerA(@Root() review: MatchReview, @Ctx() ctx: GraphQLContext): Promise<StoredCustomer | null> {
    const key = await ctx.loaders.recordKeyById.load(review.recordA);
    return key?.customerId ? ctx.loaders.customerById.load(key.customerId) : null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer record B belongs to now.' })
  async customerB(@Root() review: MatchReview, @Ctx() ctx: GraphQLContext): Promise<StoredCustomer | null> {
    const key = await ctx.loaders.recordKeyById.load(review.recordB);
    return key?.customerId ? ctx.loaders.customerById.load(key.customerId) : null;
  }

  @Mutation(() => Customer, {
    description: 'Merges customers into one; the oldest id survives and the others resolve to it. Remembered: later runs keep them together.',
  })
  async mergeCustomers(@Arg('ids', () => [ID], { description: 'Two or more customer ids.' }) ids: string[], @Ctx() ctx: GraphQLContext): Promise<StoredCustomer> {
    if (ids.length < 2) throw badUserInput('give at least two customer ids to merge', 'ids');
    for (const id of ids) await customerOrFail(ctx, id);
    return customerOrFail(ctx, await ctx.steward.mergeCustomers(auditActor(ctx.principal), ids));
  }

  @Mutation(() => Customer, {
    description: 'Takes one source record out of its customer into a new customer of its own (a new id; ids are never reused). Remembered: later runs keep it apart.',
  })
  async splitSourceRecord(
    @Arg('source', () => String, { description: 'Source name of the record.' }) source: string,
    @Arg('externalId', () => String, { description: "The record's id within its source." }) externalId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredCustomer> {
    return customerOrFail(ctx, await ctx.steward.splitSourceRecord(auditActor(ctx.principal), source, externalId));
  }

  @Mutation(() => Customer, {
    description: "Sets a golden field by hand (null clears the override). It wins survivorship in every later run; lineage names the rule `steward_override`.",
  })
  async overrideField(
    @Arg('customerId', () => ID, { description: 'The customer.' }) customerId: string,
    @Arg('field', () => OverridableField, { description: 'The golden field.' }) field: OverridableField,
    @Arg('value', () => String, { nullable: true, description: 'The value; for EMAILS and PHONES the primary one. Null removes the override.' }) value: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredCustomer> {
    await customerOrFail(ctx, customerId);
    return customerOrFail(ctx, await ctx.steward.overrideField(auditActor(ctx.principal), customerId, field, value));
  }

  @Mutation(() => MatchReview, { description: 'Decides a queued pair. Remembered: later runs keep a MATCH linked and a NO_MATCH apart.' })
  async reviewMatch(
    @Arg('id', () => ID, { description: 'The review.' }) id: string,
    @Arg('decision', () => ReviewDecision, { description: 'Same person or not.' }) decision: ReviewDecision,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MatchReview> {
    const reviewId = Number(id);
    if (!Number.isSafeInteger(reviewId)) throw badUserInput('not a review id', 'id');
    await ctx.steward.reviewMatch(auditActor(ctx.principal), reviewId, decision);
    return toReview((await ctx.repos.matchReviews.get(reviewId)) as StoredReview);
  }
}
