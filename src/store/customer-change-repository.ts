import type { Knex } from 'knex';
import { insertRows } from './bulk-rows';
import { fromDbTime, nowDbTime } from './dialect';
import { applyCustomerScope, type RowScope } from './row-scope';

export const CUSTOMER_CHANGE_KINDS = ['created', 'updated', 'merged', 'deleted'] as const;
export type CustomerChangeKind = (typeof CUSTOMER_CHANGE_KINDS)[number];

export interface CustomerChangeInput {
  customerId: string;
  kind: CustomerChangeKind;
  /** For `merged`: the customer that absorbed this one. */
  mergedInto?: string | null;
}

export interface CustomerChange extends Required<CustomerChangeInput> {
  /** Monotonically increasing position in the feed. */
  id: number;
  changedAt: Date;
}

/**
 * Appends entries to the customer change feed. Call it with the transaction that makes the
 * change, so the feed never shows a change that rolled back nor misses one that committed: the
 * golden writer (ResolutionRepository) does; steward merges and erasure should too.
 */
export async function appendCustomerChanges(trx: Knex, changes: readonly CustomerChangeInput[], at = nowDbTime()): Promise<void> {
  await insertRows(
    trx,
    'customer_changes',
    changes.map((change) => ({ customer_id: change.customerId, kind: change.kind, merged_into: change.mergedInto ?? null, changed_at: at })),
  );
}

function toChange(row: Record<string, unknown>): CustomerChange {
  return {
    id: Number(row.id),
    customerId: String(row.customer_id),
    kind: row.kind as CustomerChangeKind,
    mergedInto: (row.merged_into as string | null) ?? null,
    changedAt: fromDbTime(row.changed_at as string) as Date,
  };
}

/** Reads the change feed in id order. */
export class CustomerChangeRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Up to `limit` changes after position `afterId`, of customers within the scope. A scope is
   * checked against the customer as it stands now (for a merged id, its survivor; a deleted
   * customer's last country), since a change row carries no personal data of its own.
   */
  async listAfter(afterId: number, limit: number, scope?: RowScope): Promise<CustomerChange[]> {
    const query = this.knex('customer_changes as ch').select('ch.*').where('ch.id', '>', afterId).orderBy('ch.id').limit(limit);
    if (scope && (scope.countries || scope.sources)) {
      const knex = this.knex;
      query.whereExists(function visibleCustomer(this: Knex.QueryBuilder) {
        const inner = this.select(knex.raw('1')).from('customers as cc').whereRaw('?? = coalesce(??, ??)', ['cc.id', 'ch.merged_into', 'ch.customer_id']);
        applyCustomerScope(inner, scope, 'cc');
      });
    }
    return (await query).map(toChange);
  }

  /** The newest position, so a new consumer can start from "now". */
  async lastId(): Promise<number> {
    const row = await this.knex('customer_changes').max<{ n: number | null }[]>({ n: 'id' }).first();
    return Number(row?.n ?? 0);
  }
}
