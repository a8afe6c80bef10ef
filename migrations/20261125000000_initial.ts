import type { Knex } from 'knex';
import { decimalColumn, dialectOf, longTextColumn, timeColumn } from '../src/store/dialect';

/** The tables of the design: sources through audit, created together so later stages only fill them. */
export async function up(knex: Knex): Promise<void> {
  const dialect = dialectOf(knex);

  await knex.schema.createTable('sources', (t) => {
    t.string('name', 100).primary();
    t.string('kind', 20).notNullable();
    t.integer('trust').notNullable().defaultTo(0);
    t.text('watermark').nullable();
    timeColumn(t, 'created_at').notNullable();
    timeColumn(t, 'updated_at').notNullable();
  });

  await knex.schema.createTable('sync_runs', (t) => {
    t.increments('id').primary();
    t.string('source', 100).notNullable().index();
    t.string('status', 20).notNullable();
    t.boolean('dry_run').notNullable().defaultTo(false);
    timeColumn(t, 'started_at').notNullable();
    timeColumn(t, 'finished_at').nullable();
    t.integer('read_count').notNullable().defaultTo(0);
    t.integer('inserted_count').notNullable().defaultTo(0);
    t.integer('updated_count').notNullable().defaultTo(0);
    t.integer('unchanged_count').notNullable().defaultTo(0);
    t.integer('quarantined_count').notNullable().defaultTo(0);
    t.integer('duplicate_count').notNullable().defaultTo(0);
    t.integer('deleted_count').notNullable().defaultTo(0);
    t.text('error').nullable();
  });

  await knex.schema.createTable('source_records', (t) => {
    t.bigIncrements('id').primary();
    t.string('source', 100).notNullable();
    t.string('external_id', 255).notNullable();
    longTextColumn(t, 'raw').notNullable();
    longTextColumn(t, 'normalized').notNullable();
    longTextColumn(t, 'corrections').nullable();
    t.string('content_hash', 64).notNullable();
    t.string('status', 16).notNullable().defaultTo('active');
    t.integer('sync_run_id').nullable();
    timeColumn(t, 'created_at').notNullable();
    timeColumn(t, 'updated_at').notNullable();
    t.unique(['source', 'external_id']);
    t.index(['status']);
  });

  await knex.schema.createTable('quarantine', (t) => {
    t.bigIncrements('id').primary();
    t.string('source', 100).notNullable();
    t.integer('sync_run_id').nullable();
    t.string('location', 500).notNullable();
    t.string('external_id', 255).nullable();
    t.string('field', 100).nullable();
    t.string('reason_code', 50).notNullable();
    t.text('message').notNullable();
    longTextColumn(t, 'raw').nullable();
    timeColumn(t, 'created_at').notNullable();
    timeColumn(t, 'resolved_at').nullable();
    t.index(['source', 'reason_code']);
  });

  await knex.schema.createTable('customers', (t) => {
    t.string('id', 32).primary();
    t.string('merged_into', 32).nullable().index();
    t.text('given_name').nullable();
    t.text('family_name').nullable();
    longTextColumn(t, 'emails').notNullable();
    longTextColumn(t, 'phones').notNullable();
    t.string('birth_date', 10).nullable();
    t.string('country', 2).nullable();
    timeColumn(t, 'created_at').notNullable();
    timeColumn(t, 'updated_at').notNullable();
    timeColumn(t, 'deleted_at').nullable();
  });

  await knex.schema.createTable('customer_links', (t) => {
    t.bigInteger('source_record_id').primary();
    t.string('customer_id', 32).notNullable().index();
    t.double('score').nullable();
    t.string('rule', 50).notNullable();
    timeColumn(t, 'created_at').notNullable();
  });

  await knex.schema.createTable('field_lineage', (t) => {
    t.bigIncrements('id').primary();
    t.string('customer_id', 32).notNullable().index();
    t.string('field', 50).notNullable();
    t.bigInteger('source_record_id').notNullable();
    t.string('rule', 50).notNullable();
    timeColumn(t, 'created_at').notNullable();
  });

  await knex.schema.createTable('match_reviews', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('record_a').notNullable();
    t.bigInteger('record_b').notNullable();
    t.double('score').notNullable();
    t.string('status', 20).notNullable().defaultTo('pending');
    longTextColumn(t, 'explanation').nullable();
    t.string('decided_by', 200).nullable();
    timeColumn(t, 'decided_at').nullable();
    timeColumn(t, 'created_at').notNullable();
    t.unique(['record_a', 'record_b']);
  });

  await knex.schema.createTable('fx_rates', (t) => {
    t.string('currency', 3).notNullable();
    t.string('rate_date', 10).notNullable();
    decimalColumn(t, dialect, 'rate').notNullable();
    t.primary(['currency', 'rate_date']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.string('key_hash', 128).notNullable().unique();
    t.string('role', 50).notNullable();
    longTextColumn(t, 'scopes').nullable();
    timeColumn(t, 'created_at').notNullable();
    timeColumn(t, 'revoked_at').nullable();
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    timeColumn(t, 'at').notNullable();
    t.string('actor', 200).notNullable();
    t.string('role', 50).notNullable();
    t.string('action', 100).notNullable();
    longTextColumn(t, 'customer_ids').nullable();
    longTextColumn(t, 'fields').nullable();
    longTextColumn(t, 'details').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log',
    'api_keys',
    'fx_rates',
    'match_reviews',
    'field_lineage',
    'customer_links',
    'customers',
    'quarantine',
    'source_records',
    'sync_runs',
    'sources',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
