import type { ComparisonDefinition, ComparisonSettings } from './comparisons';
import { PreparedRecords } from './prepared-records';
import { seededRandom } from './random';
import type { MatchRecord } from './types';

// u, the comparison levels' frequencies among non-matches: estimated from random pairs, then
// corrected for the matches among them once EM has estimated m and λ (see training.ts).

/** Below this many non-null sampled pairs, u leans on the comparison's default instead. */
const MIN_U_EVIDENCE = 1000;

/**
 * Estimates u, the level frequencies among non-matches, from random record pairs (nearly all
 * of which are non-matches). Rather than drawing each pair independently, which touches two
 * random records per pair and is bound by memory latency on large inputs, it draws a random
 * subset of about sqrt(2·samplePairs) records and compares all pairs within it: still an
 * unbiased sample of pairs, but one that stays in the processor cache. Small inputs use every
 * pair. Levels never seen get half a count, so that no weight is infinite.
 */
export function estimateU(
  records: PreparedRecords,
  /** The record at each index of `records`, made again for the sample. */
  recordAt: (index: number) => MatchRecord,
  comparisons: readonly ComparisonDefinition[],
  settings: ComparisonSettings,
  samplePairs: number,
  seed: number,
): { u: number[][]; sampled: number } {
  const counts = comparisons.map((comparison) => new Float64Array(comparison.levels.length));
  const sample = sampleRecords(records, recordAt, samplePairs, seed);
  let sampled = 0;
  for (let x = 0; x < sample.size; x++) {
    for (let y = x + 1; y < sample.size; y++) {
      for (let c = 0; c < comparisons.length; c++) {
        const level = (comparisons[c] as ComparisonDefinition).compare(sample, x, y, settings);
        const row = counts[c] as Float64Array;
        row[level] = (row[level] as number) + 1;
      }
      sampled++;
    }
  }
  const u = comparisons.map((comparison, c) => {
    const row = counts[c] as Float64Array;
    const levels = comparison.levels.length;
    let nonNull = 0;
    for (let level = 1; level < levels; level++) nonNull += row[level] as number;
    const probabilities = [1];
    for (let level = 1; level < levels; level++) {
      const observed = row[level] as number;
      const fallback = comparison.defaultU[level] as number;
      probabilities.push(
        nonNull >= MIN_U_EVIDENCE
          ? (observed + 0.5) / (nonNull + 0.5 * (levels - 1))
          : (observed + MIN_U_EVIDENCE * fallback) / (nonNull + MIN_U_EVIDENCE),
      );
    }
    return probabilities;
  });
  return { u, sampled };
}

/** All records when they give few enough pairs, else a seeded random subset, prepared compactly. */
function sampleRecords(records: PreparedRecords, recordAt: (index: number) => MatchRecord, samplePairs: number, seed: number): PreparedRecords {
  const n = records.size;
  if ((n * (n - 1)) / 2 <= samplePairs) return records;
  const wanted = Math.min(n, Math.ceil((1 + Math.sqrt(1 + 8 * samplePairs)) / 2));
  // Partial Fisher–Yates shuffle of the indices: `wanted` distinct records.
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  const subset = new PreparedRecords();
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(random() * (n - i));
    const chosen = indices[j] as number;
    indices[j] = indices[i] as number;
    indices[i] = chosen;
    subset.upsert(recordAt(chosen));
  }
  return subset;
}

/**
 * Removes the matches from u. Random pairs include a share λ of matches, so what was
 * observed is λ·m + (1-λ)·u, not u: on small or duplicate-heavy data that inflates u for
 * agreement levels (an exact national id looks 1000 times commoner among non-matches than it
 * is). With m and λ from EM, solve for u; keep half a sampled pair as the floor.
 */
export function removeMatchesFromU(
  observed: readonly (readonly number[])[],
  m: readonly (readonly number[])[],
  lambda: number,
  sampled: number,
): number[][] {
  const floor = 0.5 / Math.max(1, sampled);
  return observed.map((row, c) => {
    const corrected = row.map((value, level) =>
      level === 0 ? 1 : Math.max(floor, (value - lambda * ((m[c] as readonly number[])[level] as number)) / (1 - lambda)),
    );
    let total = 0;
    for (let level = 1; level < corrected.length; level++) total += corrected[level] as number;
    return corrected.map((value, level) => (level === 0 ? 1 : value / total));
  });
}
