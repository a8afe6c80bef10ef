import type { Knex } from 'knex';
import { appendCustomerChanges, type CustomerChangeInput } from './customer-change-repository';
import { consentsByCustomer, deleteConsents, replaceConsents, sameConsents, type CustomerConsent } from './customer-consent-repository';
import { goldenToColumns, sameGoldenFields, sealCustomerColumns, type GoldenFields } from './customer-columns';
import { deleteCustomerTerms, insertCustomerTerms } from './customer-terms';
import { insertRows, nowDbTime, upsertRows } from './dialect';
import type { FieldProtection } from './field-protection';
import type { ResolutionPlan, ResolutionWriteSummary, ResolvedCustomer } from './resolution-repository';

/**
 * Customers per written chunk: each chunk costs a handful of multi-row statements, and only one
 * chunk's rows (sealed columns, terms, lineage) are held at a time, whatever the data set's size.
 */
const CHUNK_CUSTOMERS = 2000;
/** Ids per `where … in (…)` of a deletion. */
const IDS_PER_STATEMENT = 1000;

const CUSTOMER_KEY = ['id'];
const LINK_KEY = ['source_record_id'];
const LINK_REWRITTEN = ['customer_id', 'score', 'rule', 'record_hash', 'created_at'];

/** Told as each kind of work ends, for phase timings. */
export interface PhaseMarks {
  mark(phase: string): void;
}

async function deleteWhereIn(trx: Knex, table: string, column: string, values: readonly (string | number)[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < values.length; i += IDS_PER_STATEMENT) deleted += await trx(table).whereIn(column, values.slice(i, i + IDS_PER_STATEMENT) as string[]).delete();
  return deleted;
}

/**
 * Writes a resolution's outcome inside `trx`, chunk by chunk of customers, writing only what
 * differs from the stored state: new and changed customers in one multi-row upsert, their blind
 * index terms, consents, links whose customer or record hash changed (upserted, not deleted and
 * re-inserted), and the lineage of customers whose fields or members changed. Then the retired
 * and orphaned customers, and for a full run the links of records no longer active.
 */
export async function writeGolden(trx: Knex.Transaction, protection: FieldProtection, plan: ResolutionPlan, timer?: PhaseMarks): Promise<ResolutionWriteSummary> {
  const summary: ResolutionWriteSummary = { created: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };
  const now = nowDbTime();
  const written = new Set<number>();
  let chunk: ResolvedCustomer[] = [];
  for (const customer of plan.customers) {
    chunk.push(customer);
    if (chunk.length < CHUNK_CUSTOMERS) continue;
    timer?.mark('survivorship');
    await writeChunk(trx, protection, plan, chunk, now, summary, written, timer);
    chunk = [];
  }
  timer?.mark('survivorship');
  await writeChunk(trx, protection, plan, chunk, now, summary, written, timer);

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
  for (const recordId of plan.storedLinks.keys()) if (!written.has(recordId)) stale.push(recordId);
  await deleteWhereIn(trx, 'customer_links', 'source_record_id', stale);
  timer?.mark('dropStaleLinks');
  return summary;
}

async function writeChunk(
  trx: Knex.Transaction,
  { cipher, index }: FieldProtection,
  plan: ResolutionPlan,
  chunk: readonly ResolvedCustomer[],
  now: string,
  summary: ResolutionWriteSummary,
  written: Set<number>,
  timer?: PhaseMarks,
): Promise<void> {
  if (chunk.length === 0) return;
  const ids = chunk.map((customer) => customer.customerId);
  const existing = new Map<string, Record<string, unknown>>();
  for (const row of await trx('customers').whereIn('id', ids)) existing.set(String(row.id), row);
  const storedConsents = await consentsByCustomer(trx, ids);
  timer?.mark('readStored');

  const feed: CustomerChangeInput[] = [];
  const customerRows: Record<string, unknown>[] = [];
  const termsOf: { id: string; fields: GoldenFields }[] = [];
  const rewritten: string[] = [];
  const changedConsents = new Map<string, CustomerConsent[]>();
  for (const customer of chunk) {
    const row = existing.get(customer.customerId);
    // Consent lives in its own table but is part of the customer: a change to it updates the customer.
    const consentChanged = !sameConsents(storedConsents.get(customer.customerId) ?? [], customer.consents);
    if (consentChanged) changedConsents.set(customer.customerId, customer.consents);
    if (row && !consentChanged && sameGoldenFields(row, customer.fields, cipher) && row.merged_into === null && row.deleted_at === null) {
      summary.unchanged += 1;
      continue;
    }
    // One shape for new and changed rows: the upsert keeps a stored row's created_at.
    customerRows.push({ id: customer.customerId, ...sealCustomerColumns(goldenToColumns(customer.fields), cipher), merged_into: null, deleted_at: null, created_at: now, updated_at: now });
    termsOf.push({ id: customer.customerId, fields: customer.fields });
    if (row) {
      rewritten.push(customer.customerId);
      feed.push({ customerId: customer.customerId, kind: 'updated' });
      summary.updated += 1;
    } else {
      feed.push({ customerId: customer.customerId, kind: 'created' });
      summary.created += 1;
    }
  }
  const first = customerRows[0];
  if (first) await upsertRows(trx, 'customers', customerRows, CUSTOMER_KEY, Object.keys(first).filter((column) => column !== 'id' && column !== 'created_at'));
  await replaceConsents(trx, changedConsents);
  timer?.mark('writeCustomers');
  await deleteCustomerTerms(trx, rewritten);
  await insertCustomerTerms(trx, index, termsOf);
  timer?.mark('writeTerms');

  const relinked: Record<string, unknown>[] = [];
  const lineageOwners = new Set(termsOf.map((customer) => customer.id));
  for (const customer of chunk) {
    for (const recordId of customer.recordIds) {
      written.add(recordId);
      const current = plan.storedLinks.get(recordId);
      const hash = customer.hashOf(recordId);
      if (current?.customerId === customer.customerId && current.recordHash === hash) continue;
      const { rule, score } = customer.linkOf(recordId);
      relinked.push({ source_record_id: recordId, customer_id: customer.customerId, score, rule, record_hash: hash, created_at: now });
      lineageOwners.add(customer.customerId);
    }
  }
  await upsertRows(trx, 'customer_links', relinked, LINK_KEY, LINK_REWRITTEN);
  timer?.mark('writeLinks');

  const lineageRows: Record<string, unknown>[] = [];
  for (const customer of chunk) {
    if (!lineageOwners.has(customer.customerId)) continue;
    for (const entry of customer.lineage) {
      lineageRows.push({ customer_id: customer.customerId, field: entry.field, source_record_id: entry.sourceRecordId, rule: entry.rule, created_at: now });
    }
  }
  // A customer without a stored row has no lineage yet.
  await deleteWhereIn(trx, 'field_lineage', 'customer_id', [...lineageOwners].filter((id) => existing.has(id)));
  await insertRows(trx, 'field_lineage', lineageRows);
  timer?.mark('writeLineage');
  await appendCustomerChanges(trx, feed, now);
  timer?.mark('writeChanges');
}
