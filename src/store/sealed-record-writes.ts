import type { Knex } from 'knex';
import { bulkStatements, dialectOf, nowDbTime, upsertRowsSql } from './dialect';
import { fixedChunks } from './statement-shapes';

/**
 * The sealed `source_records` rows of a batch, one flat array for the whole batch, RECORD_WIDTH
 * values per record: external id, sealed payload (see record-payload.ts), content hash. Flat, so
 * that a batch handed to the SQLite writer thread is copied as one array.
 */
export type RecordRows = unknown[];
export const RECORD_WIDTH = 3;

/** Rows per multi-row upsert statement (8 bindings each, far below either dialect's limits). */
const WRITE_ROWS = 250;
const KEY_COLUMNS = ['source', 'external_id'];
const WRITE_COLUMNS = ['source', 'external_id', 'payload', 'content_hash', 'status', 'sync_run_id', 'created_at', 'updated_at'];
/** A rewrite keeps the row's id and created_at. */
const REWRITTEN_COLUMNS = WRITE_COLUMNS.filter((c) => c !== 'source' && c !== 'external_id' && c !== 'created_at');

/**
 * Inserts or rewrites (by source and external id) sealed rows of `source_records` within a
 * transaction, active and stamped with the run, as a few multi-row upserts.
 */
export async function writeSealedRecords(trx: Knex, source: string, sealed: RecordRows, syncRunId: number): Promise<void> {
  if (sealed.length === 0) return;
  const bulk = await bulkStatements(trx as Knex.Transaction);
  const dialect = dialectOf(trx);
  const now = nowDbTime();
  let at = 0;
  for (const rows of fixedChunks(sealed.length / RECORD_WIDTH, WRITE_ROWS)) {
    const bindings: unknown[] = new Array(rows * WRITE_COLUMNS.length);
    let b = 0;
    for (let r = 0; r < rows; r++, at += RECORD_WIDTH) {
      // In WRITE_COLUMNS order.
      bindings[b++] = source;
      bindings[b++] = sealed[at];
      bindings[b++] = sealed[at + 1];
      bindings[b++] = sealed[at + 2];
      bindings[b++] = 'active';
      bindings[b++] = syncRunId;
      bindings[b++] = now;
      bindings[b++] = now;
    }
    await bulk.run(upsertRowsSql(dialect, 'source_records', WRITE_COLUMNS, rows, KEY_COLUMNS, REWRITTEN_COLUMNS), bindings);
  }
}
