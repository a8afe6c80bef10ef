import pino from 'pino';
import { expect, it } from 'vitest';
import { demoConfigPath } from '../../src/cli/project-root';
import { loadProjectConfig } from '../../src/config/load-config';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';

const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id at actor role action customerIds fields details } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const INGEST = 'mutation($records: [JSONObject!]!) { ingestRecords(source: "app", records: $records) { inserted quarantined } }';

describeEachDialect('audit log over HTTP', (dialect) => {
  const logLines: string[] = [];
  const demo = useDemoServer(dialect, () => ({
    config: loadProjectConfig(demoConfigPath()),
    logger: pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) }),
  }));

  const entries = async (filter: Record<string, unknown> = {}, first = 100) => {
    const response = await postGraphql(demo.server.url, AUDIT, { filter, first }, await demo.server.bearer('admin'));
    expect(response.errors).toBeUndefined();
    return response.data!.auditLog;
  };
  const repos = () => createRepositories(demo.db.knex);

  it('writes one entry naming who, which customers and which fields for a request returning unmasked personal data', async () => {
    const before = await repos().auditLog.count({});
    const page = await postGraphql(demo.server.url, 'query Contacts { customers(first: 5) { edges { node { id email givenName country } } } }', {}, await demo.server.bearer('support'));
    const ids = page.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    await demo.server.flushAudit();
    const [entry] = await repos().auditLog.list({}, 1);
    expect(await repos().auditLog.count({})).toBe(before + 1);
    expect(entry).toMatchObject({ actor: 'support-token', role: 'support', action: 'read', customerIds: ids, fields: ['Customer.email', 'Customer.givenName'] });
    expect(entry!.details).toEqual({ operation: 'query', operationName: 'Contacts' });
    expect(Date.now() - entry!.at.getTime()).toBeLessThan(60_000);
  });

  it('writes nothing for a request that returned only masked values', async () => {
    const before = await repos().auditLog.count({});
    const page = await postGraphql(demo.server.url, '{ customers(first: 5) { edges { node { id email phone emails { address } phones { number } givenName birthDate } } } }', {}, await demo.server.bearer('analyst'));
    expect(page.errors).toBeUndefined();
    await demo.server.flushAudit();
    expect(await repos().auditLog.count({})).toBe(before);
  });

  it('writes nothing for a request that returned no personal fields', async () => {
    const before = await repos().auditLog.count({});
    await postGraphql(demo.server.url, '{ customers(first: 5) { totalCount edges { node { id country } } } }', {}, await demo.server.bearer('admin'));
    await demo.server.flushAudit();
    expect(await repos().auditLog.count({})).toBe(before);
  });

  it('accounts for source records read through a customer', async () => {
    const page = await postGraphql(demo.server.url, '{ customers(first: 2) { edges { node { id sourceRecords { raw } } } } }', {}, await demo.server.bearer('steward'));
    const ids = page.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    await demo.server.flushAudit();
    const [entry] = await repos().auditLog.list({}, 1);
    expect(entry).toMatchObject({ role: 'steward', customerIds: ids });
    expect(entry!.fields).toEqual(['Customer.sourceRecords', 'SourceRecord.raw']);
  });

  it('withholds the data of reads it cannot account for (AUDIT_UNAVAILABLE, HTTP 503) while the audit log refuses writes', async () => {
    const query = 'query Contacts { customers(first: 2) { edges { node { id email } } } }';
    const support = await demo.server.bearer('support');
    await demo.server.flushAudit();
    const before = await repos().auditLog.count({});
    await demo.db.knex.schema.renameTable('audit_log', 'audit_log_away');
    try {
      const queued = await postGraphql(demo.server.url, query, {}, support);
      expect(queued.status).toBe(200);
      await expect(demo.server.flushAudit()).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      const refused = await postGraphql(demo.server.url, query, {}, support);
      expect(refused.status).toBe(503);
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(refused.data ?? null).toBeNull();
      expect(JSON.stringify(refused)).not.toContain('@');
    } finally {
      await demo.db.knex.schema.renameTable('audit_log_away', 'audit_log');
    }
    await demo.server.flushAudit();
    expect((await postGraphql(demo.server.url, query, {}, support)).status).toBe(200);
    await demo.server.flushAudit();
    expect(await repos().auditLog.count({})).toBe(before + 2);
  });

  it('writes one entry per ingestRecords call, without the pushed personal data', async () => {
    const response = await postGraphql(demo.server.url, INGEST, { records: [{ userId: 'audit-1', email: 'Quentin.Audit@Example.com', profile: { firstName: 'Quentin', lastName: 'Audit' } }] }, await demo.server.bearer('service'));
    expect(response.errors).toBeUndefined();
    const { edges } = await entries({ action: 'ingestRecords' });
    expect(edges).toHaveLength(1);
    expect(edges[0].node).toMatchObject({ actor: 'service-token', role: 'service', action: 'ingestRecords', details: { source: 'app', inserted: 1 } });
    expect(JSON.stringify(edges[0].node).toLowerCase()).not.toContain('quentin');
  });

  it('lists entries newest first in pages and filters them by customer', async () => {
    await demo.server.flushAudit();
    const all = await entries();
    const ids = all.edges.map((e: { node: { id: string } }) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.totalCount).toBe(ids.length);
    const first = await postGraphql(demo.server.url, AUDIT, { first: 1 }, await demo.server.bearer('admin'));
    const second = await postGraphql(demo.server.url, AUDIT, { first: 1, after: first.data!.auditLog.pageInfo.endCursor }, await demo.server.bearer('admin'));
    expect(Number(second.data!.auditLog.edges[0].node.id)).toBeLessThan(Number(first.data!.auditLog.edges[0].node.id));
    const customerId = all.edges.find((e: { node: { customerIds: string[] } }) => e.node.customerIds.length > 0).node.customerIds[0];
    const concerning = await entries({ customerId });
    expect(concerning.edges.length).toBeGreaterThan(0);
    expect(concerning.edges.every((e: { node: { customerIds: string[] } }) => e.node.customerIds.includes(customerId))).toBe(true);
  });

  it('shows the audit log to admins only', async () => {
    for (const role of ['steward', 'support', 'analyst', 'service']) {
      const response = await postGraphql(demo.server.url, AUDIT, { first: 1 }, await demo.server.bearer(role));
      expect(response.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      expect(response.data?.auditLog ?? null, role).toBeNull();
    }
  });

  it('keeps emails out of the logs of requests that read and push them', async () => {
    logLines.length = 0;
    const page = await postGraphql(demo.server.url, '{ customers(first: 50) { edges { node { email } } } }', {}, await demo.server.bearer('admin'));
    const emails: string[] = page.data!.customers.edges.flatMap((e: { node: { email: string | null } }) => (e.node.email ? [e.node.email] : []));
    expect(emails.length).toBeGreaterThan(0);
    await postGraphql(demo.server.url, INGEST, { records: [{ userId: 'audit-2', email: 'not-an-email-bob.secret', profile: { firstName: 'Bob' } }, { userId: 'audit-3', email: 'wanda.hidden@example.com' }] }, await demo.server.bearer('service'));
    await postGraphql(demo.server.url, '{ customers(first: 1) { edges { node { email } } } }', {}, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6Indhbm', 'x-note': 'x' });
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n').toLowerCase();
    for (const email of [...emails, 'not-an-email-bob.secret', 'wanda.hidden@example.com']) expect(logs, email).not.toContain(email.toLowerCase());
  });
});
