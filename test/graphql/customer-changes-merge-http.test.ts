import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { profileFixtureConfig } from '../support/profile-fixture';
import { useSyncedServer } from '../support/synced-server';

const FEED = `query($after: String) {
  customerChanges(after: $after, first: 100) {
    edges { node { customerId kind mergedInto customer { id familyName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const MERGE = 'mutation($ids: [ID!]!) { mergeCustomers(ids: $ids) { id } }';

interface Change { customerId: string; kind: string; mergedInto: string | null; customer: { id: string; familyName: string | null } | null }

/**
 * A downstream consumer following the feed over HTTP learns of a steward's merge: the retired id
 * comes as MERGED with the id it went into, and `customer` already answers with the survivor.
 */
describeEachDialect('the change feed after a merge', (dialect) => {
  const synced = useSyncedServer(dialect, () => profileFixtureConfig());
  let reader: Record<string, string>;
  let position: string | null = null;

  beforeAll(async () => {
    reader = await synced.server.bearer('service');
  });

  async function readOn(): Promise<Change[]> {
    const changes: Change[] = [];
    for (;;) {
      const page = await postGraphql(synced.server.url, FEED, { after: position }, reader);
      expect(page.errors).toBeUndefined();
      changes.push(...page.data!.customerChanges.edges.map((e: { node: Change }) => e.node));
      position = page.data!.customerChanges.pageInfo.endCursor;
      if (!page.data!.customerChanges.pageInfo.hasNextPage) return changes;
    }
  }

  it('reports MERGED with mergedInto for the retired id after a steward merges two customers', async () => {
    expect((await readOn()).every((change) => change.kind === 'CREATED')).toBe(true);
    const customers = await allCustomers(synced.server.url, 'id familyName', await synced.server.bearer('steward'));
    const ids = customers.filter((c) => c.familyName === 'Kim' || c.familyName === 'Doe').map((c) => c.id as string);
    expect(ids).toHaveLength(2);

    const merged = await postGraphql(synced.server.url, MERGE, { ids }, await synced.server.bearer('steward'));
    expect(merged.errors).toBeUndefined();
    const survivor = merged.data!.mergeCustomers.id as string;
    const retired = ids.find((id) => id !== survivor)!;
    expect(survivor).toBe([...ids].sort()[0]);

    const changes = await readOn();
    expect(changes).toContainEqual({ customerId: retired, kind: 'MERGED', mergedInto: survivor, customer: expect.objectContaining({ id: survivor }) });
    expect(changes).toContainEqual(expect.objectContaining({ customerId: survivor, kind: 'UPDATED', mergedInto: null }));
    expect(changes.filter((change) => change.kind === 'MERGED')).toHaveLength(1);
  });

  it('has nothing further to report once the merge was read', async () => {
    expect(await readOn()).toEqual([]);
  });
});
