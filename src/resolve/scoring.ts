import type { ComparisonDefinition, ComparisonSettings } from './comparisons';
import type { PreparedRecords } from './prepared-records';
import type { ComparisonExplanation, Decision, MatchExplanation, ModelParameters, ScoredPair } from './types';

/**
 * A Fellegi–Sunter model ready to score: the match weight log2(m/u) of every comparison
 * level, and the prior weight log2(λ/(1-λ)). The score of a pair is the prior plus the weights
 * of its levels; 2^score is the odds that it is a match.
 */
export class ScoringModel {
  /** weights[c][level]; the null level (0) always weighs 0. */
  readonly weights: Float64Array[];
  readonly priorWeight: number;
  /** Largest weight per comparison, for bounding a partial score. */
  readonly maxWeights: Float64Array;
  /** Comparisons in the order `levelsReaching` evaluates them: most decisive per unit of cost first. */
  private readonly order: Int32Array;
  /** remaining[i]: the most the comparisons order[i..] can still add. */
  private readonly remaining: Float64Array;

  constructor(
    readonly comparisons: readonly ComparisonDefinition[],
    readonly parameters: ModelParameters,
    readonly settings: ComparisonSettings,
  ) {
    if (parameters.comparisons.length !== comparisons.length) throw new Error('parameters do not fit the comparisons');
    this.weights = comparisons.map((comparison, c) => {
      const levels = (parameters.comparisons[c] as ModelParameters['comparisons'][number]).levels;
      if (levels.length !== comparison.levels.length) throw new Error(`parameters of ${comparison.name} do not fit its levels`);
      return Float64Array.from(levels, (level, index) => (index === 0 ? 0 : Math.log2(level.m / level.u)));
    });
    this.priorWeight = Math.log2(parameters.lambda / (1 - parameters.lambda));
    this.maxWeights = Float64Array.from(this.weights, (w) => Math.max(0, ...w));
    const swing = (c: number): number => {
      const weights = this.weights[c] as Float64Array;
      return (Math.max(0, ...weights) - Math.min(0, ...weights)) / (comparisons[c] as ComparisonDefinition).cost;
    };
    this.order = Int32Array.from(
      comparisons.map((_, c) => c).sort((x, y) => swing(y) - swing(x) || x - y),
    );
    this.remaining = new Float64Array(comparisons.length + 1);
    for (let i = comparisons.length - 1; i >= 0; i--) {
      this.remaining[i] = (this.remaining[i + 1] as number) + (this.maxWeights[this.order[i] as number] as number);
    }
  }

  /**
   * Writes the levels of a pair into `out` and returns true, unless the pair provably cannot
   * score `cutoff` or more: then it stops early and returns false (`out` is then partial).
   * Most candidate pairs are clear non-matches; with the comparisons ordered by how much they
   * can swing the score per unit of cost, they are rejected after a few cheap comparisons,
   * before the expensive string similarities.
   */
  levelsReaching(records: PreparedRecords, a: number, b: number, cutoff: number, out: Uint8Array | number[]): boolean {
    const comparisons = this.comparisons;
    const order = this.order;
    // A small margin keeps rounding in the partial sums from ever pruning a pair that reaches the cutoff.
    const floor = cutoff - 1e-6;
    let partial = this.priorWeight;
    for (let i = 0; i < order.length; i++) {
      if (partial + (this.remaining[i] as number) < floor) return false;
      const c = order[i] as number;
      const level = (comparisons[c] as ComparisonDefinition).compare(records, a, b, this.settings);
      out[c] = level;
      partial += (this.weights[c] as Float64Array)[level] as number;
    }
    return true;
  }

  /** Writes the level of every comparison for records a and b into `out`. */
  levelsInto(records: PreparedRecords, a: number, b: number, out: Uint8Array | number[]): void {
    const comparisons = this.comparisons;
    for (let c = 0; c < comparisons.length; c++) out[c] = (comparisons[c] as ComparisonDefinition).compare(records, a, b, this.settings);
  }

  scoreOfLevels(levels: ArrayLike<number>): number {
    let score = this.priorWeight;
    for (let c = 0; c < this.weights.length; c++) score += (this.weights[c] as Float64Array)[levels[c] as number] as number;
    return score;
  }

  /** Score of a pair computed from scratch (the chaining guard asks about pairs that were never candidates). */
  scorePair(records: PreparedRecords, a: number, b: number): number {
    let score = this.priorWeight;
    const comparisons = this.comparisons;
    for (let c = 0; c < comparisons.length; c++) {
      const level = (comparisons[c] as ComparisonDefinition).compare(records, a, b, this.settings);
      score += (this.weights[c] as Float64Array)[level] as number;
    }
    return score;
  }

  explain(pair: ScoredPair): MatchExplanation {
    return matchExplanation(pair, this.parameters);
  }
}

/** The log2-odds score at which the match probability reaches `probability`. */
export function scoreOfProbability(probability: number): number {
  return Math.log2(probability / (1 - probability));
}

/** Probability of a match from a log2-odds score. */
export function probabilityOfScore(score: number): number {
  return 1 / (1 + Math.pow(2, -score));
}

export function decide(probability: number, thresholds: { link: number; review: number }): Decision {
  if (probability >= thresholds.link) return 'link';
  if (probability >= thresholds.review) return 'review';
  return 'none';
}

/**
 * Why a pair scored as it did: per comparison the level, its m and u, and its weight. Needs
 * only the pair and the (stored) parameters, so a steward's screen can rebuild it any time.
 */
export function matchExplanation(pair: ScoredPair, parameters: ModelParameters): MatchExplanation {
  const comparisons: ComparisonExplanation[] = parameters.comparisons.map((comparison, c) => {
    const levelIndex = pair.levels[c] ?? 0;
    const level = comparison.levels[levelIndex];
    if (level === undefined) throw new Error(`level ${levelIndex} unknown for ${comparison.comparison}`);
    return {
      comparison: comparison.comparison,
      level: level.level,
      levelIndex,
      m: level.m,
      u: level.u,
      weight: levelIndex === 0 ? 0 : Math.log2(level.m / level.u),
    };
  });
  const explanation: MatchExplanation = {
    left: pair.left,
    right: pair.right,
    priorWeight: Math.log2(parameters.lambda / (1 - parameters.lambda)),
    score: pair.score,
    probability: pair.probability,
    decision: pair.decision,
    comparisons,
  };
  if (pair.rule !== undefined) explanation.rule = pair.rule;
  return explanation;
}

/** Parameters straight from the comparisons' defaults, for use before any training. */
export function defaultParameters(comparisons: readonly ComparisonDefinition[], lambda = 0.01): ModelParameters {
  return {
    lambda,
    comparisons: comparisons.map((comparison) => ({
      comparison: comparison.name,
      levels: comparison.levels.map((level, index) => ({
        level,
        m: index === 0 ? 1 : (comparison.defaultM[index] as number),
        u: index === 0 ? 1 : (comparison.defaultU[index] as number),
      })),
    })),
    training: { uSampledPairs: 0, emIterations: 0, emConverged: false, candidatePairs: 0, candidateMatchRate: 0 },
  };
}
