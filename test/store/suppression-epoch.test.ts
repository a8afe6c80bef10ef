import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SourceRepository } from '../../src/store/source-repository';
import { SuppressionRepository } from '../../src/store/suppression-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('the count of erasures that loads read', (dialect) => {
  const test = useTestDatabase(dialect, ['sources']);

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

  it('a load transaction waits for another process writing, instead of failing at its first write', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'support', 'hold-write-lock.ts'), JSON.stringify(test.db.target), '600']);
    const exited = new Promise<number | null>((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => String(chunk).includes('locked') && resolve());
      holder.on('exit', () => reject(new Error('the other process ended before it held its write')));
    });
    // Reads the count first, then writes: as every load transaction does.
    await test.db.knex.transaction(async (trx) => {
      await new SuppressionRepository(trx).epoch(trx);
      await new SourceRepository(trx).upsert({ name: 'loader', kind: 'csv', trust: 0 });
    });
    expect(await exited).toBe(0);
    const names = await test.db.knex('sources').orderBy('name').pluck('name');
    expect(names).toEqual(['loader', 'other-process']);
  });
});
