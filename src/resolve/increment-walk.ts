import type { BlockIndex } from './blocking';
import { LinkTable } from './clustering';
import type { ClusterState } from './cluster-state';
import type { PairJudge } from './decisions';
import type { PreparedRecords } from './prepared-records';
import { scoredPair } from './scored-pairs';
import type { ScoringModel } from './scoring';
import { linkBySteward, type StewardConstraints } from './steward-constraints';
import type { OversizedBlock, ScoredPair } from './types';

/** The resolver's state an increment reads (see walkIncrement). */
export interface IncrementScope {
  records: PreparedRecords;
  index: BlockIndex;
  model: ScoringModel;
  judge: PairJudge;
  grouping: ClusterState;
  steward: StewardConstraints;
  stamps: PartnerStamps;
  comparisonCount: number;
}

/** What an increment reached: the records to re-cluster and what was scored among them. */
export interface IncrementWalk {
  /** Every record reached, in the order reached. */
  queue: number[];
  /** The clusters the reached records were in: the increment replaces them. */
  previousClusters: Set<number>;
  linkTable: LinkTable;
  links: ScoredPair[];
  reviews: ScoredPair[];
  /** The oversized blocks met, each once. */
  oversized: Map<string, OversizedBlock>;
  scoredPairs: number;
}

/**
 * From the `changed` records, reaches every record an increment re-clusters (see
 * IdentityResolver): the members of their previous clusters and every record linked to a reached
 * one, through steward must-links or scored links; each reached record's candidates are scored
 * once. Pairs that cannot reach `cutoff` are not scored further.
 */
export function walkIncrement(scope: IncrementScope, changed: Iterable<number>, cutoff: number): IncrementWalk {
  const { records, index, model, judge, grouping, steward, stamps } = scope;
  // Seeds: the changed records and everyone who shared a cluster with them.
  // Position of each visited record in the queue.
  const visited = new Map<number, number>();
  const queue: number[] = [];
  const previousClusters = new Set<number>();
  const visit = (record: number): void => {
    if (visited.has(record)) return;
    visited.set(record, queue.length);
    queue.push(record);
    const cluster = grouping.of(record);
    if (cluster >= 0 && !previousClusters.has(cluster)) {
      previousClusters.add(cluster);
      for (const member of grouping.membersOf(cluster)) visit(member);
    }
  };
  for (const record of changed) visit(record);

  // Walk the link graph: every candidate pair of a visited record is scored once.
  const linkTable = new LinkTable();
  const links: ScoredPair[] = [];
  const reviews: ScoredPair[] = [];
  const oversized = new Map<string, OversizedBlock>();
  const levels = new Uint8Array(scope.comparisonCount);
  const partners: number[] = [];
  const oversizedHere: OversizedBlock[] = [];
  let scoredPairs = 0;
  for (let head = 0; head < queue.length; head++) {
    const record = queue[head] as number;
    partners.length = 0;
    oversizedHere.length = 0;
    index.partnersOf(records, record, stamps.arrayFor(records.size), stamps.next(), partners, oversizedHere);
    for (const block of oversizedHere) oversized.set(`${block.key}\u0000${block.value}`, block);
    for (const partnerId of steward.mustLinkPartners(records.ids[record] as string)) {
      const partner = records.indexOf(partnerId);
      if (partner === undefined) continue;
      const partnerPosition = visited.get(partner);
      if (partnerPosition !== undefined && partnerPosition < head) continue;
      linkBySteward(model, records, Math.min(record, partner), Math.max(record, partner), linkTable, links);
      visit(partner);
    }
    for (const partner of partners) {
      // A pair between two visited records was scored from whichever was dequeued first.
      const partnerPosition = visited.get(partner);
      if (partnerPosition !== undefined && partnerPosition < head) continue;
      const a = Math.min(record, partner);
      const b = Math.max(record, partner);
      if (!model.levelsReaching(records, a, b, cutoff, levels)) continue;
      scoredPairs++;
      const judgement = judge.judge(levels);
      if (judgement.decision === 'none') continue;
      const pair = scoredPair(records.ids, a, b, judgement, Array.from(levels));
      if (judgement.decision === 'review') reviews.push(pair);
      else {
        linkTable.push(a, b, judgement.score, judgement.rule !== undefined);
        links.push(pair);
        visit(partner);
      }
    }
  }
  return { queue, previousClusters, linkTable, links, reviews, oversized, scoredPairs };
}

/** Scratch array for de-duplicating partners, one slot per record (see BlockIndex.partnersOf). */
export class PartnerStamps {
  private stamp = new Int32Array(0);
  private nextStamp = 0;

  /** The array, for `records` records at least; a new one starts the stamp values over. */
  arrayFor(records: number): Int32Array {
    if (this.stamp.length < records) {
      this.stamp = new Int32Array(Math.max(1024, records * 2)).fill(-1);
      this.nextStamp = 0;
    }
    return this.stamp;
  }

  /** A stamp value not given out since the array was made. */
  next(): number {
    return this.nextStamp++;
  }
}
