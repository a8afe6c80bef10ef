import type { Knex } from 'knex';
import { toCustomer } from './customer-columns';
import { forgetUnusedNames, replaceCustomerTerms } from './customer-terms';
import { nowDbTime } from './dialect';
import { SEALED_PREFIX, type FieldCipher } from './field-cipher';
import type { FieldProtection } from './field-protection';
import { PROTECTED_COLUMNS, ROW_KEYS, type ProtectedTable } from './protected-columns';

/** Rows rewritten and rows already in the wanted form, per table. */
export type ReencryptionCounts = Record<ProtectedTable, { rewritten: number; current: number }>;

export interface ReencryptionOptions {
  /** Rows per batch; each batch is one transaction. */
  batchSize?: number;
  /** Called after each committed batch (progress; a test stops a run here to resume it later). */
  onBatch?: (table: ProtectedTable, rewritten: number) => void | Promise<void>;
}

/** Which stored values a pass rewrites: plaintext ones (start-up) or those not under the active key (rotation). */
export type ReencryptionTarget = 'plaintext' | 'not-active-key';

const TABLES = Object.keys(PROTECTED_COLUMNS) as ProtectedTable[];

function stalePattern(cipher: FieldCipher, target: ReencryptionTarget): string {
  return target === 'plaintext' ? `${SEALED_PREFIX}%` : `${SEALED_PREFIX}${cipher.activeKeyId}:%`;
}

/**
 * Walks one table in key order and rewrites the personal columns of rows that need it, in
 * batches of one transaction each. Because every stored value names its key, the pass needs no
 * bookkeeping: run again after an interruption, it finds only the rows still left.
 */
async function reencryptTable(knex: Knex, cipher: FieldCipher, table: ProtectedTable, target: ReencryptionTarget, options: ReencryptionOptions): Promise<number> {
  const columns: readonly string[] = PROTECTED_COLUMNS[table];
  const keys = ROW_KEYS[table];
  const pattern = stalePattern(cipher, target);
  const batchSize = options.batchSize ?? 500;
  const stale = (value: unknown): boolean => typeof value === 'string' && !value.startsWith(pattern.slice(0, -1));
  let rewritten = 0;
  let after: unknown[] | undefined;
  for (;;) {
    const query = knex(table)
      .select([...keys, ...columns])
      .where((any) => {
        for (const column of columns) any.orWhere((one) => one.whereNotNull(column).andWhere(column, 'not like', pattern));
      })
      .orderBy([...keys])
      .limit(batchSize);
    if (after) {
      const position = after;
      // (k1, k2) > (a1, a2), spelled out: both dialects, no row-value syntax needed.
      query.andWhere((outer) => {
        keys.forEach((key, i) => outer.orWhere((tie) => {
          for (let j = 0; j < i; j += 1) tie.where(keys[j] as string, position[j] as string);
          tie.where(key, '>', position[i] as string);
        }));
      });
    }
    const rows: Record<string, unknown>[] = await query;
    if (rows.length === 0) return rewritten;
    await knex.transaction(async (trx) => {
      for (const row of rows) {
        const changes: Record<string, unknown> = {};
        for (const column of columns) if (stale(row[column])) changes[column] = cipher.reseal(row[column] as string);
        const where = Object.fromEntries(keys.map((key) => [key, row[key]]));
        await trx(table).where(where).update(changes);
      }
    });
    rewritten += rows.length;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = keys.map((key) => last[key]);
    await options.onBatch?.(table, rows.length);
  }
}

async function countRows(knex: Knex, table: string): Promise<number> {
  return Number((await knex(table).count<{ n: number }[]>({ n: '*' }).first())?.n ?? 0);
}

/** Re-encrypts every protected table (see reencryptTable) and counts what it did. */
export async function reencryptAll(knex: Knex, cipher: FieldCipher, target: ReencryptionTarget, options: ReencryptionOptions = {}): Promise<ReencryptionCounts> {
  const counts = {} as ReencryptionCounts;
  for (const table of TABLES) {
    const rewritten = await reencryptTable(knex, cipher, table, target, options);
    counts[table] = { rewritten, current: (await countRows(knex, table)) - rewritten };
  }
  return counts;
}

/** Recomputes the blind index of every live customer and of rejected rows without terms (after start-up encryption, or a new index key). */
export async function rebuildBlindIndexes(knex: Knex, protection: FieldProtection, batchSize = 500): Promise<{ customers: number; quarantine: number }> {
  const { cipher, index } = protection;
  let customers = 0;
  for (let after = ''; ; ) {
    const rows: Record<string, unknown>[] = await knex('customers').whereNull('merged_into').whereNull('deleted_at').where('id', '>', after).orderBy('id').limit(batchSize);
    if (rows.length === 0) break;
    await knex.transaction((trx) => replaceCustomerTerms(trx, index, rows.map((row) => ({ id: String(row.id), fields: toCustomer(row, cipher) }))));
    customers += rows.length;
    after = String(rows[rows.length - 1]?.id);
  }
  // Under a new index key every name has new digests: the old ones are held by no customer now.
  await forgetUnusedNames(knex);
  let quarantine = 0;
  for (let after = 0; ; ) {
    const rows: { id: number; raw: string }[] = await knex('quarantine').select('id', 'raw').whereNull('terms').whereNotNull('raw').where('id', '>', after).orderBy('id').limit(batchSize);
    if (rows.length === 0) break;
    await knex.transaction(async (trx) => {
      for (const row of rows) {
        const digests = index.rawTextTerms(cipher.open(row.raw)).map((term) => term.digest);
        // '' marks "looked at, holds no contacts", so the row is not read again.
        await trx('quarantine').where({ id: row.id }).update({ terms: digests.join(' ') });
      }
    });
    quarantine += rows.length;
    after = Number(rows[rows.length - 1]?.id);
  }
  return { customers, quarantine };
}

const PLAINTEXT_SWEEP = 'plaintext_sweep';

/**
 * Brings a database written before encryption up to date, once: encrypts its plaintext personal
 * values and builds the blind indexes. Records when it finished, so later starts skip it; an
 * interrupted run is simply repeated (both steps skip what is done). Returns undefined when there
 * was nothing to do.
 */
export async function protectPlaintextData(knex: Knex, protection: FieldProtection, options: ReencryptionOptions = {}): Promise<{ encrypted: number; indexedCustomers: number } | undefined> {
  const state = await knex('protection_state').where({ name: PLAINTEXT_SWEEP }).first();
  if (state) return undefined;
  const counts = await reencryptAll(knex, protection.cipher, 'plaintext', options);
  const encrypted = Object.values(counts).reduce((sum, c) => sum + c.rewritten, 0);
  const anyCustomers = await knex('customers').first('id');
  const unindexed = anyCustomers && !(await knex('customer_terms').first('digest'));
  const indexed = encrypted > 0 || unindexed ? await rebuildBlindIndexes(knex, protection, options.batchSize) : { customers: 0 };
  await knex('protection_state').insert({ name: PLAINTEXT_SWEEP, value: JSON.stringify({ encrypted, indexedCustomers: indexed.customers }), updated_at: nowDbTime() });
  return encrypted > 0 || indexed.customers > 0 ? { encrypted, indexedCustomers: indexed.customers } : undefined;
}
