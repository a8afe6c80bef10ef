import type { Knex } from 'knex';
import { appendCustomerChanges } from './customer-change-repository';
import { deleteConsents } from './customer-consent-repository';
import { deleteCustomerTerms, forgetUnusedNames, nameDigestsOf } from './customer-terms';
import { toCustomer } from './customer-columns';
import { likeLiteral } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { contactValues } from './record-contacts';
import { normalizedOf } from './record-payload';

/** What an erasure found before removing it: what suppression digests are computed from. */
export interface ErasedPerson {
  /** The customer and every retired id merged into it. */
  customerIds: string[];
  sourceRecordIds: number[];
  sourceKeys: { source: string; externalId: string }[];
  emails: Set<string>;
  phones: Set<string>;
  /** Name strings, used only to find quarantine rows that mention them; never stored. */
  names: Set<string>;
}

export interface ErasureCounts {
  customers: number;
  sourceRecords: number;
  links: number;
  lineage: number;
  consents: number;
  reviews: number;
  quarantine: number;
  auditEntriesRedacted: number;
}

/** Removal of one person's data from every table (the SQL half of erasure). */
export class ErasureRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  /** The customer, the ids merged into it, its source records and the identifiers they hold. */
  async collect(customerId: string, trx: Knex = this.knex): Promise<ErasedPerson> {
    const customerIds = [customerId];
    for (let frontier = [customerId]; frontier.length > 0; ) {
      const retired = (await trx('customers').whereIn('merged_into', frontier).select('id')).map((row: { id: string }) => String(row.id));
      frontier = retired.filter((id) => !customerIds.includes(id));
      customerIds.push(...frontier);
    }
    const person: ErasedPerson = { customerIds, sourceRecordIds: [], sourceKeys: [], emails: new Set(), phones: new Set(), names: new Set() };
    const { cipher } = this.protection;
    for (const row of await trx('customers').whereIn('id', customerIds)) {
      const customer = toCustomer(row, cipher);
      for (const email of customer.emails) person.emails.add(email);
      for (const phone of customer.phones) person.phones.add(phone);
      for (const name of [customer.givenName, customer.familyName]) if (typeof name === 'string' && name.length > 1) person.names.add(name);
    }
    const records = await trx('customer_links as l')
      .join('source_records as r', 'r.id', 'l.source_record_id')
      .whereIn('l.customer_id', customerIds)
      .select('r.id', 'r.source', 'r.external_id', 'r.payload');
    for (const record of records) this.add(person, record, this.contactsOf(record));
    return person;
  }

  /**
   * Adds to the person the records no resolution has linked yet (loaded since the last one wrote
   * its outcome, by a load that may still be running) that hold one of the person's emails or
   * phones: the next resolution would otherwise make a customer of them. `waitingFrom` is when
   * such records begin (see BlockKeyRepository.waitingFrom), undefined for all records.
   */
  async collectUnlinked(person: ErasedPerson, waitingFrom: string | undefined, trx: Knex): Promise<void> {
    let query = trx('source_records as r')
      .leftJoin('customer_links as l', 'l.source_record_id', 'r.id')
      .whereNull('l.source_record_id')
      .where('r.status', 'active')
      .select('r.id', 'r.source', 'r.external_id', 'r.payload');
    if (waitingFrom !== undefined) query = query.where('r.updated_at', '>=', waitingFrom);
    const emails = new Set([...person.emails].map((email) => email.toLowerCase()));
    for (const record of await query) {
      const contacts = this.contactsOf(record);
      if (contacts.emails.some((email) => emails.has(email.toLowerCase())) || contacts.phones.some((phone) => person.phones.has(phone))) this.add(person, record, contacts);
    }
  }

  private contactsOf(record: { payload: unknown }): { emails: string[]; phones: string[] } {
    return contactValues(normalizedOf(this.protection.cipher, record.payload));
  }

  private add(person: ErasedPerson, record: { id: unknown; source: unknown; external_id: unknown }, contacts: { emails: string[]; phones: string[] }): void {
    person.sourceRecordIds.push(Number(record.id));
    person.sourceKeys.push({ source: String(record.source), externalId: String(record.external_id) });
    for (const email of contacts.emails) person.emails.add(email);
    for (const phone of contacts.phones) person.phones.add(phone);
  }

  /**
   * Deletes the person's rows: golden records (and retired ids), links, lineage, consents, steward
   * overrides, match reviews and decisions, source records, and quarantine rows of those records or mentioning their emails or phones.
   * Audit entries concerning them keep who/when/what but lose their details.
   */
  async remove(person: ErasedPerson, trx: Knex): Promise<ErasureCounts> {
    const { customerIds, sourceRecordIds } = person;
    const counts: ErasureCounts = { customers: 0, sourceRecords: 0, links: 0, lineage: 0, consents: 0, reviews: 0, quarantine: 0, auditEntriesRedacted: 0 };
    counts.lineage = await trx('field_lineage').whereIn('customer_id', customerIds).delete();
    counts.consents = await deleteConsents(trx, customerIds);
    // Steward overrides hold field values the steward typed in: personal data too.
    await trx('field_overrides').whereIn('customer_id', customerIds).delete();
    counts.links = await trx('customer_links').whereIn('customer_id', customerIds).delete();
    if (sourceRecordIds.length > 0) {
      counts.reviews = await trx('match_reviews').whereIn('record_a', sourceRecordIds).orWhereIn('record_b', sourceRecordIds).delete();
      await trx('match_decisions').whereIn('record_a', sourceRecordIds).orWhereIn('record_b', sourceRecordIds).delete();
      // Keyed digests of the records' blocking keys: derived from their values, and counted in block sizes.
      await trx('record_block_keys').whereIn('source_record_id', sourceRecordIds).delete();
      counts.sourceRecords = await trx('source_records').whereIn('id', sourceRecordIds).delete();
    }
    for (const { source, externalId } of person.sourceKeys) {
      counts.quarantine += await trx('quarantine').where({ source, external_id: externalId }).delete();
    }
    // Rows that never became records (an invalid phone, a duplicate key) can still hold the
    // person's contact data: their raw text is encrypted, its contacts' digests are in `terms`.
    const { index } = this.protection;
    const digests = new Set([...[...person.emails].map((email) => index.email(email)), ...[...person.phones].map((phone) => index.phone(phone))]);
    for (const digest of digests) {
      counts.quarantine += await trx('quarantine').whereRaw("?? like ? escape '!'", ['terms', `%${likeLiteral(digest)}%`]).delete();
    }
    const names = await nameDigestsOf(trx, customerIds);
    await deleteCustomerTerms(trx, customerIds);
    // The prefixes of the person's names go too, unless another customer has the same name.
    await forgetUnusedNames(trx, names);
    counts.customers = await trx('customers').whereIn('id', customerIds).delete();
    // Feed consumers learn the customer is gone; the change row itself holds no personal data.
    await appendCustomerChanges(trx, [{ customerId: person.customerIds[0] as string, kind: 'deleted' }]);
    for (const id of customerIds) {
      counts.auditEntriesRedacted += await trx('audit_log')
        .where('customer_ids', 'like', `%${JSON.stringify(id)}%`)
        .update({ details: JSON.stringify({ redacted: 'erasure' }) });
    }
    return counts;
  }
}
