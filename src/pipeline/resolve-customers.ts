import { monotonicFactory } from 'ulid';
import type { Logger } from '../logging';
import {
  matchExplanation,
  resolveIncremental,
  resolveRecords,
  type ConfigOverrides,
  type MatchRecord,
  type ModelParameters,
  type ScoredPair,
  type StewardDecisions,
} from '../resolve';
import type { Database } from '../store/database';
import { createRepositories, type Repositories } from '../store/repositories';
import type { ResolvableRecord } from '../store/source-record-repository';
import type { ResolutionWriteSummary, ResolvedCustomer, StoredLink } from '../store/resolution-repository';
import { consentOf } from './customer-consent';
import { profileOf } from './customer-profile';
import { goldenCustomer, strongestLinks } from './golden-customers';
import { toMatchRecord } from './match-records';
import { PhaseTimer } from './phase-timer';
import { assignStableIds } from './stable-ids';

const nextUlid = monotonicFactory();

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
  records: number;
  /** Clusters written (all of them on a full run, the touched ones on an incremental run). */
  customers: number;
  reviewsQueued: number;
  modelId: number;
}

interface Outcome {
  clusters: string[][];
  links: ScoredPair[];
  reviews: ScoredPair[];
  /** Current customer of the records of `clusters` (ids are assigned from these). */
  previous: Map<number, string>;
  partial: boolean;
}

/** Previous clusters as stored: records grouped by their customer. */
function storedClusters(links: ReadonlyMap<number, StoredLink>): string[][] {
  const byCustomer = new Map<string, string[]>();
  for (const [recordId, link] of links) (byCustomer.get(link.customerId) ?? byCustomer.set(link.customerId, []).get(link.customerId)!).push(String(recordId));
  return [...byCustomer.values()];
}

/**
 * Resolves active source records into golden customers (blocking, Fellegi–Sunter scoring,
 * guarded clustering, steward decisions, survivorship with overrides) and writes only the
 * differences, keeping ids stable. Pairs between the thresholds join the review queue.
 */
export async function resolveCustomers(db: Database, logger: Logger, options: ResolveCustomersOptions = {}): Promise<ResolutionSummary> {
  const repos = createRepositories(db.knex);
  const timer = new PhaseTimer();
  const records = await repos.sourceRecords.listActiveResolvable();
  timer.mark('loadRecords');
  const trust = await repos.sources.trustByName();
  const matchRecords = records.map((record) => toMatchRecord(record, trust.get(record.source) ?? 0));
  const hashOf = new Map(records.map((record) => [record.id, record.contentHash]));
  timer.mark('prepareRecords');
  const decisions = await repos.steward.pairDecisions();
  const links = await repos.resolution.linksWithHashes();
  const stored = options.train ? undefined : await repos.resolution.latestModel<ModelParameters>();
  timer.mark('loadLinks');
  const config = options.config ?? {};

  let parameters = stored?.parameters;
  let modelId = stored?.id ?? 0;
  let outcome: Outcome | undefined;
  let mode: ResolutionSummary['mode'] = 'full';
  if (options.mode !== 'full' && parameters !== undefined && links.size > 0) {
    const active = new Set(records.map((record) => record.id));
    const removed = [...links.keys()].some((id) => !active.has(id));
    const changed = matchRecords.filter((record) => links.get(Number(record.id))?.recordHash !== hashOf.get(Number(record.id)));
    const touched = (options.touchedRecordIds ?? []).filter((id) => active.has(id)).map(String);
    // A record that left cannot be taken out of a resolver's state: that, or a mostly new
    // data set, is a full run.
    if (!removed && changed.length * 2 <= records.length) {
      mode = 'incremental';
      if (changed.length === 0 && touched.length === 0) {
        return { mode: 'unchanged', records: records.length, customers: 0, reviewsQueued: 0, modelId, created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
      }
      const increment = resolveIncremental({ records: matchRecords, clusters: storedClusters(links) }, changed, config, parameters, decisions, touched);
      const previous = new Map<number, string>();
      for (const id of increment.clusters.flat()) {
        const link = links.get(Number(id));
        if (link) previous.set(Number(id), link.customerId);
      }
      outcome = { clusters: increment.clusters, links: increment.links, reviews: increment.reviews, previous, partial: true };
      logger.info({ changed: changed.length, touched: touched.length, scoredPairs: increment.scoredPairs }, 'incremental resolution');
    }
  }
  if (outcome === undefined) {
    const result = resolveRecords(matchRecords, config, parameters, decisions);
    if (parameters === undefined) {
      parameters = result.parameters;
      modelId = await repos.resolution.saveModel(parameters, options.train ? 'train' : 'first_run');
    }
    if (result.oversizedBlocks.length > 0) logger.warn({ oversizedBlocks: result.oversizedBlocks.slice(0, 20) }, 'oversized blocks capped');
    if (result.splits.length > 0) logger.info({ splits: result.splits.length }, 'chaining guard refused links');
    outcome = { clusters: result.clusters, links: result.links, reviews: result.reviews, previous: new Map([...links].map(([id, link]) => [id, link.customerId])), partial: false };
  }

  timer.mark('match');
  for (const id of options.detachedRecordIds ?? []) outcome.previous.delete(id);
  const storedById = new Map(records.map((record) => [String(record.id), record]));
  const summary = await writeOutcome(repos, outcome, matchRecords, hashOf, storedById, links, timer);
  const reviewsQueued = await queueReviews(repos, outcome, decisions, parameters as ModelParameters);
  timer.mark('reviews');
  logger.info({ mode, records: records.length, customers: outcome.clusters.length, links: outcome.links.length, reviewsQueued, ...summary, millis: timer.millis }, 'resolution finished');
  return { mode, records: records.length, customers: outcome.clusters.length, reviewsQueued, modelId, ...summary };
}

async function writeOutcome(
  repos: Repositories,
  outcome: Outcome,
  matchRecords: readonly MatchRecord[],
  hashOf: ReadonlyMap<number, string>,
  storedById: ReadonlyMap<string, ResolvableRecord>,
  storedLinks: ReadonlyMap<number, StoredLink>,
  timer: PhaseTimer,
): Promise<ResolutionWriteSummary> {
  const byId = new Map(matchRecords.map((record) => [record.id, record]));
  const clusters = outcome.clusters.map((cluster) => cluster.map(Number));
  const ids = assignStableIds(clusters, outcome.previous, () => nextUlid());
  const overrides = await repos.steward.overrides();
  const linkOf = strongestLinks(outcome.links);
  // Built as they are written, a chunk at a time, so that a full run never holds them all.
  function* customers(): Generator<ResolvedCustomer> {
    for (const [index, cluster] of outcome.clusters.entries()) {
      const customerId = ids.clusterIds[index] as string;
      // Overrides of customers absorbed in this run follow into the survivor; its own win.
      const own: Record<string, string> = {};
      for (const [retired, survivor] of ids.retired) if (survivor === customerId) Object.assign(own, overrides.get(retired));
      Object.assign(own, overrides.get(customerId));
      const members = cluster.map((id) => byId.get(id)).filter((record): record is MatchRecord => record !== undefined);
      const stored = cluster.map((id) => storedById.get(id)).filter((record): record is ResolvableRecord => record !== undefined);
      yield goldenCustomer(customerId, members, own, linkOf, hashOf, (golden) => profileOf(golden, stored), consentOf(stored));
    }
  }
  timer.mark('assignIds');
  const summary = await repos.resolution.apply({ customers: customers(), retired: ids.retired, orphaned: ids.orphaned, partial: outcome.partial, storedLinks }, timer);
  await repos.steward.moveOverrides(ids.retired);
  return summary;
}

/** Pairs between the thresholds whose records ended up apart and that no steward has decided. */
async function queueReviews(repos: Repositories, outcome: Outcome, decisions: StewardDecisions, parameters: ModelParameters): Promise<number> {
  const clusterOf = new Map<string, number>();
  outcome.clusters.forEach((cluster, index) => cluster.forEach((id) => clusterOf.set(id, index)));
  const decided = new Set([...decisions.mustLink, ...decisions.cannotLink].map(([a, b]) => (a < b ? `${a}:${b}` : `${b}:${a}`)));
  const pending = outcome.reviews.filter((pair) => {
    const together = clusterOf.get(pair.left) !== undefined && clusterOf.get(pair.left) === clusterOf.get(pair.right);
    const key = pair.left < pair.right ? `${pair.left}:${pair.right}` : `${pair.right}:${pair.left}`;
    return !together && !decided.has(key);
  });
  if (pending.length === 0) return 0;
  return repos.matchReviews.addPending(
    pending.map((pair) => ({
      recordA: Number(pair.left),
      recordB: Number(pair.right),
      score: pair.score,
      explanation: matchExplanation(pair, parameters) as unknown as Record<string, unknown>,
    })),
  );
}
