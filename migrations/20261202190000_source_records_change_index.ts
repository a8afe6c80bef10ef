import type { Knex } from 'knex';

/**
 * The index an incremental resolution finds changed records through (status, update time) also
 * holds the content hash, so the look-up compares hashes in the index alone. Without it every
 * record updated since the last run (all those of the sync just before it, with the clock margin)
 * is read from the table, personal payloads and all: most of an increment's time on a large store.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.index(['status', 'updated_at', 'content_hash'], 'source_records_status_updated_hash');
  });
  await knex.schema.alterTable('source_records', (t) => {
    t.dropIndex(['status', 'updated_at'], 'source_records_status_updated');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.index(['status', 'updated_at'], 'source_records_status_updated');
  });
  await knex.schema.alterTable('source_records', (t) => {
    t.dropIndex(['status', 'updated_at', 'content_hash'], 'source_records_status_updated_hash');
  });
}
