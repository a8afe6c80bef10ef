import type { RefusedLink } from './clustering';
import type { Judgement } from './decisions';
import type { ClusterSplit, ScoredPair } from './types';

/**
 * How the resolver reports pairs and clusters held as record indices: by the records' ids
 * (`ids[index]`), members of a cluster sorted.
 */
export function idsOf(ids: readonly string[], members: readonly number[]): string[] {
  if (members.length === 1) return [ids[members[0] as number] as string];
  return members.map((record) => ids[record] as string).sort();
}

export function scoredPair(ids: readonly string[], a: number, b: number, judgement: Judgement, levels: readonly number[]): ScoredPair {
  const pair: ScoredPair = {
    left: ids[a] as string,
    right: ids[b] as string,
    score: judgement.score,
    probability: judgement.probability,
    decision: judgement.decision,
    levels,
  };
  if (judgement.rule !== undefined) pair.rule = judgement.rule;
  return pair;
}

/** A link the chaining guard refused, with the two sides it would have joined and their weakest pair. */
export function clusterSplit(ids: readonly string[], refused: RefusedLink, links: readonly ScoredPair[]): ClusterSplit {
  return {
    link: links[refused.link] as ScoredPair,
    sides: [idsOf(ids, refused.sides[0]), idsOf(ids, refused.sides[1])],
    weakestPair: {
      left: ids[refused.weakest.a] as string,
      right: ids[refused.weakest.b] as string,
      score: refused.weakest.score,
    },
  };
}
