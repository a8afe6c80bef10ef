import DataLoader from 'dataloader';
import type { Principal } from '../access/principal';
import type { Repositories } from '../store/repositories';
import type { StoredSourceRecord } from '../store/source-record-repository';

export interface Loaders {
  sourceRecordsByCustomerId: DataLoader<string, StoredSourceRecord[]>;
}

/** Created per request: a DataLoader caches, and a cache must never outlive one request's rights. */
export function createLoaders(repos: Repositories, principal: Principal): Loaders {
  return {
    sourceRecordsByCustomerId: new DataLoader(async (ids) => {
      const byCustomer = await repos.sourceRecords.listByCustomerIds(ids, principal.scope.sources);
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
  };
}
