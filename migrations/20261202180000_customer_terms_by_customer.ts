import type { Knex } from 'knex';

/**
 * `customer_terms` clustered by customer rather than by digest. Resolution writes a customer's
 * terms together and in customer order, so rows append to the primary key instead of landing at
 * random places in a tree that outgrows the database's buffer pool; deleting a customer's terms
 * becomes one range of the primary key. Look-ups by digest use `customer_terms_digest`, which a
 * full resolution into a (nearly) empty table drops and builds again afterwards, by sorting (see
 * CustomerTermIndex). The rows are copied over: their content does not change.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customer_terms_by_customer', (t) => {
    t.string('digest', 32).notNullable();
    t.string('customer_id', 32).notNullable();
    t.string('kind', 8).notNullable();
    t.primary(['customer_id', 'digest']);
  });
  await knex.raw('insert into ?? (digest, customer_id, kind) select digest, customer_id, kind from ??', ['customer_terms_by_customer', 'customer_terms']);
  await knex.schema.dropTable('customer_terms');
  await knex.schema.renameTable('customer_terms_by_customer', 'customer_terms');
  await knex.schema.alterTable('customer_terms', (t) => {
    t.index(['digest'], 'customer_terms_digest');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('customer_terms_by_digest', (t) => {
    t.string('digest', 32).notNullable();
    t.string('customer_id', 32).notNullable().index('customer_terms_customer_id_index');
    t.string('kind', 8).notNullable();
    t.primary(['digest', 'customer_id']);
  });
  await knex.raw('insert into ?? (digest, customer_id, kind) select digest, customer_id, kind from ??', ['customer_terms_by_digest', 'customer_terms']);
  await knex.schema.dropTable('customer_terms');
  await knex.schema.renameTable('customer_terms_by_digest', 'customer_terms');
}
