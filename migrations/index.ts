import type { Knex } from 'knex';
import * as initial from './20261125000000_initial';
import * as stewardDecisions from './20261125110000_steward_decisions';
import * as suppressions from './20261125140000_suppressions';
import * as customerProfile from './20261125120000_customer_profile';
import * as customerConsents from './20261202000000_customer_consents';
import * as encryptedPersonalData from './20261202090000_encrypted_personal_data';
import * as recordBlockKeys from './20261202120000_record_block_keys';
import * as sourceRecordStates from './20261202170000_source_record_states';
import * as customerTermsByCustomer from './20261202180000_customer_terms_by_customer';
import * as sourceRecordsChangeIndex from './20261202190000_source_records_change_index';
import * as dropSourceRecordsStatusIndex from './20261203080000_drop_source_records_status_index';
import * as suppressionEpoch from './20261203160000_suppression_epoch';
import * as customerPersonal from './20261204120000_customer_personal';
import * as sourceRecordPayload from './20261204130000_source_record_payload';
import * as namePrefixes from './20261204220000_name_prefixes';
import * as termDigestIndexKind from './20261205000000_term_digest_index_kind';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations in order. They are listed here rather than discovered on disk so they load the
 * same way under tsx, vitest and compiled JavaScript. Add new files at the end.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261125000000_initial', initial],
  ['20261125110000_steward_decisions', stewardDecisions],
  ['20261125140000_suppressions', suppressions],
  ['20261125120000_customer_profile', customerProfile],
  ['20261202000000_customer_consents', customerConsents],
  ['20261202090000_encrypted_personal_data', encryptedPersonalData],
  ['20261202120000_record_block_keys', recordBlockKeys],
  ['20261202170000_source_record_states', sourceRecordStates],
  ['20261202180000_customer_terms_by_customer', customerTermsByCustomer],
  ['20261202190000_source_records_change_index', sourceRecordsChangeIndex],
  ['20261203080000_drop_source_records_status_index', dropSourceRecordsStatusIndex],
  ['20261203160000_suppression_epoch', suppressionEpoch],
  ['20261204120000_customer_personal', customerPersonal],
  ['20261204130000_source_record_payload', sourceRecordPayload],
  ['20261204220000_name_prefixes', namePrefixes],
  ['20261205000000_term_digest_index_kind', termDigestIndexKind],
];
