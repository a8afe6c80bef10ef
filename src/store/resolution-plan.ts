import type { CustomerConsent } from './customer-consent-repository';
import type { GoldenFields } from './customer-columns';

/**
 * What a resolution run hands the store to write (ResolutionRepository.apply, writeGolden) and
 * what the write reports: kept apart from the repository so the writers need not import it.
 */

/**
 * Lineage rows of a value a steward typed in point at no source record; the column is not
 * nullable (initial migration), so 0, which no record id takes, stands for "none".
 */
export const NO_SOURCE_RECORD = 0;

export interface ResolvedCustomer {
  customerId: string;
  recordIds: number[];
  /** Content hash per record as resolved, so the next sync can tell what changed since. */
  hashOf(recordId: number): string;
  fields: GoldenFields;
  lineage: { field: string; sourceRecordId: number; rule: string }[];
  /** Marketing consent per channel (the most recent statement of its records), stored in customer_consents. */
  consents: CustomerConsent[];
  /** Why each record belongs here (the deciding rule and its best match score), stored on its link. */
  linkOf(recordId: number): { rule: string; score: number | null };
}

export interface ResolutionPlan {
  /** Consumed once, in chunks: a caller may build them as they are written. */
  customers: Iterable<ResolvedCustomer>;
  retired: Map<string, string>;
  orphaned: string[];
  /**
   * True when `customers` covers only the clusters an incremental run touched: the others stay
   * as stored. False for a full run, which also drops links of records no longer active.
   */
  partial: boolean;
  /**
   * The stored links (with record hashes) as read before resolving: of every record for a full
   * run, of at least the records of `customers` for a partial one. Only links that differ are written.
   */
  storedLinks: ReadonlyMap<number, StoredLink>;
  /** How many customers `customers` yields, if known: a full run into a (nearly) empty store is written in bulk. */
  customerCount?: number;
}

export interface StoredLink {
  customerId: string;
  recordHash: string | null;
}

export interface ResolutionWriteSummary {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
  deleted: number;
}
