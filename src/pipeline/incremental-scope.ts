import { createHash } from 'node:crypto';
import {
  blockingKeyValues,
  resolveConfig,
  resolveIncremental,
  type ConfigOverrides,
  type IncrementalResolution,
  type MatchRecord,
  type ModelParameters,
  type StewardDecisions,
} from '../resolve';
import type { Repositories } from '../store/repositories';
import type { StoredLink } from '../store/resolution-repository';
import type { ResolvableRecord } from '../store/source-record-repository';
import { toMatchRecord } from './match-records';

/** Bump when blocking keys emit different values for the same configuration. */
const BLOCK_KEY_VERSION = 1;
/** Customers per member lookup. */
const CUSTOMERS_PER_LOOKUP = 1000;

/** Names the blocking configuration stored keys were computed with. */
export function blockKeyFingerprint(config: ConfigOverrides): string {
  const { keys } = resolveConfig(config).blocking;
  return createHash('sha256').update(JSON.stringify({ version: BLOCK_KEY_VERSION, keys })).digest('hex');
}

export interface ScopedIncrement {
  increment: IncrementalResolution;
  /** Every record read, by id: the members of the increment's clusters among them. */
  records: Map<number, ResolvableRecord>;
  matchRecords: Map<number, MatchRecord>;
  /** The stored links of the records read. */
  links: Map<number, StoredLink>;
  /** How many records were read from the store. */
  read: number;
}

export interface ScopeInput {
  changedIds: readonly number[];
  touchedIds: readonly number[];
  config: ConfigOverrides;
  parameters: ModelParameters;
  decisions: StewardDecisions;
  trust: ReadonlyMap<string, number>;
}

/**
 * An incremental resolution that reads only the records it can reach, not every record.
 *
 * The resolver re-scores the candidates of every record it visits (the changed ones, the members
 * of their customers, and whatever they link to); its outcome equals a full run's when each
 * visited record has all its block partners and their customers' members at hand. So: the
 * changed records' keys are stored first; then, for records to explore, the store gives the
 * members of their blocks (by keyed digest; blocks too large in the whole store only as such, so
 * that they stay unused as in a full run) and whole customers are read. The resolver runs on what
 * was read; if it visited a record not explored yet, that record is explored and it runs again.
 */
export async function resolveWithinScope(repos: Repositories, input: ScopeInput): Promise<ScopedIncrement> {
  const { maxBlockSize } = resolveConfig(input.config).blocking;
  const records = new Map<number, ResolvableRecord>();
  const matchRecords = new Map<number, MatchRecord>();
  const links = new Map<number, StoredLink>();
  const membersOf = new Map<string, number[]>();
  const explored = new Set<number>();
  const askedDigests = new Set<number>();
  const oversizedDigests = new Set<number>();
  const mustLink = new Map<number, number[]>();
  for (const [a, b] of input.decisions.mustLink) {
    (mustLink.get(Number(a)) ?? mustLink.set(Number(a), []).get(Number(a))!).push(Number(b));
    (mustLink.get(Number(b)) ?? mustLink.set(Number(b), []).get(Number(b))!).push(Number(a));
  }

  /** Reads records not read yet, and every member of their customers. */
  const read = async (ids: Iterable<number>): Promise<void> => {
    let missing = [...new Set(ids)].filter((id) => !records.has(id) && !links.has(id));
    while (missing.length > 0) {
      for (const record of await repos.sourceRecords.resolvableByIds(missing)) {
        records.set(record.id, record);
        matchRecords.set(record.id, toMatchRecord(record, input.trust.get(record.source) ?? 0));
      }
      const found = await repos.resolution.linksOfRecords(missing);
      for (const [id, link] of found) links.set(id, link);
      const customers = [...new Set([...found.values()].map((link) => link.customerId))].filter((id) => !membersOf.has(id));
      missing = [];
      for (let i = 0; i < customers.length; i += CUSTOMERS_PER_LOOKUP) {
        for (const [customerId, members] of await repos.resolution.recordIdsByCustomer(customers.slice(i, i + CUSTOMERS_PER_LOOKUP))) {
          membersOf.set(customerId, members);
          for (const member of members) if (!records.has(member) && !links.has(member)) missing.push(member);
        }
      }
    }
  };

  /** Reads the block partners and must-link partners of records (and their customers). */
  const explore = async (ids: readonly number[]): Promise<void> => {
    const fresh = ids.filter((id) => !explored.has(id));
    for (const id of fresh) explored.add(id);
    await read(fresh);
    const digests = [...(await repos.blockKeys.digestsOfRecords(fresh))].filter((digest) => !askedDigests.has(digest));
    for (const digest of digests) askedDigests.add(digest);
    const { members, oversized } = await repos.blockKeys.blocks(digests, maxBlockSize);
    for (const digest of oversized) oversizedDigests.add(digest);
    for (const id of fresh) members.push(...(mustLink.get(id) ?? []));
    await read(members);
  };

  // The changed records' keys are stored first: block sizes then count their current content.
  await read([...input.changedIds, ...input.touchedIds]);
  const changed = input.changedIds.map((id) => matchRecords.get(id)).filter((record): record is MatchRecord => record !== undefined);
  const changedKeys = blockingKeyValues(changed, input.config);
  await repos.blockKeys.replaceFor(changed.map((record, i) => ({ recordId: Number(record.id), values: changedKeys[i] as number[] })));

  let seeds = [...input.changedIds, ...input.touchedIds];
  for (const id of [...seeds]) seeds.push(...(membersOf.get(links.get(id)?.customerId ?? '') ?? []));
  for (;;) {
    await explore(seeds);
    const all = [...matchRecords.values()];
    const values = blockingKeyValues(all, input.config).flat();
    const digests = repos.blockKeys.digestsOf(values);
    const oversizedBlocks = values.filter((_, i) => oversizedDigests.has(digests[i] as number));
    const clusters = [...membersOf.values()].map((members) => members.filter((id) => records.has(id)).map(String));
    const increment = resolveIncremental({ records: all, clusters, oversizedBlocks }, changed, input.config, input.parameters, input.decisions, input.touchedIds.filter((id) => records.has(id)).map(String));
    seeds = increment.clusters.flat().map(Number).filter((id) => !explored.has(id));
    if (seeds.length === 0) return { increment, records, matchRecords, links, read: records.size };
  }
}
