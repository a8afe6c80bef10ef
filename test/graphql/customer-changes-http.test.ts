import { beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { describeEachDialect } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { PROFILE_CRM, PROFILE_SHOP, profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const FEED = `query($after: String, $first: Int) {
  customerChanges(after: $after, first: $first) {
    edges { cursor node { id customerId kind mergedInto changedAt customer { id familyName country } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Change { customerId: string; kind: string; mergedInto: string | null; customer: { id: string; familyName: string | null; country: string | null } | null }

describeEachDialect('the customer change feed', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let reader: Record<string, string>;
  let position: string | null = null;

  beforeAll(async () => {
    reader = await synced.server.bearer('service');
  });

  /** Reads everything after the stored position, page by page, as a downstream consumer does. */
  async function readOn(headers = reader, first = 2): Promise<Change[]> {
    const changes: Change[] = [];
    for (;;) {
      const page: any = await postGraphql(synced.server.url, FEED, { after: position, first }, headers);
      expect(page.errors).toBeUndefined();
      changes.push(...page.data.customerChanges.edges.map((e: { node: Change }) => e.node));
      position = page.data.customerChanges.pageInfo.endCursor;
      if (!page.data.customerChanges.pageInfo.hasNextPage) return changes;
    }
  }

  it('starts with one CREATED entry per customer', async () => {
    const changes = await readOn();
    expect(changes).toHaveLength(5);
    expect(changes.every((c) => c.kind === 'CREATED' && c.customer?.id === c.customerId)).toBe(true);
  });

  it('has nothing new after a sync that changed nothing, and keeps the position', async () => {
    const before = position;
    await runSync(synced.db, profileFixtureConfig(), silentLogger());
    expect(await readOn()).toEqual([]);
    expect(position).toBe(before);
  });

  it('reports an UPDATED customer when a source changes a golden field', async () => {
    await runSync(synced.db, profileFixtureConfig({ crm: PROFILE_CRM.replace('c3,Bo,Kim', 'c3,Bo,Kimura') }), silentLogger());
    const changes = await readOn();
    expect(changes).toEqual([expect.objectContaining({ kind: 'UPDATED', customer: expect.objectContaining({ familyName: 'Kimura' }) })]);
  });

  it('reports a DELETED customer when its only record leaves the source', async () => {
    const shop = PROFILE_SHOP.split('\n').filter((line) => !line.startsWith('s2,')).join('\n');
    await runSync(synced.db, profileFixtureConfig({ crm: PROFILE_CRM.replace('c3,Bo,Kim', 'c3,Bo,Kimura'), shop }), silentLogger());
    const changes = await readOn();
    expect(changes).toEqual([expect.objectContaining({ kind: 'DELETED', customer: null })]);
  });

  it('shows a scoped reader only the changes of customers in its scope', async () => {
    position = null;
    const changes = await readOn(await synced.server.bearer('service', { countries: ['CN'] }), 10);
    expect(changes.map((c) => c.kind)).toEqual(['CREATED']);
    expect(changes[0]!.customer?.country).toBe('CN');
  });

  it('is not open to support', async () => {
    const response = await postGraphql(synced.server.url, FEED, {}, await synced.server.bearer('support'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
