import { beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { resolveCustomers } from '../../src/pipeline/resolve-customers';
import { runSync } from '../../src/pipeline/run-sync';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { clustersByExternalId, csvProject, emptyTables, generatedRows } from './steward-support';

/** Some rows changed in place: a new email (joins or leaves a block), a typo in a name. */
function edited(rows: readonly string[]): string[] {
  return rows.map((row, i) => {
    if (i % 17 !== 5) return row;
    const [id, first, last, email, dob] = row.split(',');
    return i % 2 === 0 ? `${id},${first},${last},changed.${id}@example.com,${dob}` : `${id},${first}x,${last},${email},${dob}`;
  });
}

describeEachDialect('incremental resolution from stored block keys', (dialect) => {
  // Tables are emptied by emptyTables, which knows every table resolution writes.
  const test = useTestDatabase(dialect, []);
  const logger = silentLogger();
  beforeEach(async () => emptyTables(test.db));

  it('reads only the records the changes can reach, with the same clusters as a full run', async () => {
    const rows = generatedRows(150);
    const project = csvProject(rows.slice(0, 200));
    await runSync(test.db, project.config, logger);
    project.rewrite(edited(rows));
    const second = await runSync(test.db, project.config, logger);
    expect(second.resolution).toMatchObject({ mode: 'incremental' });
    const active = await test.db.knex('source_records').where({ status: 'active' }).count({ n: '*' }).first();
    expect(second.resolution?.recordsRead).toBeLessThan(Number(active?.n));
    const incremental = await clustersByExternalId(test.db);
    const full = await resolveCustomers(test.db, logger, { mode: 'full' });
    expect(await clustersByExternalId(test.db)).toEqual(incremental);
    expect(full).toMatchObject({ created: 0, updated: 0, retired: 0 });
  });

  it('leaves a block unused that is too large among all records although only part of it is read', async () => {
    // Four people share one email: with blocks of at most 3 records it pairs no one.
    const shared = ['901,Zed,Quartermaine,shared@example.com,1970-07-07', '902,Bob,Stone,shared@example.com,1985-05-05', '903,Cy,Young,shared@example.com,1960-02-02', '904,Di,Moss,shared@example.com,1955-03-03'];
    const base = [...generatedRows(20), ...shared];
    const project = csvProject(base, { matching: { blocking: { maxBlockSize: 3 } } });
    await runSync(test.db, project.config, logger);
    // Two new records meet only through that email; the increment reads both, and no more of the block.
    project.rewrite([...base, '905,Ann,Lee,shared@example.com,1990-01-01', '906,Ann,Lees,shared@example.com,']);
    const second = await runSync(test.db, project.config, logger);
    expect(second.resolution).toMatchObject({ mode: 'incremental' });
    const incremental = await clustersByExternalId(test.db);
    expect(incremental).toContainEqual(['905']);
    await resolveCustomers(test.db, logger, { mode: 'full', config: project.config.matching });
    expect(await clustersByExternalId(test.db)).toEqual(incremental);
  });

  it('resolves fully when the blocking keys changed since the keys were stored', async () => {
    const rows = generatedRows(60);
    const project = csvProject(rows.slice(0, 50));
    await runSync(test.db, project.config, logger);
    const changed = csvProject(rows, { matching: { blocking: { keys: ['email', 'birthDateInitial'] } } });
    const second = await runSync(test.db, changed.config, logger);
    expect(second.resolution).toMatchObject({ mode: 'full' });
  });
});
