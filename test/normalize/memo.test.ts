import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMemo, memoized } from '../../src/normalize/memo';

describe('BoundedMemo', () => {
  it('never holds more entries than its limit, whatever is put in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), (limit, keys) => {
        const memo = new BoundedMemo<string, number>(limit);
        for (const key of keys) {
          memo.set(key, key.length);
          if (memo.size > limit) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('returns what was set until it is cleared, then starts over', () => {
    const memo = new BoundedMemo<string, number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect([memo.get('a'), memo.get('b'), memo.size]).toEqual([1, 2, 2]);
    memo.set('c', 3);
    expect([memo.get('a'), memo.get('b'), memo.get('c'), memo.size]).toEqual([undefined, undefined, 3, 1]);
  });

  it('rejects a limit below one', () => {
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
  });
});

describe('memoized', () => {
  it('answers like the function itself, over repeats and clears, calling it once per key while cached', () => {
    let calls = 0;
    const slow = (s: string): string => {
      calls++;
      return s.toUpperCase() + s.length;
    };
    const fast = memoized(slow, 8);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'dd', 'ee', 'ff', 'g', 'h', 'i', 'jj', 'k', 'l'), { maxLength: 100 }), (keys) =>
        keys.every((key) => fast(key) === key.toUpperCase() + key.length),
      ),
      { numRuns: 200, seed: 5 },
    );
    calls = 0;
    const cached = memoized(slow, 8);
    for (let i = 0; i < 10; i++) cached('same');
    expect(calls).toBe(1);
  });
});
