import { createHash } from 'node:crypto';
import {
  IdentityResolver,
  resolveConfig,
  type ConfigOverrides,
  type IncrementalResolution,
  type MatchRecord,
  type ModelParameters,
  type StewardDecisions,
} from '../resolve';
import type { PendingKeys, RecordBlockKeys } from '../store/block-key-repository';
import type { Repositories } from '../store/repositories';
import type { StoredLink } from '../store/resolution-plan';
import type { ResolvableRecord } from '../store/source-record-repository';
import { toMatchRecord } from './match-records';

/** Bump when blocking keys emit different values for the same configuration. */
const BLOCK_KEY_VERSION = 1;

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
  /**
   * The changed records' blocking keys, not stored yet: the scope was read as if they were (see
   * PendingKeys), so they can be written while the outcome is.
   */
  changedKeys: RecordBlockKeys[];
}

export interface ScopeInput {
  changedIds: readonly number[];
  touchedIds: readonly number[];
  config: ConfigOverrides;
  parameters: ModelParameters;
  decisions: StewardDecisions;
  trust: ReadonlyMap<string, number>;
}

/** The changed records' keys as they are stored and as they will be. */
async function pendingKeysOf(repos: Repositories, changedKeys: readonly RecordBlockKeys[], keysOf: ReadonlyMap<number, { digests: number[] }>): Promise<PendingKeys> {
  const records = new Set(changedKeys.map((keys) => keys.recordId));
  const next = new Map<number, number[]>();
  for (const id of records) {
    for (const digest of new Set(keysOf.get(id)?.digests ?? [])) (next.get(digest) ?? next.set(digest, []).get(digest)!).push(id);
  }
  return { records, stored: await repos.blockKeys.storedKeysOf([...records]), next };
}

/**
 * An incremental resolution that reads only the records it can reach, not every record.
 *
 * The resolver re-scores the candidates of every record it visits (the changed ones, the members
 * of their customers, and whatever they link to); its outcome equals a full run's when each
 * visited record has all its block partners and its customer's members at hand. So: records to
 * explore are read with their whole customers, and the store gives the members of their blocks
 * (by keyed digest; blocks too large in the whole store only as such, so that they stay unused as
 * in a full run), counted as if the changed records' new keys were stored already: they are
 * written with the outcome (see changedKeys). A block partner is read alone:
 * its customer matters only if the resolver visits it, and a visited record not explored yet is
 * explored before the resolver runs again.
 */
export async function resolveWithinScope(repos: Repositories, input: ScopeInput): Promise<ScopedIncrement> {
  const { maxBlockSize } = resolveConfig(input.config).blocking;
  const records = new Map<number, ResolvableRecord>();
  const matchRecords = new Map<number, MatchRecord>();
  /** Blocking key values of every record read, and their stored digests, computed once. */
  const keysOf = new Map<number, { values: number[]; digests: number[] }>();
  const links = new Map<number, StoredLink>();
  const membersOf = new Map<string, number[]>();
  /** Records asked for (an inactive one is not found, and not asked again). */
  const asked = new Set<number>();
  const linksAsked = new Set<number>();
  const explored = new Set<number>();
  const askedDigests = new Set<number>();
  const oversizedDigests = new Set<number>();
  const mustLink = new Map<number, number[]>();
  for (const [a, b] of input.decisions.mustLink) {
    (mustLink.get(Number(a)) ?? mustLink.set(Number(a), []).get(Number(a))!).push(Number(b));
    (mustLink.get(Number(b)) ?? mustLink.set(Number(b), []).get(Number(b))!).push(Number(a));
  }

  // One resolver for the whole scope: records are prepared once, as they are read, and each
  // round re-resolves from the stored clusters of every record read so far.
  const resolver = new IdentityResolver(input.config, input.parameters);
  resolver.setDecisions(input.decisions);

  /** Reads records not asked for yet, with their blocking keys. */
  const readRecords = async (ids: Iterable<number>): Promise<void> => {
    const missing = [...new Set(ids)].filter((id) => !asked.has(id));
    for (const id of missing) asked.add(id);
    if (missing.length === 0) return;
    const found = (await repos.sourceRecords.resolvableByIds(missing)).map((record) => {
      records.set(record.id, record);
      const match = toMatchRecord(record, input.trust.get(record.source) ?? 0);
      matchRecords.set(record.id, match);
      return match;
    });
    const values = resolver.add(found);
    const digests = repos.blockKeys.digestsOf(values.flat());
    let at = 0;
    found.forEach((record, i) => {
      const own = values[i] as number[];
      keysOf.set(Number(record.id), { values: own, digests: digests.slice(at, (at += own.length)) });
    });
  };

  /** Records with every member of their customers: the resolver visits a customer whole. */
  const withCustomers = async (ids: readonly number[]): Promise<number[]> => {
    const unknown = ids.filter((id) => !linksAsked.has(id));
    for (const id of unknown) linksAsked.add(id);
    const customers = new Set<string>();
    for (const [id, link] of await repos.resolution.linksOfRecords(unknown)) {
      links.set(id, link);
      customers.add(link.customerId);
    }
    for (const [customerId, members] of await repos.resolution.linksByCustomer([...customers].filter((id) => !membersOf.has(id)))) {
      membersOf.set(customerId, [...members.keys()]);
      for (const [member, link] of members) {
        links.set(member, link);
        linksAsked.add(member);
      }
    }
    const all = new Set(ids);
    for (const id of ids) for (const member of membersOf.get(links.get(id)?.customerId ?? '') ?? []) all.add(member);
    return [...all];
  };

  /** Reads records with their customers, and the block partners and must-link partners of all of them. */
  const explore = async (ids: readonly number[]): Promise<void> => {
    const fresh = (await withCustomers(ids.filter((id) => !explored.has(id)))).filter((id) => !explored.has(id));
    for (const id of fresh) explored.add(id);
    await readRecords(fresh);
    // A record's stored digests are those of its keys (a changed record's are about to be).
    const digests: number[] = [];
    for (const id of fresh) {
      for (const digest of keysOf.get(id)?.digests ?? []) {
        if (askedDigests.has(digest)) continue;
        askedDigests.add(digest);
        digests.push(digest);
      }
    }
    const { members, oversized } = await repos.blockKeys.blocks(digests, maxBlockSize, pending);
    for (const digest of oversized) oversizedDigests.add(digest);
    for (const id of fresh) members.push(...(mustLink.get(id) ?? []));
    await readRecords(members);
  };

  await readRecords([...input.changedIds, ...input.touchedIds]);
  const changed = input.changedIds.map((id) => matchRecords.get(id)).filter((record): record is MatchRecord => record !== undefined);
  const changedKeys = changed.map((record) => ({ recordId: Number(record.id), values: keysOf.get(Number(record.id))?.values ?? [] }));
  const pending = await pendingKeysOf(repos, changedKeys, keysOf);

  let seeds = [...input.changedIds, ...input.touchedIds];
  for (;;) {
    await explore(seeds);
    const oversizedBlocks: number[] = [];
    for (const { values, digests } of keysOf.values()) values.forEach((value, i) => oversizedDigests.has(digests[i] as number) && oversizedBlocks.push(value));
    const clusters = [...membersOf.values()].map((members) => members.filter((id) => records.has(id)).map(String));
    resolver.index.treatAsOversized(oversizedBlocks);
    resolver.regroup(clusters);
    const increment = resolver.upsert(changed, input.touchedIds.filter((id) => records.has(id)).map(String));
    seeds = increment.clusters.flat().map(Number).filter((id) => !explored.has(id));
    if (seeds.length === 0) return { increment, records, matchRecords, links, read: records.size, changedKeys };
  }
}
