/**
 * Identity resolution: pure, in-memory, no storage. Block → compare → score (Fellegi–Sunter)
 * → decide → cluster (with a chaining guard) → survive.
 */
export type * from './types';
export { IdentityResolver, STEWARD_LINK_RULE } from './resolver';
export { resolveRecords, resolveIncremental, blockingKeyValues } from './resolve-calls';
export { resolveConfig, DEFAULT_CONFIG } from './config';
export type { ResolveConfig, ConfigOverrides } from './config';
export { matchExplanation, probabilityOfScore, decide, defaultParameters, ScoringModel } from './scoring';
export { COMPARISONS } from './comparisons';
export { BLOCKING_KEYS } from './blocking-keys';
export { surviveCluster, DEFAULT_SURVIVORSHIP, SINGLE_VALUED_FIELDS, MULTI_VALUED_FIELDS } from './survivorship';
export type {
  SurvivorshipConfig,
  SurvivorshipRule,
  SurvivedRecord,
  GoldenValues,
  SourcedValue,
  LineageEntry,
  GoldenField,
} from './survivorship';
