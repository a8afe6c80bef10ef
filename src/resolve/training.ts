import type { ComparisonDefinition } from './comparisons';
import type { ResolveConfig } from './config';
import type { PairBuffer } from './pair-buffer';
import { PatternTable } from './patterns';
import type { PreparedRecords } from './prepared-records';
import { estimateU, removeMatchesFromU } from './u-estimation';
import type { MatchRecord, ModelParameters } from './types';

/**
 * When EM's class is refused, the data has shown it cannot tell how many duplicates there are:
 * the prior then assumes at most one other record per record (a wrong merge costs more than a
 * missed one).
 */
const REFUSED_EM_DUPLICATES_PER_RECORD = 1;
/** λ is kept away from 0 and 1 so that the prior weight stays finite. */
const MIN_LAMBDA = 1e-6;

export interface EmResult {
  m: number[][];
  /** Level frequencies among non-matching candidate pairs (only estimated when asked). */
  candidateU: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * Expectation–maximisation of m and λ over the candidate pairs' patterns.
 *
 * Candidate pairs are not random pairs: the non-matches among them were chosen for sharing
 * a blocking key, so they agree on birth dates, names or postal codes far more often than
 * random pairs do. Holding u at its random-pair value would make such agreement look like
 * matching, and on large inputs, where blocked non-matches outnumber matches, EM would
 * converge to "records that share a birth date" as its match class. So by default u is
 * re-estimated here too, as the non-match distribution *among candidates* (starting from the
 * random-pair u); only m and λ are kept. The comparison defaults act as a prior worth
 * `priorPairs` pairs, so levels the data never shows keep a sensible, finite m.
 */
export function expectationMaximisation(
  patterns: PatternTable,
  comparisons: readonly ComparisonDefinition[],
  u: readonly (readonly number[])[],
  options: ResolveConfig['training'],
  startLambda: number,
  estimateCandidateU = true,
  /** False holds m at the comparison defaults: only λ (and the candidates' u) are estimated. */
  learnM = true,
): EmResult {
  const C = comparisons.length;
  const m = comparisons.map((comparison) => comparison.defaultM.map((value, level) => (level === 0 ? 1 : value)));
  const candidateU = u.map((row) => [...row]);
  const decoded = Array.from({ length: patterns.size }, (_, id) => patterns.levelsOf(id));
  const matchSums = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  const nonMatchSums = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  let lambda = Math.min(1 - MIN_LAMBDA, Math.max(MIN_LAMBDA, startLambda));
  let iterations = 0;
  let converged = false;

  while (iterations < options.emMaxIterations && !converged) {
    iterations++;
    const logM = m.map((row) => row.map((value) => Math.log(value)));
    const logU = candidateU.map((row) => row.map((value) => Math.log(value)));
    for (const sums of matchSums) sums.fill(0);
    for (const sums of nonMatchSums) sums.fill(0);
    let expectedMatches = 0;
    let total = 0;
    for (let id = 0; id < patterns.size; id++) {
      const levels = decoded[id] as ArrayLike<number>;
      let logRatio = Math.log(lambda / (1 - lambda));
      for (let c = 0; c < C; c++) {
        const level = levels[c] as number;
        if (level !== 0) logRatio += ((logM[c] as number[])[level] as number) - ((logU[c] as number[])[level] as number);
      }
      const count = patterns.counts[id] as number;
      const posterior = count / (1 + Math.exp(-logRatio));
      expectedMatches += posterior;
      total += count;
      for (let c = 0; c < C; c++) {
        const level = levels[c] as number;
        const sums = matchSums[c] as Float64Array;
        sums[level] = (sums[level] as number) + posterior;
        const others = nonMatchSums[c] as Float64Array;
        others[level] = (others[level] as number) + (count - posterior);
      }
    }
    let largestChange = 0;
    const update = (row: number[], sums: Float64Array, prior: readonly number[]): void => {
      let nonNull = 0;
      for (let level = 1; level < sums.length; level++) nonNull += sums[level] as number;
      for (let level = 1; level < sums.length; level++) {
        const updated = ((sums[level] as number) + options.priorPairs * (prior[level] as number)) / (nonNull + options.priorPairs);
        largestChange = Math.max(largestChange, Math.abs(updated - (row[level] as number)));
        row[level] = updated;
      }
    };
    for (let c = 0; c < C; c++) {
      if (learnM) update(m[c] as number[], matchSums[c] as Float64Array, (comparisons[c] as ComparisonDefinition).defaultM);
      if (estimateCandidateU) update(candidateU[c] as number[], nonMatchSums[c] as Float64Array, u[c] as readonly number[]);
    }
    const nextLambda = Math.min(1 - MIN_LAMBDA, Math.max(MIN_LAMBDA, total === 0 ? lambda : expectedMatches / total));
    largestChange = Math.max(largestChange, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    converged = largestChange < options.emTolerance;
  }
  return { m, candidateU, lambda, iterations, converged };
}

/** Assembles plain, serialisable parameters from the estimates. */
export function toParameters(
  comparisons: readonly ComparisonDefinition[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  lambda: number,
  training: ModelParameters['training'],
): ModelParameters {
  return {
    lambda,
    comparisons: comparisons.map((comparison, c) => ({
      comparison: comparison.name,
      levels: comparison.levels.map((level, index) => ({
        level,
        m: index === 0 ? 1 : ((m[c] as readonly number[])[index] as number),
        u: index === 0 ? 1 : ((u[c] as readonly number[])[index] as number),
      })),
    })),
    training,
  };
}

/**
 * A starting λ for EM: the share of candidate patterns whose default-m score is positive.
 * EM converges from here in a few dozen iterations.
 */
export function initialLambda(
  patterns: PatternTable,
  comparisons: readonly ComparisonDefinition[],
  u: readonly (readonly number[])[],
): number {
  let positive = 0;
  let total = 0;
  for (let id = 0; id < patterns.size; id++) {
    const levels = patterns.levelsOf(id);
    let weight = 0;
    for (let c = 0; c < comparisons.length; c++) {
      const level = levels[c] as number;
      if (level === 0) continue;
      weight += Math.log2(
        ((comparisons[c] as ComparisonDefinition).defaultM[level] as number) / ((u[c] as readonly number[])[level] as number),
      );
    }
    const count = patterns.counts[id] as number;
    if (weight > 0) positive += count;
    total += count;
  }
  return total === 0 ? 0.01 : Math.max(0.001, positive / total);
}

/**
 * Trains the model on prepared records and their candidate pairs' patterns: u from random
 * pairs, m and λ by EM, then u with the matches taken out, and λ turned into the prior of
 * two random records matching.
 *
 * EM finds *a* class of alike pairs, not necessarily the same people: in a file of few distinct
 * names and birth dates where every record has its own email and phone, "same name and birth
 * date" is the class it settles on, and it learns that disagreeing emails and phones say nothing.
 * Such a class is far too large to be duplicates: the prior it gives implies dozens of duplicates per
 * record. Past `maxDuplicatesPerRecord`, EM's m are refused and the comparison defaults kept
 * (λ and the candidates' u still estimated, λ at most one duplicate per record), and the model
 * says so.
 */
export function trainModel(
  records: PreparedRecords,
  recordAt: (index: number) => MatchRecord,
  comparisons: readonly ComparisonDefinition[],
  patterns: PatternTable,
  candidatePairs: number,
  config: ResolveConfig,
): ModelParameters {
  const { training } = config;
  const observed = estimateU(records, recordAt, comparisons, config.comparisonSettings, training.uSamplePairs, training.seed);
  const start = initialLambda(patterns, comparisons, observed.u);
  // EM's λ is the match rate among candidate pairs, which were chosen for agreeing on
  // blocking keys; scoring them with it would count that agreement twice. The prior is the
  // match rate among all pairs (nearly every match is a candidate).
  const n = records.size;
  const allPairs = Math.max(1, (n * (n - 1)) / 2);
  const priorOf = (candidateRate: number): number => Math.min(0.5, Math.max(1e-12, (candidateRate * candidatePairs) / allPairs));
  // Records per person the prior implies: each record has λ·(n−1) expected duplicates.
  const others = Math.max(1, n - 1);
  let em = expectationMaximisation(patterns, comparisons, observed.u, training, start);
  let lambda = priorOf(em.lambda);
  let refused: number | undefined;
  if (lambda * others > training.maxDuplicatesPerRecord) {
    refused = lambda * others;
    em = expectationMaximisation(patterns, comparisons, observed.u, training, start, true, false);
    lambda = Math.min(priorOf(em.lambda), REFUSED_EM_DUPLICATES_PER_RECORD / others);
  }
  const u = removeMatchesFromU(observed.u, em.m, lambda, observed.sampled);
  return toParameters(comparisons, em.m, u, lambda, {
    uSampledPairs: observed.sampled,
    emIterations: em.iterations,
    emConverged: em.converged,
    candidatePairs,
    candidateMatchRate: em.lambda,
    duplicatesPerRecord: lambda * others,
    ...(refused === undefined ? {} : { refusedEmDuplicatesPerRecord: refused }),
  });
}

/** Consecutive candidate pairs per run of the EM sample. */
const SAMPLE_RUN = 256;

/**
 * The comparison patterns EM learns from: those of an even sample of about `samplePairs` of the
 * candidate pairs, in runs of consecutive pairs (cache-friendly) spread evenly over the whole list.
 */
export function sampleTrainingPatterns(
  pairs: PairBuffer,
  levelCounts: readonly number[],
  samplePairs: number,
  levelsInto: (a: number, b: number, into: Uint8Array) => void,
): PatternTable {
  const patterns = new PatternTable(levelCounts);
  const levels = new Uint8Array(levelCounts.length);
  const stride = Math.max(1, Math.ceil(pairs.length / samplePairs)) * SAMPLE_RUN;
  for (let start = 0; start < pairs.length; start += stride) {
    for (let p = start; p < Math.min(start + SAMPLE_RUN, pairs.length); p++) {
      levelsInto(pairs.left[p] as number, pairs.right[p] as number, levels);
      patterns.add(levels);
    }
  }
  return patterns;
}
