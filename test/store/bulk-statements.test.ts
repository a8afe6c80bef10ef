import { describe, expect, it } from 'vitest';
import { upsertRowsSql } from '../../src/store/dialect';
import { fixedChunks } from '../../src/store/statement-shapes';

describe('bulk statement shapes', () => {
  it('splits rows into full chunks, then powers of two, covering every row', () => {
    expect(fixedChunks(1000, 250)).toEqual([250, 250, 250, 250]);
    expect(fixedChunks(613, 250)).toEqual([250, 250, 64, 32, 16, 1]);
    expect(fixedChunks(0, 250)).toEqual([]);
  });

  it('keeps every batch size to a handful of statement shapes', () => {
    const shapes = new Set<number>();
    for (let total = 0; total <= 2000; total += 1) for (const size of fixedChunks(total, 250)) shapes.add(size);
    expect([...shapes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 250]);
  });

  it('writes an upsert per dialect that leaves the key columns alone', () => {
    expect(upsertRowsSql('sqlite', 't', ['k', 'v'], 2, ['k'], ['v'])).toBe('insert into t (k, v) values (?, ?), (?, ?) on conflict (k) do update set v = excluded.v');
    expect(upsertRowsSql('mysql', 't', ['k', 'v'], 1, ['k'], ['v'])).toBe('insert into t (k, v) values (?, ?) on duplicate key update v = values(v)');
  });
});
