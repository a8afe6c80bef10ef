import type { Knex } from 'knex';

/**
 * The index on `source_records.status` alone is a prefix of (status, updated_at, content_hash),
 * which answers every look-up by status the same way; keeping both costs one more index entry to
 * write for every record loaded.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.dropIndex(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    t.index(['status']);
  });
}
