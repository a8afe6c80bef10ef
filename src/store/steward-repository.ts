import type { Knex } from 'knex';
import { nowDbTime, parseJsonColumn } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';

export type PairDecisionKind = 'must_link' | 'cannot_link';

export interface PairDecisionInput {
  recordA: number;
  recordB: number;
  kind: PairDecisionKind;
  /** What made it: `mergeCustomers`, `splitSourceRecord`, `reviewMatch`. */
  reason: string;
}

export interface StoredPairDecisions {
  mustLink: [string, string][];
  cannotLink: [string, string][];
}

/** A steward's value for one golden field: a text, or for emails/phones the primary value. */
export type OverrideValue = string;

/**
 * Steward decisions that every automatic resolution run must respect: pairs of source records
 * that must or must not share a customer, and golden field values a steward set by hand.
 * A pair has one row whichever order it was given in (smaller id first); the latest decision
 * about a pair replaces the earlier one. Override values are personal data: stored encrypted.
 */
export class StewardRepository {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  async pairDecisions(): Promise<StoredPairDecisions> {
    const rows = await this.knex('match_decisions').select('record_a', 'record_b', 'kind').orderBy('id');
    const decisions: StoredPairDecisions = { mustLink: [], cannotLink: [] };
    for (const row of rows) {
      const pair: [string, string] = [String(row.record_a), String(row.record_b)];
      (row.kind === 'must_link' ? decisions.mustLink : decisions.cannotLink).push(pair);
    }
    return decisions;
  }

  async decidePairs(decisions: readonly PairDecisionInput[], decidedBy: string, trx: Knex = this.knex): Promise<void> {
    const now = nowDbTime();
    const rows = new Map<string, Record<string, unknown>>();
    for (const decision of decisions) {
      if (decision.recordA === decision.recordB) continue;
      const a = Math.min(decision.recordA, decision.recordB);
      const b = Math.max(decision.recordA, decision.recordB);
      rows.set(`${a}:${b}`, { record_a: a, record_b: b, kind: decision.kind, reason: decision.reason, decided_by: decidedBy, created_at: now });
    }
    for (const row of rows.values()) {
      await trx('match_decisions').where({ record_a: row.record_a, record_b: row.record_b }).delete();
      await trx('match_decisions').insert(row);
    }
  }

  /** Forgets every must-link involving the record (it is being taken out of its customer). */
  async forgetMustLinks(recordId: number, trx: Knex = this.knex): Promise<void> {
    await trx('match_decisions')
      .where({ kind: 'must_link' })
      .andWhere((q) => q.where({ record_a: recordId }).orWhere({ record_b: recordId }))
      .delete();
  }

  /** Forgets cannot-link decisions between any two of the records (a steward merged them). */
  async forgetCannotLinksWithin(recordIds: readonly number[], trx: Knex = this.knex): Promise<void> {
    const ids = new Set(recordIds);
    const rows = await trx('match_decisions').where({ kind: 'cannot_link' }).whereIn('record_a', [...ids]);
    const doomed = rows.filter((row: Record<string, unknown>) => ids.has(Number(row.record_b))).map((row: Record<string, unknown>) => Number(row.id));
    if (doomed.length > 0) await trx('match_decisions').whereIn('id', doomed).delete();
  }

  /** Overrides per customer id: field → value. */
  async overrides(): Promise<Map<string, Record<string, OverrideValue>>> {
    const rows = await this.knex('field_overrides').select('customer_id', 'field', 'value');
    const byCustomer = new Map<string, Record<string, OverrideValue>>();
    for (const row of rows) {
      const fields = byCustomer.get(String(row.customer_id)) ?? {};
      fields[String(row.field)] = parseJsonColumn<string>(this.protection.cipher.open(String(row.value)), '');
      byCustomer.set(String(row.customer_id), fields);
    }
    return byCustomer;
  }

  async setOverride(customerId: string, field: string, value: OverrideValue | null, decidedBy: string): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('field_overrides').where({ customer_id: customerId, field }).delete();
      if (value !== null) {
        await trx('field_overrides').insert({ customer_id: customerId, field, value: this.protection.cipher.seal(JSON.stringify(value)), decided_by: decidedBy, created_at: nowDbTime() });
      }
    });
  }

  /**
   * Overrides follow their customer into the one that absorbed it; where both had a value for
   * a field, the survivor's own value stays.
   */
  async moveOverrides(retired: ReadonlyMap<string, string>, trx: Knex = this.knex): Promise<void> {
    for (const [from, to] of retired) {
      const rows = await trx('field_overrides').where({ customer_id: from });
      if (rows.length === 0) continue;
      const taken = new Set((await trx('field_overrides').where({ customer_id: to }).select('field')).map((r: { field: string }) => r.field));
      for (const row of rows) {
        if (!taken.has(row.field)) await trx('field_overrides').where({ customer_id: from, field: row.field }).update({ customer_id: to });
      }
      await trx('field_overrides').where({ customer_id: from }).delete();
    }
  }
}
