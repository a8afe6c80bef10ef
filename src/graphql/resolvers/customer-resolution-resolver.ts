import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { Customer } from '../types/customer';
import { FieldLineage, PairExplanation, type PairRecord } from '../types/steward';
import { toComparisonWeights } from './steward-resolver';

/** Why a customer looks the way it does: field lineage and the links between its records. */
@Resolver(() => Customer)
export class CustomerResolutionResolver {
  @FieldResolver(() => [FieldLineage], { nullable: true, description: 'For every golden field: the source record its value came from and the survivorship rule that chose it.' })
  async lineage(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<FieldLineage[]> {
    return ctx.loaders.lineageByCustomerId.load(customer.id);
  }

  @FieldResolver(() => [PairExplanation], {
    nullable: true,
    description: "Which record pairs linked this customer's records, with their scores and per-comparison weights (recomputed with the stored model).",
  })
  async matchExplanation(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<PairExplanation[]> {
    const [explanations, records] = await Promise.all([
      ctx.loaders.matchExplanationByCustomerId.load(customer.id),
      ctx.loaders.sourceRecordsByCustomerId.load(customer.id),
    ]);
    const keyOf = new Map(records.map((record): [string, PairRecord] => [String(record.id), { id: record.id, source: record.source, externalId: record.externalId }]));
    const key = (id: string): PairRecord => keyOf.get(id) ?? { id: Number(id), source: '', externalId: '' };
    return explanations.map((explanation) => ({
      left: key(explanation.left),
      right: key(explanation.right),
      score: explanation.score,
      probability: explanation.probability,
      rule: explanation.rule ?? null,
      priorWeight: explanation.priorWeight,
      comparisons: toComparisonWeights(explanation.comparisons),
    }));
  }
}
