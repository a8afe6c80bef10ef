import type { AuditEntryInput } from '../store/audit-log-repository';
import type { Principal } from './principal';

/** The actor and role an audit entry names for a principal. */
export function auditActor(principal: Principal): Pick<AuditEntryInput, 'actor' | 'role'> {
  return { actor: principal.subject, role: principal.role ?? 'anonymous' };
}

/**
 * Collects, during one request's execution, which customers' personal fields were returned
 * unmasked, as a single audit entry for when the response is sent: one entry per request however
 * many fields and customers it touched.
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

  /** The request's entry, or undefined when it read nothing personal; `details` must hold no personal data (operation name only). */
  entry(details: Record<string, unknown>): AuditEntryInput | undefined {
    if (this.isEmpty) return undefined;
    return {
      ...auditActor(this.principal),
      action: 'read',
      customerIds: [...this.customerIds].sort(),
      fields: [...this.fields].sort(),
      details,
    };
  }
}
