import { BlockIndex } from './blocking';
import { blockingKeysByName } from './blocking-keys';
import { clusterLinks, type LinkEdge, type RefusedLink } from './clustering';
import { type ComparisonDefinition, comparisonsByName } from './comparisons';
import { type ConfigOverrides, type ResolveConfig, resolveConfig } from './config';
import { type Judgement, PairJudge } from './decisions';
import { localityOrder } from './locality';
import { PatternTable } from './patterns';
import { PreparedRecords } from './prepared-records';
import { matchExplanation, ScoringModel } from './scoring';
import { estimateU, expectationMaximisation, initialLambda, removeMatchesFromU, toParameters } from './training';
import type { ClusterSplit, MatchExplanation, MatchRecord, ModelParameters, OversizedBlock, ScoredPair } from './types';

export interface ResolveStatistics {
  records: number;
  candidatePairs: number;
  patterns: number;
  millis: { prepare: number; blocking: number; comparing: number; training: number; clustering: number; total: number };
}

export interface ResolveResult {
  /** One entry per person: source record ids, sorted; singletons included. */
  clusters: string[][];
  /** Accepted links (rule or score ≥ link threshold), including those the guard refused. */
  links: ScoredPair[];
  /** Pairs between the review and link thresholds, for a steward. */
  reviews: ScoredPair[];
  /** Links the chaining guard refused. */
  splits: ClusterSplit[];
  oversizedBlocks: OversizedBlock[];
  /** The model used (trained here unless given): store it to resolve increments the same way. */
  parameters: ModelParameters;
  statistics: ResolveStatistics;
}

export interface IncrementalResolution {
  /** The new clusters of every record whose cluster may have changed (changed records included). */
  clusters: string[][];
  /** The previous clusters these replace (as they were before this increment). */
  replaced: string[][];
  links: ScoredPair[];
  reviews: ScoredPair[];
  splits: ClusterSplit[];
  oversizedBlocks: OversizedBlock[];
  /** Candidate pairs scored, for the caller's log: grows with the touched blocks, not the data. */
  scoredPairs: number;
}

interface Edge extends LinkEdge {
  pair: ScoredPair;
}

/**
 * The resolution engine with its state: prepared records, blocking index and current
 * clusters. `resolveAll` does a full run (training the model unless parameters are given);
 * `upsert` re-resolves only what new or changed records can affect.
 *
 * An increment explores, from the changed records and the members of their previous
 * clusters, every record reachable through accepted links (re-scoring each visited record's
 * candidates) and re-clusters exactly that set. Since clustering never crosses link-graph
 * components and breaks ties by record id, the outcome equals a full run with the same
 * parameters.
 */
export class IdentityResolver {
  readonly config: ResolveConfig;
  readonly comparisons: readonly ComparisonDefinition[];
  readonly records = new PreparedRecords();
  readonly index: BlockIndex;
  private model: ScoringModel;
  private judge: PairJudge;
  // Current clusters: cluster number per record, members per cluster number (undefined once replaced).
  private clusterOf: number[] = [];
  private clusterMembers: (number[] | undefined)[] = [];
  private replacedClusters = 0;
  private stamp = new Int32Array(0);
  private nextStamp = 0;

  constructor(config: ConfigOverrides | ResolveConfig = {}, parameters?: ModelParameters) {
    this.config = resolveConfig(config);
    this.comparisons = comparisonsByName(this.config.comparisons);
    this.index = new BlockIndex(blockingKeysByName(this.config.blocking.keys), this.config.blocking.maxBlockSize);
    this.model = new ScoringModel(this.comparisons, parameters ?? untrainedParameters(this.comparisons), this.config.comparisonSettings);
    this.judge = new PairJudge(this.model, this.config);
  }

  get parameters(): ModelParameters {
    return this.model.parameters;
  }

  /** Full resolution of `records` (which become this resolver's state). */
  resolveAll(records: readonly MatchRecord[], parameters?: ModelParameters): ResolveResult {
    const started = performance.now();
    for (const position of localityOrder(records)) this.records.upsert(records[position] as MatchRecord);
    const prepared = performance.now();
    this.index.build(this.records);
    const { pairs, oversizedBlocks } = this.index.allPairs(this.records);
    const blocked = performance.now();

    const levelCounts = this.comparisons.map((comparison) => comparison.levels.length);
    const patterns = new PatternTable(levelCounts);
    const patternOfPair = new Int32Array(pairs.length);
    const levels = new Uint8Array(this.comparisons.length);
    for (let p = 0; p < pairs.length; p++) {
      this.model.levelsInto(this.records, pairs.left[p] as number, pairs.right[p] as number, levels);
      patternOfPair[p] = patterns.add(levels);
    }
    const compared = performance.now();

    this.setParameters(parameters ?? this.train(patterns, pairs.length));
    const trained = performance.now();

    // One judgement and one (shared, read-only) levels array per pattern, not per pair.
    const judgements: Judgement[] = [];
    const levelsOfPattern: number[][] = [];
    for (let id = 0; id < patterns.size; id++) {
      const patternLevels = patterns.levelsOf(id, []) as number[];
      levelsOfPattern.push(patternLevels);
      judgements.push(this.judge.judge(patternLevels));
    }
    const edges: Edge[] = [];
    const reviews: ScoredPair[] = [];
    for (let p = 0; p < pairs.length; p++) {
      const id = patternOfPair[p] as number;
      const judgement = judgements[id] as Judgement;
      if (judgement.decision === 'none') continue;
      const a = pairs.left[p] as number;
      const b = pairs.right[p] as number;
      const pair = this.toScoredPair(a, b, judgement, levelsOfPattern[id] as number[]);
      if (judgement.decision === 'review') reviews.push(pair);
      else edges.push({ a, b, score: judgement.score, byRule: judgement.rule !== undefined, pair });
    }

    const everyone = Array.from({ length: this.records.size }, (_, i) => i);
    const clustering = this.cluster(everyone, edges);
    const finished = performance.now();
    return {
      clusters: clustering.clusters,
      links: edges.map((edge) => edge.pair),
      reviews,
      splits: clustering.splits,
      oversizedBlocks,
      parameters: this.model.parameters,
      statistics: {
        records: this.records.size,
        candidatePairs: pairs.length,
        patterns: patterns.size,
        millis: {
          prepare: prepared - started,
          blocking: blocked - prepared,
          comparing: compared - blocked,
          training: trained - compared,
          clustering: finished - trained,
          total: finished - started,
        },
      },
    };
  }

  /**
   * Adds new records or replaces changed ones (same id) and re-resolves what they touch.
   * The model parameters stay as they are (train on a full run, reuse for increments).
   */
  upsert(changedRecords: readonly MatchRecord[]): IncrementalResolution {
    const changed = new Set<number>();
    for (const record of changedRecords) {
      const index = this.records.upsert(record);
      this.index.index(this.records, index);
      changed.add(index);
    }
    // Seeds: the changed records and everyone who shared a cluster with them.
    // Position of each visited record in the queue.
    const visited = new Map<number, number>();
    const queue: number[] = [];
    const previousClusters = new Set<number>();
    const visit = (record: number): void => {
      if (visited.has(record)) return;
      visited.set(record, queue.length);
      queue.push(record);
      const cluster = this.clusterOf[record];
      if (cluster !== undefined && !previousClusters.has(cluster)) {
        previousClusters.add(cluster);
        for (const member of this.clusterMembers[cluster] ?? []) visit(member);
      }
    };
    for (const record of changed) visit(record);

    // Walk the link graph: every candidate pair of a visited record is scored once.
    const edges: Edge[] = [];
    const reviews: ScoredPair[] = [];
    const oversized = new Map<string, OversizedBlock>();
    const levels = new Uint8Array(this.comparisons.length);
    const partners: number[] = [];
    const oversizedHere: OversizedBlock[] = [];
    let scoredPairs = 0;
    for (let head = 0; head < queue.length; head++) {
      const record = queue[head] as number;
      partners.length = 0;
      oversizedHere.length = 0;
      this.index.partnersOf(this.records, record, this.stampFor(), this.nextStamp++, partners, oversizedHere);
      for (const block of oversizedHere) oversized.set(`${block.key}\u0000${block.value}`, block);
      for (const partner of partners) {
        // A pair between two visited records was scored from whichever was dequeued first.
        const partnerPosition = visited.get(partner);
        if (partnerPosition !== undefined && partnerPosition < head) continue;
        const a = Math.min(record, partner);
        const b = Math.max(record, partner);
        scoredPairs++;
        this.model.levelsInto(this.records, a, b, levels);
        const judgement = this.judge.judge(levels);
        if (judgement.decision === 'none') continue;
        const pair = this.toScoredPair(a, b, judgement, Array.from(levels));
        if (judgement.decision === 'review') reviews.push(pair);
        else {
          edges.push({ a, b, score: judgement.score, byRule: judgement.rule !== undefined, pair });
          visit(partner);
        }
      }
    }

    const replaced = [...previousClusters].map((cluster) => this.idsOf(this.clusterMembers[cluster] ?? []));
    for (const cluster of previousClusters) this.clusterMembers[cluster] = undefined;
    this.replacedClusters += previousClusters.size;
    if (this.replacedClusters > 1024 && this.replacedClusters * 2 > this.clusterMembers.length) this.renumberClusters();
    const clustering = this.cluster(queue, edges);
    return {
      clusters: clustering.clusters,
      replaced,
      links: edges.map((edge) => edge.pair),
      reviews,
      splits: clustering.splits,
      oversizedBlocks: [...oversized.values()],
      scoredPairs,
    };
  }

  /** Drops the slots of replaced clusters, so that a long series of increments does not grow memory. */
  private renumberClusters(): void {
    const live = this.clusterMembers.filter((members): members is number[] => members !== undefined);
    this.clusterMembers = live;
    this.clusterOf = [];
    live.forEach((members, cluster) => {
      for (const record of members) this.clusterOf[record] = cluster;
    });
    this.replacedClusters = 0;
  }

  /** Current clusters of all records. */
  clusters(): string[][] {
    const clusters: string[][] = [];
    for (const members of this.clusterMembers) if (members !== undefined) clusters.push(this.idsOf(members));
    return clusters;
  }

  explain(pair: ScoredPair): MatchExplanation {
    return matchExplanation(pair, this.model.parameters);
  }

  /** Scratch array for de-duplicating partners, one slot per record. */
  private stampFor(): Int32Array {
    if (this.stamp.length < this.records.size) {
      this.stamp = new Int32Array(Math.max(1024, this.records.size * 2)).fill(-1);
      this.nextStamp = 0;
    }
    return this.stamp;
  }

  private train(patterns: PatternTable, candidatePairs: number): ModelParameters {
    const { training } = this.config;
    const observed = estimateU(this.records, this.comparisons, this.config.comparisonSettings, training.uSamplePairs, training.seed);
    // EM's λ is the match rate among candidate pairs, which were chosen for agreeing on
    // blocking keys; scoring them with it would count that agreement twice. The prior is the
    // match rate among all pairs (nearly every match is a candidate).
    const n = this.records.size;
    const allPairs = Math.max(1, (n * (n - 1)) / 2);
    const priorOf = (candidateRate: number): number => Math.min(0.5, Math.max(1e-12, (candidateRate * candidatePairs) / allPairs));
    // EM gives m and λ; scoring then uses u from the random pairs, with the few matches
    // among those taken out.
    const em = expectationMaximisation(patterns, this.comparisons, observed.u, training, initialLambda(patterns, this.comparisons, observed.u));
    const lambda = priorOf(em.lambda);
    const u = removeMatchesFromU(observed.u, em.m, lambda, observed.sampled);
    return toParameters(this.comparisons, em.m, u, lambda, {
      uSampledPairs: observed.sampled,
      emIterations: em.iterations,
      emConverged: em.converged,
      candidatePairs,
      candidateMatchRate: em.lambda,
    });
  }

  private setParameters(parameters: ModelParameters): void {
    this.model = new ScoringModel(this.comparisons, parameters, this.config.comparisonSettings);
    this.judge = new PairJudge(this.model, this.config);
  }

  private cluster(members: readonly number[], edges: readonly Edge[]): { clusters: string[][]; splits: ClusterSplit[] } {
    const result = clusterLinks(
      members,
      edges,
      this.records.ids,
      (a, b) => this.model.scorePair(this.records, a, b),
      this.config.clustering,
    );
    for (const members of result.clusters) {
      const cluster = this.clusterMembers.length;
      this.clusterMembers.push(members);
      for (const record of members) this.clusterOf[record] = cluster;
    }
    return {
      clusters: result.clusters.map((members) => this.idsOf(members)),
      splits: result.refused.map((refused) => this.toSplit(refused)),
    };
  }

  private toSplit(refused: RefusedLink<Edge>): ClusterSplit {
    return {
      link: refused.edge.pair,
      sides: [this.idsOf(refused.sides[0]), this.idsOf(refused.sides[1])],
      weakestPair: {
        left: this.records.ids[refused.weakest.a] as string,
        right: this.records.ids[refused.weakest.b] as string,
        score: refused.weakest.score,
      },
    };
  }

  private toScoredPair(a: number, b: number, judgement: Judgement, levels: number[]): ScoredPair {
    const pair: ScoredPair = {
      left: this.records.ids[a] as string,
      right: this.records.ids[b] as string,
      score: judgement.score,
      probability: judgement.probability,
      decision: judgement.decision,
      levels,
    };
    if (judgement.rule !== undefined) pair.rule = judgement.rule;
    return pair;
  }

  private idsOf(members: readonly number[]): string[] {
    if (members.length === 1) return [this.records.ids[members[0] as number] as string];
    return members.map((record) => this.records.ids[record] as string).sort();
  }
}

/** Full resolution in one call. */
export function resolveRecords(
  records: readonly MatchRecord[],
  config: ConfigOverrides | ResolveConfig = {},
  parameters?: ModelParameters,
): ResolveResult {
  return new IdentityResolver(config, parameters).resolveAll(records, parameters);
}

function untrainedParameters(comparisons: readonly ComparisonDefinition[]): ModelParameters {
  return toParameters(
    comparisons,
    comparisons.map((comparison) => [...comparison.defaultM]),
    comparisons.map((comparison) => [...comparison.defaultU]),
    0.01,
    { uSampledPairs: 0, emIterations: 0, emConverged: false, candidatePairs: 0, candidateMatchRate: 0 },
  );
}
