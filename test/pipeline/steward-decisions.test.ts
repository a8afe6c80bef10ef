import { beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import { mergeCustomers, overrideField, reviewMatch, splitSourceRecord } from '../../src/pipeline/steward-actions';
import { createRepositories } from '../../src/store/repositories';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { clustersByExternalId, csvProject, customerOfExternalId, emptyTables, generatedRows } from './steward-support';

const ROWS = [
  '1,Ann,Lee,ann@example.com,1990-01-01',
  '2,Ann,Lee,ann@example.com,1990-01-01',
  '3,Bob,Stone,bob@example.com,1985-05-05',
  '4,Zed,Quartermaine,zed@example.com,1970-07-07',
];
const steward = { actor: 'sam', role: 'steward' };

describeEachDialect('steward decisions', (dialect) => {
  // Tables are emptied by emptyTables, which knows every table resolution writes.
  const test = useTestDatabase(dialect, []);
  const logger = silentLogger();
  beforeEach(async () => emptyTables(test.db));

  it('keeps a merge through a re-sync with changed data, the older id surviving', async () => {
    const project = csvProject(ROWS);
    await runSync(test.db, project.config, logger);
    const ann = await customerOfExternalId(test.db, '1');
    const bob = await customerOfExternalId(test.db, '3');
    const survivor = await mergeCustomers(test.db, logger, steward, [bob, ann]);
    expect(survivor).toBe([ann, bob].sort()[0]);
    project.rewrite([...ROWS.slice(0, 2), '3,Bob,Stone,bob@example.org,1985-05-05', ROWS[3] as string]);
    await runSync(test.db, project.config, logger);
    expect(await clustersByExternalId(test.db)).toEqual([['1', '2', '3'], ['4']]);
    const retired = survivor === ann ? bob : ann;
    expect((await createRepositories(test.db.knex).customers.findLive(retired))?.id).toBe(survivor);
  });

  it('gives a split record a new id of its own that a re-sync keeps', async () => {
    const project = csvProject(ROWS);
    await runSync(test.db, project.config, logger);
    const ann = await customerOfExternalId(test.db, '1');
    const created = await splitSourceRecord(test.db, logger, steward, 'crm', '2');
    expect(created).not.toBe(ann);
    expect(await customerOfExternalId(test.db, '1')).toBe(ann);
    project.rewrite([ROWS[0] as string, '2,Anne,Lee,ann@example.com,1990-01-01', ...ROWS.slice(2)]);
    await runSync(test.db, project.config, logger);
    await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await customerOfExternalId(test.db, '2')).toBe(created);
    expect(await clustersByExternalId(test.db)).toEqual([['1'], ['2'], ['3'], ['4']]);
  });

  it('lets an override win survivorship in every later run, with lineage rule steward_override', async () => {
    const project = csvProject(ROWS);
    await runSync(test.db, project.config, logger);
    const ann = await customerOfExternalId(test.db, '1');
    await overrideField(test.db, logger, steward, ann, 'givenName', 'Annabel');
    project.rewrite([ROWS[0] as string, '2,Anna,Lee,ann@example.com,1990-01-01', ...ROWS.slice(2)]);
    await runSync(test.db, project.config, logger);
    await resolveCustomers(test.db, logger, { mode: 'full' });
    const repos = createRepositories(test.db.knex);
    expect((await repos.customers.findLive(ann))?.givenName).toBe('Annabel');
    const lineage = (await repos.resolution.lineageByCustomer([ann])).get(ann) ?? [];
    expect(lineage.find((row) => row.field === 'givenName')).toMatchObject({ sourceRecordId: null, rule: 'steward_override' });
    expect(lineage.find((row) => row.field === 'familyName')?.sourceRecordId).not.toBeNull();
  });

  it('remembers a review decision: a matched pair stays together after re-runs', async () => {
    const project = csvProject(ROWS);
    await runSync(test.db, project.config, logger);
    const repos = createRepositories(test.db.knex);
    const bob = await repos.sourceRecords.findByKey('crm', '3');
    const zed = await repos.sourceRecords.findByKey('crm', '4');
    await repos.matchReviews.addPending([{ recordA: bob!.id, recordB: zed!.id, score: 1.5, explanation: {} }]);
    const [review] = await repos.matchReviews.pageRows('pending', 10);
    await reviewMatch(test.db, logger, steward, review!.id, 'match');
    await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await clustersByExternalId(test.db)).toEqual([['1', '2'], ['3', '4']]);
    expect((await repos.matchReviews.get(review!.id))?.status).toBe('match');
    await repos.matchReviews.addPending([{ recordA: zed!.id, recordB: bob!.id, score: 1.5, explanation: {} }]);
    expect(await repos.matchReviews.count()).toBe(1);
    expect((await repos.matchReviews.get(review!.id))?.status).toBe('match');
  });

  it('writes every steward action to the audit log with actor and role', async () => {
    const project = csvProject(ROWS);
    await runSync(test.db, project.config, logger);
    const ann = await customerOfExternalId(test.db, '1');
    const bob = await customerOfExternalId(test.db, '3');
    await mergeCustomers(test.db, logger, steward, [ann, bob]);
    await splitSourceRecord(test.db, logger, steward, 'crm', '3');
    await overrideField(test.db, logger, steward, ann, 'country', 'nz');
    const entries = await createRepositories(test.db.knex).auditLog.list({ actor: 'sam' }, 10);
    expect(entries.map((entry) => entry.action).sort()).toEqual(['mergeCustomers', 'overrideField', 'splitSourceRecord']);
    expect(entries.every((entry) => entry.role === 'steward' && entry.customerIds.length > 0)).toBe(true);
  });

  it('resolves a sync incrementally once a model is stored, with the same clusters as a full run', async () => {
    const rows = generatedRows(120);
    const project = csvProject(rows.slice(0, 150));
    const first = await runSync(test.db, project.config, logger);
    expect(first.resolution).toMatchObject({ mode: 'full' });
    project.rewrite(rows);
    const second = await runSync(test.db, project.config, logger);
    expect(second.resolution).toMatchObject({ mode: 'incremental' });
    const incremental = await clustersByExternalId(test.db);
    expect(incremental.some((cluster) => cluster.length > 1)).toBe(true);
    const full = await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await clustersByExternalId(test.db)).toEqual(incremental);
    expect(full).toMatchObject({ mode: 'full', created: 0, updated: 0, retired: 0 });
  });
});
