import type { Knex } from 'knex';
import { timeColumn } from '../src/store/dialect';

/**
 * The blocking key values of every active record, as keyed digests (the values are personal:
 * emails, phones, names with birth dates), so that an incremental resolution finds the records
 * sharing a block with the changed ones without reading every record. `resolution_state` names the
 * blocking configuration the rows were computed with (rows of another one are not used) and when
 * the last resolution started: records updated since are the candidates for having changed,
 * found through the (status, updated_at) index rather than by reading every record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('record_block_keys', (t) => {
    t.bigInteger('key_digest').notNullable();
    t.bigInteger('source_record_id').notNullable();
    // Rows are written in record order: clustered by record, they append; lookups by digest use
    // the secondary index (which holds the record id too).
    t.primary(['source_record_id', 'key_digest']);
    t.index(['key_digest'], 'record_block_keys_digest');
  });
  await knex.schema.createTable('resolution_state', (t) => {
    t.string('fingerprint', 64).primary();
    timeColumn(t, 'last_started_at').notNullable();
  });
  await knex.schema.alterTable('source_records', (t) => {
    t.index(['status', 'updated_at'], 'source_records_status_updated');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.dropIndex(['status', 'updated_at'], 'source_records_status_updated');
  });
  await knex.schema.dropTableIfExists('resolution_state');
  await knex.schema.dropTableIfExists('record_block_keys');
}
