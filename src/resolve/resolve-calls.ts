import { BlockIndex } from './blocking';
import { blockingKeysByName } from './blocking-keys';
import { type ConfigOverrides, type ResolveConfig, resolveConfig } from './config';
import { PreparedRecords } from './prepared-records';
import { IdentityResolver } from './resolver';
import type { IncrementalResolution, MatchRecord, MatchRecordList, ModelParameters, ResolveResult, StewardDecisions } from './types';

/** Full resolution in one call. */
export function resolveRecords(
  records: MatchRecordList,
  config: ConfigOverrides | ResolveConfig = {},
  parameters?: ModelParameters,
  decisions?: StewardDecisions,
): ResolveResult {
  const resolver = new IdentityResolver(config, parameters);
  if (decisions !== undefined) resolver.setDecisions(decisions);
  return resolver.resolveAll(records, parameters);
}

/**
 * Incremental resolution from stored state: the existing records and clusters, and the new
 * or changed records. Returns the clusters that replace the touched ones. (A long-running
 * caller keeps an `IdentityResolver` instead and calls `upsert`, skipping the rebuild.)
 */
export function resolveIncremental(
  existing: {
    records: readonly MatchRecord[];
    clusters: readonly (readonly string[])[];
    /** Blocks (as blockingKeyValues gives them) too large among all records, when `records` is only part of them. */
    oversizedBlocks?: Iterable<number>;
  },
  changed: readonly MatchRecord[],
  config: ConfigOverrides | ResolveConfig,
  parameters: ModelParameters,
  decisions?: StewardDecisions,
  touchedIds: readonly string[] = [],
): IncrementalResolution {
  const resolver = IdentityResolver.restore(existing.records, existing.clusters, config, parameters);
  if (existing.oversizedBlocks !== undefined) resolver.index.treatAsOversized(existing.oversizedBlocks);
  if (decisions !== undefined) resolver.setDecisions(decisions);
  return resolver.upsert(changed, touchedIds);
}

/**
 * The blocking key values of each record (see BlockIndex.keyValuesOf), in the records' order:
 * what a store persists to find, later, the records that share a block with some others.
 */
export function blockingKeyValues(records: readonly MatchRecord[], config: ConfigOverrides | ResolveConfig = {}): number[][] {
  const resolved = resolveConfig(config);
  const index = new BlockIndex(blockingKeysByName(resolved.blocking.keys), resolved.blocking.maxBlockSize);
  const prepared = PreparedRecords.from(records);
  return records.map((_, position) => index.keyValuesOf(prepared, position));
}
