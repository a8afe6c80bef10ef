import { monotonicFactory } from 'ulid';
import type { Logger } from '../logging';
import type { Database } from '../store/database';
import { createRepositories } from '../store/repositories';
import type { ResolutionWriteSummary } from '../store/resolution-repository';
import { assignStableIds } from './stable-ids';
import { groupBySharedEmail, surviveByTrustThenRecency } from './thin-resolution';

const nextUlid = monotonicFactory();

/** Re-resolves every active source record into golden customers and writes the differences. */
export async function resolveCustomers(db: Database, logger: Logger): Promise<ResolutionWriteSummary> {
  const repos = createRepositories(db.knex);
  const records = await repos.sourceRecords.listActive();
  const trust = await repos.sources.trustByName();
  const byId = new Map(records.map((record) => [record.id, record]));
  const clusters = groupBySharedEmail(records);
  const ids = assignStableIds(clusters, await repos.resolution.currentLinks(), () => nextUlid());
  const customers = clusters.map((recordIds, index) => {
    const members = recordIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
    const survived = surviveByTrustThenRecency(members, (source) => trust.get(source) ?? 0);
    return {
      customerId: ids.clusterIds[index] as string,
      recordIds,
      fields: survived.fields,
      lineage: survived.lineage,
      rule: recordIds.length > 1 ? 'same_email' : 'single_record',
    };
  });
  const summary = await repos.resolution.apply({ customers, retired: ids.retired, orphaned: ids.orphaned });
  logger.info({ records: records.length, customers: customers.length, ...summary }, 'resolution finished');
  return summary;
}
