import type { Knex } from 'knex';

/**
 * The blocking key values of every active record, as keyed digests (the values are personal:
 * emails, phones, names with birth dates), so that an incremental resolution finds the records
 * sharing a block with the changed ones without reading every record. `block_key_sets` names the
 * blocking configuration the rows were computed with; rows of another one are not used.
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
  await knex.schema.createTable('block_key_sets', (t) => {
    t.string('fingerprint', 64).primary();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('block_key_sets');
  await knex.schema.dropTableIfExists('record_block_keys');
}
