import { describe, expect, it } from 'vitest';
import { RunKeys } from '../../src/pipeline/run-keys';

describe('keys seen in a run', () => {
  it('answers for every key stored, through growth, and for none other', () => {
    const keys = new RunKeys();
    for (let i = 0; i < 100_000; i += 1) keys.set(`key-${i}`, i % 1000);
    expect(keys.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 1) expect(keys.get(`key-${i}`)).toBe(i % 1000);
    for (let i = 100_000; i < 200_000; i += 1) expect(keys.has(`key-${i}`)).toBe(false);
  });

  it('replaces the value of a key set again without counting it twice', () => {
    const keys = new RunKeys();
    keys.set('u1', -1);
    keys.set('u1', 42);
    expect(keys.get('u1')).toBe(42);
    expect(keys.size).toBe(1);
  });

  it('tells apart keys that differ only in case, order or length', () => {
    const keys = new RunKeys();
    for (const key of ['ab', 'ba', 'AB', 'a', 'ab ', '王小明', '']) keys.set(key, key.length);
    expect(keys.size).toBe(7);
    expect(keys.get('王小明')).toBe(3);
    expect(keys.get('')).toBe(0);
  });

  it('gives the values of its keys that another set of keys lacks', () => {
    const stored = new RunKeys();
    const seen = new RunKeys();
    for (let i = 0; i < 5_000; i += 1) stored.set(`key-${i}`, i);
    for (let i = 0; i < 5_000; i += 1) if (i % 7 !== 0) seen.set(`key-${i}`, -1);
    seen.set('not-stored', -1);
    const expected = Array.from({ length: 5_000 }, (_, i) => i).filter((i) => i % 7 === 0);
    expect(stored.valuesOfKeysNotIn(seen).sort((a, b) => a - b)).toEqual(expected);
  });
});
