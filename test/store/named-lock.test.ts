import { expect, it } from 'vitest';
import { holdNamedLock } from '../../src/store/dialect';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('a named lock across processes', (dialect) => {
  const test = useTestDatabase(dialect, []);

  it(dialect === 'mysql' ? 'makes a second holder wait, and tell it waits, until the first lets go' : 'is not taken on SQLite (one process holds the store)', async () => {
    const releaseFirst = await holdNamedLock(test.db.knex, 'test-lock-', () => undefined);
    let told = false;
    let second: (() => Promise<void>) | undefined;
    const secondTaking = holdNamedLock(test.db.knex, 'test-lock-', () => {
      told = true;
    }).then((release) => (second = release));
    await settle(200);
    expect({ told, taken: second !== undefined }).toEqual(dialect === 'mysql' ? { told: true, taken: false } : { told: false, taken: true });
    await releaseFirst();
    await secondTaking;
    expect(second).toBeDefined();
    await second?.();
  });

  it('can be taken again once released', async () => {
    const release = await holdNamedLock(test.db.knex, 'test-lock-', () => {
      throw new Error('nobody holds it');
    });
    await release();
    await (await holdNamedLock(test.db.knex, 'test-lock-', () => {
      throw new Error('nobody holds it');
    }))();
  });
});
