import type { ComparisonSettings } from './comparisons';

/**
 * Everything that tunes resolution, with defaults that work on typical person data (and the
 * Febrl benchmark) without per-dataset adjustment. The caller may override any part.
 */
export interface ResolveConfig {
  /** Comparisons of the Fellegi–Sunter model, by name (see COMPARISONS). */
  comparisons: string[];
  comparisonSettings: ComparisonSettings;
  blocking: {
    /** Blocking keys, by name (see BLOCKING_KEYS); candidate pairs are their union. */
    keys: string[];
    /** Blocks with more records than this produce no pairs and are reported. */
    maxBlockSize: number;
  };
  /** Match-probability thresholds: at or above `link` → link, at or above `review` → review. */
  thresholds: { link: number; review: number };
  /** Deterministic rules that link before (and regardless of) the probabilistic score. */
  rules: {
    /** A shared email links, unless the names clearly disagree (a family's shared inbox). */
    sameEmail: boolean;
    /** A shared phone links only together with a similar given name and a compatible family name. */
    samePhoneSimilarName: boolean;
    /**
     * A rule never links a pair whose score (log2 odds) is below this: an address reused by
     * two people agrees on the email and disagrees on everything else.
     */
    minScore: number;
    /**
     * A pair whose given names and birth dates both clearly disagree is reviewed, never linked
     * on its score alone, however much else it shares (people of one household).
     */
    householdGuard: boolean;
  };
  clustering: {
    /**
     * Chaining guard: every two records of one cluster must score at least this (log2 odds).
     * A link that would join groups violating it is refused and reported as a split.
     */
    minPairScore: number;
    /** A cluster never grows beyond this many records; larger merges are refused. */
    maxClusterSize: number;
  };
  training: {
    /** Random record pairs used to estimate u (the non-match level frequencies). */
    uSamplePairs: number;
    /** Candidate pairs (an even sample of them) whose patterns EM learns m and λ from. */
    emSamplePairs: number;
    emMaxIterations: number;
    /** EM stops when no m probability moves by more than this. */
    emTolerance: number;
    /** Weight (in pairs) of the default m probabilities, keeping unseen levels finite. */
    priorPairs: number;
    /**
     * The most duplicates per record, on average, a trained model may imply (its prior λ times the
     * number of other records). EM can settle on a class of pairs that merely look alike (same
     * name and birth date in a file of few distinct ones) instead of the same people; a model
     * implying more duplicates than this keeps the default m probabilities instead of EM's.
     */
    maxDuplicatesPerRecord: number;
    seed: number;
  };
}

export const DEFAULT_CONFIG: ResolveConfig = {
  comparisons: [
    'givenName',
    'familyName',
    'birthDate',
    'nationalId',
    'email',
    'phone',
    'streetNumber',
    'addressLine1',
    'addressLine2',
    'city',
    'postalCode',
    'region',
    'country',
  ],
  comparisonSettings: { birthYearTolerance: 5 },
  blocking: {
    keys: [
      'email',
      'phone',
      'nationalId',
      'birthDateInitial',
      'familySoundexBirthYear',
      'givenPrefixPostalCode',
      'fullName',
      'streetNumberPostalCode',
      'streetPostalCode',
    ],
    maxBlockSize: 200,
  },
  thresholds: { link: 0.99, review: 0.5 },
  rules: { sameEmail: true, samePhoneSimilarName: true, minScore: -10, householdGuard: true },
  clustering: { minPairScore: -10, maxClusterSize: 500 },
  training: { uSamplePairs: 500_000, emSamplePairs: 250_000, emMaxIterations: 100, emTolerance: 1e-5, priorPairs: 5, maxDuplicatesPerRecord: 10, seed: 42 },
};

export type ConfigOverrides = {
  [K in keyof ResolveConfig]?: ResolveConfig[K] extends unknown[] ? ResolveConfig[K] : Partial<ResolveConfig[K]>;
};

/** The defaults with the caller's overrides applied one section deep; invalid values throw. */
export function resolveConfig(overrides: ConfigOverrides = {}): ResolveConfig {
  const config: ResolveConfig = structuredClone(DEFAULT_CONFIG);
  const resolved: ResolveConfig = {
    comparisons: overrides.comparisons ?? config.comparisons,
    comparisonSettings: { ...config.comparisonSettings, ...overrides.comparisonSettings },
    blocking: { ...config.blocking, ...overrides.blocking },
    thresholds: { ...config.thresholds, ...overrides.thresholds },
    rules: { ...config.rules, ...overrides.rules },
    clustering: { ...config.clustering, ...overrides.clustering },
    training: { ...config.training, ...overrides.training },
  };
  const { link, review } = resolved.thresholds;
  if (!(review > 0 && review <= link && link < 1)) throw new Error('thresholds must satisfy 0 < review ≤ link < 1');
  if (!(resolved.blocking.maxBlockSize >= 2)) throw new Error('blocking.maxBlockSize must be at least 2');
  if (!(resolved.clustering.maxClusterSize >= 2)) throw new Error('clustering.maxClusterSize must be at least 2');
  if (!(resolved.training.uSamplePairs >= 1 && resolved.training.emSamplePairs >= 1)) throw new Error('training sample sizes must be positive');
  if (!(resolved.training.maxDuplicatesPerRecord > 0)) throw new Error('training.maxDuplicatesPerRecord must be positive');
  return resolved;
}
