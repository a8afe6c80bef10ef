import type { Knex } from 'knex';
import { insertRows } from './bulk-rows';
import { fromDbTime, nowDbTime, parseJsonColumn, toDbTime } from './dialect';

/** One accountable event: a read of unmasked personal data, or a mutation. */
export interface AuditEntryInput {
  /** Token subject or API key name. */
  actor: string;
  role: string;
  /** e.g. `read`, `mergeCustomers`, `eraseCustomer`, `keys.create`. */
  action: string;
  customerIds?: readonly string[];
  fields?: readonly string[];
  /** Non-personal context: arguments, outcome. Never plaintext personal data. */
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  role: string;
  action: string;
  customerIds: string[];
  fields: string[];
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  customerId?: string;
  from?: Date;
  to?: Date;
}

function toAuditEntry(row: Record<string, unknown>): AuditEntry {
  return {
    id: Number(row.id),
    at: fromDbTime(row.at as string) as Date,
    actor: String(row.actor),
    role: String(row.role),
    action: String(row.action),
    customerIds: parseJsonColumn(row.customer_ids, []),
    fields: parseJsonColumn(row.fields, []),
    details: parseJsonColumn(row.details, {}),
  };
}

function toRow(entry: AuditEntryInput, at: string): Record<string, unknown> {
  return {
    at,
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    customer_ids: entry.customerIds && entry.customerIds.length > 0 ? JSON.stringify(entry.customerIds) : null,
    fields: entry.fields && entry.fields.length > 0 ? JSON.stringify(entry.fields) : null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

/**
 * The append-only `audit_log`: entries are added, never updated or deleted (erasure of a person
 * is the one exception, and redacts personal data inside entries rather than removing them).
 */
export class AuditLogRepository {
  constructor(private readonly knex: Knex) {}

  async append(entry: AuditEntryInput, trx: Knex = this.knex): Promise<void> {
    await trx('audit_log').insert(toRow(entry, nowDbTime()));
  }

  /** Appends entries that happened earlier (each at its own time), many rows per statement. */
  async appendMany(entries: ReadonlyArray<AuditEntryInput & { at: Date }>): Promise<void> {
    await insertRows(this.knex, 'audit_log', entries.map((entry) => toRow(entry, toDbTime(entry.at))));
  }

  /** Newest first, keyset-paged by id. */
  async list(filter: AuditFilter, limit: number, beforeId?: number): Promise<AuditEntry[]> {
    const query = this.filtered(filter).orderBy('id', 'desc').limit(limit);
    if (beforeId !== undefined) query.where('id', '<', beforeId);
    return (await query).map(toAuditEntry);
  }

  async count(filter: AuditFilter): Promise<number> {
    const row = await this.filtered(filter).count<{ n: number }[]>({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  private filtered(filter: AuditFilter): Knex.QueryBuilder {
    const query = this.knex('audit_log');
    if (filter.actor !== undefined) query.where({ actor: filter.actor });
    if (filter.action !== undefined) query.where({ action: filter.action });
    if (filter.from !== undefined) query.where('at', '>=', toDbTime(filter.from));
    if (filter.to !== undefined) query.where('at', '<', toDbTime(filter.to));
    // customer_ids is a JSON array of ids; the quoted id cannot match inside another id.
    if (filter.customerId !== undefined) query.where('customer_ids', 'like', `%${JSON.stringify(filter.customerId)}%`);
    return query;
  }
}
