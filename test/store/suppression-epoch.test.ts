import { expect, it } from 'vitest';
import { SuppressionRepository } from '../../src/store/suppression-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('the count of erasures that loads read', (dialect) => {
  const test = useTestDatabase(dialect, []);

  it('an erasure counting itself waits for a load transaction that read the count, and the load sees the count it read', async () => {
    const repository = new SuppressionRepository(test.db.knex);
    const before = await repository.epoch();
    let releaseLoad: () => void = () => undefined;
    let loadRead = -1;
    const load = test.db.knex.transaction(async (trx) => {
      loadRead = await repository.epoch(trx);
      await new Promise<void>((resolve) => (releaseLoad = resolve));
    });
    while (loadRead === -1) await settle(10);
    let counted = false;
    const erasure = test.db.knex.transaction((trx) => repository.advanceEpoch(trx)).then(() => (counted = true));
    await settle(300);
    expect(counted).toBe(false);
    releaseLoad();
    await Promise.all([load, erasure]);
    expect(loadRead).toBe(before);
    expect(await repository.epoch()).toBe(before + 1);
  });

  it('a load transaction started while an erasure is counting reads the count once the erasure commits', async () => {
    const repository = new SuppressionRepository(test.db.knex);
    const before = await repository.epoch();
    let commitErasure: () => void = () => undefined;
    let erasing = false;
    const erasure = test.db.knex.transaction(async (trx) => {
      await repository.advanceEpoch(trx);
      erasing = true;
      await new Promise<void>((resolve) => (commitErasure = resolve));
    });
    while (!erasing) await settle(10);
    let loadRead = -1;
    const load = test.db.knex.transaction(async (trx) => {
      loadRead = await repository.epoch(trx);
    });
    await settle(300);
    expect(loadRead).toBe(-1);
    commitErasure();
    await Promise.all([erasure, load]);
    expect(loadRead).toBe(before + 1);
  });
});
