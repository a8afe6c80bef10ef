import { monotonicFactory } from 'ulid';
import type { Logger } from '../logging';
import { resolveRecords, surviveCluster, type ScoredPair } from '../resolve';
import type { Database } from '../store/database';
import { createRepositories } from '../store/repositories';
import type { ResolutionWriteSummary } from '../store/resolution-repository';
import { toGoldenFields, toLineageRows, toMatchRecord } from './match-records';
import { assignStableIds } from './stable-ids';

const nextUlid = monotonicFactory();

/** The strongest accepted link of each record: the rule and score stored on its customer link. */
function strongestLinks(links: readonly ScoredPair[]): Map<number, { rule: string; score: number }> {
  const best = new Map<number, { rule: string; score: number }>();
  for (const link of links) {
    const rule = link.rule ?? 'fellegi_sunter';
    for (const id of [Number(link.left), Number(link.right)]) {
      const current = best.get(id);
      if (!current || link.score > current.score) best.set(id, { rule, score: link.score });
    }
  }
  return best;
}

/**
 * Resolves every active source record into golden customers (blocking, Fellegi–Sunter scoring,
 * guarded clustering, survivorship) and writes only the differences, keeping ids stable.
 */
export async function resolveCustomers(db: Database, logger: Logger): Promise<ResolutionWriteSummary> {
  const repos = createRepositories(db.knex);
  const records = await repos.sourceRecords.listActive();
  const trust = await repos.sources.trustByName();
  const matchRecords = records.map((record) => toMatchRecord(record, trust.get(record.source) ?? 0));
  const byId = new Map(matchRecords.map((record) => [record.id, record]));
  const result = resolveRecords(matchRecords);
  const clusters = result.clusters.map((cluster) => cluster.map(Number));
  const ids = assignStableIds(clusters, await repos.resolution.currentLinks(), () => nextUlid());
  const linkOf = strongestLinks(result.links);
  const customers = result.clusters.map((cluster, index) => {
    const survived = surviveCluster(cluster.map((id) => byId.get(id)).filter((r) => r !== undefined));
    return {
      customerId: ids.clusterIds[index] as string,
      recordIds: clusters[index] as number[],
      fields: toGoldenFields(survived.golden),
      lineage: toLineageRows(survived.lineage),
      linkOf: (recordId: number) => linkOf.get(recordId) ?? { rule: 'single_record', score: null },
    };
  });
  const summary = await repos.resolution.apply({ customers, retired: ids.retired, orphaned: ids.orphaned });
  if (result.oversizedBlocks.length > 0) logger.warn({ oversizedBlocks: result.oversizedBlocks.slice(0, 20) }, 'oversized blocks capped');
  logger.info(
    { records: records.length, customers: customers.length, links: result.links.length, reviews: result.reviews.length, splits: result.splits.length, ...summary },
    'resolution finished',
  );
  return summary;
}
