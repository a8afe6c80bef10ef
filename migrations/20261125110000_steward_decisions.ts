import type { Knex } from 'knex';
import { longTextColumn, timeColumn } from '../src/store/dialect';

/**
 * What automatic resolution must respect and remember: steward decisions on record pairs,
 * steward field overrides, trained model parameters, and the content hash each record had when
 * it was last resolved (so a sync re-resolves only what changed).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('match_decisions', (t) => {
    t.bigIncrements('id').primary();
    // The smaller record id first, so a pair has one row whichever way it was decided.
    t.bigInteger('record_a').notNullable();
    t.bigInteger('record_b').notNullable();
    t.string('kind', 20).notNullable();
    t.string('decided_by', 200).notNullable();
    t.string('reason', 50).notNullable();
    timeColumn(t, 'created_at').notNullable();
    t.unique(['record_a', 'record_b']);
    t.index(['record_b']);
  });

  await knex.schema.createTable('field_overrides', (t) => {
    t.string('customer_id', 32).notNullable();
    t.string('field', 50).notNullable();
    longTextColumn(t, 'value').notNullable();
    t.string('decided_by', 200).notNullable();
    timeColumn(t, 'created_at').notNullable();
    t.primary(['customer_id', 'field']);
  });

  await knex.schema.createTable('resolution_models', (t) => {
    t.increments('id').primary();
    longTextColumn(t, 'parameters').notNullable();
    // 'first_run' (estimated by the first resolution) or 'train' (`resolve --train`).
    t.string('origin', 20).notNullable();
    timeColumn(t, 'created_at').notNullable();
  });

  await knex.schema.alterTable('customer_links', (t) => {
    t.string('record_hash', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customer_links', (t) => {
    t.dropColumn('record_hash');
  });
  for (const table of ['resolution_models', 'field_overrides', 'match_decisions']) await knex.schema.dropTableIfExists(table);
}
