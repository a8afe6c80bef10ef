import type { Knex } from 'knex';
import { timeColumn } from '../src/store/dialect';

/** Keyed digests of erased people's emails, phones and source keys, so a re-sync does not bring them back. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('suppressions', (t) => {
    t.string('digest', 64).primary();
    t.string('kind', 16).notNullable();
    timeColumn(t, 'created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('suppressions');
}
