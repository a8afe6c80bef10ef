import DataLoader from 'dataloader';
import type { Principal } from '../access/principal';
import { explainCustomers } from '../pipeline/explain-customers';
import type { MatchExplanation } from '../resolve';
import type { CustomerConsent } from '../store/customer-consent-repository';
import type { Customer } from '../store/customer-repository';
import type { LineageRow, RecordKey } from '../store/resolution-repository';
import type { Repositories } from '../store/repositories';
import type { SourceRecordHeader, StoredSourceRecord } from '../store/source-record-repository';

export interface Loaders {
  /** Live customers by id (retired ids answer with their survivor), within the caller's row scope. */
  customerById: DataLoader<string, Customer | null>;
  sourceRecordsByCustomerId: DataLoader<string, StoredSourceRecord[]>;
  /** The same records without raw, normalized and corrections, for selections that do not ask for them. */
  sourceRecordHeadersByCustomerId: DataLoader<string, SourceRecordHeader[]>;
  /** Marketing consent rows of a customer (one per channel a source spoke about). */
  consentByCustomerId: DataLoader<string, CustomerConsent[]>;
  /** Where each golden field of a customer came from. */
  lineageByCustomerId: DataLoader<string, LineageRow[]>;
  /** The accepted links between a customer's records, explained. */
  matchExplanationByCustomerId: DataLoader<string, MatchExplanation[]>;
  /** Source, external id and customer of a record, by internal id. */
  recordKeyById: DataLoader<number, RecordKey | null>;
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
    sourceRecordHeadersByCustomerId: new DataLoader(async (ids) => {
      const byCustomer = await repos.sourceRecords.listHeadersByCustomerIds(ids, principal.scope.sources);
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
    consentByCustomerId: new DataLoader(async (ids) => {
      const byCustomer = await repos.customerConsents.byCustomerIds(ids);
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
    lineageByCustomerId: new DataLoader(async (ids) => {
      const byCustomer = await repos.resolution.lineageByCustomer(ids);
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
    matchExplanationByCustomerId: new DataLoader(async (ids) => {
      const records = await repos.sourceRecords.listByCustomerIds(ids, principal.scope.sources);
      const explained = await explainCustomers(repos, records);
      return ids.map((id) => explained.get(id) ?? []);
    }),
    recordKeyById: new DataLoader(async (ids) => {
      const found = await repos.resolution.recordKeys(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
