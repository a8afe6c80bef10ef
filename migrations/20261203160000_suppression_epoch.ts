import type { Knex } from 'knex';

/**
 * One row counting erasures. Each erasure advances it in its transaction, and each load
 * transaction reads it with a shared lock first: a load checked against the suppressions of an
 * older count checks its records again before writing them, so a load running beside an erasure
 * cannot put the erased person back.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('suppression_epoch', (t) => {
    t.integer('id').primary();
    t.bigInteger('epoch').notNullable();
  });
  await knex('suppression_epoch').insert({ id: 1, epoch: 0 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('suppression_epoch');
}
