/**
 * Public types of the identity-resolution engine. Everything here is plain data so that the
 * caller can serialise it (trained parameters, explanations, splits) into its own store.
 */

/** One source record, already normalized, as the matcher sees it. */
export interface MatchRecord {
  /** Source record id, unique across all sources. */
  id: string;
  source: string;
  givenName?: string;
  familyName?: string;
  /** Latin (pinyin) form of Han names, when the source or normalization provides one. */
  givenNamePinyin?: string;
  familyNamePinyin?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  /** Lower-case, normalized. */
  emails: string[];
  /** E.164 */
  phones: string[];
  streetNumber?: string;
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  nationalId?: string;
  /** ISO datetime; survivorship prefers recent values. */
  updatedAt?: string;
  /** Source trust rank; higher wins in survivorship. */
  trust?: number;
}

/**
 * Records by position: an array is one. A caller resolving a million records may make each
 * on demand from a more compact form instead of holding them all as objects.
 */
export interface MatchRecordList {
  readonly length: number;
  at(position: number): MatchRecord | undefined;
}

/** m and u probabilities of one comparison level, and the resulting match weight. */
export interface LevelParameters {
  level: string;
  m: number;
  u: number;
}

export interface ComparisonParameters {
  comparison: string;
  /** One entry per level, in level order; index 0 is the "null" level (weight 0). */
  levels: LevelParameters[];
}

/**
 * A trained (or default) Fellegi–Sunter model: plain JSON so that it can be stored,
 * displayed to stewards and reused for incremental runs.
 */
export interface ModelParameters {
  /** Prior probability that two records drawn at random are a match (λ). */
  lambda: number;
  comparisons: ComparisonParameters[];
  /** How the parameters were obtained, for display. */
  training: {
    uSampledPairs: number;
    emIterations: number;
    emConverged: boolean;
    candidatePairs: number;
    /** Share of candidate pairs EM judged to be matches (informational). */
    candidateMatchRate: number;
    /** Duplicates per record the model implies on average: λ times the other records (absent in models stored before it was recorded). */
    duplicatesPerRecord?: number;
    /**
     * Set when EM's m probabilities were refused because they implied this many duplicates per
     * record (more than `training.maxDuplicatesPerRecord`): m are then the comparison defaults.
     */
    refusedEmDuplicatesPerRecord?: number;
  };
}

export type Decision = 'link' | 'review' | 'none';

/**
 * A scored candidate pair. `levels` holds one level index per comparison of the model (pairs
 * with the same levels share one array: treat it as read-only).
 */
export interface ScoredPair {
  left: string;
  right: string;
  /** log2 odds of a match: prior + sum of the comparison weights. */
  score: number;
  probability: number;
  decision: Decision;
  /** Set when a deterministic rule decided the pair (e.g. "sameEmail"). */
  rule?: string;
  levels: readonly number[];
}

export interface ComparisonExplanation {
  comparison: string;
  level: string;
  levelIndex: number;
  m: number;
  u: number;
  /** log2(m/u); 0 for the null level. */
  weight: number;
}

/** Why two records were (or were not) linked, for a data steward. */
export interface MatchExplanation {
  left: string;
  right: string;
  priorWeight: number;
  score: number;
  probability: number;
  decision: Decision;
  rule?: string;
  comparisons: ComparisonExplanation[];
}

/** A blocking key value shared by too many records to be a useful candidate generator. */
export interface OversizedBlock {
  key: string;
  value: string;
  size: number;
}

/** A link the chaining guard refused, because it would have put dissimilar records together. */
export interface ClusterSplit {
  /** The refused link. */
  link: ScoredPair;
  /** The two groups it would have joined (as they stood when it was refused). */
  sides: [string[], string[]];
  /** The least similar cross pair that broke the guard. */
  weakestPair: { left: string; right: string; score: number };
}

export interface ResolveStatistics {
  records: number;
  candidatePairs: number;
  /** Candidate pairs compared to the end; the others were rejected early as clear non-matches. */
  scoredPairs: number;
  /** Distinct comparison patterns EM trained on (0 when parameters were given). */
  trainingPatterns: number;
  /** Time per phase; "comparing" is the scoring pass over all candidates, "training" includes EM's sample. */
  millis: { prepare: number; blocking: number; training: number; comparing: number; clustering: number; total: number };
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
  /**
   * Candidate pairs compared to the end (the others were rejected early as clear non-matches), for
   * the caller's log: grows with the touched blocks, not the data.
   */
  scoredPairs: number;
}

/**
 * A data steward's standing decisions, by record id. They hold in every later run: a
 * must-link pair always shares a cluster, a cannot-link pair never does.
 */
export interface StewardDecisions {
  mustLink: readonly (readonly [string, string])[];
  cannotLink: readonly (readonly [string, string])[];
}
