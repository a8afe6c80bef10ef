import type { Knex } from 'knex';
import { createIndexIfMissing, dropIndexIfExists } from '../src/store/dialect';

/**
 * `customer_terms_digest` on (digest, kind) instead of (digest): a name prefix look-up joins
 * `name_prefixes` to the terms by digest and keeps the names, and with the kind in the index it
 * reads no table rows. Timed on 181,003 customers (MariaDB): `namePrefix: "olivia"` (5,963
 * customers) 513 → 89 ms, `"s"` (17,693) 1,463 → 958 ms; selective prefixes 1–2 ms either way.
 */

const TABLE = 'customer_terms';
const INDEX = 'customer_terms_digest';

export async function up(knex: Knex): Promise<void> {
  await dropIndexIfExists(knex, TABLE, INDEX);
  await createIndexIfMissing(knex, TABLE, INDEX, ['digest', 'kind']);
}

export async function down(knex: Knex): Promise<void> {
  await dropIndexIfExists(knex, TABLE, INDEX);
  await createIndexIfMissing(knex, TABLE, INDEX, ['digest']);
}
