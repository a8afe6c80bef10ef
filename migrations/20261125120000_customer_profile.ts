import type { Knex } from 'knex';
import { decimalColumn, dialectOf, timeColumn } from '../src/store/dialect';

/**
 * The rest of the golden profile (full name, pinyin, gender, address, lifetime value, first and
 * last seen, where each email and phone came from) as columns of `customers`, so the API can
 * filter and sort on them in SQL; and `customer_changes`, the durable change feed.
 */
export async function up(knex: Knex): Promise<void> {
  const dialect = dialectOf(knex);
  await knex.schema.alterTable('customers', (t) => {
    t.string('full_name', 512).nullable();
    t.string('given_name_pinyin', 255).nullable();
    t.string('family_name_pinyin', 255).nullable();
    t.string('gender', 32).nullable();
    t.string('address_line1', 512).nullable();
    t.string('address_line2', 512).nullable();
    t.string('city', 255).nullable();
    t.string('region', 255).nullable();
    t.string('postal_code', 32).nullable();
    decimalColumn(t, dialect, 'lifetime_value').nullable();
    t.string('lifetime_value_currency', 3).nullable();
    timeColumn(t, 'first_seen_at').nullable();
    timeColumn(t, 'last_seen_at').nullable();
    // {"emails": {"a@x.org": ["crm"]}, "phones": {...}}: the sources of each contact value.
    t.text('contact_sources').nullable();
    // Lower-cased names: prefix filters and name ordering without per-dialect collations.
    t.string('family_name_key', 255).notNullable().defaultTo('');
    t.string('given_name_key', 255).notNullable().defaultTo('');
    t.index(['updated_at', 'id'], 'customers_updated_at_id');
    t.index(['created_at', 'id'], 'customers_created_at_id');
    t.index(['family_name_key', 'id'], 'customers_family_name_key_id');
    t.index(['given_name_key'], 'customers_given_name_key');
    t.index(['country'], 'customers_country');
  });

  await knex.schema.createTable('customer_changes', (t) => {
    t.bigIncrements('id').primary();
    t.string('customer_id', 64).notNullable().index();
    t.string('kind', 16).notNullable();
    t.string('merged_into', 64).nullable();
    timeColumn(t, 'changed_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('customer_changes');
  await knex.schema.alterTable('customers', (t) => {
    t.dropIndex(['updated_at', 'id'], 'customers_updated_at_id');
    t.dropIndex(['created_at', 'id'], 'customers_created_at_id');
    t.dropIndex(['family_name_key', 'id'], 'customers_family_name_key_id');
    t.dropIndex(['given_name_key'], 'customers_given_name_key');
    t.dropIndex(['country'], 'customers_country');
    for (const column of ['full_name', 'given_name_pinyin', 'family_name_pinyin', 'gender', 'address_line1', 'address_line2', 'city', 'region', 'postal_code',
      'lifetime_value', 'lifetime_value_currency', 'first_seen_at', 'last_seen_at', 'contact_sources', 'family_name_key', 'given_name_key']) t.dropColumn(column);
  });
}
