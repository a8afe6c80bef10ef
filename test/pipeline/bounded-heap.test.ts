import { describe, expect, it } from 'vitest';
import { HeapGrowthBound, HEAP_GROWTH_PERCENT, heapGrowthBound } from '../../src/pipeline/bounded-heap';

function recorder(): { set: (percent: number) => void; calls: number[] } {
  const calls: number[] = [];
  return { set: (percent) => calls.push(percent), calls };
}

describe('heap growth bound during a sync', () => {
  it('bounds the growth while held and restores the default when released', () => {
    const v8 = recorder();
    const release = new HeapGrowthBound(v8.set).hold();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT]);
    release();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT, 0]);
  });

  it('keeps the bound until the last of overlapping syncs releases it', () => {
    const v8 = recorder();
    const bound = new HeapGrowthBound(v8.set);
    const first = bound.hold();
    const second = bound.hold();
    first();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT]);
    second();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT, 0]);
  });

  it('ignores a second release of the same hold', () => {
    const v8 = recorder();
    const bound = new HeapGrowthBound(v8.set);
    const first = bound.hold();
    const second = bound.hold();
    first();
    first();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT]);
    second();
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT, 0]);
  });

  it('releases the bound when work run during it fails', async () => {
    const v8 = recorder();
    const bound = new HeapGrowthBound(v8.set);
    await expect(bound.during(async () => Promise.reject(new Error('stopped')))).rejects.toThrow('stopped');
    expect(v8.calls).toEqual([HEAP_GROWTH_PERCENT, 0]);
  });

  it('sets the real V8 flag without error', () => {
    heapGrowthBound.hold()();
  });
});
