import type { Knex } from 'knex';
import { timeColumn } from '../src/store/dialect';

/**
 * Marketing consent of golden customers, one row per customer and channel: the most recent
 * statement any of its source records makes (a grant or a withdrawal), with the record it came
 * from. Written with the golden record; the index serves consent filters (marketing exports).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customer_consents', (t) => {
    t.string('customer_id', 64).notNullable();
    t.string('channel', 32).notNullable();
    t.boolean('granted').notNullable();
    t.string('source', 100).notNullable();
    t.bigInteger('source_record_id').notNullable();
    timeColumn(t, 'recorded_at').notNullable();
    t.primary(['customer_id', 'channel']);
    t.index(['channel', 'granted', 'customer_id'], 'customer_consents_channel_granted');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('customer_consents');
}
