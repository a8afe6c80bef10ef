import { BlockIndex } from './blocking';
import { blockingKeysByName } from './blocking-keys';
import { clusterLinks, LinkTable } from './clustering';
import { ClusterState } from './cluster-state';
import { type ComparisonDefinition, comparisonsByName } from './comparisons';
import { type ConfigOverrides, type ResolveConfig, resolveConfig } from './config';
import { PairJudge } from './decisions';
import { PartnerStamps, walkIncrement } from './increment-walk';
import { localityOrder } from './locality';
import { PreparedRecords } from './prepared-records';
import { defaultParameters, matchExplanation, ScoringModel, scoreOfProbability } from './scoring';
import { sampleTrainingPatterns, trainModel } from './training';
import { clusterSplit, idsOf } from './scored-pairs';
import { scoreCandidatePairs } from './pair-scoring';
import { linkBySteward, StewardConstraints } from './steward-constraints';
import type {
  ClusterSplit,
  IncrementalResolution,
  MatchExplanation,
  MatchRecord,
  MatchRecordList,
  ModelParameters,
  ResolveResult,
  ScoredPair,
  StewardDecisions,
} from './types';

export { STEWARD_LINK_RULE } from './steward-constraints';

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
  private grouping = new ClusterState();
  /** True when `add` put records in that the block index does not hold yet (see regroup). */
  private unindexed = false;
  private readonly stamps = new PartnerStamps();
  private steward = StewardConstraints.NONE;

  constructor(config: ConfigOverrides | ResolveConfig = {}, parameters?: ModelParameters) {
    this.config = resolveConfig(config);
    this.comparisons = comparisonsByName(this.config.comparisons);
    this.index = new BlockIndex(blockingKeysByName(this.config.blocking.keys), this.config.blocking.maxBlockSize);
    this.model = new ScoringModel(this.comparisons, parameters ?? defaultParameters(this.comparisons), this.config.comparisonSettings);
    this.judge = new PairJudge(this.model, this.config);
  }

  get parameters(): ModelParameters {
    return this.model.parameters;
  }

  /**
   * Steward decisions every later run respects: must-link pairs share a cluster (applied
   * before any scored link, past the chaining guard), cannot-link pairs never do. Set them
   * before `resolveAll`/`upsert`; after a change, `upsert([], touchedIds)` re-resolves the
   * records concerned.
   */
  setDecisions(decisions: StewardDecisions): void {
    this.steward = StewardConstraints.from(decisions);
  }

  /**
   * Full resolution of `records` (ids unique), which become this resolver's state; call it on
   * a new resolver, then `upsert` for increments.
   */
  resolveAll(records: MatchRecordList, parameters?: ModelParameters): ResolveResult {
    if (this.records.size > 0) throw new Error('resolveAll runs on a new resolver; use upsert for increments');
    const started = performance.now();
    this.records.reserve(records.length);
    const order = localityOrder(records);
    for (const position of order) this.records.appendNew(records.at(position) as MatchRecord);
    const prepared = performance.now();
    this.index.build(this.records);
    const { pairs, oversizedBlocks } = this.index.allPairs(this.records);
    const blocked = performance.now();

    const levelCounts = this.comparisons.map((comparison) => comparison.levels.length);
    let trainingPatterns = 0;
    let trainingMillis = 0;
    if (parameters === undefined) {
      const trainingStarted = performance.now();
      const patterns = sampleTrainingPatterns(pairs, levelCounts, this.config.training.emSamplePairs, (a, b, into) => this.model.levelsInto(this.records, a, b, into));
      trainingPatterns = patterns.size;
      this.setParameters(trainModel(this.records, (index) => records.at(order[index] as number) as MatchRecord, this.comparisons, patterns, pairs.length, this.config));
      trainingMillis = performance.now() - trainingStarted;
    } else {
      this.setParameters(parameters);
    }

    const { linkTable, links, reviews, scoredPairs } = scoreCandidatePairs(this.records, pairs, this.model, this.judge, this.decisionCutoff(), levelCounts);
    for (const [a, b] of this.steward.mustLinkPairs(this.records)) linkBySteward(this.model, this.records, a, b, linkTable, links);
    const scored = performance.now();

    const everyone = Array.from({ length: this.records.size }, (_, i) => i);
    const clustering = this.cluster(everyone, linkTable, links);
    const finished = performance.now();
    return {
      clusters: clustering.clusters,
      links,
      reviews,
      splits: clustering.splits,
      oversizedBlocks,
      parameters: this.model.parameters,
      statistics: {
        records: this.records.size,
        candidatePairs: pairs.length,
        scoredPairs,
        trainingPatterns,
        millis: {
          prepare: prepared - started,
          blocking: blocked - prepared,
          training: trainingMillis,
          comparing: scored - blocked - trainingMillis,
          clustering: finished - scored,
          total: finished - started,
        },
      },
    };
  }

  /**
   * A resolver holding `records` grouped as `clusters` (e.g. as loaded from the store), ready
   * for `upsert`: `add` then `regroup`, as an incremental run in the store does. Nothing is
   * scored: the clusters are taken as they are. Records missing from `clusters` are singletons.
   */
  static restore(
    records: readonly MatchRecord[],
    clusters: readonly (readonly string[])[],
    config: ConfigOverrides | ResolveConfig,
    parameters: ModelParameters,
  ): IdentityResolver {
    const resolver = new IdentityResolver(config, parameters);
    resolver.records.reserve(records.length);
    resolver.add(localityOrder(records).map((position) => records[position] as MatchRecord));
    resolver.regroup(clusters);
    return resolver;
  }

  /**
   * Adds records (or replaces those with the same ids) to a resolver that holds part of the
   * records, e.g. those a store read around some changes, without re-resolving anything; returns
   * the blocking key values of each (see blockingKeyValues). Then `regroup` and `upsert`.
   */
  add(records: readonly MatchRecord[]): number[][] {
    return records.map((record) => {
      const index = this.records.upsert(record);
      this.unindexed = true;
      return this.index.keyValuesOf(this.records, index);
    });
  }

  /**
   * Takes `clusters` (of record ids) as the current grouping, in place of whatever the resolver
   * held; records in none are singletons. Nothing is scored.
   */
  regroup(clusters: readonly (readonly string[])[]): void {
    // Records added since the index was last built are indexed in one pass: tens of thousands
    // indexed one by one would merge the index's delta into its sorted part over and over.
    if (this.unindexed) this.index.build(this.records);
    this.unindexed = false;
    this.grouping = new ClusterState();
    const clustered = new Uint8Array(this.records.size);
    const groups: number[][] = [];
    for (const cluster of clusters) {
      const members = cluster.map((id) => this.records.indexOf(id)).filter((index): index is number => index !== undefined);
      for (const record of members) clustered[record] = 1;
      if (members.length > 0) groups.push(members);
    }
    for (let record = 0; record < this.records.size; record++) if (clustered[record] === 0) groups.push([record]);
    this.grouping.add(groups, this.records.size);
  }

  /**
   * Adds new records or replaces changed ones (same id) and re-resolves what they touch.
   * The model parameters stay as they are (train on a full run, reuse for increments).
   */
  upsert(changedRecords: readonly MatchRecord[], touchedIds: readonly string[] = []): IncrementalResolution {
    const changed = new Set<number>();
    for (const record of changedRecords) {
      const index = this.records.upsert(record);
      this.index.index(this.records, index);
      changed.add(index);
    }
    for (const id of touchedIds) {
      const index = this.records.indexOf(id);
      if (index !== undefined) changed.add(index);
    }
    const { queue, previousClusters, linkTable, links, reviews, oversized, scoredPairs } = walkIncrement(
      {
        records: this.records,
        index: this.index,
        model: this.model,
        judge: this.judge,
        grouping: this.grouping,
        steward: this.steward,
        stamps: this.stamps,
        comparisonCount: this.comparisons.length,
      },
      changed,
      // As in a full run, a pair that cannot reach a decision other than "none" is not scored further.
      this.decisionCutoff(),
    );
    const replaced = [...previousClusters].map((cluster) => idsOf(this.records.ids, this.grouping.membersOf(cluster)));
    this.grouping.drop(previousClusters, this.records.size);
    const clustering = this.cluster(queue, linkTable, links);
    return {
      clusters: clustering.clusters,
      replaced,
      links,
      reviews,
      splits: clustering.splits,
      oversizedBlocks: [...oversized.values()],
      scoredPairs,
    };
  }

  /**
   * The score below which a pair can only be decided "none" (neither the review threshold nor,
   * while rules are on, the rules' floor): scoring stops early on pairs that cannot reach it.
   */
  private decisionCutoff(): number {
    const rulesOn = this.config.rules.sameEmail || this.config.rules.samePhoneSimilarName;
    return Math.min(scoreOfProbability(this.config.thresholds.review), rulesOn ? this.config.rules.minScore : Infinity);
  }

  /** Current clusters of all records. */
  clusters(): string[][] {
    return this.grouping.live().map((members) => idsOf(this.records.ids, members));
  }

  explain(pair: ScoredPair): MatchExplanation {
    return matchExplanation(pair, this.model.parameters);
  }

  private setParameters(parameters: ModelParameters): void {
    this.model = new ScoringModel(this.comparisons, parameters, this.config.comparisonSettings);
    this.judge = new PairJudge(this.model, this.config);
  }

  private cluster(
    members: readonly number[],
    linkTable: LinkTable,
    links: readonly ScoredPair[],
  ): { clusters: string[][]; splits: ClusterSplit[] } {
    const result = clusterLinks(
      members,
      linkTable,
      this.records.ids,
      (a, b) => this.model.scorePair(this.records, a, b),
      this.config.clustering,
      { cannotLink: this.steward.cannotLinkIndices(this.records) },
    );
    this.grouping.add(result.clusters, this.records.size);
    return {
      clusters: result.clusters.map((members) => idsOf(this.records.ids, members)),
      splits: result.refused.map((refused) => clusterSplit(this.records.ids, refused, links)),
    };
  }
}
