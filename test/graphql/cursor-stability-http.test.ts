import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nowDbTime, toDbTime } from '../../src/store/dialect';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { startTestServer, type TestServer } from '../support/server';

const PAGE = `query($orderBy: CustomerOrder, $after: String) {
  customers(orderBy: $orderBy, first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
}`;
const NAMES = ['Adams', 'baker', 'Clark', 'davis', 'Evans', 'Adams'];

function customerRow(id: string, n: number): Record<string, unknown> {
  const familyName = NAMES[n % NAMES.length]!;
  const at = toDbTime(new Date(Date.UTC(2024, 0, 1, 0, 0, n % 10)));
  return {
    id,
    personal: JSON.stringify({ familyName, emails: [], phones: [] }),
    // Few distinct values, so ties are broken by id.
    lifetime_value: n % 4 === 0 ? null : String((n % 7) * 10.5),
    created_at: at,
    updated_at: at,
  };
}

describeEachDialect('cursors under concurrent writes', (dialect) => {
  let test: TestDatabase;
  let server: TestServer;
  let steward: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    await test.db.knex('customers').insert(Array.from({ length: 60 }, (_, n) => customerRow(`c${String(n).padStart(3, '0')}`, n)));
    server = await startTestServer(test.db);
    steward = await server.bearer('steward');
  });
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  /** Between pages, inserts three customers anywhere in the order and changes two others. */
  async function writeMeanwhile(touched: Set<string>, round: number): Promise<void> {
    const knex = test.db.knex;
    for (let i = 0; i < 3; i++) {
      const id = `${randomBytes(1)[0]! % 2 === 0 ? 'a' : 'z'}${randomBytes(6).toString('hex')}`;
      await knex('customers').insert(customerRow(id, round * 3 + i));
      touched.add(id);
    }
    const victims = await knex('customers').select('id').orderByRaw(dialect === 'mysql' ? 'rand()' : 'random()').limit(2);
    for (const { id } of victims) {
      await knex('customers').where({ id }).update({ personal: JSON.stringify({ familyName: 'Zulu', emails: [], phones: [] }), lifetime_value: '999', updated_at: nowDbTime() });
      touched.add(String(id));
    }
  }

  for (const orderBy of [{ field: 'ID' }, { field: 'UPDATED_AT', direction: 'DESC' }, { field: 'LIFETIME_VALUE', direction: 'DESC' }]) {
    it(`never skips or repeats an unchanged customer while walking by ${orderBy.field} ${orderBy.direction ?? 'ASC'}`, async () => {
      const before = new Set((await test.db.knex('customers').select('id')).map((row: { id: string }) => String(row.id)));
      const touched = new Set<string>();
      const seen: string[] = [];
      let after: string | null = null;
      for (let round = 0; round < 100; round++) {
        const page: any = await postGraphql(server.url, PAGE, { orderBy, after }, steward);
        expect(page.errors).toBeUndefined();
        seen.push(...page.data.customers.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!page.data.customers.pageInfo.hasNextPage) break;
        after = page.data.customers.pageInfo.endCursor;
        await writeMeanwhile(touched, round);
      }
      const unchanged = [...before].filter((id) => !touched.has(id));
      const counts = new Map<string, number>();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of unchanged) expect(counts.get(id) ?? 0, id).toBe(1);
      expect(touched.size).toBeGreaterThan(10);
    });
  }
});
