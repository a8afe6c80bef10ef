import { expect, it } from 'vitest';
import { SuppressionGate } from '../../src/access/suppression';
import { SuppressionRepository } from '../../src/store/suppression-repository';
import { describeEachDialect, useTestDatabase } from '../support/databases';

describeEachDialect('the suppression check a load writes under', (dialect) => {
  const test = useTestDatabase(dialect, []);
  const countAnErasure = () => test.db.knex.transaction((trx) => new SuppressionRepository(trx).advanceEpoch(trx));

  it('a recheck answers nothing while no erasure committed since the check was read', async () => {
    const gate = await SuppressionGate.open(test.db.knex);
    expect(await gate.recheck(test.db.knex)).toBeUndefined();
  });

  it('a recheck after an erasure answers a newer check and moves the gate to its count', async () => {
    const gate = await SuppressionGate.open(test.db.knex);
    const before = gate.epoch;
    await countAnErasure();
    expect(await gate.recheck(test.db.knex)).toBeDefined();
    expect(gate.epoch).toBe(before + 1);
    expect(await gate.recheck(test.db.knex)).toBeUndefined();
  });

  it('a batch taken before another batch’s recheck moved the gate still gets the newer check', async () => {
    const gate = await SuppressionGate.open(test.db.knex);
    const takenAt = gate.epoch;
    await countAnErasure();
    const first = await gate.recheck(test.db.knex);
    const later = await gate.recheck(test.db.knex, takenAt);
    expect(later).toBeDefined();
    expect(later).toBe(first);
  });
});
