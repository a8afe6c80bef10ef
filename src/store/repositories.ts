import type { Knex } from 'knex';
import { ApiKeyRepository } from './api-key-repository';
import { AuditLogRepository } from './audit-log-repository';
import { BlockKeyRepository } from './block-key-repository';
import { CustomerChangeRepository } from './customer-change-repository';
import { CustomerConsentRepository } from './customer-consent-repository';
import { CustomerRepository } from './customer-repository';
import { CustomerSearchRepository } from './customer-search-repository';
import { CustomerStatsRepository } from './customer-stats-repository';
import { MatchReviewRepository } from './match-review-repository';
import { QuarantineRepository } from './quarantine-repository';
import { ResolutionRepository } from './resolution-repository';
import { SourceRecordPayloadReader } from './source-record-payloads';
import { SourceRecordRepository } from './source-record-repository';
import { SourceRepository } from './source-repository';
import { StewardRepository } from './steward-repository';
import { SyncRunRepository } from './sync-run-repository';

export interface Repositories {
  sources: SourceRepository;
  syncRuns: SyncRunRepository;
  sourceRecords: SourceRecordRepository;
  recordPayloads: SourceRecordPayloadReader;
  quarantine: QuarantineRepository;
  customers: CustomerRepository;
  customerChanges: CustomerChangeRepository;
  customerConsents: CustomerConsentRepository;
  customerStats: CustomerStatsRepository;
  customerSearch: CustomerSearchRepository;
  resolution: ResolutionRepository;
  blockKeys: BlockKeyRepository;
  steward: StewardRepository;
  matchReviews: MatchReviewRepository;
  apiKeys: ApiKeyRepository;
  auditLog: AuditLogRepository;
}

export function createRepositories(knex: Knex): Repositories {
  return {
    sources: new SourceRepository(knex),
    syncRuns: new SyncRunRepository(knex),
    sourceRecords: new SourceRecordRepository(knex),
    recordPayloads: new SourceRecordPayloadReader(knex),
    quarantine: new QuarantineRepository(knex),
    customers: new CustomerRepository(knex),
    customerChanges: new CustomerChangeRepository(knex),
    customerConsents: new CustomerConsentRepository(knex),
    customerStats: new CustomerStatsRepository(knex),
    customerSearch: new CustomerSearchRepository(knex),
    resolution: new ResolutionRepository(knex),
    blockKeys: new BlockKeyRepository(knex),
    steward: new StewardRepository(knex),
    matchReviews: new MatchReviewRepository(knex),
    apiKeys: new ApiKeyRepository(knex),
    auditLog: new AuditLogRepository(knex),
  };
}
