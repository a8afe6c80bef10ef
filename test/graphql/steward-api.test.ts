import { beforeAll, expect, it } from 'vitest';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { useSyncedServer } from '../support/synced-server';
import { csvProject, customerOfExternalId } from '../pipeline/steward-support';

const ROWS = [
  '1,Ann,Lee,ann@example.com,1990-01-01',
  '2,Ann,Lee,ann@example.com,1990-01-01',
  '3,Bob,Stone,bob@example.com,1985-05-05',
  '4,Zed,Quartermaine,zed@example.com,1970-07-07',
];

const MERGE = 'mutation($ids: [ID!]!) { mergeCustomers(ids: $ids) { id givenName } }';
const SPLIT = 'mutation($source: String!, $externalId: String!) { splitSourceRecord(source: $source, externalId: $externalId) { id } }';
const OVERRIDE = 'mutation($id: ID!, $field: OverridableField!, $value: String) { overrideField(customerId: $id, field: $field, value: $value) { id givenName lineage { field rule sourceRecordId } } }';
const EXPLAIN = `query($id: ID!) { customer(id: $id) { id
  lineage { field rule sourceRecordId source externalId }
  matchExplanation { left { source externalId } right { source externalId } score probability rule priorWeight comparisons { comparison level m u weight } } } }`;
const REVIEWS = `query($status: MatchReviewStatus, $first: Int, $after: String) { matchReviews(status: $status, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id status score comparisons { comparison weight } recordA { source externalId } recordB { externalId } customerA { id } customerB { id } } } } }`;
const REVIEW = 'mutation($id: ID!, $decision: ReviewDecision!) { reviewMatch(id: $id, decision: $decision) { id status decidedBy customerA { id } customerB { id } } }';

describeEachDialect('steward API over HTTP', (dialect) => {
  const synced = useSyncedServer(dialect, () => csvProject(ROWS).config);
  let steward: Record<string, string>;

  beforeAll(async () => {
    steward = await synced.server.bearer('steward');
  });

  it('shows lineage per golden field and the scored pairs that linked the records', async () => {
    const ann = await customerOfExternalId(synced.db, '1');
    const response = await postGraphql(synced.server.url, EXPLAIN, { id: ann }, steward);
    expect(response.errors).toBeUndefined();
    const customer = response.data.customer;
    expect(customer.lineage.find((row: { field: string }) => row.field === 'givenName')).toMatchObject({ source: 'crm', rule: expect.any(String) });
    expect(customer.matchExplanation).toHaveLength(1);
    const [pair] = customer.matchExplanation;
    expect([pair.left.externalId, pair.right.externalId].sort()).toEqual(['1', '2']);
    const byName = Object.fromEntries(pair.comparisons.map((c: { comparison: string; level: string }) => [c.comparison, c.level]));
    expect(byName).toMatchObject({ givenName: 'exact', familyName: 'exact', birthDate: 'exact' });
    const total = pair.priorWeight + pair.comparisons.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0);
    expect(total).toBeCloseTo(pair.score, 6);
  });

  it('refuses the steward API to support, analyst and service roles', async () => {
    for (const role of ['support', 'analyst', 'service']) {
      const headers = await synced.server.bearer(role);
      const merge = await postGraphql(synced.server.url, MERGE, { ids: ['a', 'b'] }, headers);
      expect(merge.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      const reviews = await postGraphql(synced.server.url, REVIEWS, {}, headers);
      expect(reviews.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      const ann = await customerOfExternalId(synced.db, '1');
      const explain = await postGraphql(synced.server.url, 'query($id: ID!) { customer(id: $id) { id lineage { field } } }', { id: ann }, headers);
      expect(explain.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
  });

  it('merges customers, keeps the older id, answers the retired id with the survivor and audits the merge', async () => {
    const ann = await customerOfExternalId(synced.db, '1');
    const bob = await customerOfExternalId(synced.db, '3');
    const response = await postGraphql(synced.server.url, MERGE, { ids: [ann, bob] }, steward);
    expect(response.errors).toBeUndefined();
    const survivor = [ann, bob].sort()[0];
    expect(response.data.mergeCustomers.id).toBe(survivor);
    const retired = survivor === ann ? bob : ann;
    const lookup = await postGraphql(synced.server.url, 'query($id: ID!) { customer(id: $id) { id } }', { id: retired }, steward);
    expect(lookup.data.customer.id).toBe(survivor);
    const [entry] = await createRepositories(synced.db.knex).auditLog.list({ action: 'mergeCustomers' }, 1);
    expect(entry).toMatchObject({ role: 'steward', customerIds: [ann, bob].sort() });
    expect(entry?.actor).toBeTruthy();
  });

  it('splits a record into a new customer and sets an override that lineage reports', async () => {
    const split = await postGraphql(synced.server.url, SPLIT, { source: 'crm', externalId: '3' }, steward);
    expect(split.errors).toBeUndefined();
    const bob = split.data.splitSourceRecord.id;
    expect(await customerOfExternalId(synced.db, '3')).toBe(bob);
    const override = await postGraphql(synced.server.url, OVERRIDE, { id: bob, field: 'GIVEN_NAME', value: 'Robert' }, steward);
    expect(override.errors).toBeUndefined();
    expect(override.data.overrideField.givenName).toBe('Robert');
    expect(override.data.overrideField.lineage).toContainEqual({ field: 'givenName', rule: 'steward_override', sourceRecordId: null });
    const bad = await postGraphql(synced.server.url, OVERRIDE, { id: bob, field: 'BIRTH_DATE', value: '5 May' }, steward);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const actions = (await createRepositories(synced.db.knex).auditLog.list({}, 10)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['splitSourceRecord', 'overrideField']));
  });

  it('pages the review queue with both records, their customers and weights, and remembers a decision', async () => {
    const repos = createRepositories(synced.db.knex);
    const ids = await Promise.all(['3', '4', '1'].map(async (externalId) => (await repos.sourceRecords.findByKey('crm', externalId))!.id));
    const comparisons = [{ comparison: 'givenName', level: 'null', levelIndex: 0, m: 0.1, u: 0.1, weight: 0 }];
    await repos.matchReviews.addPending([
      { recordA: ids[0]!, recordB: ids[1]!, score: 2, explanation: { probability: 0.8, comparisons } },
      { recordA: ids[1]!, recordB: ids[2]!, score: 1, explanation: { probability: 0.6, comparisons } },
    ]);
    const first = await postGraphql(synced.server.url, REVIEWS, { status: 'PENDING', first: 1 }, steward);
    expect(first.errors).toBeUndefined();
    expect(first.data.matchReviews.totalCount).toBe(2);
    expect(first.data.matchReviews.pageInfo.hasNextPage).toBe(true);
    const node = first.data.matchReviews.edges[0].node;
    expect(node).toMatchObject({ status: 'PENDING', recordA: { source: 'crm', externalId: '3' }, recordB: { externalId: '4' }, comparisons: [{ comparison: 'givenName', weight: 0 }] });
    expect(node.customerA.id).not.toBe(node.customerB.id);
    // A pair is stored smaller record id first, whichever way it was given.
    const second = await postGraphql(synced.server.url, REVIEWS, { status: 'PENDING', first: 1, after: first.data.matchReviews.pageInfo.endCursor }, steward);
    const next = second.data.matchReviews.edges[0].node;
    expect([next.recordA.externalId, next.recordB.externalId].sort()).toEqual(['1', '4']);

    const decided = await postGraphql(synced.server.url, REVIEW, { id: node.id, decision: 'MATCH' }, steward);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.reviewMatch.status).toBe('MATCH');
    expect(decided.data.reviewMatch.customerA.id).toBe(decided.data.reviewMatch.customerB.id);
    const pending = await postGraphql(synced.server.url, REVIEWS, { status: 'PENDING' }, steward);
    expect(pending.data.matchReviews.totalCount).toBe(1);
  });
});
