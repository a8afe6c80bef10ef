import type { Knex } from 'knex';
import { appendCustomerChanges, type CustomerChangeInput } from './customer-change-repository';
import { deleteConsents } from './customer-consent-repository';
import { deleteCustomerTerms } from './customer-terms';
import { nowDbTime, takeWriteLockFirst } from './dialect';
import type { FieldProtection } from './field-protection';
import { deleteWhereIn, nextTurn, prepareChunk, readStoredChunk, writePreparedChunk, type PhaseMarks, type PreparedChunk, type WrittenSoFar } from './golden-chunk';
import type { ResolutionPlan, ResolutionWriteSummary, ResolvedCustomer } from './resolution-plan';

export type { PhaseMarks } from './golden-chunk';

/**
 * Customers per written chunk: each chunk costs a handful of multi-row statements, and only two
 * chunks' rows (sealed columns, terms, lineage) are held at a time, whatever the data set's size.
 */
const CHUNK_CUSTOMERS = 2000;
/** Customers built between two turns of the event loop, so that statements in flight go on. */
const CUSTOMERS_PER_TURN = 100;

/** The next chunk of customers, built (survivorship) as they are taken. */
async function takeChunk(customers: Iterator<ResolvedCustomer>): Promise<ResolvedCustomer[]> {
  const chunk: ResolvedCustomer[] = [];
  while (chunk.length < CHUNK_CUSTOMERS) {
    const next = customers.next();
    if (next.done) break;
    chunk.push(next.value);
    if (chunk.length % CUSTOMERS_PER_TURN === 0) await nextTurn();
  }
  return chunk;
}

/**
 * Writes a resolution's outcome inside `trx`, chunk by chunk of customers, writing only what
 * differs from the stored state: new and changed customers in one multi-row upsert, their blind
 * index terms, consents, links whose customer or record hash changed (upserted, not deleted and
 * re-inserted), and the lineage of customers whose fields or members changed. Then the retired
 * and orphaned customers, and for a full run the links of records no longer active.
 *
 * The work is pipelined: while one chunk's statements run on the connection, the next chunk is
 * built, compared with its stored rows (read before those statements) and encrypted. Chunks hold
 * different customers, so neither depends on the other's writes; the database and this process
 * then work at the same time instead of waiting for each other.
 */
export async function writeGolden(trx: Knex.Transaction, protection: FieldProtection, plan: ResolutionPlan, timer?: PhaseMarks): Promise<ResolutionWriteSummary> {
  // Stored rows are read before they are written: take the write lock first (SQLite).
  await takeWriteLockFirst(trx, 'customers');
  const summary: ResolutionWriteSummary = { created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
  const now = nowDbTime();
  const written: WrittenSoFar = { records: new Set(), names: new Set() };
  const customers = plan.customers[Symbol.iterator]();
  let chunk = await takeChunk(customers);
  timer?.mark('survivorship');
  let pending: PreparedChunk | undefined;
  for (;;) {
    // The next chunk's stored rows are asked for before the pending chunk's statements.
    const reading = chunk.length > 0 ? readStoredChunk(trx, chunk) : undefined;
    const writing = pending ? writePreparedChunk(trx, pending, now, timer) : undefined;
    // Awaited below; until then a failure must not count as unhandled.
    writing?.catch(() => undefined);
    if (!reading) {
      await writing;
      timer?.mark('awaitWrites');
      break;
    }
    const stored = await reading;
    timer?.mark('readStored');
    pending = await prepareChunk(protection, plan, chunk, stored, now, summary, written);
    timer?.mark('prepareWrites');
    chunk = await takeChunk(customers);
    timer?.mark('survivorship');
    await writing;
    timer?.mark('awaitWrites');
  }

  const feed: CustomerChangeInput[] = [];
  for (const [retiredId, survivorId] of plan.retired) {
    await trx('customers').where({ id: retiredId }).update({ merged_into: survivorId, updated_at: now });
    feed.push({ customerId: retiredId, kind: 'merged', mergedInto: survivorId });
    summary.retired += 1;
  }
  for (const orphan of plan.orphaned) {
    const deleted = await trx('customers').where({ id: orphan }).whereNull('deleted_at').update({ deleted_at: now, updated_at: now });
    if (deleted > 0) feed.push({ customerId: orphan, kind: 'deleted' });
    summary.deleted += 1;
  }
  const gone = [...plan.retired.keys(), ...plan.orphaned];
  await deleteWhereIn(trx, 'field_lineage', 'customer_id', gone);
  await deleteConsents(trx, gone);
  // Retired and deleted ids are never listed or looked up; their terms would only linger.
  await deleteCustomerTerms(trx, gone);
  await appendCustomerChanges(trx, feed, now);
  timer?.mark('retire');
  if (plan.partial) return summary;
  // Links of records that are no longer active (deleted upstream) point nowhere useful.
  const stale: number[] = [];
  for (const recordId of plan.storedLinks.keys()) if (!written.records.has(recordId)) stale.push(recordId);
  await deleteWhereIn(trx, 'customer_links', 'source_record_id', stale);
  timer?.mark('dropStaleLinks');
  return summary;
}
