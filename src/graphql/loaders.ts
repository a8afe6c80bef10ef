import DataLoader from 'dataloader';
import type { Principal } from '../access/principal';
import type { Customer } from '../store/customer-repository';
import type { Repositories } from '../store/repositories';
import type { StoredSourceRecord } from '../store/source-record-repository';

export interface Loaders {
  /** Live customers by id (retired ids answer with their survivor), within the caller's row scope. */
  customerById: DataLoader<string, Customer | null>;
  sourceRecordsByCustomerId: DataLoader<string, StoredSourceRecord[]>;
}

/** Created per request: a DataLoader caches, and a cache must never outlive one request's rights. */
export function createLoaders(repos: Repositories, principal: Principal): Loaders {
  return {
    customerById: new DataLoader(async (ids) => {
      const found = await repos.customers.findLiveMany(ids, principal.scope);
      return ids.map((id) => found.get(id) ?? null);
    }),
    sourceRecordsByCustomerId: new DataLoader(async (ids) => {
      const byCustomer = await repos.sourceRecords.listByCustomerIds(ids, principal.scope.sources);
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
  };
}
