import { beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging';
import { runSync } from '../../src/pipeline/run-sync';
import { mergeCustomers, splitSourceRecord } from '../../src/pipeline/steward-actions';
import { describeEachDialect, useTestDatabase } from '../support/databases';
import { clustersByExternalId, csvProject, customerOfExternalId, emptyTables } from './steward-support';

const ROWS = ['1,Ann,Lee,ann@example.com,1990-01-01', '2,Ann,Lee,ann@example.com,1990-01-01', '3,Bob,Stone,bob@example.com,1985-05-05'];
/** Blocking on phones only: these rows have none, so no pair is ever compared. */
const PHONE_BLOCKING_ONLY = { matching: { blocking: { keys: ['phone'] } } };
const steward = { actor: 'sam', role: 'steward' };

describeEachDialect('matching settings from the project config', (dialect) => {
  const test = useTestDatabase(dialect, []);
  const logger = silentLogger();
  beforeEach(async () => emptyTables(test.db));

  it('merges records sharing an email with the default settings', async () => {
    await runSync(test.db, csvProject(ROWS).config, logger);
    expect(await clustersByExternalId(test.db)).toEqual([['1', '2'], ['3']]);
  });

  it('uses the blocking keys of the config file in a sync', async () => {
    await runSync(test.db, csvProject(ROWS, PHONE_BLOCKING_ONLY).config, logger);
    expect(await clustersByExternalId(test.db)).toEqual([['1'], ['2'], ['3']]);
  });

  it('re-resolves a steward decision with the same settings', async () => {
    const project = csvProject(ROWS, PHONE_BLOCKING_ONLY);
    await runSync(test.db, project.config, logger);
    await mergeCustomers(test.db, logger, steward, [await customerOfExternalId(test.db, '1'), await customerOfExternalId(test.db, '3')], project.config.matching);
    await splitSourceRecord(test.db, logger, steward, 'crm', '3', project.config.matching);
    // With the default settings this re-resolution would have merged 1 and 2 by their email.
    expect(await clustersByExternalId(test.db)).toEqual([['1'], ['2'], ['3']]);
  });
});
