import { expect, it, vi } from 'vitest';
import { AuditUnavailableError, AuditWriter, DEFAULT_AUDIT_WRITER_OPTIONS, type AuditWriterOptions } from '../../src/access/audit-writer';
import { silentLogger } from '../../src/logging';
import type { AuditEntryInput } from '../../src/store/audit-log-repository';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { countStatements } from '../support/statement-counter';

/** A read entry for one customer. */
function read(customerId: string): AuditEntryInput {
  return { actor: 'steward-token', role: 'steward', action: 'read', customerIds: [customerId], fields: ['Customer.email'], details: { operation: 'query', operationName: null } };
}

/** Options under which nothing is written until the test flushes. */
const MANUAL: AuditWriterOptions = { ...DEFAULT_AUDIT_WRITER_OPTIONS, flushDelayMs: 3_600_000, retryDelayMs: 3_600_000 };

describeEachDialect('audit writer', (dialect) => {
  const test = useTestDatabase(dialect, ['audit_log']);
  const auditLog = () => createRepositories(test.db.knex).auditLog;
  const writer = (options: Partial<AuditWriterOptions> = {}) => new AuditWriter(auditLog(), silentLogger(), { ...MANUAL, ...options });

  /** Makes the audit store refuse writes, the way a lost table or database would. */
  async function withAuditTableGone<T>(work: () => Promise<T>): Promise<T> {
    await test.db.knex.schema.renameTable('audit_log', 'audit_log_away');
    try {
      return await work();
    } finally {
      await test.db.knex.schema.renameTable('audit_log_away', 'audit_log');
    }
  }

  it('writes the queued entries of many requests with one INSERT, each at the time it was queued', async () => {
    const audit = writer();
    const queuedFrom = Date.now();
    for (const id of ['c1', 'c2', 'c3']) audit.enqueue(read(id));
    const counter = countStatements(test.db.knex);
    counter.start();
    await audit.flush();
    expect(counter.stop()).toHaveLength(1);
    const entries = await auditLog().list({}, 10);
    expect(entries.map((entry) => entry.customerIds[0]).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(entries.every((entry) => entry.at.getTime() >= queuedFrom - 1 && entry.action === 'read')).toBe(true);
  });

  it('writes queued entries by itself shortly after they are queued', async () => {
    const audit = writer({ flushDelayMs: 1 });
    audit.enqueue(read('c1'));
    await vi.waitFor(async () => expect(await auditLog().count({})).toBe(1));
    expect(audit.queued).toBe(0);
  });

  it('writes a full batch at once without waiting for the delay', async () => {
    const audit = writer({ batchSize: 2 });
    audit.enqueue(read('c1'));
    audit.enqueue(read('c2'));
    await vi.waitFor(async () => expect(await auditLog().count({})).toBe(2));
  });

  it('refuses new entries once as many as its bound are waiting', () => {
    const audit = writer({ maxQueued: 2 });
    audit.enqueue(read('c1'));
    audit.enqueue(read('c2'));
    expect(() => audit.enqueue(read('c3'))).toThrow(AuditUnavailableError);
    expect(audit.queued).toBe(2);
  });

  it('keeps the entries it could not write and refuses new ones until the store takes them', async () => {
    const audit = writer();
    audit.enqueue(read('c1'));
    await withAuditTableGone(async () => {
      await expect(audit.flush()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      expect(audit.queued).toBe(1);
      expect(() => audit.enqueue(read('c2'))).toThrow(AuditUnavailableError);
    });
    await audit.flush();
    audit.enqueue(read('c3'));
    await audit.flush();
    expect((await auditLog().list({}, 10)).map((entry) => entry.customerIds[0]).sort()).toEqual(['c1', 'c3']);
  });

  it('writes what is queued when closed, and takes nothing after', async () => {
    const audit = writer();
    audit.enqueue(read('c1'));
    await audit.close();
    expect(await auditLog().count({})).toBe(1);
    expect(() => audit.enqueue(read('c2'))).toThrow(AuditUnavailableError);
  });
});
