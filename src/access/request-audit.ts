import type { AuditEntryInput, AuditLogRepository } from '../store/audit-log-repository';
import type { Principal } from './principal';

/** The actor and role an audit entry names for a principal. */
export function auditActor(principal: Principal): Pick<AuditEntryInput, 'actor' | 'role'> {
  return { actor: principal.subject, role: principal.role ?? 'anonymous' };
}

/**
 * Collects, during one request's execution, which customers' personal fields were returned
 * unmasked, and writes them as a single audit entry when the response is sent: one entry per
 * request however many fields and customers it touched.
 */
export class RequestAudit {
  private readonly customerIds = new Set<string>();
  private readonly fields = new Set<string>();

  constructor(private readonly principal: Principal) {}

  /** A personal field (`Type.field`) was returned unmasked, for this customer when known. */
  noteRead(coordinate: string, customerId: string | undefined): void {
    this.fields.add(coordinate);
    if (customerId !== undefined) this.customerIds.add(customerId);
  }

  get isEmpty(): boolean {
    return this.fields.size === 0;
  }

  /** Writes the entry if anything was read; `details` must hold no personal data (operation name only). */
  async flush(auditLog: AuditLogRepository, details: Record<string, unknown>): Promise<void> {
    if (this.isEmpty) return;
    await auditLog.append({
      ...auditActor(this.principal),
      action: 'read',
      customerIds: [...this.customerIds].sort(),
      fields: [...this.fields].sort(),
      details,
    });
    this.fields.clear();
    this.customerIds.clear();
  }
}
