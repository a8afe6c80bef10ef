import { LinkTable } from './clustering';
import type { Judgement, PairJudge } from './decisions';
import type { PairBuffer } from './pair-buffer';
import { PatternTable } from './patterns';
import type { PreparedRecords } from './prepared-records';
import { scoredPair } from './scored-pairs';
import type { ScoringModel } from './scoring';
import type { ScoredPair } from './types';

export interface ScoredCandidates {
  /** Accepted links, for clustering. */
  linkTable: LinkTable;
  links: ScoredPair[];
  reviews: ScoredPair[];
  /** Pairs scored to the end (the others could not reach a decision other than "none"). */
  scoredPairs: number;
}

/**
 * Scores every candidate pair of a full run and sorts them into links and reviews. Pairs that
 * cannot reach `cutoff` stop early; judgements and (shared, read-only) level arrays are made once
 * per comparison pattern, not per pair: a million pairs hold a few thousand patterns.
 */
export function scoreCandidatePairs(records: PreparedRecords, pairs: PairBuffer, model: ScoringModel, judge: PairJudge, cutoff: number, levelCounts: readonly number[]): ScoredCandidates {
  const levels = new Uint8Array(levelCounts.length);
  const decided = new PatternTable(levelCounts);
  const judgements: Judgement[] = [];
  const levelsOfPattern: number[][] = [];
  const scored: ScoredCandidates = { linkTable: new LinkTable(), links: [], reviews: [], scoredPairs: 0 };
  for (let p = 0; p < pairs.length; p++) {
    const a = pairs.left[p] as number;
    const b = pairs.right[p] as number;
    if (!model.levelsReaching(records, a, b, cutoff, levels)) continue;
    scored.scoredPairs++;
    const id = decided.add(levels);
    if (id === judgements.length) {
      const patternLevels = Array.from(levels);
      levelsOfPattern.push(patternLevels);
      judgements.push(judge.judge(patternLevels));
    }
    const judgement = judgements[id] as Judgement;
    if (judgement.decision === 'none') continue;
    const pair = scoredPair(records.ids, a, b, judgement, levelsOfPattern[id] as number[]);
    if (judgement.decision === 'review') scored.reviews.push(pair);
    else {
      scored.linkTable.push(a, b, judgement.score, judgement.rule !== undefined);
      scored.links.push(pair);
    }
  }
  return scored;
}
