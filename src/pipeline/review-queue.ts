import { matchExplanation, type ModelParameters, type ScoredPair, type StewardDecisions } from '../resolve';
import type { Repositories } from '../store/repositories';
import type { ClusterList } from './cluster-list';

/** Pairs between the thresholds whose records ended up apart and that no steward has decided. */
export async function queueReviews(
  matchReviews: Repositories['matchReviews'],
  clusters: ClusterList,
  reviews: readonly ScoredPair[],
  decisions: StewardDecisions,
  parameters: ModelParameters,
): Promise<number> {
  const clusterOf = clusters.clustersOf(new Set(reviews.flatMap((pair) => [Number(pair.left), Number(pair.right)])));
  const decided = new Set([...decisions.mustLink, ...decisions.cannotLink].map(([a, b]) => (a < b ? `${a}:${b}` : `${b}:${a}`)));
  const pending = reviews.filter((pair) => {
    const left = clusterOf.get(Number(pair.left));
    const together = left !== undefined && left === clusterOf.get(Number(pair.right));
    const key = pair.left < pair.right ? `${pair.left}:${pair.right}` : `${pair.right}:${pair.left}`;
    return !together && !decided.has(key);
  });
  if (pending.length === 0) return 0;
  return matchReviews.addPending(
    pending.map((pair) => ({
      recordA: Number(pair.left),
      recordB: Number(pair.right),
      score: pair.score,
      explanation: matchExplanation(pair, parameters) as unknown as Record<string, unknown>,
    })),
  );
}
