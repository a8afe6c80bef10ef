import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../src/store/turn-queue';

const later = <T>(ms: number, value: T, log: string[]): Promise<T> =>
  new Promise((resolve) => {
    log.push(`start ${String(value)}`);
    setTimeout(() => {
      log.push(`end ${String(value)}`);
      resolve(value);
    }, ms);
  });

describe('TurnQueue', () => {
  it('runs work under one key one at a time, in the order asked', async () => {
    const queue = new TurnQueue<object>();
    const key = {};
    const log: string[] = [];
    const results = await Promise.all([queue.run(key, () => later(30, 'a', log)), queue.run(key, () => later(1, 'b', log))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('goes on with the next work after one fails', async () => {
    const queue = new TurnQueue<object>();
    const key = {};
    const failed = queue.run(key, () => Promise.reject(new Error('failed')));
    await expect(failed).rejects.toThrow('failed');
    expect(await queue.run(key, async () => 'next')).toBe('next');
  });

  it('does not make work under different keys wait for each other', async () => {
    const queue = new TurnQueue<object>();
    const log: string[] = [];
    await Promise.all([queue.run({}, () => later(30, 'a', log)), queue.run({}, () => later(1, 'b', log))]);
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a']);
  });
});
