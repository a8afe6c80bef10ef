import { monotonicFactory } from 'ulid';
import type { Logger } from '../logging';
import {
  blockingKeyValues,
  resolveRecords,
  type ConfigOverrides,
  type MatchRecord,
  type MatchRecordList,
  type ModelParameters,
  type OversizedBlock,
  type ScoredPair,
  type StewardDecisions,
} from '../resolve';
import { BlockKeyThread } from '../store/block-key-thread';
import type { Database, DatabaseTarget } from '../store/database';
import { nowDbTime } from '../store/dialect';
import { inResolutionTurn } from '../store/exclusive-runs';
import { lookBackFrom, type RecordBlockKeys } from '../store/block-key-repository';
import { createRepositories, type Repositories } from '../store/repositories';
import type { ResolvableRecord } from '../store/source-record-repository';
import type { ResolutionWriteSummary, ResolvedCustomer, StoredLink } from '../store/resolution-plan';
import type { StoredModel } from '../store/resolution-repository';
import { heapGrowthBound } from './bounded-heap';
import { consentOf } from './customer-consent';
import { profileOf } from './customer-profile';
import { ClusterList } from './cluster-list';
import { goldenCustomer, StrongestLinks } from './golden-customers';
import { blockKeyFingerprint, resolveWithinScope } from './incremental-scope';
import { LoadedRecords } from './loaded-records';
import { matchRecordsOf } from './match-records';
import { PhaseTimer } from './phase-timer';
import { queueReviews } from './review-queue';
import { resolvedThrough } from './resolution-checkpoint';
import { settledTogether } from './settled-together';
import { assignStableIds, flatCopy } from './stable-ids';

const nextUlid = monotonicFactory();
/** Records per slice when computing every record's blocking keys for the store. */
const BLOCK_KEY_SLICE = 50_000;

export interface ResolveCustomersOptions {
  /**
   * `auto` (default): incremental when a stored model and previous clusters exist (only the
   * records that changed since they were last resolved, and what they link to, are
   * re-resolved); `full`: every record, with the stored model.
   */
  mode?: 'auto' | 'full';
  /** Re-estimate the model by EM on the current records, store it, and resolve fully with it. */
  train?: boolean;
  /** Records to re-resolve although their content did not change (a steward decision concerns them). */
  touchedRecordIds?: readonly number[];
  /**
   * Records taken out of their customer by a steward: they do not inherit its id, so the
   * customer they form gets a new one.
   */
  detachedRecordIds?: readonly number[];
  /** Matching settings (blocking, thresholds, clustering guard, training sample sizes). */
  config?: ConfigOverrides;
}

export interface ResolutionSummary extends ResolutionWriteSummary {
  mode: 'full' | 'incremental' | 'unchanged';
  /** Records resolved: every active record on a full run, the changed (and steward-touched) ones on an incremental run, none when unchanged. */
  records: number;
  /** Records read and decoded: all of them on a full run, those an incremental run can reach otherwise. */
  recordsRead: number;
  /** Clusters written (all of them on a full run, the touched ones on an incremental run). */
  customers: number;
  reviewsQueued: number;
  modelId: number;
}

/** What resolving decided, kept compact while the customers are written. */
interface Outcome {
  clusters: ClusterList;
  /** The strongest accepted link of each record (see StrongestLinks). */
  linkOf: StrongestLinks;
  linkCount: number;
  reviews: ScoredPair[];
  /** Current customer of the records of `clusters` (ids are assigned from these). */
  previous: Map<number, string>;
  partial: boolean;
}

/**
 * Resolves active source records into golden customers (blocking, Fellegi–Sunter scoring,
 * guarded clustering, steward decisions, survivorship with overrides) and writes only the
 * differences, keeping ids stable. Pairs between the thresholds join the review queue.
 */
export async function resolveCustomers(db: Database, logger: Logger, options: ResolveCustomersOptions = {}): Promise<ResolutionSummary> {
  // One at a time per database; the heap is held to a bounded growth meanwhile (see bounded-heap): about half the peak RSS.
  return inResolutionTurn(db, logger, () => heapGrowthBound.during(() => resolveWithinBound(db, logger, options)));
}

async function resolveWithinBound(db: Database, logger: Logger, options: ResolveCustomersOptions): Promise<ResolutionSummary> {
  const repos = createRepositories(db.knex);
  const timer = new PhaseTimer();
  const config = options.config ?? {};
  const trust = await repos.sources.trustByName();
  const decisions = await repos.steward.pairDecisions();
  const stored = options.train ? undefined : await repos.resolution.latestModel<ModelParameters>();
  const fingerprint = blockKeyFingerprint(config);
  const startedAt = nowDbTime();
  const lastStartedAt = options.mode === 'full' || stored === undefined ? undefined : await repos.blockKeys.lastStartedAt(fingerprint);
  if (stored !== undefined && lastStartedAt !== undefined) {
    const pending = await repos.resolution.pendingChanges(lookBackFrom(lastStartedAt));
    // A record that left cannot be taken out of a resolver's state: that, or a mostly new
    // data set, is a full run.
    const incremental = !pending.linksToInactive && (await repos.resolution.activeRecordsReach(pending.changedIds.length * 2));
    timer.mark('findChanges');
    if (incremental) {
      const touched = options.touchedRecordIds ?? [];
      if (pending.changedIds.length === 0 && touched.length === 0) {
        await repos.blockKeys.markResolved(fingerprint, startedAt);
        return { mode: 'unchanged', records: 0, recordsRead: 0, customers: 0, reviewsQueued: 0, modelId: stored.id, created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
      }
      const scope = await resolveWithinScope(repos, { changedIds: pending.changedIds, touchedIds: touched, config, parameters: stored.parameters, decisions, trust });
      const { increment, links } = scope;
      const previous = new Map<number, string>();
      for (const id of increment.clusters.flat()) {
        const link = links.get(Number(id));
        if (link) previous.set(Number(id), link.customerId);
      }
      logger.info({ changed: pending.changedIds.length, touched: touched.length, recordsRead: scope.read, scoredPairs: increment.scoredPairs }, 'incremental resolution');
      timer.mark('match');
      const outcome = compactOutcome(increment, previous, true);
      // The changed records' keys are written while the outcome is: nothing reads them before the
      // next run, and a run stopped before its checkpoint leaves the next to resolve them again.
      const [summary] = await settledTogether(
        finish(repos, logger, timer, options, { mode: 'incremental', records: new Set([...pending.changedIds, ...touched]).size, recordsRead: scope.read, outcome, decisions, parameters: stored.parameters, modelId: stored.id }, scope.records, (id) => scope.matchRecords.get(id), links),
        repos.blockKeys.replaceFor(scope.changedKeys),
      );
      await repos.blockKeys.markResolved(fingerprint, await resolvedThrough(repos, logger, startedAt));
      return summary;
    }
  }

  const full = await resolveFully(repos, db.target, logger, timer, options, stored, trust, decisions);
  // Match records are made again per cluster for survivorship rather than all kept meanwhile.
  const matchRecords = matchRecordsOf(full.byId, trust);
  const matchOf = (id: number): MatchRecord | undefined => {
    const position = full.byId.positionOf(id);
    return position === -1 ? undefined : matchRecords.at(position);
  };
  const summary = await finish(repos, logger, timer, options, full.resolved, full.byId, matchOf, full.links);
  await repos.blockKeys.markResolved(fingerprint, await resolvedThrough(repos, logger, startedAt));
  return summary;
}

/** A full run: every active record read and resolved, and every record's block keys stored. */
async function resolveFully(
  repos: Repositories,
  /** Where the database is, for the thread that writes the block keys. */
  target: DatabaseTarget,
  logger: Logger,
  timer: PhaseTimer,
  options: ResolveCustomersOptions,
  stored: StoredModel<ModelParameters> | undefined,
  trust: ReadonlyMap<string, number>,
  decisions: StewardDecisions,
): Promise<{ resolved: Resolved; byId: LoadedRecords; links: Map<number, StoredLink> }> {
  const config = options.config ?? {};
  const records = new LoadedRecords();
  for await (const page of repos.sourceRecords.activeResolvablePages()) for (const record of page) records.add(record);
  records.trim();
  timer.mark('loadRecords');
  // Made as the resolver and the block keys ask for them: a million match records are not held.
  const matchRecords = matchRecordsOf(records, trust);
  const links = await repos.resolution.linksWithHashes();
  timer.mark('loadLinks');
  // The block keys depend on the records alone: a thread of its own writes them while this one
  // matches, which leaves the database idle (in-process afterwards for an in-memory database).
  const keyRows = repos.blockKeys.rowsOf(blockKeysOf(matchRecords, config));
  const keysWritten = BlockKeyThread.startFor(target)?.rewrite(keyRows);
  // Awaited below; until then a failure must not count as unhandled.
  keysWritten?.catch(() => undefined);
  const previous = new Map([...links].map(([id, link]) => [id, link.customerId]));
  const { outcome, trained, oversizedBlocks, splits } = resolveAll(matchRecords, config, stored?.parameters, decisions, previous);
  timer.mark('match');
  await (keysWritten ?? repos.blockKeys.replaceAllRows(keyRows));
  timer.mark('writeBlockKeys');
  const parameters = stored?.parameters ?? trained;
  const modelId = stored?.id ?? (await repos.resolution.saveModel(parameters, options.train ? 'train' : 'first_run'));
  if (oversizedBlocks.length > 0) logger.warn({ oversizedBlocks: oversizedBlocks.slice(0, 20) }, 'oversized blocks capped');
  if (splits > 0) logger.info({ splits }, 'chaining guard refused links');
  const refused = stored ? undefined : trained.training.refusedEmDuplicatesPerRecord;
  if (refused !== undefined) {
    logger.warn({ duplicatesPerRecord: refused }, "EM's match class implied too many duplicates per record to be the same people: the model keeps the default m (see resolve --show-model)");
  }
  return { resolved: { mode: 'full', records: records.size, recordsRead: records.size, outcome, decisions, parameters, modelId }, byId: records, links };
}

/**
 * Resolves every record. Not async: the resolver's result (a million ids as strings, every
 * accepted pair as an object) is dropped here, before anything is awaited, once its compact
 * outcome is made.
 */
function resolveAll(
  records: MatchRecordList,
  config: ConfigOverrides,
  parameters: ModelParameters | undefined,
  decisions: StewardDecisions,
  previous: Map<number, string>,
): { outcome: Outcome; trained: ModelParameters; oversizedBlocks: OversizedBlock[]; splits: number } {
  const result = resolveRecords(records, config, parameters, decisions);
  return { outcome: compactOutcome(result, previous, false), trained: result.parameters, oversizedBlocks: result.oversizedBlocks, splits: result.splits.length };
}

/** Clusters and the strongest link per record in typed arrays; the accepted pairs are not kept. */
function compactOutcome(resolved: { clusters: string[][]; links: ScoredPair[]; reviews: ScoredPair[] }, previous: Map<number, string>, partial: boolean): Outcome {
  return { clusters: ClusterList.of(resolved.clusters), linkOf: StrongestLinks.of(resolved.links), linkCount: resolved.links.length, reviews: resolved.reviews, previous, partial };
}

/** Every record's blocking key values, computed a slice at a time. */
function* blockKeysOf(records: MatchRecordList, config: ConfigOverrides): Generator<RecordBlockKeys> {
  for (let start = 0; start < records.length; start += BLOCK_KEY_SLICE) {
    const slice = Array.from({ length: Math.min(BLOCK_KEY_SLICE, records.length - start) }, (_, i) => records.at(start + i) as MatchRecord);
    const values = blockingKeyValues(slice, config);
    for (let i = 0; i < slice.length; i++) yield { recordId: Number((slice[i] as MatchRecord).id), values: values[i] as number[] };
  }
}

/** The records a run read (a map, or a full run's LoadedRecords). */
type RecordsById = Pick<Map<number, ResolvableRecord>, 'get' | 'delete'>;

interface Resolved {
  mode: 'full' | 'incremental';
  records: number;
  recordsRead: number;
  outcome: Outcome;
  decisions: StewardDecisions;
  parameters: ModelParameters;
  modelId: number;
}

/** Writes an outcome and queues its reviews. */
async function finish(
  repos: Repositories,
  logger: Logger,
  timer: PhaseTimer,
  options: ResolveCustomersOptions,
  { mode, records, recordsRead, outcome, decisions, parameters, modelId }: Resolved,
  /** The records read, by id; emptied as their customers are written. */
  byId: RecordsById,
  matchOf: (id: number) => MatchRecord | undefined,
  links: ReadonlyMap<number, StoredLink>,
): Promise<ResolutionSummary> {
  for (const id of options.detachedRecordIds ?? []) outcome.previous.delete(id);
  const summary = await writeOutcome(repos, outcome, byId, matchOf, links, timer);
  const reviewsQueued = await queueReviews(repos.matchReviews, outcome.clusters, outcome.reviews, decisions, parameters);
  timer.mark('reviews');
  logger.info({ mode, records, recordsRead, customers: outcome.clusters.length, links: outcome.linkCount, reviewsQueued, ...summary, millis: timer.millis, rssMb: timer.rssMb }, 'resolution finished');
  return { mode, records, recordsRead, customers: outcome.clusters.length, reviewsQueued, modelId, ...summary };
}

async function writeOutcome(
  repos: Repositories,
  outcome: Outcome,
  /** Emptied as the customers are built. */
  byId: RecordsById,
  matchOf: (id: number) => MatchRecord | undefined,
  storedLinks: ReadonlyMap<number, StoredLink>,
  timer: PhaseTimer,
): Promise<ResolutionWriteSummary> {
  const { clusters, linkOf } = outcome;
  const ids = assignStableIds(clusters, outcome.previous, () => flatCopy(nextUlid()));
  const overrides = await repos.steward.overrides();
  const absorbedBy = new Map<string, string[]>();
  for (const [retired, survivor] of ids.retired) (absorbedBy.get(survivor) ?? absorbedBy.set(survivor, []).get(survivor)!).push(retired);
  // Built as they are written, a chunk at a time, so that a full run never holds them all.
  function* customers(): Generator<ResolvedCustomer> {
    for (let index = 0; index < clusters.length; index++) {
      const cluster = clusters.at(index) as number[];
      const customerId = ids.clusterIds[index] as string;
      // Overrides of customers absorbed in this run follow into the survivor; its own win.
      const own: Record<string, string> = {};
      for (const retired of absorbedBy.get(customerId) ?? []) Object.assign(own, overrides.get(retired));
      Object.assign(own, overrides.get(customerId));
      const members = cluster.map(matchOf).filter((record): record is MatchRecord => record !== undefined);
      const stored = cluster.map((id) => byId.get(id)).filter((record): record is ResolvableRecord => record !== undefined);
      const hashOf = new Map(stored.map((record) => [record.id, record.contentHash]));
      const customer = goldenCustomer(customerId, members, own, linkOf, hashOf, (golden) => profileOf(golden, stored), consentOf(stored));
      // A record belongs to one cluster: once its customer is built, the record can go, so the
      // memory of a full run shrinks as its customers are written instead of holding every record.
      for (const id of cluster) byId.delete(id);
      yield customer;
    }
  }
  timer.mark('assignIds');
  const summary = await repos.resolution.apply({ customers: customers(), customerCount: clusters.length, retired: ids.retired, orphaned: ids.orphaned, partial: outcome.partial, storedLinks }, timer);
  await repos.steward.moveOverrides(ids.retired);
  return summary;
}
