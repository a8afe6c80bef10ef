import type { Knex } from 'knex';
import { appendCustomerChanges, type CustomerChangeInput } from './customer-change-repository';
import { consentsByCustomer, replaceConsents, sameConsents, type CustomerConsent } from './customer-consent-repository';
import { goldenToColumns, sameGoldenFields, sealCustomerColumns } from './customer-columns';
import { customerTermRows, namePrefixRows, writeCustomerTerms, writeNamePrefixes } from './customer-terms';
import { insertRows, upsertRows } from './bulk-rows';
import type { FieldProtection } from './field-protection';
import type { ResolutionPlan, ResolutionWriteSummary, ResolvedCustomer } from './resolution-plan';

/** Ids per `where … in (…)` of a deletion. */
export const IDS_PER_STATEMENT = 1000;
/** Customers prepared between two turns of the event loop, so that statements in flight go on. */
const CUSTOMERS_PER_TURN = 100;

const CUSTOMER_KEY = ['id'];
const LINK_KEY = ['source_record_id'];
const LINK_REWRITTEN = ['customer_id', 'score', 'rule', 'record_hash', 'created_at'];

/** Told as each kind of work ends (`mark`), or how long work that overlapped others took (`add`). */
export interface PhaseMarks {
  mark(phase: string): void;
  add?(phase: string, millis: number): void;
}

/** Lets pending I/O callbacks (the statements of the chunk being written) run. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function deleteWhereIn(trx: Knex, table: string, column: string, values: readonly (string | number)[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < values.length; i += IDS_PER_STATEMENT) deleted += await trx(table).whereIn(column, values.slice(i, i + IDS_PER_STATEMENT) as string[]).delete();
  return deleted;
}

/** What is stored of a chunk's customers: their rows and consents. */
export interface StoredChunk {
  rows: Map<string, Record<string, unknown>>;
  consents: Map<string, CustomerConsent[]>;
}

export async function readStoredChunk(trx: Knex, chunk: readonly ResolvedCustomer[]): Promise<StoredChunk> {
  const ids = chunk.map((customer) => customer.customerId);
  const rows = new Map<string, Record<string, unknown>>();
  for (const row of await trx('customers').whereIn('id', ids)) rows.set(String(row.id), row);
  return { rows, consents: await consentsByCustomer(trx, ids) };
}

/** The rows a chunk writes: only what differs from the stored state. */
export interface PreparedChunk {
  customerRows: Record<string, unknown>[];
  changedConsents: Map<string, CustomerConsent[]>;
  /** Customers stored before whose fields change: their terms and lineage are replaced. */
  rewritten: string[];
  termRows: Record<string, unknown>[];
  /** Prefixes of the names this run has not written before. */
  namePrefixRows: Record<string, unknown>[];
  linkRows: Record<string, unknown>[];
  /** Stored customers whose lineage is replaced. */
  lineageReplaced: string[];
  lineageRows: Record<string, unknown>[];
  feed: CustomerChangeInput[];
}

/** What a run has written so far: every record linked, and the names whose prefixes are written. */
export interface WrittenSoFar {
  records: Set<number>;
  names: Set<string>;
}

/**
 * Compares a chunk with what is stored, encrypts the new and changed customers and computes their
 * blind index terms, links and lineage. Counts into `summary`; adds to `written`.
 */
export async function prepareChunk(
  { cipher, index }: FieldProtection,
  plan: ResolutionPlan,
  chunk: readonly ResolvedCustomer[],
  stored: StoredChunk,
  now: string,
  summary: ResolutionWriteSummary,
  written: WrittenSoFar,
): Promise<PreparedChunk> {
  const prepared: PreparedChunk = { customerRows: [], changedConsents: new Map(), rewritten: [], termRows: [], namePrefixRows: [], linkRows: [], lineageReplaced: [], lineageRows: [], feed: [] };
  for (const [at, customer] of chunk.entries()) {
    if (at > 0 && at % CUSTOMERS_PER_TURN === 0) await nextTurn();
    const id = customer.customerId;
    const row = stored.rows.get(id);
    // Consent lives in its own table but is part of the customer: a change to it updates the customer.
    const consentChanged = !sameConsents(stored.consents.get(id) ?? [], customer.consents);
    if (consentChanged) prepared.changedConsents.set(id, customer.consents);
    const fieldsChanged = !(row && !consentChanged && sameGoldenFields(row, customer.fields, cipher) && row.merged_into === null && row.deleted_at === null);
    if (fieldsChanged) {
      // One shape for new and changed rows: the upsert keeps a stored row's created_at.
      prepared.customerRows.push({ id, ...sealCustomerColumns(goldenToColumns(customer.fields), cipher), merged_into: null, deleted_at: null, created_at: now, updated_at: now });
      prepared.termRows.push(...customerTermRows(index, id, customer.fields));
      prepared.namePrefixRows.push(...namePrefixRows(index, customer.fields, written.names));
      if (row) {
        prepared.rewritten.push(id);
        prepared.feed.push({ customerId: id, kind: 'updated' });
        summary.updated += 1;
      } else {
        prepared.feed.push({ customerId: id, kind: 'created' });
        summary.created += 1;
      }
    } else {
      summary.unchanged += 1;
    }
    let relinked = false;
    for (const recordId of customer.recordIds) {
      written.records.add(recordId);
      const current = plan.storedLinks.get(recordId);
      const hash = customer.hashOf(recordId);
      if (current?.customerId === id && current.recordHash === hash) continue;
      const { rule, score } = customer.linkOf(recordId);
      prepared.linkRows.push({ source_record_id: recordId, customer_id: id, score, rule, record_hash: hash, created_at: now });
      relinked = true;
    }
    if (!fieldsChanged && !relinked) continue;
    // A customer without a stored row has no lineage yet.
    if (row) prepared.lineageReplaced.push(id);
    for (const entry of customer.lineage) {
      prepared.lineageRows.push({ customer_id: id, field: entry.field, source_record_id: entry.sourceRecordId, rule: entry.rule, created_at: now });
    }
  }
  return prepared;
}

/** Writes a prepared chunk; `timer.add` is told how long each kind of statement took. */
export async function writePreparedChunk(trx: Knex.Transaction, prepared: PreparedChunk, now: string, timer?: PhaseMarks): Promise<void> {
  let started = performance.now();
  const took = (phase: string): void => {
    const at = performance.now();
    timer?.add?.(phase, at - started);
    started = at;
  };
  const first = prepared.customerRows[0];
  if (first) await upsertRows(trx, 'customers', prepared.customerRows, CUSTOMER_KEY, Object.keys(first).filter((column) => column !== 'id' && column !== 'created_at'));
  await replaceConsents(trx, prepared.changedConsents);
  took('writeCustomers');
  await writeCustomerTerms(trx, prepared.termRows, prepared.rewritten);
  took('writeTerms');
  await writeNamePrefixes(trx, prepared.namePrefixRows);
  took('writeNamePrefixes');
  await upsertRows(trx, 'customer_links', prepared.linkRows, LINK_KEY, LINK_REWRITTEN);
  took('writeLinks');
  await deleteWhereIn(trx, 'field_lineage', 'customer_id', prepared.lineageReplaced);
  await insertRows(trx, 'field_lineage', prepared.lineageRows);
  took('writeLineage');
  await appendCustomerChanges(trx, prepared.feed, now);
  took('writeChanges');
}
