import type { Knex } from 'knex';

/**
 * A sync decides per record whether to write it from its stored id, content hash and status,
 * looked up by (source, external_id). With those columns in the index the lookup never reads the
 * table's rows (large encrypted texts): a re-sync of an unchanged export reads the index alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.index(['source', 'external_id', 'content_hash', 'status'], 'source_records_states');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.dropIndex(['source', 'external_id', 'content_hash', 'status'], 'source_records_states');
  });
}
