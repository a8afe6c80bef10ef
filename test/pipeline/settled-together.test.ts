import { describe, expect, it } from 'vitest';
import { settledTogether } from '../../src/pipeline/settled-together';

describe('settledTogether', () => {
  it('answers both results in order', async () => {
    expect(await settledTogether(Promise.resolve(1), Promise.resolve('two'))).toEqual([1, 'two']);
  });

  it('reports a failure only once the other promise has settled', async () => {
    let otherDone = false;
    const other = new Promise<void>((resolve) =>
      setTimeout(() => {
        otherDone = true;
        resolve();
      }, 20),
    );
    await expect(settledTogether(Promise.reject(new Error('first failed')), other)).rejects.toThrow('first failed');
    expect(otherDone).toBe(true);
  });

  it('reports the second failure when the first succeeded', async () => {
    await expect(settledTogether(Promise.resolve(1), Promise.reject(new Error('second failed')))).rejects.toThrow('second failed');
  });
});
