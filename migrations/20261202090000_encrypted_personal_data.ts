import type { Knex } from 'knex';
import { longTextColumn, timeColumn, widenToText } from '../src/store/dialect';

/**
 * Personal columns hold AES-256-GCM ciphertext from now on (`enc:v1:…`, longer than the values):
 * the short ones become TEXT. Blind index terms (keyed digests) replace the plaintext name keys,
 * which go; rejected rows get the digests of their contacts; `protection_state` remembers how far start-up got encrypting older plaintext rows.
 */
export async function up(knex: Knex): Promise<void> {
  await widenToText(knex, 'customers', ['full_name', 'given_name_pinyin', 'family_name_pinyin', 'birth_date', 'address_line1', 'address_line2', 'city', 'region', 'postal_code']);
  await knex.schema.alterTable('customers', (t) => {
    t.dropIndex(['family_name_key', 'id'], 'customers_family_name_key_id');
    t.dropIndex(['given_name_key'], 'customers_given_name_key');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('family_name_key');
    t.dropColumn('given_name_key');
  });

  await knex.schema.createTable('customer_terms', (t) => {
    t.string('digest', 32).notNullable();
    t.string('customer_id', 32).notNullable().index();
    // email | phone | name | pinyin: lets "has an email" be asked without knowing which.
    t.string('kind', 8).notNullable();
    t.primary(['digest', 'customer_id']);
  });

  // Digests of the emails and phones a rejected row's raw text holds, space-separated: erasure
  // finds the row by them once the raw text is encrypted.
  await knex.schema.alterTable('quarantine', (t) => {
    t.text('terms').nullable();
  });

  await knex.schema.createTable('protection_state', (t) => {
    t.string('name', 50).primary();
    longTextColumn(t, 'value').notNullable();
    timeColumn(t, 'updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['protection_state', 'customer_terms']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('quarantine', (t) => {
    t.dropColumn('terms');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.string('family_name_key', 255).notNullable().defaultTo('');
    t.string('given_name_key', 255).notNullable().defaultTo('');
    t.index(['family_name_key', 'id'], 'customers_family_name_key_id');
    t.index(['given_name_key'], 'customers_given_name_key');
  });
}
