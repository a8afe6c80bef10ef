import type { Knex } from 'knex';
import { bulkStatements, dialectOf, upsertRowsSql, type BulkStatements } from './dialect';
import { fixedChunks, placeholderRows } from './statement-shapes';

/**
 * Multi-row writes for the bulk paths. Nothing here differs by dialect: the statement text that
 * does (upsertRowsSql) and the driver plumbing (bulkStatements) stay in dialect.ts.
 */

/** Bindings per multi-row statement: below both dialects' limits (SQLite 32,766; MySQL 65,535). */
const BINDINGS_PER_STATEMENT = 30_000;

/**
 * Inserts many rows with plain multi-row `INSERT … VALUES (…), (…)` statements, which both
 * dialects accept and which are far cheaper to prepare than knex's SQLite compound SELECT form.
 * Inside a transaction they run as prepared bulk statements (see bulkStatements). Every row
 * must have the same keys.
 */
export async function insertRows(knex: Knex, table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  if (knex.isTransaction) {
    await writeRows(await bulkStatements(knex as Knex.Transaction), rows, columns, (count) => `insert into ${table} (${columns.join(', ')}) values ${placeholderRows(columns.length, count)}`);
    return;
  }
  const perStatement = Math.max(1, Math.floor(BINDINGS_PER_STATEMENT / columns.length));
  const columnList = columns.map((c) => knex.raw('??', [c]).toQuery()).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const bindings: unknown[] = [];
    for (const row of chunk) for (const column of columns) bindings.push(row[column] ?? null);
    await knex.raw(`insert into ${knex.raw('??', [table]).toQuery()} (${columnList}) values ${chunk.map(() => tuple).join(', ')}`, bindings as Knex.RawBinding[]);
  }
}

/**
 * Inserts rows, rewriting `updateColumns` of those whose `keyColumns` already exist (see
 * upsertRowsSql), as prepared multi-row statements of the transaction. Every row must have the
 * same keys.
 */
export async function upsertRows(
  trx: Knex.Transaction,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  keyColumns: readonly string[],
  updateColumns: readonly string[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const dialect = dialectOf(trx);
  await writeRows(await bulkStatements(trx), rows, columns, (count) => upsertRowsSql(dialect, table, columns, count, keyColumns, updateColumns));
}

/** Runs `sqlFor(rows)` over the rows in a few fixed statement shapes (each prepared once). */
async function writeRows(bulk: BulkStatements, rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[], sqlFor: (rows: number) => string): Promise<void> {
  let start = 0;
  for (const count of fixedChunks(rows.length, Math.max(1, Math.floor(BINDINGS_PER_STATEMENT / columns.length)))) {
    const bindings: unknown[] = new Array(count * columns.length);
    let at = 0;
    for (let r = start; r < start + count; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const column of columns) bindings[at++] = row[column] ?? null;
    }
    start += count;
    await bulk.run(sqlFor(count), bindings);
  }
}
