import { describe, expect, it } from 'vitest';
import { assignStableIds } from '../../src/pipeline/stable-ids';

function idFactory(): () => string {
  let n = 0;
  return () => `new${++n}`;
}

describe('stable customer ids', () => {
  it('gives a cluster with no previous customer a new id', () => {
    const result = assignStableIds([[1, 2]], new Map(), idFactory());
    expect(result.clusterIds).toEqual(['new1']);
  });

  it('keeps the id a cluster already had', () => {
    const result = assignStableIds([[1, 2, 3]], new Map([[1, 'A'], [2, 'A']]), idFactory());
    expect(result.clusterIds).toEqual(['A']);
    expect(result.retired.size).toBe(0);
  });

  it('keeps the older id when two customers merge and retires the other into it', () => {
    const result = assignStableIds([[1, 2]], new Map([[1, 'B'], [2, 'A']]), idFactory());
    expect(result.clusterIds).toEqual(['A']);
    expect([...result.retired]).toEqual([['B', 'A']]);
  });

  it('gives the smaller part of a split a new id, never a reused one', () => {
    const result = assignStableIds([[1], [2, 3]], new Map([[1, 'A'], [2, 'A'], [3, 'A']]), idFactory());
    expect(result.clusterIds).toEqual(['new1', 'A']);
  });

  it('hands out new ids in cluster order, whatever the cluster sizes, so that they ascend as the customers are written', () => {
    const result = assignStableIds([[1], [2, 3, 4], [5, 6], [7]], new Map([[5, 'A']]), idFactory());
    expect(result.clusterIds).toEqual(['new1', 'new2', 'A', 'new3']);
  });

  it('reports a customer whose records all vanished as orphaned', () => {
    const result = assignStableIds([[1]], new Map([[1, 'A'], [9, 'Z']]), idFactory());
    expect(result.orphaned).toEqual(['Z']);
  });
});
